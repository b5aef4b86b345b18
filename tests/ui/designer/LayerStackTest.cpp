// The layer stack: palette drops, reordering, removing, moving and editing in place.

#include "DesignerTestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QMimeData>
#include <QPalette>
#include <QMouseEvent>
#include <QPushButton>

namespace {

using namespace mlps;
using namespace mlps::ui;
using namespace mlps::ui::designertest;

TEST_F(DesignerPanelTest, ShowsTheLabNetworkBetweenInputAndOutput)
{
    EXPECT_EQ(stack()->model()->rowCount(), 4);
    EXPECT_EQ(panel->inputText(), QStringLiteral("Input · 784 (28×28)"));
    EXPECT_EQ(panel->outputText(), QStringLiteral("Output · softmax, 10 classes"));
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Lab network"));
    EXPECT_EQ(properties()->heading(), QStringLiteral("Select a layer to edit it"));
    EXPECT_TRUE(properties()->outputL2Edit()->isVisible());
    EXPECT_EQ(properties()->outputL2Edit()->text(), QStringLiteral("0"));
    // Nothing selected: nothing to move or remove.
    EXPECT_FALSE(panel->moveUpButton()->isEnabled());
    EXPECT_FALSE(panel->moveDownButton()->isEnabled());
    EXPECT_FALSE(panel->removeButton()->isEnabled());
    EXPECT_TRUE(panel->removeButton()->toolTip().contains(QStringLiteral("Del")));
}

TEST_F(DesignerPanelTest, DragFromThePaletteInsertsBetweenLayers)
{
    QAbstractItemView* palette = panel->paletteView();
    const std::unique_ptr<QMimeData> dense(palette->model()->mimeData({palette->model()->index(PaletteModel::DenseRow, 0)}));
    ASSERT_TRUE(dense);
    // Just above the bottom edge of the first card: between rows 0 and 1.
    const QPoint between(rowRect(0).center().x(), rowRect(0).bottom() - 2);
    ASSERT_TRUE(dragAndDrop(stack(), dense.get(), between, Qt::CopyAction));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 256, 128, 64}));
    EXPECT_EQ(document.layer(1), LayerSpec(DenseSpec{128, Activation::Relu, 0.0f}));
    EXPECT_EQ(stack()->model()->rowCount(), 5);
    EXPECT_EQ(undoStack()->count(), 1);
    EXPECT_EQ(panel->summaryModel()->rowCount(), 8);
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Custom"));

    // A Dropout dropped below the last card goes to the end.
    const std::unique_ptr<QMimeData> dropout(
        palette->model()->mimeData({palette->model()->index(PaletteModel::DropoutRow, 0)}));
    const QPoint belowLast(rowRect(4).center().x(), rowRect(4).bottom() + 4);
    ASSERT_TRUE(dragAndDrop(stack(), dropout.get(), belowLast, Qt::CopyAction));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 256, 128, 64, 0.5}));

    undoStack()->undo();
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), kLab);
    EXPECT_EQ(stack()->model()->rowCount(), 4);
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Lab network"));
}

TEST_F(DesignerPanelTest, PaletteDragsAreCopiesOfTheDefaultLayers)
{
    const PaletteModel* palette = panel->paletteModel();
    EXPECT_EQ(palette->supportedDragActions(), Qt::CopyAction);
    const std::unique_ptr<QMimeData> data(palette->mimeData({palette->index(PaletteModel::DropoutRow)}));
    EXPECT_EQ(LayerStackModel::paletteLayer(data.get()), LayerSpec(DropoutSpec{0.5f}));
    EXPECT_EQ(palette->index(PaletteModel::DenseRow).data(PaletteModel::HintRole).toString(),
              QStringLiteral("Fully connected layer + activation"));
    // A palette drag offered as a move is refused, and changes nothing.
    const QPoint between(rowRect(0).center().x(), rowRect(0).bottom() - 2);
    EXPECT_FALSE(dragAndDrop(stack(), data.get(), between, Qt::MoveAction));
    EXPECT_EQ(mainNumbers(document), kLab);
}

// Whether anything but the list's background is drawn in the middle of the viewport.
bool drawsInTheMiddle(QAbstractItemView* view)
{
    const QImage image = view->viewport()->grab().toImage();
    const QColor background = view->viewport()->palette().color(QPalette::Base);
    const QRect middle(image.width() / 4, image.height() / 3, image.width() / 2, image.height() / 3);
    for (int y = middle.top(); y <= middle.bottom(); ++y) {
        for (int x = middle.left(); x <= middle.right(); ++x) {
            if (image.pixelColor(x, y) != background)
                return true;
        }
    }
    return false;
}

