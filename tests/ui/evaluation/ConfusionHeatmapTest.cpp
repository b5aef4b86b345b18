// The confusion heatmap driven as a user would: hover, click, keyboard, mode
// toggle, "All errors", 47 classes, the difference of two runs.
#include "ConfusionHeatmap.h"
#include "ConfusionMatrixModel.h"
#include "EvaluationFixtures.h"
#include "HeatmapTableView.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QImage>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <gtest/gtest.h>

namespace {

using mlps::ui::ConfusionHeatmap;
using mlps::ui::HeatmapTableView;
using namespace mlps::ui::testing;

// The heatmap with the example matrix, shown at the size it gets in the studio's tab.
class HeatmapTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        heatmap.resize(520, 460);
        heatmap.setMatrix(exampleConfusion(), exampleNames());
        heatmap.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&heatmap));
    }

    QWidget* viewport() const { return heatmap.view()->viewport(); }
    QPoint centreOf(int trueClass, int predictedClass) const
    {
        return heatmap.cellRect(trueClass, predictedClass).center();
    }
    QAbstractButton* button(const QString& text) const
    {
        for (QAbstractButton* candidate : heatmap.findChildren<QAbstractButton*>()) {
            if (candidate->text() == text)
                return candidate;
        }
        return nullptr;
    }

    ConfusionHeatmap heatmap;
};

TEST_F(HeatmapTest, HoverShowsCountRateAndClassNames)
{
    QAbstractItemModelTester tester(heatmap.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QPoint at = centreOf(1, 2);
    QHelpEvent help(QEvent::ToolTip, at, viewport()->mapToGlobal(at));
    QApplication::sendEvent(viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    EXPECT_EQ(QToolTip::text(),
              QStringLiteral("True B → predicted C: 4 (40.0 % of the Bs)\n16.7 % of those predicted C"));
    QToolTip::hideText();

    // The line under the grid follows the mouse.
    QTest::mouseMove(viewport(), centreOf(0, 1));
    QTRY_COMPARE(heatmap.infoText(),
                 QStringLiteral("True A → predicted B: 2 (22.2 % of the As)\n28.6 % of those predicted B"));
    EXPECT_EQ(heatmap.view()->hoveredIndex(), heatmap.model()->index(0, 1));
}

TEST_F(HeatmapTest, ClickOpensTheCell)
{
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, centreOf(1, 2));
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.at(0).at(0).value<QList<QPoint>>(), QList<QPoint>{QPoint(2, 1)});
    EXPECT_EQ(heatmap.selectedCells(), QList<QPoint>{QPoint(2, 1)});
}

TEST_F(HeatmapTest, EmptyCellOpensNothingAndSaysWhy)
{
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, centreOf(0, 2));
    EXPECT_EQ(activated.count(), 0);
    EXPECT_EQ(heatmap.infoText(), QStringLiteral("No samples here: no true A was predicted C."));
}

TEST_F(HeatmapTest, CtrlClickSelectsSeveralThenShowOpensThem)
{
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, centreOf(0, 1));
    QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, centreOf(1, 2));
    EXPECT_EQ(activated.count(), 0); // selecting is not opening
    EXPECT_EQ(heatmap.selectedCells(), (QList<QPoint>{QPoint(1, 0), QPoint(2, 1)}));
    QAbstractButton* show = button(QStringLiteral("Show samples (6)"));
    ASSERT_NE(show, nullptr);
    ASSERT_TRUE(show->isEnabled());
    QTest::mouseClick(show, Qt::LeftButton);
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.at(0).at(0).value<QList<QPoint>>(), (QList<QPoint>{QPoint(1, 0), QPoint(2, 1)}));
}

