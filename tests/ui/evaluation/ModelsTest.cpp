// The table models behind the evaluation view: values, roles, updates.
#include "ConfusionMatrixModel.h"
#include "EvaluationFixtures.h"
#include "PerClassModel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QSignalSpy>
#include <QSortFilterProxyModel>

#include <gtest/gtest.h>

namespace {

using mlps::ui::ConfusionMatrixModel;
using mlps::ui::PerClassModel;
using namespace mlps::ui::testing;

QColor backgroundAt(const ConfusionMatrixModel& model, int row, int column)
{
    return model.index(row, column).data(Qt::BackgroundRole).value<QBrush>().color();
}

TEST(ConfusionMatrixModel, GivesCountsRatesAndNames)
{
    ConfusionMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setMatrix(exampleConfusion(), exampleNames());

    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 3);
    EXPECT_EQ(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("B"));
    EXPECT_EQ(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(), QStringLiteral("Predicted C"));
    EXPECT_EQ(model.headerData(2, Qt::Vertical, Qt::ToolTipRole).toString(), QStringLiteral("True C"));
    EXPECT_EQ(model.index(1, 2).data().toString(), QStringLiteral("4"));
    EXPECT_EQ(model.index(1, 2).data(ConfusionMatrixModel::CountRole).toLongLong(), 4);
    EXPECT_DOUBLE_EQ(model.index(1, 2).data(ConfusionMatrixModel::RowRateRole).toDouble(), 0.4);
    EXPECT_DOUBLE_EQ(model.index(1, 2).data(ConfusionMatrixModel::ColumnRateRole).toDouble(), 4.0 / 24.0);
    EXPECT_FALSE(model.index(0, 2).data(ConfusionMatrixModel::HasSamplesRole).toBool());
    EXPECT_TRUE(model.index(0, 1).data(ConfusionMatrixModel::HasSamplesRole).toBool());
    EXPECT_EQ(model.errorCount(), 7);
    EXPECT_EQ(model.describe(1, 2),
              QStringLiteral("True B → predicted C: 4 (40.0 % of the Bs)\n16.7 % of those predicted C"));
    EXPECT_EQ(model.describe(2, 2),
              QStringLiteral("True C → predicted C: 20 (100.0 % of the Cs), correct\n83.3 % of those predicted C"));
    EXPECT_EQ(model.index(1, 2).data(Qt::ToolTipRole).toString(), model.describe(1, 2));

    model.setDisplay(ConfusionMatrixModel::Display::RowRates);
    EXPECT_EQ(model.index(1, 2).data().toString(), QStringLiteral("40"));
    EXPECT_EQ(model.index(1, 0).data().toString(), QStringLiteral("10"));
    EXPECT_EQ(model.index(0, 1).data().toString(), QStringLiteral("22"));
    model.setDisplay(ConfusionMatrixModel::Display::ColumnRates);
    EXPECT_EQ(model.index(1, 2).data().toString(), QStringLiteral("17"));
    EXPECT_EQ(model.index(0, 0).data().toString(), QStringLiteral("88")); // 7 / 8
}

TEST(ConfusionMatrixModel, ColoursErrorsBlueAndCorrectGreenOnTheirOwnScales)
{
    ConfusionMatrixModel model;
    model.setMatrix(exampleConfusion(), exampleNames());
    // The largest error rate is 40 % (B -> C): the blue scale ends at 50 %.
    EXPECT_DOUBLE_EQ(model.errorScale(), 0.5);
    const QColor error = backgroundAt(model, 1, 2);
    EXPECT_GT(error.blue(), error.red());
    const QColor correct = backgroundAt(model, 2, 2);
    EXPECT_GT(correct.green(), correct.red());
    EXPECT_GT(correct.green(), correct.blue());
    EXPECT_EQ(backgroundAt(model, 0, 2), QColor(Qt::white)); // empty stays blank
    // A bigger error is darker.
    EXPECT_LT(backgroundAt(model, 1, 2).lightness(), backgroundAt(model, 1, 0).lightness());
}

