// The dashboard driven as the window drives it: beginRun, snapshots, finishRun.
#include "DashboardTestSupport.h"
#include "MetricChart.h"
#include "ResultBanner.h"
#include "TrainingDashboard.h"

#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QToolTip>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

namespace {

using mlps::ui::MetricChart;
using mlps::ui::ResultBanner;
using mlps::ui::TrainingDashboard;
using mlps::ui::TrainingProgress;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;
using mlps::ui::test::epochSnapshot;
using mlps::ui::test::plannedJob;
using mlps::ui::test::ShownDashboard;
using mlps::ui::test::saveScreenshot;
using Chart = TrainingDashboard::Chart;


// Five epochs of 10 steps (1,000 samples in batches of 100) with known figures.
void feedFiveEpochs(TrainingDashboard& dashboard, int runId = 1)
{
    const double trainLoss[] = {1.304, 0.9, 0.7, 0.6, 0.5};
    const double validationLoss[] = {0.941, 0.7, 0.5, 0.254, 0.26};
    for (int epoch = 1; epoch <= 5; ++epoch) {
        dashboard.addProgress(epochSnapshot(runId, epoch, 5, 10, trainLoss[epoch - 1], 0.5 + 0.08 * epoch,
                                            validationLoss[epoch - 1], 0.45 + 0.09 * epoch, 0.1,
                                            1.5 - 0.2 * epoch));
    }
}

std::shared_ptr<const mlps::Evaluation> evaluation(double accuracy, double f1Weighted, double f1Macro)
{
    auto test = std::make_shared<mlps::Evaluation>();
    test->scores.accuracy = accuracy;
    test->scores.f1Weighted = f1Weighted;
    test->scores.f1Macro = f1Macro;
    return test;
}

TrainingResult result(TrainingStatus status, int epochs, std::int64_t steps, int runId = 1)
{
    TrainingResult finished;
    finished.runId = runId;
    finished.status = status;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        mlps::EpochRecord record;
        record.epoch = epoch;
        record.trainLoss = 1.0 / epoch;
        record.trainAccuracy = 0.9;
        finished.history.push_back(record);
    }
    finished.stepsDone = steps;
    finished.trainSeconds = 83.0;
    finished.samplesPerSecond = 12345.0;
    return finished;
}

TEST(TrainingDashboard, ShowsAHintBeforeAnyRun)
{
    ShownDashboard shown;
    auto* hint = shown.dashboard.findChild<QLabel*>(QStringLiteral("emptyHint"));
    ASSERT_NE(hint, nullptr);
    EXPECT_TRUE(hint->isVisible());
    EXPECT_TRUE(hint->text().contains(QStringLiteral("Ctrl+Return")));
    EXPECT_EQ(shown.dashboard.epochPointCount(), 0);
    EXPECT_TRUE(shown.dashboard.statusText().isEmpty());
    EXPECT_FALSE(shown.dashboard.divergenceShown());
    saveScreenshot(shown.dashboard, QStringLiteral("dashboard-empty"));
}

TEST(TrainingDashboard, BeginRunShowsThePlanAndTheXRange)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 200000, 128, 20), QStringLiteral("Trains 20 epochs of 1,563 steps."));
    EXPECT_FALSE(dashboard.findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
    EXPECT_EQ(dashboard.findChild<QLabel*>(QStringLiteral("runName"))->text(), QStringLiteral("Lab network, lr 0.1"));
    auto* plan = dashboard.findChild<QLabel*>(QStringLiteral("runPlan"));
    EXPECT_TRUE(plan->isVisible());
    EXPECT_EQ(plan->text(), QStringLiteral("Trains 20 epochs of 1,563 steps."));
    EXPECT_EQ(dashboard.plannedStepsPerEpoch(), 1563); // 200,000 / 128 rounded up, as the Trainer counts
    EXPECT_EQ(dashboard.plannedSteps(), 31260);
    EXPECT_EQ(dashboard.progressText(), QStringLiteral("epoch 1 / 20 · step 0 / 31,260 · starting…"));
    for (Chart chart : {Chart::Loss, Chart::Accuracy, Chart::BatchLoss, Chart::LearningRate}) {
        EXPECT_DOUBLE_EQ(dashboard.chart(chart)->xBounds().min, 0.0);
        EXPECT_DOUBLE_EQ(dashboard.chart(chart)->xBounds().max, 20.0);
    }
    EXPECT_TRUE(dashboard.chartStatsText(Chart::Loss).contains(QStringLiteral("after the first epoch")));
}

