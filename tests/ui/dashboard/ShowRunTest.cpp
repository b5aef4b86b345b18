// TrainingDashboard::showRun(): a run that is not training, shown as it ended.
#include "DashboardTestSupport.h"
#include "MetricChart.h"
#include "ResultBanner.h"
#include "TrainingDashboard.h"

#include "nn/BatchLossDecimator.h"
#include "RunRecord.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>

namespace {

using mlps::BatchLossDecimator;
using mlps::BatchLossPoint;
using mlps::ui::MetricChart;
using mlps::ui::ResultBanner;
using mlps::ui::RunRecord;
using mlps::ui::TrainingDashboard;
using mlps::ui::TrainingProgress;
using mlps::ui::TrainingStatus;
using mlps::ui::test::plannedJob;
using mlps::ui::test::ShownDashboard;
using mlps::ui::test::saveScreenshot;
using Chart = TrainingDashboard::Chart;


double batchLossAt(std::int64_t step, double scale)
{
    return scale * (0.3 + 2.0 / (1.0 + double(step) / 500.0)) + 0.05 * std::sin(double(step));
}

mlps::EpochRecord epochRecord(int epoch, double scale)
{
    mlps::EpochRecord record;
    record.epoch = epoch;
    record.trainLoss = scale * (0.3 + 2.0 / (1.0 + epoch));
    record.trainAccuracy = 0.99 - 0.5 / (1.0 + epoch) / scale;
    record.validationLoss = scale * (0.35 + 2.0 / (1.0 + epoch));
    record.validationAccuracy = 0.97 - 0.5 / (1.0 + epoch) / scale;
    record.learningRate = 0.1 / (1.0 + 0.01 * epoch);
    return record;
}

std::shared_ptr<const mlps::Evaluation> evaluation(double accuracy, double f1Weighted, double f1Macro)
{
    auto test = std::make_shared<mlps::Evaluation>();
    test->scores.accuracy = accuracy;
    test->scores.f1Weighted = f1Weighted;
    test->scores.f1Macro = f1Macro;
    return test;
}

// A run of `epochs` epochs of `stepsPerEpoch` steps (batches of 100) that
// ended after `epochsDone` of them, with its batch losses kept as the worker
// keeps them; `scale` makes two runs' figures differ.
std::shared_ptr<RunRecord> endedRun(int id, int epochs, std::int64_t stepsPerEpoch, int epochsDone, double scale)
{
    auto run = std::make_shared<RunRecord>();
    run->id = id;
    run->name = QStringLiteral("Run %1 · Lab network on Quadrants").arg(id);
    run->planText = QStringLiteral("Trains the lab network for %1 epochs.").arg(epochs);
    run->job = plannedJob(id, stepsPerEpoch * 100, 100, epochs);
    run->job.name = run->name;
    mlps::ui::TrainingResult& result = run->result;
    result.runId = id;
    result.status = TrainingStatus::Finished;
    result.message = QStringLiteral("Finished %1 epochs.").arg(epochsDone);
    for (int epoch = 1; epoch <= epochsDone; ++epoch)
        result.history.push_back(epochRecord(epoch, scale));
    result.stepsDone = stepsPerEpoch * epochsDone;
    BatchLossDecimator kept;
    kept.reset(stepsPerEpoch * epochs);
    for (std::int64_t step = 1; step <= result.stepsDone; ++step)
        kept.add({step, batchLossAt(step, scale), 1});
    result.batchLosses = kept.points();
    result.test = evaluation(0.9 + 0.01 * scale, 0.89 + 0.01 * scale, 0.88 + 0.01 * scale);
    result.trainSeconds = 83.0 * scale;
    result.samplesPerSecond = 12345.0;
    return run;
}

// The same run fed live, as the worker sends it: every step, a snapshot per epoch.
void trainLive(TrainingDashboard& dashboard, const RunRecord& run)
{
    const std::int64_t perEpoch = run.stepsPerEpoch();
    const double scale = run.result.history.front().trainLoss / epochRecord(1, 1.0).trainLoss;
    dashboard.beginRun(run.job, run.planText);
    for (const mlps::EpochRecord& record : run.result.history) {
        TrainingProgress progress;
        progress.runId = run.id;
        for (std::int64_t step = (record.epoch - 1) * perEpoch + 1; step <= record.epoch * perEpoch; ++step)
            progress.batchLosses.push_back({step, batchLossAt(step, scale), 1});
        progress.newEpochs.push_back(record);
        progress.epoch = record.epoch;
        progress.epochsDone = record.epoch;
        progress.epochs = run.job.config.epochs;
        progress.step = record.epoch * perEpoch;
        progress.stepsPerEpoch = perEpoch;
        progress.totalSteps = perEpoch * run.job.config.epochs;
        progress.learningRate = record.learningRate;
        dashboard.addProgress(progress);
    }
    dashboard.finishRun(run.result);
}

TEST(ShowRun, AFinishedRunAsItEnded)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    const auto run = endedRun(3, 100, 200, 100, 1.0); // 20,000 steps: 2,000 kept points of 10 steps
    ASSERT_EQ(run->result.batchLosses.size(), 2000u);
    dashboard.showRun(*run);

