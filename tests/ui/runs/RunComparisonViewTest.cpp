#include "ComparisonCurves.h"
#include "ConfusionHeatmap.h"
#include "HeatmapTableView.h"
#include "RunComparisonView.h"
#include "RunDifferences.h"
#include "LineLegend.h"
#include "RunFixtures.h"
#include "SettingsDiffModel.h"

#include "nn/Metrics.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using namespace mlps;
using namespace mlps::ui;
using RunPointer = std::shared_ptr<const RunRecord>;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

// Logistic regression against one hidden layer, same data and split: trained once.
struct TwoRuns {
    TwoRuns()
    {
        data = test::noisyQuadrants();
        split = test::quadrantSplit(*data);
        logistic = test::trainRun(1, s("Logistic regression"), test::quadrantNetwork(), test::quickConfig(), data, split);
        TrainConfig longer = test::quickConfig();
        longer.epochs = 3;
        network = test::trainRun(2, s("Hidden layer"), test::quadrantNetwork({16}), longer, data, split);
    }
    std::shared_ptr<const Dataset> data;
    Split split;
    RunPointer logistic;
    RunPointer network;
};

const TwoRuns& runs()
{
    static const TwoRuns shared;
    return shared;
}

QPushButton* button(const RunComparisonView& view, const char* name)
{
    return view.findChild<QPushButton*>(QString::fromLatin1(name));
}

TEST(SettingsDiffModel, PassesTheModelTester)
{
    SettingsDiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    model.setDifferences({{s("Seed"), s("1"), s("2")}, {s("Epochs"), s("10"), s("20")}}, s("Run 1"), s("Run 4"));
    EXPECT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.columnCount(), 3);
    EXPECT_EQ(model.index(1, SettingsDiffModel::Second).data().toString(), s("20"));
    EXPECT_EQ(model.headerData(SettingsDiffModel::Second, Qt::Horizontal).toString(), s("Run 4"));
    model.setDifferences({}, s("Run 1"), s("Run 2"));
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(RunComparisonView, StartsWithAHint)
{
    RunComparisonView view;
    auto* placeholder = view.findChild<QLabel*>(s("placeholder"));
    ASSERT_TRUE(placeholder);
    EXPECT_EQ(view.findChild<QStackedWidget*>()->currentWidget(), placeholder);
    EXPECT_TRUE(placeholder->text().contains(s("Select two runs")));
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        view.resize(800, 600);
        view.grab().save(dir + QStringLiteral("/runs-comparison-empty.png"));
    }
    EXPECT_TRUE(view.fixedSamples().isEmpty());
    EXPECT_TRUE(view.differences().isEmpty());
}