TEST(TrainingDashboard, OnePointPerEpochWithMinMaxCurrent)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QStringLiteral("Trains 5 epochs."));
    feedFiveEpochs(dashboard);
    EXPECT_EQ(dashboard.epochPointCount(), 5);
    EXPECT_EQ(dashboard.chartStatsText(Chart::Loss),
              QStringLiteral("log-loss: training (min 0.500, max 1.304, cur 0.500)  "
                             "validation (min 0.254, max 0.941, cur 0.260)"));
    EXPECT_EQ(dashboard.chartStatsText(Chart::Accuracy),
              QStringLiteral("accuracy: training (min 58.0 %, max 90.0 %, cur 90.0 %)  "
                             "validation (min 54.0 %, max 90.0 %, cur 90.0 %)"));
    // Batch losses 1.3, 1.1, ... 0.5 per epoch: the raw series' figures are over every batch.
    EXPECT_TRUE(dashboard.chartStatsText(Chart::BatchLoss)
                    .startsWith(QStringLiteral("batch loss: batches (min 0.500, max 1.300, cur 0.500)")))
        << dashboard.chartStatsText(Chart::BatchLoss).toStdString();
    EXPECT_EQ(dashboard.batchPointCount(), 50);
    // What is drawn is what was received (the dashboard is visible).
    const MetricChart* loss = dashboard.chart(Chart::Loss);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kTrainingSeries).size(), 5);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kValidationSeries).size(), 5);
    EXPECT_DOUBLE_EQ(loss->drawnPoints(TrainingDashboard::kValidationSeries).last().x(), 5.0);
    EXPECT_DOUBLE_EQ(loss->drawnPoints(TrainingDashboard::kValidationSeries).last().y(), 0.26);
    EXPECT_EQ(dashboard.chart(Chart::BatchLoss)->drawnPoints(TrainingDashboard::kRawBatchSeries).size(), 50);
    // The loss axis starts at 0 and holds every point.
    EXPECT_DOUBLE_EQ(loss->yBounds().min, 0.0);
    EXPECT_GT(loss->yBounds().max, 1.304);
    // Accuracy is zoomed to the data, within 0..100.
    EXPECT_GT(dashboard.chart(Chart::Accuracy)->yBounds().min, 0.0);
    EXPECT_LE(dashboard.chart(Chart::Accuracy)->yBounds().max, 100.0);
    EXPECT_EQ(dashboard.progressText(),
              QStringLiteral("epoch 5 / 5 · step 50 / 50 · 1,234 samples/s · 0:42 elapsed"));
    saveScreenshot(dashboard, QStringLiteral("dashboard-running"));
}

TEST(TrainingDashboard, HeaderShowsProgressWithEta)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
    EXPECT_FALSE(dashboard.findChild<QLabel*>(QStringLiteral("runPlan"))->isVisible()); // no empty line
    TrainingProgress progress;
    progress.runId = 1;
    progress.epoch = 3;
    progress.epochsDone = 2;
    progress.epochs = 5;
    progress.step = 25;
    progress.stepsPerEpoch = 10;
    progress.totalSteps = 50;
    progress.learningRate = 0.1;
    progress.samplesPerSecond = 98765.4;
    progress.elapsedSeconds = 3725.0;
    progress.etaSeconds = 65.0;
    dashboard.addProgress(progress);
    EXPECT_EQ(dashboard.progressText(),
              QStringLiteral("epoch 3 / 5 · step 25 / 50 · 98,765 samples/s · 1:02:05 elapsed · ETA 1:05"));
    dashboard.setPaused(true);
    EXPECT_TRUE(dashboard.progressText().endsWith(QStringLiteral("ETA 1:05 · paused")));
    progress.step = 26; // the snapshot sent as it paused keeps the mark
    dashboard.addProgress(progress);
    EXPECT_TRUE(dashboard.progressText().contains(QStringLiteral("step 26 / 50")));
    EXPECT_TRUE(dashboard.progressText().endsWith(QStringLiteral(" · paused")));
    dashboard.setPaused(false);
    EXPECT_FALSE(dashboard.progressText().contains(QStringLiteral("paused")));
    dashboard.setPaused(true);
    dashboard.finishRun(result(TrainingStatus::Stopped, 2, 26));
    EXPECT_EQ(dashboard.progressText(), QStringLiteral("epoch 2 / 5 · step 26 / 50 · time 1:23"));
    dashboard.setPaused(true); // after the run: nothing to pause
    EXPECT_FALSE(dashboard.progressText().contains(QStringLiteral("paused")));
}

