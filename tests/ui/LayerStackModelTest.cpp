#include "LayerCommands.h"
#include "LayerStackModel.h"
#include "NetworkDocument.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

namespace {

using namespace mlps;
using namespace mlps::ui;

using Layers = std::vector<LayerSpec>;

const DenseSpec kA{128, Activation::Relu, 0.0f};
const DropoutSpec kB{0.2f};
const DenseSpec kC{64, Activation::Tanh, 0.001f};
const DenseSpec kD{32, Activation::Sigmoid, 0.0f};

// Input and Output are not rows: the model's rows are the hidden layers only.
class LayerStackModelTest : public ::testing::Test {
protected:
    void setLayers(const Layers& layers)
    {
        NetworkSpec network = document.network();
        network.hidden = layers;
        document.reset(network, document.training());
    }

    const Layers& layers() const { return document.network().hidden; }

    bool dropFromPalette(const LayerSpec& layer, int row, Qt::DropAction action = Qt::CopyAction)
    {
        const std::unique_ptr<QMimeData> data(LayerStackModel::paletteMimeData(layer));
        return model.dropMimeData(data.get(), action, row, 0, {});
    }

    bool dragRows(const QList<int>& rows, int destination)
    {
        QModelIndexList indexes;
        for (int row : rows)
            indexes.append(model.index(row));
        const std::unique_ptr<QMimeData> data(model.mimeData(indexes));
        if (!data)
            return false;
        return model.dropMimeData(data.get(), Qt::MoveAction, destination, 0, {});
    }

    QUndoStack* undo() const { return document.undoStack(); }

    NetworkDocument document;
    LayerStackModel model{&document};
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(LayerStackModelTest, RowsAreTheHiddenLayersOnly)
{
    EXPECT_EQ(model.rowCount(), 0); // a fresh document has no hidden layer; Input and Output are not rows
    setLayers({kA, kB});
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.data(model.index(0), LayerStackModel::TypeRole).toString(), QStringLiteral("Dense"));
    EXPECT_EQ(model.data(model.index(1), LayerStackModel::TypeRole).toString(), QStringLiteral("Dropout"));
    EXPECT_EQ(undo()->count(), 0); // reset() is not undoable
}

TEST_F(LayerStackModelTest, PaletteDropsInsertAtStartMiddleAndEnd)
{
    ASSERT_TRUE(dropFromPalette(kA, 0)); // into the empty stack
    EXPECT_EQ(layers(), (Layers{kA}));
    ASSERT_TRUE(dropFromPalette(kC, 1)); // at the end
    EXPECT_EQ(layers(), (Layers{kA, kC}));
    ASSERT_TRUE(dropFromPalette(kB, 1)); // in the middle
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    ASSERT_TRUE(dropFromPalette(kD, 0)); // at the start
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC}));
    ASSERT_TRUE(dropFromPalette(kB, -1)); // below the last row
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC, kB}));
    EXPECT_TRUE(model.lastError().isEmpty());

    ASSERT_EQ(undo()->count(), 5);
    EXPECT_EQ(undo()->text(0), QStringLiteral("Add Dense layer"));
    EXPECT_EQ(undo()->text(2), QStringLiteral("Add Dropout layer"));

    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA}));
    undo()->undo();
    EXPECT_EQ(layers(), Layers{});

    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kA}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kA, kC}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC, kB}));
}

TEST_F(LayerStackModelTest, PaletteDataCarriesTheLayerExactly)
{
    const LayerSpec dense = DenseSpec{37, Activation::Elu, 0.0003f};
    const LayerSpec dropout = DropoutSpec{0.1f};
    const std::unique_ptr<QMimeData> denseData(LayerStackModel::paletteMimeData(dense));
    const std::unique_ptr<QMimeData> dropoutData(LayerStackModel::paletteMimeData(dropout));
    EXPECT_TRUE(denseData->hasFormat(QString::fromLatin1(LayerStackModel::kPaletteMimeType)));
    EXPECT_EQ(LayerStackModel::paletteLayer(denseData.get()), dense);
    EXPECT_EQ(LayerStackModel::paletteLayer(dropoutData.get()), dropout);
    ASSERT_TRUE(dropFromPalette(dense, 0));
    EXPECT_EQ(layers(), (Layers{dense}));
}