TEST_F(HeatmapTest, KeyboardMovesSelectsAndOpens)
{
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    heatmap.view()->setFocus();
    QTRY_VERIFY(heatmap.view()->hasFocus());
    QTest::keyClick(heatmap.view(), Qt::Key_Home, Qt::ControlModifier); // top-left
    ASSERT_EQ(heatmap.view()->currentIndex(), heatmap.model()->index(0, 0));
    QTest::keyClick(heatmap.view(), Qt::Key_Down);  // (B, A)
    QTest::keyClick(heatmap.view(), Qt::Key_Right); // (B, B)
    EXPECT_EQ(heatmap.view()->currentIndex(), heatmap.model()->index(1, 1));
    EXPECT_EQ(heatmap.infoText(),
              QStringLiteral("True B → predicted B: 5 (50.0 % of the Bs), correct\n71.4 % of those predicted B"));
    QTest::keyClick(heatmap.view(), Qt::Key_Right, Qt::ShiftModifier); // extend to (B, C)
    EXPECT_EQ(heatmap.selectedCells(), (QList<QPoint>{QPoint(1, 1), QPoint(2, 1)}));
    QTest::keyClick(heatmap.view(), Qt::Key_Return);
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.at(0).at(0).value<QList<QPoint>>(), (QList<QPoint>{QPoint(1, 1), QPoint(2, 1)}));
}

TEST_F(HeatmapTest, AllErrorsOpensEveryMisclassifiedCell)
{
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QAbstractButton* allErrors = button(QStringLiteral("All errors (7)"));
    ASSERT_NE(allErrors, nullptr);
    QTest::mouseClick(allErrors, Qt::LeftButton);
    ASSERT_EQ(activated.count(), 1);
    const QList<QPoint> expected{QPoint(1, 0), QPoint(0, 1), QPoint(2, 1)};
    EXPECT_EQ(activated.at(0).at(0).value<QList<QPoint>>(), expected);
    EXPECT_EQ(heatmap.selectedCells(), expected);
}

TEST_F(HeatmapTest, ModeToggleChangesTheTextsAndLegend)
{
    QAbstractItemModelTester tester(heatmap.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy modes(&heatmap, &ConfusionHeatmap::modeChanged);
    EXPECT_EQ(heatmap.cellText(1, 2), QStringLiteral("4"));
    EXPECT_TRUE(heatmap.cellTextVisible(1, 2));
    EXPECT_TRUE(heatmap.legendText().contains(QStringLiteral("of the true class (row)")));
    QTest::mouseClick(button(QStringLiteral("Row %")), Qt::LeftButton);
    EXPECT_EQ(heatmap.mode(), ConfusionHeatmap::Mode::RowNormalized);
    EXPECT_EQ(heatmap.cellText(1, 2), QStringLiteral("40"));
    QTest::mouseClick(button(QStringLiteral("Column %")), Qt::LeftButton);
    EXPECT_EQ(heatmap.mode(), ConfusionHeatmap::Mode::ColumnNormalized);
    EXPECT_EQ(heatmap.cellText(1, 2), QStringLiteral("17"));
    EXPECT_TRUE(heatmap.legendText().contains(QStringLiteral("of the predicted class (column)")));
    QTest::mouseClick(button(QStringLiteral("Counts")), Qt::LeftButton);
    EXPECT_EQ(heatmap.cellText(1, 2), QStringLiteral("4"));
    EXPECT_EQ(modes.count(), 3);
}

TEST_F(HeatmapTest, NotBrowsableSelectsButOpensNothing)
{
    heatmap.setBrowsable(false, QStringLiteral("Wait for the run to end."));
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(viewport(), Qt::LeftButton, {}, centreOf(1, 2));
    EXPECT_EQ(activated.count(), 0);
    EXPECT_EQ(heatmap.infoText(), QStringLiteral("Wait for the run to end."));
    EXPECT_FALSE(button(QStringLiteral("All errors (7)"))->isEnabled());
}

TEST_F(HeatmapTest, HeaderClickSelectsAWholeRow)
{
    QHeaderView* rows = heatmap.view()->verticalHeader();
    const int y = rows->sectionViewportPosition(1) + rows->sectionSize(1) / 2;
    QTest::mouseClick(rows->viewport(), Qt::LeftButton, {}, QPoint(rows->width() / 2, y));
    EXPECT_EQ(heatmap.selectedCells(), (QList<QPoint>{QPoint(0, 1), QPoint(1, 1), QPoint(2, 1)}));
    EXPECT_NE(button(QStringLiteral("Show samples (10)")), nullptr);
}

TEST_F(HeatmapTest, CellsAreSquareAndFitTheWidget)
{
    const QRect first = heatmap.cellRect(0, 0);
    const QRect last = heatmap.cellRect(2, 2);
    EXPECT_EQ(first.width(), first.height());
    EXPECT_GE(first.width(), heatmap.fontMetrics().height()); // big enough to read at 3 classes
    EXPECT_TRUE(heatmap.view()->viewport()->rect().contains(last)); // no scrolling needed
}

TEST(ConfusionHeatmap, FortySevenClassesRenderWithoutText)
{
    ConfusionHeatmap heatmap;
    QStringList names;
    const QString alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt"); // EMNIST balanced
    for (QChar c : alphabet)
        names.append(QString(c));
    ASSERT_EQ(names.size(), 47);
    heatmap.resize(560, 520);
    heatmap.setMatrix(largeConfusion(47), names);
    heatmap.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&heatmap));
    const QRect cell = heatmap.cellRect(10, 10);
    EXPECT_GE(cell.width(), 6);
    EXPECT_LT(cell.width(), heatmap.fontMetrics().height()); // shrunk to fit
    EXPECT_FALSE(heatmap.cellTextVisible(10, 10));           // text hidden, tooltip kept
    EXPECT_FALSE(heatmap.cellDescription(10, 10).isEmpty());

    const QImage image = heatmap.grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 20); // a heatmap, not a blank widget

    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(heatmap.view()->viewport(), Qt::LeftButton, {}, cell.center());
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.at(0).at(0).value<QList<QPoint>>(), QList<QPoint>{QPoint(10, 10)});
}