TEST(RunComparisonView, ComparesTwoRealRuns)
{
    QSettings().clear(); // the default layout
    const TwoRuns& r = runs();
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(r.logistic, r.network);
    EXPECT_NE(view.findChild<QStackedWidget*>()->currentWidget(), view.findChild<QLabel*>(s("placeholder")));

    // The header names both runs.
    EXPECT_EQ(view.title(), s("Run 1 · Logistic regression  vs  Run 2 · Hidden layer"));
    EXPECT_EQ(view.findChild<QLabel*>(s("title"))->text(), view.title());

    // Exactly the changed settings: the network and the epochs.
    const auto differences = view.differences();
    EXPECT_EQ(differences, settingDifferences(*r.logistic, *r.network));
    QStringList names;
    for (const auto& row : differences)
        names.append(std::get<0>(row));
    EXPECT_EQ(names, (QStringList{s("Network"), s("Hidden layers"), s("Layer 1"), s("Epochs")}));
    auto* table = view.findChild<QTableView*>(s("settingsTable"));
    ASSERT_TRUE(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(table->model()->rowCount(), 4);
    EXPECT_EQ(table->model()->index(3, 1).data().toString(), s("2"));
    EXPECT_EQ(table->model()->index(3, 2).data().toString(), s("3"));
    EXPECT_EQ(table->model()->headerData(1, Qt::Horizontal).toString(), s("Run 1"));
    EXPECT_EQ(view.findChild<QLabel*>(s("settingsNote"))->text(), s("4 settings differ; all others are the same."));

    // The key figures, with the change.
    const Evaluation& a = *r.logistic->test();
    const Evaluation& b = *r.network->test();
    const auto figures = view.keyFigures();
    ASSERT_GE(figures.size(), 4);
    EXPECT_EQ(figures[0].name, s("Test accuracy"));
    EXPECT_EQ(figures[0].first, QStringLiteral("%1 %").arg(a.scores.accuracy * 100.0, 0, 'f', 2));
    EXPECT_EQ(figures[0].second, QStringLiteral("%1 %").arg(b.scores.accuracy * 100.0, 0, 'f', 2));
    const double points = (b.scores.accuracy - a.scores.accuracy) * 100.0;
    EXPECT_EQ(figures[0].change, QStringLiteral("%1%2 points").arg(points > 0 ? s("+") : QString()).arg(points, 0, 'f', 2));
    EXPECT_EQ(figures[0].verdict, points > 0 ? 1 : points < 0 ? -1 : 0);
    EXPECT_EQ(figures[1].name, s("Weighted F1"));
    EXPECT_EQ(figures[1].second, QString::number(b.scores.f1Weighted, 'f', 4));
    EXPECT_EQ(figures[3].name, s("Test log-loss"));
    EXPECT_EQ(figures[3].verdict, b.logLoss < a.logLoss ? 1 : -1); // lower is better
    EXPECT_TRUE(view.summary().startsWith(QStringLiteral("Test accuracy %1 → %2").arg(figures[0].first, figures[0].second)));
    // What is shown is what keyFigures() says: the change of the accuracy in the grid.
    bool shown = false;
    for (QLabel* label : view.findChildren<QLabel*>())
        shown = shown || label->text() == figures[0].change;
    EXPECT_TRUE(shown);

    // Fixed and broken as a direct count says.
    qint64 fixed = 0, broken = 0, bothWrong = 0;
    for (std::size_t i = 0; i < a.predicted.size(); ++i) {
        const bool ra = a.predicted[i] == a.trueLabels[i];
        const bool rb = b.predicted[i] == b.trueLabels[i];
        fixed += !ra && rb;
        broken += ra && !rb;
        bothWrong += !ra && !rb;
    }
    EXPECT_EQ(view.fixedSamples().size(), fixed);
    EXPECT_EQ(view.brokenSamples().size(), broken);
    EXPECT_EQ(view.bothWrongSamples().size(), bothWrong);
    EXPECT_GT(fixed + broken, 0);
    const QString text = view.findChild<QLabel*>(s("samplesText"))->text();
    EXPECT_TRUE(text.contains(QStringLiteral("Run 2 fixed %1, broke %2; both wrong %3").arg(fixed).arg(broken).arg(bothWrong)))
        << text.toStdString();
    EXPECT_EQ(button(view, "fixedButton")->text(), QStringLiteral("Fi&xed: %1").arg(fixed));
    EXPECT_EQ(button(view, "brokenButton")->text(), QStringLiteral("&Broken: %1").arg(broken));
    EXPECT_TRUE(button(view, "fixedButton")->isVisible());

    // The curves: both runs, every epoch, both sets.
    ComparisonCurves* curves = view.curves();
    using M = ComparisonCurves::Metric;
    using S = ComparisonCurves::Set;
    const QList<QPointF> loss = curves->points(M::Loss, 1, S::Validation);
    ASSERT_EQ(loss.size(), 3);
    EXPECT_DOUBLE_EQ(loss[2].y(), *r.network->result.history[2].validationLoss);
    EXPECT_EQ(curves->points(M::Accuracy, 0, S::Training).size(), 2);
    EXPECT_DOUBLE_EQ(curves->points(M::Accuracy, 0, S::Training)[1].y(), r.logistic->result.history[1].trainAccuracy);
    EXPECT_EQ(curves->chartView(M::Loss)->chart()->series().size(), 4);
    EXPECT_EQ(curves->legend()->texts(), (QStringList{s("training"), s("validation"), s("Run 1"), s("Run 2")}));
}

TEST(RunComparisonView, SampleButtonsAskForTheSamples)
{
    QSettings().clear(); // the default layout
    const TwoRuns& r = runs();
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(r.logistic, r.network);
    QSignalSpy requested(&view, &RunComparisonView::samplesRequested);
    QPushButton* fixed = button(view, "fixedButton");
    QPushButton* broken = button(view, "brokenButton");
    if (fixed->isEnabled()) {
        QTest::mouseClick(fixed, Qt::LeftButton);
        ASSERT_EQ(requested.size(), 1);
        // The fixed samples as the first run answered them (its mistakes).
        EXPECT_EQ(requested[0][0].value<RunPointer>(), r.logistic);
        EXPECT_EQ(requested[0][1].value<QList<qint64>>(), view.fixedSamples());
        EXPECT_TRUE(requested[0][2].toString().contains(s("Fixed by Run 2"))) << requested[0][2].toString().toStdString();
        requested.clear();
    }
    if (broken->isEnabled()) {
        QTest::mouseClick(broken, Qt::LeftButton);
        ASSERT_EQ(requested.size(), 1);
        EXPECT_EQ(requested[0][0].value<RunPointer>(), r.network);
        EXPECT_EQ(requested[0][1].value<QList<qint64>>(), view.brokenSamples());
        requested.clear();
    }
    EXPECT_TRUE(fixed->isEnabled() || broken->isEnabled());
    // An empty list has nothing to show: its button is disabled.
    EXPECT_EQ(fixed->isEnabled(), !view.fixedSamples().isEmpty());
    EXPECT_EQ(broken->isEnabled(), !view.brokenSamples().isEmpty());
    // The keyboard reaches the buttons: Alt+W is "Both wrong".
    if (button(view, "bothWrongButton")->isEnabled()) {
        QApplication::setActiveWindow(&view);
        ASSERT_TRUE(QTest::qWaitForWindowActive(&view));
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &view, Qt::Key_W, Qt::AltModifier);
        // A mnemonic animates the click: the signal follows a moment later.
        ASSERT_TRUE(QTest::qWaitFor([&requested] { return requested.size() == 1; }, 2000));
        EXPECT_EQ(requested[0][1].value<QList<qint64>>(), view.bothWrongSamples());
    }
}