    EXPECT_FALSE(dashboard.isRunActive());
    EXPECT_EQ(dashboard.findChild<QLabel*>(QStringLiteral("runName"))->text(), run->name);
    EXPECT_EQ(dashboard.findChild<QLabel*>(QStringLiteral("runPlan"))->text(), run->planText);
    EXPECT_EQ(dashboard.plannedSteps(), 20000);
    EXPECT_EQ(dashboard.epochPointCount(), 100);
    EXPECT_EQ(dashboard.batchPointCount(), 2000);
    EXPECT_EQ(dashboard.batchLossCurve().lossCount(), 20000);
    const MetricChart* loss = dashboard.chart(Chart::Loss);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kTrainingSeries).size(), 100);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kValidationSeries).size(), 100);
    EXPECT_EQ(dashboard.chart(Chart::Accuracy)->drawnPoints(TrainingDashboard::kValidationSeries).size(), 100);
    const MetricChart* batch = dashboard.chart(Chart::BatchLoss);
    EXPECT_EQ(batch->drawnPoints(TrainingDashboard::kRawBatchSeries).size(), 2000);
    EXPECT_EQ(batch->drawnPoints(TrainingDashboard::kSmoothedBatchSeries).size(), 2000);
    EXPECT_DOUBLE_EQ(batch->drawnPoints(TrainingDashboard::kRawBatchSeries).first().x(), 5.5 / 200.0);
    EXPECT_DOUBLE_EQ(batch->drawnPoints(TrainingDashboard::kSmoothedBatchSeries).last().x(), 100.0);
    // The planned rate, and the used one at the first step and at every epoch end.
    const MetricChart* rate = dashboard.chart(Chart::LearningRate);
    const QList<QPointF> planned = rate->drawnPoints(TrainingDashboard::kPlannedRateSeries);
    ASSERT_FALSE(planned.isEmpty());
    const QList<QPointF> used = rate->drawnPoints(TrainingDashboard::kUsedRateSeries);
    ASSERT_EQ(used.size(), 101);
    EXPECT_EQ(used.first(), planned.first());
    EXPECT_DOUBLE_EQ(used[1].x(), 1.0);
    EXPECT_DOUBLE_EQ(used.last().x(), 100.0);
    EXPECT_DOUBLE_EQ(used.last().y(), run->result.history.back().learningRate);

    EXPECT_EQ(dashboard.chartStatsText(Chart::Loss),
              QStringLiteral("log-loss: training (min 0.320, max 1.300, cur 0.320)  "
                             "validation (min 0.370, max 1.350, cur 0.370)"));
    EXPECT_EQ(dashboard.statusText(),
              QStringLiteral("Finished: test accuracy 91.0 %, weighted F1 0.900, macro F1 0.890."));
    const ResultBanner* banner = dashboard.resultBanner();
    EXPECT_TRUE(banner->isVisible());
    EXPECT_EQ(banner->title(), QStringLiteral("Finished"));
    EXPECT_EQ(banner->accuracy(), QStringLiteral("91.0 %"));
    EXPECT_EQ(banner->details(), QStringLiteral("Epochs: 100 · steps: 20,000 · time: 1:23 · 12,345 samples/s"));
    EXPECT_EQ(dashboard.progressText(), QStringLiteral("epoch 100 / 100 · step 20,000 / 20,000 · time 1:23"));
    saveScreenshot(dashboard, QStringLiteral("dashboard-show-run"));
}