TEST_F(DesignerPanelTest, DropIntoTheEmptyStack)
{
    applyPresetQuietly(Presets::kLogisticRegression);
    panel->resize(380, 1000); // a list much taller than one card
    layOut();
    EXPECT_EQ(stack()->model()->rowCount(), 0);
    // The empty stack says where layers go; the hint goes with the first layer.
    EXPECT_TRUE(drawsInTheMiddle(stack()));
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Logistic regression"));
    const std::unique_ptr<QMimeData> dense(LayerStackModel::paletteMimeData(PaletteModel::defaultLayer(0)));
    ASSERT_TRUE(dragAndDrop(stack(), dense.get(), stack()->viewport()->rect().center(), Qt::CopyAction));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128}));
    layOut();
    EXPECT_FALSE(drawsInTheMiddle(stack()));
}

TEST_F(DesignerPanelTest, ReorderByDraggingRows)
{
    // Drag the last layer (64) above the first.
    const std::unique_ptr<QMimeData> rows(stack()->model()->mimeData({stack()->model()->index(3, 0)}));
    ASSERT_TRUE(rows);
    const QPoint aboveFirst(rowRect(0).center().x(), rowRect(0).top() + 2);
    ASSERT_TRUE(dragAndDrop(stack(), rows.get(), aboveFirst, Qt::MoveAction));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{64, 128, 256, 128}));
    EXPECT_EQ(stack()->model()->index(0, 0).data(LayerStackModel::UnitsRole).toInt(), 64);
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), kLab);
}

TEST_F(DesignerPanelTest, DraggingSeveralRowsIsOneUndoStep)
{
    const std::unique_ptr<QMimeData> rows(
        stack()->model()->mimeData({stack()->model()->index(2, 0), stack()->model()->index(3, 0)}));
    const QPoint aboveFirst(rowRect(0).center().x(), rowRect(0).top() + 2);
    ASSERT_TRUE(dragAndDrop(stack(), rows.get(), aboveFirst, Qt::MoveAction));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 64, 128, 256}));
    EXPECT_EQ(undoStack()->count(), 1);
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), kLab);
}

TEST_F(DesignerPanelTest, DeleteAndBackspaceRemoveTheSelection)
{
    selectRow(1);
    EXPECT_TRUE(panel->removeButton()->isEnabled());
    QTest::keyClick(stack(), Qt::Key_Delete);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 64}));
    EXPECT_EQ(stack()->model()->rowCount(), 3);
    // The selection stays where the layer was, so Delete can go on.
    EXPECT_EQ(stack()->currentIndex().row(), 1);

    // Two layers at once: one undo step.
    const int steps = undoStack()->count();
    stack()->selectionModel()->select(panel->stackModel()->index(0), QItemSelectionModel::Select);
    EXPECT_EQ(stack()->selectionModel()->selectedRows().size(), 2);
    EXPECT_TRUE(properties()->heading().startsWith(QStringLiteral("2 layers selected")));
    QTest::keyClick(stack(), Qt::Key_Backspace);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{64}));
    EXPECT_EQ(undoStack()->count(), steps + 1);
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 64}));
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), kLab);
}

TEST_F(DesignerPanelTest, RemoveButtonRemoves)
{
    selectRow(3);
    QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 256, 128}));
    EXPECT_EQ(stack()->currentIndex().row(), 2); // the new last layer
}

TEST_F(DesignerPanelTest, CtrlUpAndCtrlDownMoveTheSelectedLayer)
{
    selectRow(1); // 256
    EXPECT_TRUE(panel->moveUpButton()->isEnabled());
    QTest::keyClick(stack(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{256, 128, 128, 64}));
    // The selection follows the layer; it cannot go further up.
    EXPECT_EQ(stack()->currentIndex().row(), 0);
    EXPECT_FALSE(panel->moveUpButton()->isEnabled());
    EXPECT_TRUE(panel->moveDownButton()->isEnabled());
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 1 · Dense"));
    EXPECT_EQ(properties()->unitsEdit()->text(), QStringLiteral("256"));
    QTest::keyClick(stack(), Qt::Key_Up, Qt::ControlModifier); // nothing happens at the top
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{256, 128, 128, 64}));

    QTest::keyClick(stack(), Qt::Key_Down, Qt::ControlModifier);
    QTest::keyClick(stack(), Qt::Key_Down, Qt::ControlModifier);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 256, 64}));
    QTest::mouseClick(panel->moveDownButton(), Qt::LeftButton);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 64, 256}));
    EXPECT_FALSE(panel->moveDownButton()->isEnabled());
    undoStack()->undo();
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 128, 256, 64}));
}