TEST(RunComparisonView, ConfusionDifferenceOpensTheSamplesOfACell)
{
    QSettings().clear(); // the default layout
    const TwoRuns& r = runs();
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(r.logistic, r.network);
    ConfusionHeatmap* heatmap = view.confusionDifference();
    ASSERT_TRUE(heatmap);
    EXPECT_TRUE(heatmap->isDifference());
    // Open the tab as a user would: a click on it.
    auto* tabs = view.findChild<QTabWidget*>(s("details"));
    ASSERT_TRUE(tabs);
    QTabBar* bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(2).center());
    ASSERT_TRUE(heatmap->isVisible());
    QApplication::processEvents();

    // The off-diagonal cell where the runs differ most.
    const Evaluation& a = *r.logistic->test();
    const Evaluation& b = *r.network->test();
    int bestTrue = -1, bestPredicted = -1;
    std::int64_t most = 0;
    for (int t = 0; t < 4; ++t) {
        for (int p = 0; p < 4; ++p) {
            const std::int64_t change = std::abs(b.confusion(t, p) - a.confusion(t, p));
            if (t != p && change > most) {
                most = change;
                bestTrue = t;
                bestPredicted = p;
            }
        }
    }
    ASSERT_GT(most, 0);
    const bool second = b.confusion(bestTrue, bestPredicted) >= a.confusion(bestTrue, bestPredicted);
    const Evaluation& shown = second ? b : a;
    QList<qint64> expected;
    for (std::int64_t i = 0; i < shown.count(); ++i) {
        if (shown.trueLabels[std::size_t(i)] == bestTrue && shown.predicted[std::size_t(i)] == bestPredicted)
            expected.append(i);
    }

    QSignalSpy requested(&view, &RunComparisonView::samplesRequested);
    const QRect cell = heatmap->cellRect(bestTrue, bestPredicted);
    ASSERT_TRUE(cell.isValid());
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, cell.center());
    ASSERT_EQ(requested.size(), 1);
    EXPECT_EQ(requested[0][0].value<RunPointer>(), second ? r.network : r.logistic);
    EXPECT_EQ(requested[0][1].value<QList<qint64>>(), expected);
    const QString title = requested[0][2].toString();
    EXPECT_TRUE(title.contains(QStringLiteral("true %1 read as %2")
                                   .arg(QChar(QLatin1Char('A' + bestTrue)))
                                   .arg(QChar(QLatin1Char('A' + bestPredicted)))))
        << title.toStdString();
}