TEST(ShowRun, DrawsWhatTheLiveRunDrew)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    const auto run = endedRun(1, 30, 150, 30, 1.0); // 4,500 steps: buckets of 3
    trainLive(dashboard, *run);
    const auto pointsOf = [&](Chart chart, int series) { return dashboard.chart(chart)->drawnPoints(series); };
    const QList<QPointF> liveLoss = pointsOf(Chart::Loss, TrainingDashboard::kTrainingSeries);
    const QList<QPointF> liveAccuracy = pointsOf(Chart::Accuracy, TrainingDashboard::kValidationSeries);
    const QList<QPointF> liveRaw = pointsOf(Chart::BatchLoss, TrainingDashboard::kRawBatchSeries);
    const QList<QPointF> liveSmoothed = pointsOf(Chart::BatchLoss, TrainingDashboard::kSmoothedBatchSeries);
    const QString liveLossStats = dashboard.chartStatsText(Chart::Loss);
    const QString liveBanner = dashboard.resultBanner()->details();
    const QString liveProgress = dashboard.progressText();

    dashboard.clear();
    dashboard.showRun(*run);
    EXPECT_EQ(pointsOf(Chart::Loss, TrainingDashboard::kTrainingSeries), liveLoss);
    EXPECT_EQ(pointsOf(Chart::Accuracy, TrainingDashboard::kValidationSeries), liveAccuracy);
    EXPECT_EQ(dashboard.chartStatsText(Chart::Loss), liveLossStats);
    EXPECT_EQ(dashboard.resultBanner()->details(), liveBanner);
    EXPECT_EQ(dashboard.progressText(), liveProgress);
    // The same buckets; the smoothing over each bucket's mean stays close to the one over every step.
    const QList<QPointF> raw = pointsOf(Chart::BatchLoss, TrainingDashboard::kRawBatchSeries);
    const QList<QPointF> smoothed = pointsOf(Chart::BatchLoss, TrainingDashboard::kSmoothedBatchSeries);
    ASSERT_EQ(raw.size(), liveRaw.size());
    ASSERT_EQ(smoothed.size(), liveSmoothed.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        ASSERT_DOUBLE_EQ(raw[i].x(), liveRaw[i].x()) << i;
        ASSERT_NEAR(raw[i].y(), liveRaw[i].y(), 1e-12) << i;
        ASSERT_DOUBLE_EQ(smoothed[i].x(), liveSmoothed[i].x()) << i;
        ASSERT_NEAR(smoothed[i].y(), liveSmoothed[i].y(), 0.01) << i;
    }
}