TEST_F(DesignerPanelTest, MovesABlockOfLayersTogether)
{
    selectRow(1);
    stack()->selectionModel()->select(panel->stackModel()->index(2), QItemSelectionModel::Select);
    EXPECT_TRUE(panel->moveUpButton()->isEnabled());
    QTest::keyClick(stack(), Qt::Key_Down, Qt::ControlModifier);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 64, 256, 128}));
    EXPECT_EQ(stack()->selectionModel()->selectedRows().size(), 2);
    EXPECT_FALSE(panel->moveDownButton()->isEnabled());
    // Not one block: nothing to move.
    stack()->selectionModel()->select(panel->stackModel()->index(2), QItemSelectionModel::Deselect);
    stack()->selectionModel()->select(panel->stackModel()->index(0), QItemSelectionModel::Select);
    EXPECT_FALSE(panel->moveUpButton()->isEnabled());
    EXPECT_FALSE(panel->moveDownButton()->isEnabled());
    QTest::keyClick(stack(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 64, 256, 128}));
}

TEST_F(DesignerPanelTest, EditInPlaceWithF2)
{
    selectRow(0);
    QLineEdit* editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->text(), QStringLiteral("128"));
    typeInPlace(editor, QStringLiteral("512"));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{512, 256, 128, 64}));
    EXPECT_EQ(properties()->unitsEdit()->text(), QStringLiteral("512"));
    EXPECT_TRUE(panel->stackError().isEmpty());

    // A refused value keeps the layer as it was and says why.
    const int steps = undoStack()->count();
    for (const QString& typed : {QStringLiteral("0"), QStringLiteral("abc")}) {
        editor = openInPlaceEditor();
        ASSERT_NE(editor, nullptr);
        typeInPlace(editor, typed);
        EXPECT_EQ(mainNumbers(document), (std::vector<double>{512, 256, 128, 64}));
        EXPECT_EQ(undoStack()->count(), steps);
        EXPECT_FALSE(panel->stackError().isEmpty());
        EXPECT_EQ(panel->stackError(), panel->stackModel()->lastError());
    }
    EXPECT_TRUE(panel->stackError().contains(QStringLiteral("must be a number, got “abc”")));
    // Escape leaves the layer alone.
    editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("7"));
    QTest::keyClick(editor, Qt::Key_Escape);
    EXPECT_TRUE(QTest::qWaitFor([this] { return !stack()->viewport()->findChild<QLineEdit*>(); }));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{512, 256, 128, 64}));
    // The next good edit clears the reason.
    editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    typeInPlace(editor, QStringLiteral("100"));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{100, 256, 128, 64}));
    EXPECT_TRUE(panel->stackError().isEmpty());
}

TEST_F(DesignerPanelTest, EditDropoutRateInPlace)
{
    applyPresetQuietly(Presets::kLabL2Dropout);
    layOut();
    selectRow(1); // Dropout 0.1
    QLineEdit* editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->text(), QStringLiteral("0.1"));
    typeInPlace(editor, QStringLiteral("0.25"));
    EXPECT_FLOAT_EQ(std::get<DropoutSpec>(document.layer(1)).rate, 0.25f);
    EXPECT_EQ(properties()->rateEdit()->text(), QStringLiteral("0.25"));
    editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    typeInPlace(editor, QStringLiteral("1"));
    EXPECT_FLOAT_EQ(std::get<DropoutSpec>(document.layer(1)).rate, 0.25f);
    EXPECT_TRUE(panel->stackError().contains(QStringLiteral("below 1")));
}

TEST_F(DesignerPanelTest, EnterInThePaletteAddsAfterTheSelectedLayer)
{
    selectRow(1);
    QAbstractItemView* palette = panel->paletteView();
    palette->setFocus();
    palette->setCurrentIndex(palette->model()->index(PaletteModel::DropoutRow, 0));
    QTest::keyClick(palette, Qt::Key_Return);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 256, 0.5, 128, 64}));
    EXPECT_EQ(stack()->currentIndex().row(), 2); // the new layer is selected
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 3 · Dropout"));

    // Nothing selected: at the end.
    stack()->clearSelection();
    palette->setCurrentIndex(palette->model()->index(PaletteModel::DenseRow, 0));
    QTest::keyClick(palette, Qt::Key_Enter);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 256, 0.5, 128, 64, 128}));
}

TEST_F(DesignerPanelTest, DoubleClickInThePaletteAdds)
{
    QAbstractItemView* palette = panel->paletteView();
    const QRect dense = palette->visualRect(palette->model()->index(PaletteModel::DenseRow, 0));
    // A click, then the double-click event a window system sends for the second one.
    QTest::mouseClick(palette->viewport(), Qt::LeftButton, Qt::NoModifier, dense.center());
    QMouseEvent doubleClick(QEvent::MouseButtonDblClick, QPointF(dense.center()),
                            palette->viewport()->mapToGlobal(QPointF(dense.center())), Qt::LeftButton,
                            Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(palette->viewport(), &doubleClick);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 256, 128, 64, 128}));
}

} // namespace