TEST(RunComparisonView, DifferentTestSetsAreNotComparedSampleBySample)
{
    QSettings().clear(); // the default layout
    const TwoRuns& r = runs();
    const auto other = test::trainRun(3, s("Other split"), test::quadrantNetwork({16}), test::quickConfig(), r.data,
                                      test::quadrantSplit(*r.data, 99));
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(r.logistic, other);
    EXPECT_TRUE(view.fixedSamples().isEmpty());
    EXPECT_TRUE(view.brokenSamples().isEmpty());
    EXPECT_FALSE(view.sampleComparison().comparable);
    const QString text = view.findChild<QLabel*>(s("samplesText"))->text();
    EXPECT_TRUE(text.contains(s("tested on different samples"))) << text.toStdString();
    EXPECT_FALSE(button(view, "fixedButton")->isVisible());
    EXPECT_FALSE(button(view, "brokenButton")->isVisible());
    // The split shows among the settings that differ.
    QStringList names;
    for (const auto& row : view.differences())
        names.append(std::get<0>(row));
    EXPECT_TRUE(names.contains(s("Split fingerprint")));
    // The figures are still compared.
    EXPECT_NE(view.keyFigures()[0].change, s("—"));
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty())
        view.grab().save(dir + QStringLiteral("/runs-comparison-other-split.png"));
}

TEST(RunComparisonView, ARunWithoutTestResults)
{
    const TwoRuns& r = runs();
    auto diverged = std::make_shared<RunRecord>(*r.network);
    diverged->id = 5;
    diverged->result.status = TrainingStatus::Diverged;
    diverged->result.test.reset();
    diverged->result.validation.reset();
    RunComparisonView view;
    view.compare(r.logistic, diverged);
    EXPECT_EQ(view.keyFigures()[0].second, s("—"));
    EXPECT_EQ(view.keyFigures()[0].change, s("—"));
    EXPECT_EQ(view.keyFigures()[0].verdict, 0);
    EXPECT_TRUE(view.summary().isEmpty());
    EXPECT_TRUE(view.findChild<QLabel*>(s("samplesText"))->text().contains(s("Run 5 has no test evaluation")));
    // Back to nothing.
    view.compare(nullptr, nullptr);
    EXPECT_EQ(view.findChild<QStackedWidget*>()->currentWidget(), view.findChild<QLabel*>(s("placeholder")));
    EXPECT_TRUE(view.differences().isEmpty());
}

TEST(RunComparisonView, SameSetupSaysSo)
{
    const TwoRuns& r = runs();
    RunComparisonView view;
    view.compare(r.logistic, r.logistic);
    EXPECT_TRUE(view.differences().isEmpty());
    EXPECT_EQ(view.findChild<QLabel*>(s("settingsNote"))->text(), s("The two runs were set up exactly alike."));
    EXPECT_TRUE(view.fixedSamples().isEmpty());
    EXPECT_EQ(view.keyFigures()[0].change, s("0.00 points"));
    EXPECT_EQ(view.keyFigures()[0].verdict, 0);
}

