// The preset chooser, the summary and the fixed ends of the stack.

#include "DesignerTestSupport.h"

#include <QComboBox>
#include <QFont>
#include <QLocale>
#include <QScrollBar>
#include <QTableView>

namespace {

using namespace mlps;
using namespace mlps::ui;
using namespace mlps::ui::designertest;

TEST_F(DesignerPanelTest, SummaryShowsTheLabNetworksParameters)
{
    const SummaryModel* summary = panel->summaryModel();
    EXPECT_EQ(panel->totalText(), QStringLiteral("175,306 parameters (685 KB as float32)"));
    const int total = summary->totalRow();
    EXPECT_EQ(summary->rowCount(), 7); // input, 4 hidden, output, total
    EXPECT_EQ(summaryCell(total, SummaryModel::LayerColumn), QStringLiteral("Total"));
    EXPECT_EQ(summaryCell(total, SummaryModel::ParametersColumn), QStringLiteral("175,306"));
    EXPECT_TRUE(summary->index(total, 0).data(Qt::FontRole).value<QFont>().bold());
    EXPECT_EQ(summaryCell(1, SummaryModel::ParametersColumn), QStringLiteral("100,480")); // 784 * 128 + 128
    const auto alignment = summary->index(1, SummaryModel::ParametersColumn).data(Qt::TextAlignmentRole).toInt();
    EXPECT_TRUE(alignment & Qt::AlignRight);
    // At the dock's width every column fits: no horizontal scrolling.
    EXPECT_FALSE(panel->summaryView()->horizontalScrollBar()->isVisible());
}

TEST_F(DesignerPanelTest, PickAPresetByKeyboard)
{
    QComboBox* presets = panel->presetBox();
    presets->setFocus();
    QTest::keyClick(presets, Qt::Key_Up); // Lab network -> Logistic regression
    EXPECT_EQ(presets->currentText(), QStringLiteral("Logistic regression"));
    EXPECT_EQ(stack()->model()->rowCount(), 0);
    EXPECT_EQ(panel->summaryModel()->rowCount(), 3); // input, output, total
    EXPECT_EQ(panel->totalText(), QStringLiteral("7,850 parameters (31 KB as float32)"));
    EXPECT_EQ(undoStack()->count(), 1);

    QTest::keyClick(presets, Qt::Key_Down);
    QTest::keyClick(presets, Qt::Key_Down); // Lab network + L2 + dropout
    EXPECT_EQ(presets->currentText(), QStringLiteral("Lab network + L2 + dropout"));
    EXPECT_EQ(mainNumbers(document).size(), 7u);
    EXPECT_FLOAT_EQ(document.network().outputL2, 0.001f);
    EXPECT_EQ(undoStack()->count(), 3); // one step per preset
    EXPECT_FALSE(presets->toolTip().isEmpty());

    undoStack()->undo();
    EXPECT_EQ(presets->currentText(), QStringLiteral("Lab network"));
    EXPECT_EQ(mainNumbers(document), kLab);
}

TEST_F(DesignerPanelTest, PresetBoxShowsCustomOnlyWhileCustom)
{
    QComboBox* presets = panel->presetBox();
    const int presetCount = presets->count();
    selectRow(0);
    QTest::keyClick(stack(), Qt::Key_Delete);
    EXPECT_EQ(presets->currentText(), QStringLiteral("Custom"));
    EXPECT_EQ(presets->count(), presetCount + 1);
    // Choosing a preset from Custom applies it, and Custom goes away.
    presets->setFocus();
    QTest::keyClick(presets, Qt::Key_Down);
    EXPECT_EQ(presets->currentText(), QStringLiteral("Logistic regression"));
    EXPECT_EQ(presets->count(), presetCount);
    undoStack()->undo();
    EXPECT_EQ(presets->currentText(), QStringLiteral("Custom"));
    undoStack()->undo();
    EXPECT_EQ(presets->currentText(), QStringLiteral("Lab network"));
    EXPECT_EQ(presets->count(), presetCount);
}

TEST_F(DesignerPanelTest, InputAndOutputFollowTheData)
{
    ASSERT_TRUE(document.setDataShape(1024, 10, 32, 32));
    EXPECT_EQ(panel->inputText(), QStringLiteral("Input · 1,024 (32×32)"));
    EXPECT_EQ(summaryCell(0, SummaryModel::OutputShapeColumn), QStringLiteral("(None, 1024)"));
    ASSERT_TRUE(document.setDataShape(100, 3, 0, 0));
    EXPECT_EQ(panel->inputText(), QStringLiteral("Input · 100"));
    EXPECT_EQ(panel->outputText(), QStringLiteral("Output · softmax, 3 classes"));
}

} // namespace