TEST_F(LayerStackModelTest, DraggingRowsMovesThem)
{
    setLayers({kA, kB, kC, kD});

    ASSERT_TRUE(dragRows({0}, 3)); // down: dropped above the 4th row
    EXPECT_EQ(layers(), (Layers{kB, kC, kA, kD}));
    EXPECT_EQ(undo()->text(0), QStringLiteral("Move layer"));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kB, kC, kA, kD}));
    undo()->undo();

    ASSERT_TRUE(dragRows({3}, 0)); // up, to the top
    EXPECT_EQ(layers(), (Layers{kD, kA, kB, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));

    ASSERT_TRUE(dragRows({1}, -1)); // below the last row
    EXPECT_EQ(layers(), (Layers{kA, kC, kD, kB}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));

    ASSERT_TRUE(dragRows({2}, 4)); // to the end, one row down
    EXPECT_EQ(layers(), (Layers{kA, kB, kD, kC}));
    undo()->undo();

    EXPECT_EQ(undo()->index(), 0);
}

TEST_F(LayerStackModelTest, DraggingSeveralRowsIsOneStep)
{
    setLayers({kA, kB, kC, kD});

    ASSERT_TRUE(dragRows({2, 0}, 4)); // in their order, whatever order they were selected in
    EXPECT_EQ(layers(), (Layers{kB, kD, kA, kC}));
    ASSERT_EQ(undo()->count(), 1);
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kB, kD, kA, kC}));
    undo()->undo();

    ASSERT_TRUE(dragRows({0, 3}, 2)); // one from above the drop point, one from below
    EXPECT_EQ(layers(), (Layers{kB, kA, kD, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));
}

TEST_F(LayerStackModelTest, DroppingRowsWhereTheyAreChangesNothing)
{
    setLayers({kA, kB, kC});
    EXPECT_TRUE(dragRows({1}, 1));
    EXPECT_TRUE(dragRows({1}, 2));
    EXPECT_TRUE(dragRows({0, 1}, 0));
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    EXPECT_EQ(undo()->count(), 0);
}

TEST_F(LayerStackModelTest, MoveRowsIsAnUndoableMove)
{
    setLayers({kA, kB, kC, kD});
    ASSERT_TRUE(model.moveRows({}, 0, 1, {}, 3));
    EXPECT_EQ(layers(), (Layers{kB, kC, kA, kD}));
    ASSERT_TRUE(model.moveRows({}, 2, 2, {}, 0));
    EXPECT_EQ(layers(), (Layers{kA, kD, kB, kC}));
    EXPECT_FALSE(model.moveRows({}, 1, 1, {}, 2)); // onto itself
    EXPECT_FALSE(model.lastError().isEmpty());
    EXPECT_FALSE(model.moveRows({}, 3, 2, {}, 0)); // past the end
    undo()->undo();
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC, kD}));
}