TEST(RunComparisonView, RemembersTheDetailsTab)
{
    QSettings().clear();
    const TwoRuns& r = runs();
    {
        RunComparisonView view;
        view.resize(800, 600);
        view.show();
        view.compare(r.logistic, r.network);
        auto* tabs = view.findChild<QTabWidget*>(s("details"));
        EXPECT_EQ(tabs->currentIndex(), 0);
        EXPECT_EQ(tabs->tabText(0), s("C&urves"));
        EXPECT_EQ(tabs->tabText(1), s("Se&ttings that differ (4)"));
        QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(1).center());
        EXPECT_EQ(tabs->currentIndex(), 1);
    }
    RunComparisonView again;
    EXPECT_EQ(again.findChild<QTabWidget*>(s("details"))->currentIndex(), 1);
    QSettings().clear();
}

// At its realistic size nothing is squeezed below what it needs; a picture
// is saved when MLPS_SCREENSHOT_DIR is set, for a person to look at.
TEST(RunComparisonView, FitsItsTab)
{
    QSettings().clear(); // the default layout
    const TwoRuns& r = runs();
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(r.logistic, r.network);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    QApplication::processEvents();
    EXPECT_LE(view.minimumSizeHint().width(), 800);
    EXPECT_LE(view.minimumSizeHint().height(), 600);
    for (QLabel* label : view.findChildren<QLabel*>()) {
        // (The heatmap's own labels are the evaluation view's to check.)
        if (!label->isVisible() || label->wordWrap() || view.confusionDifference()->isAncestorOf(label))
            continue;
        EXPECT_GE(label->width(), label->minimumSizeHint().width()) << label->text().toStdString();
    }
    for (QPushButton* push : view.findChildren<QPushButton*>()) {
        if (push->isVisible()) {
            EXPECT_GE(push->width(), push->sizeHint().width()) << push->text().toStdString();
        }
    }
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        view.grab().save(dir + QStringLiteral("/runs-comparison.png"));
        view.findChild<QTabWidget*>(s("details"))->setCurrentIndex(1);
        view.grab().save(dir + QStringLiteral("/runs-comparison-settings.png"));
        view.findChild<QTabWidget*>(s("details"))->setCurrentIndex(0);
    }
}

} // namespace

namespace {

// Ten classes, as the letters A..J: the comparison still fits its tab and
// every cell of the confusion difference shows its number.
TEST(RunComparisonView, TenClassesFitToo)
{
    QSettings().clear(); // the default layout
    const auto data = test::noisyRows();
    const Split split = test::quadrantSplit(*data);
    NetworkSpec logistic = test::quadrantNetwork();
    logistic.inputSize = 100;
    logistic.classes = 10;
    NetworkSpec hidden = test::quadrantNetwork({32});
    hidden.inputSize = 100;
    hidden.classes = 10;
    TrainConfig config = test::quickConfig();
    config.epochs = 6;
    const auto a = test::trainRun(1, s("Logistic regression"), logistic, config, data, split);
    const auto b = test::trainRun(2, s("Lab network"), hidden, config, data, split);
    RunComparisonView view;
    view.resize(800, 600);
    view.show();
    view.compare(a, b);
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    auto* tabs = view.findChild<QTabWidget*>(s("details"));
    tabs->setCurrentIndex(2);
    QApplication::processEvents();
    ConfusionHeatmap* heatmap = view.confusionDifference();
    for (int t = 0; t < 10; ++t) {
        for (int p = 0; p < 10; ++p) {
            if (!heatmap->cellText(t, p).isEmpty()) {
                EXPECT_TRUE(heatmap->cellTextVisible(t, p)) << t << "," << p;
            }
        }
    }
    EXPECT_EQ(view.fixedSamples().size() + view.brokenSamples().size() + view.bothWrongSamples().size()
                  + view.sampleComparison().bothRight,
              a->test()->count());
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty())
        view.grab().save(dir + QStringLiteral("/runs-comparison-10.png"));
    tabs->setCurrentIndex(0);
}

} // namespace