TEST(TrainingDashboard, PlannedLearningRateOfAnInverseTimeSchedule)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    mlps::ui::TrainingJob job = plannedJob(1, 1000, 100, 5, 0.5);
    job.config.schedule.kind = mlps::ScheduleKind::InverseTime;
    job.config.schedule.decay = 0.01;
    dashboard.beginRun(job, QString());
    const MetricChart* rate = dashboard.chart(Chart::LearningRate);
    const QList<QPointF> planned = rate->drawnPoints(TrainingDashboard::kPlannedRateSeries);
    ASSERT_EQ(planned.size(), 50);
    EXPECT_DOUBLE_EQ(planned.first().y(), 0.5);
    EXPECT_NEAR(planned.last().y(), 0.5 / (1.0 + 0.01 * 49), 1e-12);
    EXPECT_DOUBLE_EQ(planned.last().x(), 5.0);
    EXPECT_EQ(dashboard.chartStatsText(Chart::LearningRate),
              QStringLiteral("learning rate: planned (start 0.5, end 0.336)"));
    // The rate actually used joins it, from the snapshots and the epochs.
    TrainingProgress progress = epochSnapshot(1, 1, 5, 10, 1.0, 0.5, 1.0, 0.5, 0.5 / (1.0 + 0.01 * 9));
    progress.learningRate = 0.5 / (1.0 + 0.01 * 10); // the next step's
    dashboard.addProgress(progress);
    const QList<QPointF> used = rate->drawnPoints(TrainingDashboard::kUsedRateSeries);
    ASSERT_EQ(used.size(), 2);
    EXPECT_DOUBLE_EQ(used[0].x(), 1.0);
    EXPECT_DOUBLE_EQ(used[0].y(), planned[9].y()); // the epoch's last step lies on the plan
    EXPECT_DOUBLE_EQ(used[1].x(), 1.1);
    EXPECT_DOUBLE_EQ(used[1].y(), planned[10].y());
}

TEST(TrainingDashboard, HundredThousandStepsAreDecimatedAndSmoothedRight)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 100000, 1, 1), QString()); // 100,000 steps of one sample
    ASSERT_EQ(dashboard.plannedSteps(), 100000);
    for (std::int64_t first = 1; first <= 100000; first += 1000) {
        TrainingProgress progress;
        progress.runId = 1;
        for (std::int64_t step = first; step < first + 1000; ++step)
            progress.batchLosses.push_back({step, 0.7});
        progress.epoch = 1;
        progress.epochs = 1;
        progress.step = first + 999;
        progress.stepsPerEpoch = 100000;
        progress.totalSteps = 100000;
        progress.learningRate = 0.1;
        dashboard.addProgress(progress);
        ASSERT_LE(dashboard.batchPointCount(), TrainingDashboard::kMaxBatchPoints);
    }
    EXPECT_GE(dashboard.batchPointCount(), TrainingDashboard::kMaxBatchPoints / 2);
    EXPECT_EQ(dashboard.batchLossCurve().lossCount(), 100000);
    EXPECT_NEAR(dashboard.batchLossCurve().smoothedLoss(), 0.7, 1e-9);
    const QList<QPointF> smoothed =
        dashboard.chart(Chart::BatchLoss)->drawnPoints(TrainingDashboard::kSmoothedBatchSeries);
    ASSERT_LE(smoothed.size(), TrainingDashboard::kMaxBatchPoints);
    for (const QPointF& point : smoothed)
        ASSERT_NEAR(point.y(), 0.7, 1e-9);
    EXPECT_DOUBLE_EQ(smoothed.last().x(), 1.0);
    // Used-rate points from ~100 snapshots stay few.
    EXPECT_LE(dashboard.chart(Chart::LearningRate)->points(TrainingDashboard::kUsedRateSeries).size(), 101);
}