TEST_F(LayerStackModelTest, RefusesImpossibleDrops)
{
    setLayers({kA, kB});
    const std::unique_ptr<QMimeData> palette(LayerStackModel::paletteMimeData(kC));

    // Onto a layer rather than between two.
    EXPECT_FALSE(model.canDropMimeData(palette.get(), Qt::CopyAction, -1, 0, model.index(0)));
    EXPECT_FALSE(model.dropMimeData(palette.get(), Qt::CopyAction, -1, 0, model.index(0)));
    EXPECT_FALSE(model.lastError().isEmpty());
    // Beyond the end.
    EXPECT_FALSE(model.dropMimeData(palette.get(), Qt::CopyAction, 3, 0, {}));
    // A palette layer is copied, never moved.
    EXPECT_FALSE(model.dropMimeData(palette.get(), Qt::MoveAction, 0, 0, {}));

    // A palette layer that is not a valid layer.
    QMimeData broken;
    broken.setData(QString::fromLatin1(LayerStackModel::kPaletteMimeType),
                   QByteArrayLiteral(R"({"type":"Dense","units":0,"activation":"relu","l2":0})"));
    EXPECT_FALSE(model.canDropMimeData(&broken, Qt::CopyAction, 0, 0, {}));
    EXPECT_FALSE(model.dropMimeData(&broken, Qt::CopyAction, 0, 0, {}));
    QMimeData garbage;
    garbage.setData(QString::fromLatin1(LayerStackModel::kPaletteMimeType), QByteArrayLiteral("not json"));
    EXPECT_FALSE(model.dropMimeData(&garbage, Qt::CopyAction, 0, 0, {}));

    // Something that is no layer at all.
    QMimeData text;
    text.setText(QStringLiteral("Dense 128"));
    EXPECT_FALSE(model.dropMimeData(&text, Qt::CopyAction, 0, 0, {}));

    // Rows of another document's stack.
    NetworkDocument other;
    LayerStackModel otherModel(&other);
    NetworkSpec network = other.network();
    network.hidden = {kD};
    other.reset(network, other.training());
    const std::unique_ptr<QMimeData> foreign(otherModel.mimeData({otherModel.index(0)}));
    EXPECT_FALSE(model.canDropMimeData(foreign.get(), Qt::MoveAction, 0, 0, {}));
    EXPECT_FALSE(model.dropMimeData(foreign.get(), Qt::MoveAction, 0, 0, {}));
    EXPECT_FALSE(model.lastError().isEmpty());

    // Own rows are moved, never copied.
    const std::unique_ptr<QMimeData> own(model.mimeData({model.index(0)}));
    EXPECT_FALSE(model.dropMimeData(own.get(), Qt::CopyAction, 2, 0, {}));

    EXPECT_EQ(layers(), (Layers{kA, kB}));
    EXPECT_EQ(other.network().hidden, (Layers{kD}));
    EXPECT_EQ(undo()->count(), 0);

    EXPECT_TRUE(model.canDropMimeData(palette.get(), Qt::CopyAction, 1, 0, {}));
    EXPECT_TRUE(model.canDropMimeData(own.get(), Qt::MoveAction, 2, 0, {}));
}

TEST_F(LayerStackModelTest, RemoveLayerCommandRemovesAndUndoRestores)
{
    setLayers({kA, kB, kC});
    undo()->push(new RemoveLayerCommand(&document, 1));
    EXPECT_EQ(layers(), (Layers{kA, kC}));
    EXPECT_EQ(undo()->text(0), QStringLiteral("Remove Dropout layer"));
    undo()->push(new RemoveLayerCommand(&document, 1));
    EXPECT_EQ(layers(), (Layers{kA}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kC}));
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    undo()->redo();
    undo()->redo();
    EXPECT_EQ(layers(), (Layers{kA}));
}

TEST_F(LayerStackModelTest, EditsGoThroughTheUndoStack)
{
    setLayers({kA, kB});
    const QModelIndex dense = model.index(0);
    const QModelIndex dropout = model.index(1);

    EXPECT_TRUE(model.setData(dense, 256, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.setData(dense, QStringLiteral("tanh"), LayerStackModel::ActivationRole));
    EXPECT_TRUE(model.setData(dense, 0.001, LayerStackModel::L2Role));
    EXPECT_TRUE(model.setData(dropout, 0.3, LayerStackModel::DropoutRateRole));
    EXPECT_EQ(layers(), (Layers{DenseSpec{256, Activation::Tanh, 0.001f}, DropoutSpec{0.3f}}));
    ASSERT_EQ(undo()->count(), 4);
    EXPECT_EQ(undo()->text(0), QStringLiteral("Change units"));
    EXPECT_EQ(undo()->text(1), QStringLiteral("Change activation"));
    EXPECT_EQ(undo()->text(2), QStringLiteral("Change L2"));
    EXPECT_EQ(undo()->text(3), QStringLiteral("Change dropout rate"));

    // Qt::EditRole is the main number: units, or the dropout rate; text is read too.
    EXPECT_TRUE(model.setData(dense, QStringLiteral("100"), Qt::EditRole));
    EXPECT_TRUE(model.setData(dropout, 0.4, Qt::EditRole));
    EXPECT_EQ(layers(), (Layers{DenseSpec{100, Activation::Tanh, 0.001f}, DropoutSpec{0.4f}}));
    EXPECT_EQ(model.data(dense, Qt::EditRole).toInt(), 100);

    // Setting a value a layer already has records nothing.
    const int steps = undo()->count();
    EXPECT_TRUE(model.setData(dense, 100, LayerStackModel::UnitsRole));
    EXPECT_EQ(undo()->count(), steps);

    while (undo()->canUndo())
        undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB}));
}