TEST(ConfusionMatrixModel, DifferenceSignsAndColours)
{
    ConfusionMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const mlps::ConfusionMatrix a = exampleConfusion();
    mlps::ConfusionMatrix b = a;
    b(1, 2) = 1; // 3 fewer B -> C errors: better
    b(1, 1) = 8; // 3 more correct Bs: better
    b(2, 0) = 2; // 2 new C -> A errors: worse
    b(2, 2) = 18; // 2 fewer correct Cs: worse
    model.setDifference(a, b, exampleNames(), QStringLiteral("Logistic"), QStringLiteral("Lab net"));
    ASSERT_TRUE(model.isDifference());
    EXPECT_EQ(model.index(1, 2).data().toString(), QString(QChar(0x2212)) + QStringLiteral("3"));
    EXPECT_EQ(model.index(1, 1).data().toString(), QStringLiteral("+3"));
    EXPECT_EQ(model.index(2, 0).data().toString(), QStringLiteral("+2"));
    EXPECT_EQ(model.index(2, 2).data().toString(), QString(QChar(0x2212)) + QStringLiteral("2"));
    EXPECT_EQ(model.index(0, 0).data().toString(), QStringLiteral("0")); // samples, unchanged
    EXPECT_EQ(model.index(0, 2).data().toString(), QString());           // empty in both
    EXPECT_EQ(model.index(1, 2).data(ConfusionMatrixModel::ChangeRole).toLongLong(), -3);
    EXPECT_DOUBLE_EQ(model.changeScale(), 3.0);

    auto bluish = [&](int r, int c) {
        const QColor colour = backgroundAt(model, r, c);
        return colour.blue() > colour.red();
    };
    auto reddish = [&](int r, int c) {
        const QColor colour = backgroundAt(model, r, c);
        return colour.red() > colour.blue();
    };
    EXPECT_TRUE(bluish(1, 2));  // fewer errors
    EXPECT_TRUE(bluish(1, 1));  // more correct
    EXPECT_TRUE(reddish(2, 0)); // more errors
    EXPECT_TRUE(reddish(2, 2)); // fewer correct
    EXPECT_EQ(backgroundAt(model, 0, 0), QColor(Qt::white));
    EXPECT_EQ(model.describe(1, 2), QStringLiteral("True B → predicted C: 4 → 1 (−3)\nLogistic: 4 · Lab net: 1\n"
                                                   "Better: 3 fewer of these errors"));
    EXPECT_EQ(model.describe(2, 2), QStringLiteral("True C → predicted C: 20 → 18 (−2)\n"
                                                   "Logistic: 20 · Lab net: 18\n"
                                                   "Worse: 2 fewer correct"));
    // A cell with samples in either run can be opened.
    EXPECT_TRUE(model.index(2, 0).data(ConfusionMatrixModel::HasSamplesRole).toBool());
}

TEST(ConfusionMatrixModel, UpdatesInPlaceOrResets)
{
    ConfusionMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setMatrix(exampleConfusion(), exampleNames());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    mlps::ConfusionMatrix next = exampleConfusion();
    next(0, 0) = 9;
    model.setMatrix(next, exampleNames());
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(changes.count(), 1);
    EXPECT_EQ(model.index(0, 0).data().toString(), QStringLiteral("9"));
    model.setMatrix(largeConfusion(5), {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"),
                                        QStringLiteral("3"), QStringLiteral("4")});
    EXPECT_EQ(resets.count(), 1);
    EXPECT_EQ(model.rowCount(), 5);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    // A matrix bigger than its names is cut to the names (never read past them).
    model.setMatrix(largeConfusion(4), exampleNames());
    EXPECT_EQ(model.rowCount(), 3);
}

TEST(PerClassModel, GivesScoresAndSortsNumbersAsNumbers)
{
    PerClassModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setScores(mlps::scoresFromConfusion(exampleConfusion()), exampleNames());
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 5);
    EXPECT_EQ(model.headerData(PerClassModel::PrecisionColumn, Qt::Horizontal).toString(), QStringLiteral("Precision"));
    EXPECT_EQ(model.index(0, PerClassModel::ClassColumn).data().toString(), QStringLiteral("A"));
    EXPECT_EQ(model.index(0, PerClassModel::PrecisionColumn).data().toString(), QStringLiteral("0.875"));
    EXPECT_EQ(model.index(0, PerClassModel::RecallColumn).data().toString(), QStringLiteral("0.778"));
    EXPECT_EQ(model.index(0, PerClassModel::F1Column).data().toString(), QStringLiteral("0.824"));
    EXPECT_EQ(model.index(1, PerClassModel::F1Column).data().toString(), QStringLiteral("0.588"));
    EXPECT_EQ(model.index(2, PerClassModel::SupportColumn).data().toString(), QStringLiteral("20"));

    QSortFilterProxyModel sorted;
    QAbstractItemModelTester proxyTester(&sorted, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sorted.setSourceModel(&model);
    sorted.setSortRole(PerClassModel::SortRole);
    sorted.sort(PerClassModel::SupportColumn, Qt::AscendingOrder);
    // 9 < 10 < 20 (as text "10" < "20" < "9").
    EXPECT_EQ(sorted.index(0, PerClassModel::ClassColumn).data().toString(), QStringLiteral("A"));
    EXPECT_EQ(sorted.index(2, PerClassModel::ClassColumn).data().toString(), QStringLiteral("C"));

    // Same size: in place; more classes: reset.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setScores(mlps::scoresFromConfusion(exampleConfusion()), exampleNames());
    EXPECT_EQ(resets.count(), 0);
    model.setScores(mlps::scoresFromConfusion(largeConfusion(4)), exampleNames());
    EXPECT_EQ(resets.count(), 1);
    EXPECT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.index(3, PerClassModel::ClassColumn).data().toString(), QStringLiteral("3")); // unnamed: its number
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

} // namespace