TEST(TrainingDashboard, DivergenceShowsARedMessageAndKeepsTheCharts)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5, 0.5), QString());
    dashboard.addProgress(epochSnapshot(1, 1, 5, 10, 1.0, 0.5, 1.1, 0.5));
    dashboard.addProgress(epochSnapshot(1, 2, 5, 10, 0.9, 0.6, 1.0, 0.6));
    TrainingResult diverged = result(TrainingStatus::Diverged, 2, 23);
    diverged.message = QStringLiteral("Diverged: the loss became NaN at epoch 3, step 23 (learning rate 0.5); "
                                      "try a smaller learning rate");
    dashboard.finishRun(diverged);
    EXPECT_TRUE(dashboard.divergenceShown());
    const ResultBanner* banner = dashboard.resultBanner();
    EXPECT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->tone(), ResultBanner::Tone::Error);
    EXPECT_TRUE(banner->title().contains(QStringLiteral("epoch 3, step 23"))) << banner->title().toStdString();
    EXPECT_TRUE(banner->details().contains(QStringLiteral("lower learning rate (e.g. 0.05 instead of 0.5)")))
        << banner->details().toStdString();
    EXPECT_TRUE(banner->accuracy().isEmpty());
    EXPECT_EQ(dashboard.statusText(),
              QStringLiteral("Diverged at epoch 3, step 23: try a lower learning rate (e.g. 0.05)."));
    EXPECT_EQ(dashboard.epochPointCount(), 2); // what was drawn stays
    EXPECT_EQ(dashboard.batchPointCount(), 20);
    saveScreenshot(dashboard, QStringLiteral("dashboard-diverged"));
}

TEST(TrainingDashboard, FinishedShowsTestAccuracyAndF1)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QStringLiteral("Trains 5 epochs."));
    feedFiveEpochs(dashboard);
    TrainingResult finished = result(TrainingStatus::Finished, 5, 50);
    finished.message = QStringLiteral("Finished 5 epochs.");
    finished.test = evaluation(0.9123, 0.9114, 0.9087);
    dashboard.finishRun(finished);
    EXPECT_FALSE(dashboard.divergenceShown());
    EXPECT_EQ(dashboard.statusText(),
              QStringLiteral("Finished: test accuracy 91.2 %, weighted F1 0.911, macro F1 0.909."));
    const ResultBanner* banner = dashboard.resultBanner();
    EXPECT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->tone(), ResultBanner::Tone::Success);
    EXPECT_EQ(banner->title(), QStringLiteral("Finished"));
    EXPECT_EQ(banner->accuracy(), QStringLiteral("91.2 %"));
    EXPECT_EQ(banner->f1(), QStringLiteral("0.911"));
    EXPECT_EQ(banner->details(), QStringLiteral("Epochs: 5 · steps: 50 · time: 1:23 · 12,345 samples/s"));
    EXPECT_EQ(dashboard.epochPointCount(), 5); // the history does not add them twice
    EXPECT_EQ(dashboard.progressText(), QStringLiteral("epoch 5 / 5 · step 50 / 50 · time 1:23"));
    saveScreenshot(dashboard, QStringLiteral("dashboard-finished"));
}

