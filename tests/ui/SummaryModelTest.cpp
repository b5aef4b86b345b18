#include "LayerCommands.h"
#include "NetworkDocument.h"
#include "Presets.h"
#include "SummaryModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace {

using namespace mlps;
using namespace mlps::ui;

class SummaryModelTest : public ::testing::Test {
protected:
    void applyPreset(const char* id)
    {
        const Preset preset = Presets::find(document, QString::fromLatin1(id));
        ASSERT_FALSE(preset.id.isEmpty());
        Presets::apply(&document, preset);
    }

    QVariant value(int row, int column) const { return model.data(model.index(row, column), SummaryModel::ValueRole); }
    QString text(int row, int column) const { return model.data(model.index(row, column)).toString(); }

    double shareSum() const
    {
        double sum = 0.0;
        for (int row = 0; row < model.totalRow(); ++row)
            sum += value(row, SummaryModel::ShareColumn).toDouble();
        return sum;
    }

    NetworkDocument document;
    SummaryModel model{&document};
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(SummaryModelTest, LabNetworkHas175306Parameters)
{
    applyPreset(Presets::kLabNetwork);
    EXPECT_EQ(model.totalParameters(), 175306);
    // Input, four Dense, Output, Total.
    ASSERT_EQ(model.rowCount(), 7);
    ASSERT_EQ(model.columnCount(), 5);
    EXPECT_EQ(model.totalRow(), 6);

    EXPECT_EQ(text(0, SummaryModel::LayerColumn), QStringLiteral("input"));
    EXPECT_EQ(text(0, SummaryModel::TypeColumn), QStringLiteral("Input"));
    EXPECT_EQ(text(0, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 784)"));
    EXPECT_EQ(value(0, SummaryModel::ParametersColumn).toLongLong(), 0);

    EXPECT_EQ(text(1, SummaryModel::LayerColumn), QStringLiteral("dense_1"));
    EXPECT_EQ(text(1, SummaryModel::TypeColumn), QStringLiteral("Dense"));
    EXPECT_EQ(text(1, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 128)"));
    EXPECT_EQ(value(1, SummaryModel::ParametersColumn).toLongLong(), 100480);
    EXPECT_EQ(text(1, SummaryModel::ParametersColumn), QLocale().toString(qlonglong(100480)));
    EXPECT_EQ(value(2, SummaryModel::ParametersColumn).toLongLong(), 33024);
    EXPECT_EQ(value(3, SummaryModel::ParametersColumn).toLongLong(), 32896);
    EXPECT_EQ(value(4, SummaryModel::ParametersColumn).toLongLong(), 8256);

    EXPECT_EQ(text(5, SummaryModel::LayerColumn), QStringLiteral("output"));
    EXPECT_EQ(text(5, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 10)"));
    EXPECT_EQ(value(5, SummaryModel::ParametersColumn).toLongLong(), 650);
    EXPECT_EQ(model.data(model.index(5, 0), SummaryModel::DetailRole).toString(), QStringLiteral("softmax"));

    EXPECT_EQ(text(6, SummaryModel::LayerColumn), QStringLiteral("Total"));
    EXPECT_EQ(value(6, SummaryModel::ParametersColumn).toLongLong(), 175306);
    EXPECT_EQ(text(6, SummaryModel::ParametersColumn), QLocale().toString(qlonglong(175306)));
    EXPECT_TRUE(text(6, SummaryModel::OutputShapeColumn).isEmpty());
    EXPECT_EQ(text(6, SummaryModel::ShareColumn), QStringLiteral("%1 %").arg(QLocale().toString(100.0, 'f', 1)));
}

TEST_F(SummaryModelTest, LogisticRegressionHas7850Parameters)
{
    applyPreset(Presets::kLabNetwork); // from something else
    applyPreset(Presets::kLogisticRegression);
    EXPECT_EQ(model.totalParameters(), 7850);
    ASSERT_EQ(model.rowCount(), 3); // Input, Output, Total
    EXPECT_EQ(text(1, SummaryModel::LayerColumn), QStringLiteral("output"));
    EXPECT_EQ(value(1, SummaryModel::ParametersColumn).toLongLong(), 7850);
    EXPECT_DOUBLE_EQ(value(1, SummaryModel::ShareColumn).toDouble(), 100.0);
}

TEST_F(SummaryModelTest, SharesSumTo100Percent)
{
    for (const char* id : {Presets::kLogisticRegression, Presets::kLabNetwork, Presets::kLabL2Dropout,
                           Presets::kLabLrDecay, Presets::kBestAccuracy}) {
        SCOPED_TRACE(id);
        applyPreset(id);
        EXPECT_NEAR(shareSum(), 100.0, 1e-9);
        EXPECT_DOUBLE_EQ(value(0, SummaryModel::ShareColumn).toDouble(), 0.0); // the input has no parameters
    }
    applyPreset(Presets::kLabNetwork);
    EXPECT_NEAR(value(1, SummaryModel::ShareColumn).toDouble(), 100.0 * 100480 / 175306, 1e-9);
    EXPECT_EQ(text(1, SummaryModel::ShareColumn),
              QStringLiteral("%1 %").arg(QLocale().toString(100.0 * 100480 / 175306, 'f', 1)));
}

TEST_F(SummaryModelTest, DropoutRowsKeepTheWidthAndHaveNoParameters)
{
    applyPreset(Presets::kLabL2Dropout);
    EXPECT_EQ(model.totalParameters(), 175306); // L2 and dropout add no parameters
    EXPECT_EQ(text(2, SummaryModel::LayerColumn), QStringLiteral("dropout_1"));
    EXPECT_EQ(text(2, SummaryModel::TypeColumn), QStringLiteral("Dropout"));
    EXPECT_EQ(text(2, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 128)"));
    EXPECT_EQ(value(2, SummaryModel::ParametersColumn).toLongLong(), 0);
    EXPECT_EQ(model.data(model.index(1, 0), Qt::ToolTipRole).toString(), QStringLiteral("relu, L2 0.001"));
}

TEST_F(SummaryModelTest, ResetsOnlyWhenTheRowsChange)
{
    applyPreset(Presets::kLabNetwork);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

    // The same rows with other values: one dataChanged, no reset.
    NetworkDocument& doc = document;
    LayerSpec wider = doc.layer(0);
    std::get<DenseSpec>(wider).units = 100;
    doc.undoStack()->push(new EditLayerCommand(&doc, 0, EditLayerCommand::Field::Units, wider));
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(changes.count(), 1);
    EXPECT_EQ(value(1, SummaryModel::ParametersColumn).toLongLong(), 784 * 100 + 100);
    EXPECT_EQ(model.totalParameters(), 175306 - 100480 - 33024 + (784 * 100 + 100) + (100 * 256 + 256));

    // One more layer: a reset.
    doc.undoStack()->push(new InsertLayerCommand(&doc, 1, DropoutSpec{0.5f}));
    EXPECT_EQ(resets.count(), 1);
    EXPECT_EQ(model.rowCount(), 8);
    EXPECT_EQ(text(2, SummaryModel::TypeColumn), QStringLiteral("Dropout"));

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    EXPECT_EQ(resets.count(), 2);
    EXPECT_EQ(model.totalParameters(), 175306);

    // The data's shape changes the input row and the first layer, not the rows.
    changes.clear();
    ASSERT_TRUE(doc.setDataShape(1024, 5, 32, 32));
    EXPECT_EQ(resets.count(), 2);
    EXPECT_EQ(changes.count(), 1);
    EXPECT_EQ(text(0, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 1024)"));
    EXPECT_EQ(value(1, SummaryModel::ParametersColumn).toLongLong(), 1024 * 128 + 128);
    EXPECT_EQ(text(5, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 5)"));
}

TEST_F(SummaryModelTest, HasColumnHeaders)
{
    EXPECT_EQ(model.headerData(SummaryModel::LayerColumn, Qt::Horizontal).toString(), QStringLiteral("Layer"));
    EXPECT_EQ(model.headerData(SummaryModel::TypeColumn, Qt::Horizontal).toString(), QStringLiteral("Type"));
    EXPECT_EQ(model.headerData(SummaryModel::OutputShapeColumn, Qt::Horizontal).toString(),
              QStringLiteral("Output shape"));
    EXPECT_EQ(model.headerData(SummaryModel::ParametersColumn, Qt::Horizontal).toString(), QStringLiteral("Param #"));
    EXPECT_EQ(model.headerData(SummaryModel::ShareColumn, Qt::Horizontal).toString(), QStringLiteral("Share %"));
}

} // namespace