TEST(ConfusionHeatmap, DifferenceModeHasItsOwnLegendAndNoModeToggle)
{
    ConfusionHeatmap heatmap;
    QAbstractItemModelTester tester(heatmap.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    heatmap.resize(520, 460);
    mlps::ConfusionMatrix b = exampleConfusion();
    b(1, 2) = 1;
    b(1, 1) = 8;
    heatmap.setDifference(exampleConfusion(), b, exampleNames(), QStringLiteral("Logistic"),
                          QStringLiteral("Lab net"));
    heatmap.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&heatmap));
    EXPECT_TRUE(heatmap.isDifference());
    EXPECT_EQ(heatmap.cellText(1, 2), QString(QChar(0x2212)) + QStringLiteral("3"));
    EXPECT_EQ(heatmap.cellText(1, 1), QStringLiteral("+3"));
    EXPECT_TRUE(heatmap.legendText().contains(QStringLiteral("Blue: Lab net better")));
    EXPECT_TRUE(heatmap.legendText().contains(QStringLiteral("red: Lab net worse")));
    for (QAbstractButton* candidate : heatmap.findChildren<QAbstractButton*>()) {
        const QString label = candidate->text();
        if (label == QStringLiteral("Row %") || label.startsWith(QStringLiteral("All errors"))) {
            EXPECT_FALSE(candidate->isVisible());
        }
    }
    QSignalSpy activated(&heatmap, &ConfusionHeatmap::cellsActivated);
    QTest::mouseClick(heatmap.view()->viewport(), Qt::LeftButton, {}, heatmap.cellRect(1, 2).center());
    EXPECT_EQ(activated.count(), 1);
    // Back to one matrix: the toggle returns.
    heatmap.setMatrix(exampleConfusion(), exampleNames());
    EXPECT_FALSE(heatmap.isDifference());
    EXPECT_EQ(heatmap.cellText(1, 2), QStringLiteral("4"));
}

TEST(ConfusionHeatmap, EmptyShowsANote)
{
    ConfusionHeatmap heatmap;
    heatmap.resize(400, 300);
    heatmap.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&heatmap));
    EXPECT_FALSE(heatmap.view()->isVisible());
    heatmap.setMatrix(exampleConfusion(), exampleNames());
    EXPECT_TRUE(heatmap.view()->isVisible());
    heatmap.clear();
    EXPECT_FALSE(heatmap.view()->isVisible());
    EXPECT_TRUE(heatmap.selectedCells().isEmpty());
}

} // namespace