TEST(TrainingDashboard, EarlyStoppingStoppedAndFailedAreTold)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;

    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
    TrainingResult early = result(TrainingStatus::Finished, 3, 30);
    early.message = QStringLiteral("Early stopping: no improvement of the validation loss for 2 epochs; "
                                   "restored the weights of epoch 1");
    early.test = evaluation(0.8, 0.79, 0.78);
    dashboard.finishRun(early);
    EXPECT_EQ(dashboard.resultBanner()->title(), QStringLiteral("Early stopping after 3 of 5 epochs"));
    EXPECT_TRUE(dashboard.resultBanner()->details().startsWith(early.message));
    EXPECT_TRUE(dashboard.statusText().startsWith(QStringLiteral("Early stopping: test accuracy 80.0 %")));
    EXPECT_EQ(dashboard.epochPointCount(), 3); // topped up from the history

    dashboard.beginRun(plannedJob(2, 1000, 100, 5), QString());
    TrainingResult stopped = result(TrainingStatus::Stopped, 1, 14, 2);
    stopped.message = QStringLiteral("Stopped at step 14 of 50, after 1 complete epoch.");
    stopped.test = evaluation(0.5, 0.45, 0.44);
    dashboard.finishRun(stopped);
    EXPECT_EQ(dashboard.resultBanner()->title(), QStringLiteral("Stopped by the user"));
    EXPECT_EQ(dashboard.resultBanner()->tone(), ResultBanner::Tone::Neutral);
    EXPECT_TRUE(dashboard.statusText().startsWith(QStringLiteral("Stopped by the user: test accuracy 50.0 %")));
    EXPECT_FALSE(dashboard.resultBanner()->details().contains(QStringLiteral("Continue Run")));
    // With a checkpoint it says how to go on.
    dashboard.beginRun(plannedJob(2, 1000, 100, 5), QString());
    stopped.checkpoint = std::make_shared<const mlps::TrainerState>();
    dashboard.finishRun(stopped);
    EXPECT_TRUE(dashboard.resultBanner()->details().contains(QStringLiteral("Run > Continue Run")))
        << dashboard.resultBanner()->details().toStdString();

    dashboard.beginRun(plannedJob(3, 1000, 100, 5), QString());
    TrainingResult failed = result(TrainingStatus::Failed, 0, 0, 3);
    failed.message = QStringLiteral("Training failed: the network takes 784 inputs, the images have 64 pixels.");
    dashboard.finishRun(failed);
    EXPECT_EQ(dashboard.resultBanner()->tone(), ResultBanner::Tone::Error);
    EXPECT_EQ(dashboard.resultBanner()->details(), failed.message);
    EXPECT_TRUE(dashboard.resultBanner()->accuracy().isEmpty());
    EXPECT_EQ(dashboard.statusText(), QStringLiteral("Failed: ") + failed.message);
    EXPECT_FALSE(dashboard.divergenceShown());
}

TEST(TrainingDashboard, ClearEmptiesEverything)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
    feedFiveEpochs(dashboard);
    dashboard.finishRun(result(TrainingStatus::Diverged, 5, 50));
    ASSERT_TRUE(dashboard.divergenceShown());
    dashboard.clear();
    EXPECT_EQ(dashboard.epochPointCount(), 0);
    EXPECT_EQ(dashboard.batchPointCount(), 0);
    EXPECT_TRUE(dashboard.statusText().isEmpty());
    EXPECT_FALSE(dashboard.divergenceShown());
    EXPECT_TRUE(dashboard.findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
    for (Chart chart : {Chart::Loss, Chart::Accuracy, Chart::BatchLoss, Chart::LearningRate})
        for (int series = 0; series < dashboard.chart(chart)->seriesCount(); ++series)
            EXPECT_TRUE(dashboard.chart(chart)->drawnPoints(series).isEmpty());
    // Snapshots without a run are ignored.
    dashboard.addProgress(epochSnapshot(1, 1, 5, 10, 1.0, 0.5, 1.0, 0.5));
    EXPECT_EQ(dashboard.epochPointCount(), 0);
}