TEST(ShowRun, EachOfTwoRunsShowsItsOwn)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    const auto first = endedRun(1, 10, 50, 10, 1.0);
    const auto second = endedRun(2, 20, 30, 20, 2.0);
    dashboard.showRun(*first);
    const QString firstLoss = dashboard.chartStatsText(Chart::Loss);
    const QString firstBatch = dashboard.chartStatsText(Chart::BatchLoss);
    const QString firstStatus = dashboard.statusText();
    EXPECT_EQ(dashboard.epochPointCount(), 10);
    EXPECT_EQ(dashboard.batchPointCount(), 500);

    dashboard.showRun(*second);
    EXPECT_EQ(dashboard.epochPointCount(), 20);
    EXPECT_EQ(dashboard.batchPointCount(), 600);
    EXPECT_NE(dashboard.chartStatsText(Chart::Loss), firstLoss);
    EXPECT_NE(dashboard.chartStatsText(Chart::BatchLoss), firstBatch);
    EXPECT_EQ(dashboard.statusText(),
              QStringLiteral("Finished: test accuracy 92.0 %, weighted F1 0.910, macro F1 0.900."));
    EXPECT_DOUBLE_EQ(dashboard.chart(Chart::Loss)->xBounds().max, 20.0);

    dashboard.showRun(*first);
    EXPECT_EQ(dashboard.epochPointCount(), 10);
    EXPECT_EQ(dashboard.batchPointCount(), 500);
    EXPECT_EQ(dashboard.chartStatsText(Chart::Loss), firstLoss);
    EXPECT_EQ(dashboard.chartStatsText(Chart::BatchLoss), firstBatch);
    EXPECT_EQ(dashboard.statusText(), firstStatus);
    EXPECT_EQ(dashboard.chart(Chart::Loss)->drawnPoints(TrainingDashboard::kTrainingSeries).size(), 10);
}

TEST(ShowRun, StoppedDivergedAndFailedRunsSayWhatTheyDid)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;

    // Stopped mid-epoch with a checkpoint: the continue hint, the losses up to its step.
    auto stopped = endedRun(4, 10, 50, 3, 1.0);
    stopped->result.status = TrainingStatus::Stopped;
    stopped->result.message = QStringLiteral("Stopped at step 170 of 500, after 3 complete epochs.");
    stopped->result.stepsDone = 170;
    stopped->result.batchLosses = BatchLossDecimator::decimate(
        [] {
            std::vector<BatchLossPoint> points;
            for (std::int64_t step = 1; step <= 170; ++step)
                points.push_back({step, batchLossAt(step, 1.0), 1});
            return points;
        }(),
        500);
    auto checkpoint = std::make_shared<mlps::TrainerState>();
    checkpoint->order.resize(5000); // 50 steps of 100
    checkpoint->step = 170;
    stopped->result.checkpoint = checkpoint;
    dashboard.showRun(*stopped);
    EXPECT_EQ(dashboard.epochPointCount(), 3);
    EXPECT_EQ(dashboard.batchPointCount(), 170);
    EXPECT_EQ(dashboard.resultBanner()->title(), QStringLiteral("Stopped by the user"));
    EXPECT_TRUE(dashboard.resultBanner()->details().contains(QStringLiteral("Run > Continue Run")))
        << dashboard.resultBanner()->details().toStdString();
    EXPECT_EQ(dashboard.progressText(), QStringLiteral("epoch 3 / 10 · step 170 / 500 · time 1:23"));
    // Its used rate is known at its first step and at epoch ends only.
    EXPECT_EQ(dashboard.chart(Chart::LearningRate)->points(TrainingDashboard::kUsedRateSeries).size(), 4);

    auto diverged = endedRun(5, 10, 50, 2, 1.0);
    diverged->result.status = TrainingStatus::Diverged;
    diverged->result.message = QStringLiteral("the loss became NaN at step 123");
    diverged->result.stepsDone = 123;
    diverged->result.test.reset();
    dashboard.showRun(*diverged);
    EXPECT_TRUE(dashboard.divergenceShown());
    EXPECT_EQ(dashboard.resultBanner()->title(),
              QStringLiteral("Diverged at epoch 3, step 123: the loss is no longer a finite number"));

    auto failed = endedRun(6, 10, 50, 0, 1.0);
    failed->result.status = TrainingStatus::Failed;
    failed->result.message = QStringLiteral("Training failed: out of memory");
    failed->result.test.reset();
    dashboard.showRun(*failed);
    EXPECT_FALSE(dashboard.divergenceShown());
    EXPECT_EQ(dashboard.epochPointCount(), 0);
    EXPECT_EQ(dashboard.batchPointCount(), 0);
    EXPECT_EQ(dashboard.statusText(), QStringLiteral("Failed: Training failed: out of memory"));
    EXPECT_FALSE(dashboard.isRunActive());
}