TEST_F(LayerStackModelTest, RefusesImpossibleValuesWithAReasonAndChangesNothing)
{
    setLayers({kA, kB});
    const QModelIndex dense = model.index(0);
    const QModelIndex dropout = model.index(1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();

    struct Case {
        QModelIndex index;
        int role;
        QVariant value;
    };
    const std::vector<Case> cases{
        {dense, LayerStackModel::UnitsRole, 0},
        {dense, LayerStackModel::UnitsRole, -5},
        {dense, LayerStackModel::UnitsRole, 100001},
        {dense, LayerStackModel::UnitsRole, 12.5}, // never rounded
        {dense, LayerStackModel::UnitsRole, nan},
        {dense, LayerStackModel::UnitsRole, QStringLiteral("many")},
        {dense, LayerStackModel::UnitsRole, QVariant()},
        {dense, LayerStackModel::UnitsRole, true},
        {dense, Qt::EditRole, 0},
        {dense, LayerStackModel::L2Role, -0.001},
        {dense, LayerStackModel::L2Role, nan},
        {dense, LayerStackModel::L2Role, inf},
        {dense, LayerStackModel::L2Role, 1e300}, // would be infinite in single precision
        {dense, LayerStackModel::L2Role, 1e-50}, // would be 0 in single precision
        {dense, LayerStackModel::L2Role, QStringLiteral("small")},
        {dense, LayerStackModel::ActivationRole, QStringLiteral("swish")},
        {dense, LayerStackModel::ActivationRole, QString()},
        {dense, LayerStackModel::DropoutRateRole, 0.1}, // a dense layer has no rate
        {dropout, LayerStackModel::DropoutRateRole, 1.0},
        {dropout, LayerStackModel::DropoutRateRole, 1.5},
        {dropout, LayerStackModel::DropoutRateRole, -0.1},
        {dropout, LayerStackModel::DropoutRateRole, 0.99999999}, // rounds to 1 in single precision
        {dropout, LayerStackModel::DropoutRateRole, nan},
        {dropout, Qt::EditRole, 1.0},
        {dropout, LayerStackModel::UnitsRole, 64}, // a dropout layer has no units
        {dropout, LayerStackModel::ActivationRole, QStringLiteral("relu")},
        {dropout, LayerStackModel::L2Role, 0.01},
        {dense, LayerStackModel::TypeRole, QStringLiteral("Dropout")},
        {dense, LayerStackModel::ParameterCountRole, 3},
        {dense, Qt::DisplayRole, QStringLiteral("Dense 3")},
        {QModelIndex(), LayerStackModel::UnitsRole, 64},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(testing::Message() << "case " << i << ": " << cases[i].value.toString().toStdString());
        EXPECT_FALSE(model.setData(cases[i].index, cases[i].value, cases[i].role));
        EXPECT_FALSE(model.lastError().isEmpty());
        EXPECT_EQ(layers(), (Layers{kA, kB}));
        EXPECT_EQ(undo()->count(), 0);
    }

    // The limits themselves are fine, and a success clears the reason.
    EXPECT_TRUE(model.setData(dense, 100000, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.lastError().isEmpty());
    EXPECT_TRUE(model.setData(dense, 1, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.setData(dense, 0.0, LayerStackModel::L2Role));
    EXPECT_TRUE(model.setData(dropout, 0.0, LayerStackModel::DropoutRateRole));
    EXPECT_TRUE(model.setData(dropout, 0.999, LayerStackModel::DropoutRateRole));
    EXPECT_TRUE(model.setData(dense, QStringLiteral("leaky_relu"), LayerStackModel::ActivationRole));
    EXPECT_EQ(layers(), (Layers{DenseSpec{1, Activation::LeakyRelu, 0.0f}, DropoutSpec{0.999f}}));
}

TEST_F(LayerStackModelTest, TheReasonNamesTheProblem)
{
    setLayers({kA, kB});
    EXPECT_FALSE(model.setData(model.index(0), 12.5, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.lastError().contains(QStringLiteral("12.5"))) << model.lastError().toStdString();
    EXPECT_FALSE(model.setData(model.index(1), 1.0, LayerStackModel::DropoutRateRole));
    EXPECT_TRUE(model.lastError().contains(QStringLiteral("below 1"))) << model.lastError().toStdString();
    EXPECT_FALSE(model.setData(model.index(0), QStringLiteral("swish"), LayerStackModel::ActivationRole));
    EXPECT_TRUE(model.lastError().contains(QStringLiteral("swish"))) << model.lastError().toStdString();
    EXPECT_TRUE(model.lastError().contains(QStringLiteral("relu"))) << model.lastError().toStdString();
}

TEST_F(LayerStackModelTest, RepeatedEditsOfTheSameFieldMerge)
{
    setLayers({kA, kB, kC});
    const QModelIndex first = model.index(0);

    EXPECT_TRUE(model.setData(first, 64, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.setData(first, 32, LayerStackModel::UnitsRole));
    EXPECT_EQ(undo()->count(), 1); // two unit edits, one undo step
    EXPECT_EQ(std::get<DenseSpec>(layers()[0]).units, 32);
    undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
    undo()->redo();
    EXPECT_EQ(std::get<DenseSpec>(layers()[0]).units, 32);

    // Another field, or another layer, is another step.
    EXPECT_TRUE(model.setData(first, QStringLiteral("elu"), LayerStackModel::ActivationRole));
    EXPECT_EQ(undo()->count(), 2);
    EXPECT_TRUE(model.setData(model.index(2), 16, LayerStackModel::UnitsRole));
    EXPECT_EQ(undo()->count(), 3);
    EXPECT_TRUE(model.setData(first, 8, LayerStackModel::UnitsRole));
    EXPECT_EQ(undo()->count(), 4);

    while (undo()->canUndo())
        undo()->undo();
    EXPECT_EQ(layers(), (Layers{kA, kB, kC}));
}

TEST_F(LayerStackModelTest, EditsThatEndWhereTheyStartedLeaveNoStep)
{
    setLayers({kA});
    EXPECT_TRUE(model.setData(model.index(0), 64, LayerStackModel::UnitsRole));
    EXPECT_TRUE(model.setData(model.index(0), 128, LayerStackModel::UnitsRole));
    EXPECT_EQ(layers(), (Layers{kA}));
    EXPECT_EQ(undo()->count(), 0);
}

TEST_F(LayerStackModelTest, RolesDescribeEachLayer)
{
    setLayers({DenseSpec{128, Activation::Relu, 0.001f}, DropoutSpec{0.1f}, DenseSpec{256, Activation::Relu, 0.0f}});
    const QModelIndex dense = model.index(0);
    const QModelIndex dropout = model.index(1);
    const QModelIndex second = model.index(2);

    EXPECT_EQ(model.data(dense, LayerStackModel::TypeRole).toString(), QStringLiteral("Dense"));
    EXPECT_EQ(model.data(dense, LayerStackModel::UnitsRole).toInt(), 128);
    EXPECT_EQ(model.data(dense, LayerStackModel::ActivationRole).toString(), QStringLiteral("relu"));
    EXPECT_EQ(model.data(dense, LayerStackModel::L2Role).toDouble(), double(0.001f));
    EXPECT_FALSE(model.data(dense, LayerStackModel::DropoutRateRole).isValid());
    EXPECT_EQ(model.data(dense, LayerStackModel::OutputSizeRole).toInt(), 128);
    EXPECT_EQ(model.data(dense, LayerStackModel::ParameterCountRole).toLongLong(), 784 * 128 + 128);
    EXPECT_EQ(model.data(dense, LayerStackModel::DisplayTextRole).toString(),
              QStringLiteral("Dense 128, relu, L2 0.001"));
    EXPECT_EQ(model.data(dense, Qt::DisplayRole).toString(), QStringLiteral("Dense 128, relu, L2 0.001"));

    EXPECT_EQ(model.data(dropout, LayerStackModel::TypeRole).toString(), QStringLiteral("Dropout"));
    EXPECT_EQ(model.data(dropout, LayerStackModel::DropoutRateRole).toDouble(), double(0.1f));
    EXPECT_FALSE(model.data(dropout, LayerStackModel::UnitsRole).isValid());
    EXPECT_FALSE(model.data(dropout, LayerStackModel::ActivationRole).isValid());
    EXPECT_EQ(model.data(dropout, LayerStackModel::OutputSizeRole).toInt(), 128);
    EXPECT_EQ(model.data(dropout, LayerStackModel::ParameterCountRole).toLongLong(), 0);
    EXPECT_EQ(model.data(dropout, Qt::DisplayRole).toString(), QStringLiteral("Dropout 0.1"));

    EXPECT_EQ(model.data(second, LayerStackModel::ParameterCountRole).toLongLong(), 128 * 256 + 256);
    EXPECT_EQ(model.data(second, Qt::DisplayRole).toString(), QStringLiteral("Dense 256, relu"));

    EXPECT_TRUE(model.roleNames().value(LayerStackModel::ParameterCountRole) == QByteArrayLiteral("parameterCount"));
}

TEST_F(LayerStackModelTest, FlagsAllowDragsAndDropsBetweenRows)
{
    setLayers({kA, kB});
    const Qt::ItemFlags flags = model.flags(model.index(0));
    EXPECT_TRUE(flags & Qt::ItemIsDragEnabled);
    EXPECT_TRUE(flags & Qt::ItemIsEditable);
    EXPECT_TRUE(flags & Qt::ItemIsSelectable);
    EXPECT_FALSE(flags & Qt::ItemIsDropEnabled); // never onto a layer
    EXPECT_TRUE(model.flags({}) & Qt::ItemIsDropEnabled);

    EXPECT_EQ(model.mimeTypes(),
              (QStringList{QString::fromLatin1(LayerStackModel::kRowsMimeType),
                           QString::fromLatin1(LayerStackModel::kPaletteMimeType)}));
    EXPECT_EQ(model.supportedDropActions(), Qt::MoveAction | Qt::CopyAction);
    EXPECT_EQ(model.supportedDragActions(), Qt::DropActions(Qt::MoveAction));
    const std::unique_ptr<QMimeData> rows(model.mimeData({model.index(1)}));
    ASSERT_TRUE(rows);
    EXPECT_TRUE(rows->hasFormat(QString::fromLatin1(LayerStackModel::kRowsMimeType)));
}

TEST_F(LayerStackModelTest, SizesFollowEarlierLayersAndTheData)
{
    setLayers({kA, kB, kC});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    EXPECT_TRUE(model.setData(model.index(0), 10, LayerStackModel::UnitsRole));
    EXPECT_FALSE(changed.isEmpty());
    EXPECT_EQ(model.data(model.index(1), LayerStackModel::OutputSizeRole).toInt(), 10);
    EXPECT_EQ(model.data(model.index(2), LayerStackModel::ParameterCountRole).toLongLong(), 10 * 64 + 64);

    changed.clear();
    ASSERT_TRUE(document.setDataShape(100, 5, 10, 10));
    EXPECT_FALSE(changed.isEmpty());
    EXPECT_EQ(model.data(model.index(0), LayerStackModel::ParameterCountRole).toLongLong(), 100 * 10 + 10);
    EXPECT_EQ(document.network().classes, 5);
    EXPECT_EQ(document.training().augment.width, 10);
    EXPECT_EQ(undo()->count(), 1); // the data's shape is not an undo step
}

TEST_F(LayerStackModelTest, DocumentRefusesAnImpossibleDataShape)
{
    const NetworkSpec before = document.network();
    EXPECT_FALSE(document.setDataShape(0, 10, 0, 0));
    EXPECT_FALSE(document.setDataShape(784, 1, 28, 28));
    EXPECT_FALSE(document.setDataShape(784, 10, 28, 27));
    EXPECT_FALSE(document.setDataShape(784, 10, 28, 0));
    EXPECT_EQ(document.network(), before);
    EXPECT_TRUE(document.setDataShape(20, 3, 0, 0)); // not images
    EXPECT_EQ(document.imageWidth(), 0);
    EXPECT_EQ(document.training().augment.height, 0);
}

} // namespace