TEST(TrainingDashboard, ASecondRunStartsFromScratch)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QStringLiteral("First."));
    feedFiveEpochs(dashboard);
    TrainingResult finished = result(TrainingStatus::Finished, 5, 50);
    finished.test = evaluation(0.9, 0.9, 0.9);
    dashboard.finishRun(finished);

    dashboard.beginRun(plannedJob(2, 640, 64, 3), QStringLiteral("Second."));
    EXPECT_EQ(dashboard.epochPointCount(), 0);
    EXPECT_EQ(dashboard.batchPointCount(), 0);
    EXPECT_TRUE(dashboard.statusText().isEmpty());
    EXPECT_FALSE(dashboard.resultBanner()->isVisible());
    EXPECT_TRUE(dashboard.chart(Chart::Loss)->drawnPoints(TrainingDashboard::kTrainingSeries).isEmpty());
    EXPECT_DOUBLE_EQ(dashboard.chart(Chart::Loss)->xBounds().max, 3.0);
    EXPECT_EQ(dashboard.findChild<QLabel*>(QStringLiteral("runPlan"))->text(), QStringLiteral("Second."));
    // A late snapshot of the first run does not leak into the second.
    dashboard.addProgress(epochSnapshot(1, 1, 5, 10, 1.0, 0.5, 1.0, 0.5));
    EXPECT_EQ(dashboard.epochPointCount(), 0);
    dashboard.addProgress(epochSnapshot(2, 1, 3, 10, 1.0, 0.5, 1.0, 0.5));
    EXPECT_EQ(dashboard.epochPointCount(), 1);
    // Nor does the first run's result.
    dashboard.finishRun(finished);
    EXPECT_TRUE(dashboard.statusText().isEmpty());
}

TEST(TrainingDashboard, AHiddenDashboardOnlyKeepsBooks)
{
    TrainingDashboard dashboard; // never shown
    dashboard.resize(860, 660);
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
    feedFiveEpochs(dashboard);
    EXPECT_EQ(dashboard.epochPointCount(), 5);
    const MetricChart* loss = dashboard.chart(Chart::Loss);
    EXPECT_TRUE(loss->drawnPoints(TrainingDashboard::kTrainingSeries).isEmpty());
    EXPECT_TRUE(dashboard.chart(Chart::BatchLoss)->drawnPoints(TrainingDashboard::kRawBatchSeries).isEmpty());
    EXPECT_TRUE(dashboard.chartStatsText(Chart::Loss).contains(QStringLiteral("cur 0.500")));
    EXPECT_EQ(dashboard.batchPointCount(), 50); // counted, not drawn
    dashboard.show(); // catches up at once
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dashboard));
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kTrainingSeries), loss->points(TrainingDashboard::kTrainingSeries));
    EXPECT_EQ(dashboard.chart(Chart::BatchLoss)->drawnPoints(TrainingDashboard::kRawBatchSeries).size(), 50);
    EXPECT_GT(loss->yBounds().max, 1.304);
    // Hidden again mid-run: new points wait, then all arrive.
    dashboard.hide();
    dashboard.finishRun(result(TrainingStatus::Finished, 6, 60));
    EXPECT_EQ(dashboard.epochPointCount(), 6);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kTrainingSeries).size(), 5);
    dashboard.show();
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kTrainingSeries).size(), 6);
}