TEST(ShowRun, AContinuedRunStartsWithItsEarlierBatchLosses)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    const auto stopped = endedRun(7, 10, 50, 10, 1.0); // all 500 steps kept...
    mlps::ui::TrainingJob job = stopped->job;
    auto checkpoint = std::make_shared<mlps::TrainerState>();
    checkpoint->order.resize(5000);
    checkpoint->step = 170;
    job.resumeFrom = checkpoint;
    // ...of which those up to the step it goes on from.
    const std::vector<BatchLossPoint> earlier = BatchLossDecimator::joined(stopped->result.batchLosses, 170, {}, 500);
    dashboard.beginRun(job, QStringLiteral("Continues from step 170 of 500."), earlier);
    EXPECT_TRUE(dashboard.isRunActive());
    EXPECT_EQ(dashboard.batchPointCount(), 170);
    TrainingProgress progress;
    progress.runId = 7;
    for (std::int64_t step = 171; step <= 200; ++step)
        progress.batchLosses.push_back({step, 0.5, 1});
    progress.epoch = 4;
    progress.epochs = 10;
    progress.step = 200;
    progress.stepsPerEpoch = 50;
    progress.totalSteps = 500;
    progress.learningRate = 0.1;
    dashboard.addProgress(progress);
    EXPECT_EQ(dashboard.batchPointCount(), 200);
    EXPECT_EQ(dashboard.batchLossCurve().lossCount(), 200);
    const QList<QPointF> raw = dashboard.chart(Chart::BatchLoss)->drawnPoints(TrainingDashboard::kRawBatchSeries);
    ASSERT_EQ(raw.size(), 200);
    EXPECT_DOUBLE_EQ(raw.first().x(), 1.0 / 50.0);
    EXPECT_DOUBLE_EQ(raw[169].y(), batchLossAt(170, 1.0));
    EXPECT_DOUBLE_EQ(raw.last().x(), 4.0);
}

TEST(ShowRun, AHundredEpochsAndTwoThousandBatchPointsAreQuick)
{
    ShownDashboard shown;
    auto& dashboard = shown.dashboard;
    const auto first = endedRun(1, 100, 200, 100, 1.0);
    const auto second = endedRun(2, 100, 300, 100, 2.0);
    dashboard.showRun(*second); // the first time lays out the charts
    QTest::qWait(50);
    // The GUI thread's own time (a loaded machine adds waits for a core to
    // the wall time, not work), the fastest of ten.
    const auto cpuMs = [] {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    };
    double shownMs = 1e9, paintedMs = 1e9, shownWallMs = 1e9, paintedWallMs = 1e9;
    for (int round = 0; round < 5; ++round) {
        for (const auto& run : {first, second}) {
            QElapsedTimer wall;
            wall.start();
            const double start = cpuMs();
            dashboard.showRun(*run);
            shownMs = std::min(shownMs, cpuMs() - start);
            shownWallMs = std::min(shownWallMs, double(wall.nsecsElapsed()) / 1e6);
            // The charts laid out (posted events) and drawn too.
            QCoreApplication::sendPostedEvents();
            dashboard.repaint();
            paintedMs = std::min(paintedMs, cpuMs() - start);
            paintedWallMs = std::min(paintedWallMs, double(wall.nsecsElapsed()) / 1e6);
        }
    }
    std::printf("showRun of 100 epochs and 2,000 batch points: %.1f ms (wall %.1f ms); laid out and painted "
                "%.1f ms (wall %.1f ms); GUI-thread CPU, fastest of 10\n",
                shownMs, shownWallMs, paintedMs, paintedWallMs);
    EXPECT_EQ(dashboard.batchPointCount(), 2000);
    EXPECT_LT(shownMs, 50.0);
    EXPECT_LT(paintedMs, 50.0);
}

} // namespace