TEST(TrainingDashboard, LogScaleToggleIsRememberedAndNeedsPositiveBounds)
{
    QSettings().remove(QStringLiteral("dashboard/logarithmicLoss"));
    {
        ShownDashboard shown;
        auto& dashboard = shown.dashboard;
        dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
        feedFiveEpochs(dashboard);
        auto* toggle = dashboard.findChild<QCheckBox*>(QStringLiteral("logLoss"));
        ASSERT_NE(toggle, nullptr);
        EXPECT_FALSE(toggle->isChecked());
        EXPECT_FALSE(toggle->accessibleName().isEmpty());
        QTest::mouseClick(toggle, Qt::LeftButton, {}, toggle->rect().center());
        EXPECT_TRUE(dashboard.logarithmicLoss());
        EXPECT_EQ(dashboard.chart(Chart::Loss)->yScale(), MetricChart::YScale::Logarithmic);
        EXPECT_EQ(dashboard.chart(Chart::BatchLoss)->yScale(), MetricChart::YScale::Logarithmic);
        EXPECT_EQ(dashboard.chart(Chart::Accuracy)->yScale(), MetricChart::YScale::Fit);
        EXPECT_DOUBLE_EQ(dashboard.chart(Chart::Loss)->yBounds().min, 0.2); // losses 0.254 .. 1.304
        EXPECT_DOUBLE_EQ(dashboard.chart(Chart::Loss)->yBounds().max, 2.0);
        // The series are still drawn against the new axis.
        EXPECT_EQ(dashboard.chart(Chart::Loss)->chart()->axes(Qt::Vertical).size(), 1);
        saveScreenshot(dashboard, QStringLiteral("dashboard-log"));
    }
    {
        ShownDashboard again;
        EXPECT_TRUE(again.dashboard.logarithmicLoss());
        auto* toggle = again.dashboard.findChild<QCheckBox*>(QStringLiteral("logLoss"));
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space); // by keyboard too
        EXPECT_FALSE(again.dashboard.logarithmicLoss());
        EXPECT_EQ(again.dashboard.chart(Chart::Loss)->yScale(), MetricChart::YScale::FromZero);
    }
    EXPECT_FALSE(QSettings().value(QStringLiteral("dashboard/logarithmicLoss")).toBool());
}

TEST(TrainingDashboard, HalfOfALabRunOnNotMnistLarge)
{
    // 200,000 images in batches of 128 for 20 epochs with inverse-time decay,
    // snapshots every 100 steps: the scale the dashboard is made for.
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    mlps::ui::TrainingJob job = plannedJob(1, 200000, 128, 20, 0.5);
    job.config.schedule.kind = mlps::ScheduleKind::InverseTime;
    job.config.schedule.decay = 1e-4;
    dashboard.beginRun(job, QStringLiteral("Trains the lab network (784-128-256-128-64-10, ReLU) for 20 epochs of "
                                           "1,563 steps with SGD, learning rate 0.5 decaying as 0.5 / (1 + 1e-4 t)."));
    const std::int64_t perEpoch = 1563;
    const auto rateAt = [](std::int64_t step) { return 0.5 / (1.0 + 1e-4 * double(step)); };
    std::uint32_t noise = 12345;
    std::int64_t step = 0;
    while (step < perEpoch * 10) {
        TrainingProgress progress;
        progress.runId = 1;
        const std::int64_t until = std::min(step + 100, perEpoch * 10);
        for (++step; step <= until; ++step) {
            noise = noise * 1664525u + 1013904223u;
            const double jitter = double(noise >> 8) / double(1u << 24) - 0.5;
            progress.batchLosses.push_back({step, 0.25 + 1.5 / (1.0 + double(step) / 400.0) + 0.2 * jitter});
            if (step % perEpoch == 0) {
                mlps::EpochRecord record;
                record.epoch = int(step / perEpoch);
                record.trainLoss = 0.25 + 1.5 / (1.0 + double(step) / 400.0);
                record.trainAccuracy = 0.97 - 0.1 / record.epoch;
                record.validationLoss = 0.3 + 1.2 / (1.0 + double(step) / 500.0);
                record.validationAccuracy = 0.95 - 0.1 / record.epoch;
                record.learningRate = rateAt(step - 1);
                progress.newEpochs.push_back(record);
            }
        }
        step = until;
        progress.step = step;
        progress.epoch = int((step - 1) / perEpoch) + 1;
        progress.epochsDone = int(step / perEpoch);
        progress.epochs = 20;
        progress.stepsPerEpoch = perEpoch;
        progress.totalSteps = perEpoch * 20;
        progress.learningRate = rateAt(step);
        progress.samplesPerSecond = 41234.0;
        progress.elapsedSeconds = double(step) * 128.0 / 41234.0;
        progress.etaSeconds = double(perEpoch * 20 - step) * 128.0 / 41234.0;
        dashboard.addProgress(progress);
    }
    EXPECT_EQ(dashboard.epochPointCount(), 10);
    EXPECT_LE(dashboard.batchPointCount(), TrainingDashboard::kMaxBatchPoints);
    EXPECT_EQ(dashboard.batchLossCurve().stepsPerBucket(), 16); // 31,260 planned steps / 2,000, rounded up
    EXPECT_EQ(dashboard.progressText(),
              QStringLiteral("epoch 10 / 20 · step 15,630 / 31,260 · 41,234 samples/s · 0:49 elapsed · ETA 0:49"));
    // The used rate follows the plan: no point more than a rounding off it.
    const MetricChart* rate = dashboard.chart(Chart::LearningRate);
    for (const QPointF& point : rate->points(TrainingDashboard::kUsedRateSeries)) {
        const auto index = std::llround(point.x() * double(perEpoch)) - 1;
        ASSERT_NEAR(point.y(), rateAt(index), 1e-12) << point.x();
    }
    EXPECT_LE(rate->points(TrainingDashboard::kUsedRateSeries).size(), 170);
    saveScreenshot(dashboard, QStringLiteral("dashboard-lab"));
    dashboard.resize(700, 600); // the smallest it gets at 1280x800
    saveScreenshot(dashboard, QStringLiteral("dashboard-lab-small"));
    dashboard.resize(1800, 1000); // maximized
    saveScreenshot(dashboard, QStringLiteral("dashboard-lab-large"));
}

TEST(TrainingDashboard, HoveringASeriesNamesTheNearestPoint)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    dashboard.beginRun(plannedJob(1, 1000, 100, 5), QString());
    feedFiveEpochs(dashboard);
    const auto hover = [&](Chart chart, int series, QPointF at) {
        auto* line = qobject_cast<QLineSeries*>(dashboard.chart(chart)->chart()->series().at(series));
        EXPECT_NE(line, nullptr);
        emit line->hovered(at, true);
        return QToolTip::text();
    };
    // Near epoch 2 of the validation loss (0.7), wherever on the segment.
    EXPECT_EQ(hover(Chart::Loss, TrainingDashboard::kValidationSeries, QPointF(2.3, 0.6)),
              QStringLiteral("validation\nepoch 2: 0.700"));
    EXPECT_TRUE(QToolTip::isVisible());
    EXPECT_EQ(hover(Chart::Accuracy, TrainingDashboard::kTrainingSeries, QPointF(4.8, 80.0)),
              QStringLiteral("training\nepoch 5: 90.0 %"));
    // The batch chart is drawn over epochs but names the step; beyond the end it takes the last point.
    EXPECT_EQ(hover(Chart::BatchLoss, TrainingDashboard::kRawBatchSeries, QPointF(9.0, 1.0)),
              QStringLiteral("batches\nstep 50 (epoch 5.00): 0.500"));
    auto* line = qobject_cast<QLineSeries*>(dashboard.chart(Chart::Loss)->chart()->series().at(0));
    emit line->hovered(QPointF(1.0, 1.0), false);
    EXPECT_TRUE(QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 2000)); // hides after a short delay
}

TEST(TrainingDashboard, EveryControlHasAnAccessibleName)
{
    ShownDashboard shown;
    shown.dashboard.beginRun(plannedJob(1, 1000, 100, 5), QStringLiteral("Plan."));
    for (QWidget* widget : shown.dashboard.findChildren<QWidget*>()) {
        const auto* area = qobject_cast<QAbstractScrollArea*>(widget->parentWidget());
        if (area && area->viewport() == widget)
            continue; // a view's own viewport, named through the view
        if (qobject_cast<QCheckBox*>(widget) || qobject_cast<QChartView*>(widget)
            || widget->focusPolicy() != Qt::NoFocus) {
            EXPECT_FALSE(widget->accessibleName().isEmpty()) << widget->metaObject()->className() << " "
                                                             << widget->objectName().toStdString();
        }
    }
    // The charts' statistics are readable by screen readers.
    const auto* view = shown.dashboard.chart(Chart::LearningRate)->view();
    EXPECT_EQ(view->accessibleDescription(), shown.dashboard.chartStatsText(Chart::LearningRate));
}

} // namespace
