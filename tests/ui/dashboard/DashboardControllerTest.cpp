// The dashboard fed by a real TrainingController, as the window connects them.
#include "DashboardTestSupport.h"
#include "MetricChart.h"
#include "RunRecord.h"
#include "TrainingController.h"
#include "TrainingDashboard.h"

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "nn/Rng.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace {

using mlps::ui::TrainingController;
using mlps::ui::TrainingDashboard;
using mlps::ui::TrainingJob;
using mlps::ui::TrainingResult;

// 200 random 4x4 images of 3 classes: class k is brighter in row k.
std::shared_ptr<const mlps::Dataset> tinyData()
{
    auto data = std::make_shared<mlps::Dataset>();
    data->width = 4;
    data->height = 4;
    data->classNames = {"A", "B", "C"};
    data->format = "generated";
    mlps::Rng rng(11);
    std::vector<std::uint8_t> image(16);
    for (int i = 0; i < 200; ++i) {
        const int label = i % 3;
        for (int p = 0; p < 16; ++p)
            image[std::size_t(p)] = std::uint8_t(p / 4 == label ? 128 + rng.below(128) : rng.below(128));
        data->append(image.data(), label);
    }
    return data;
}

TEST(DashboardWithController, OnePointPerEpochOfARealRun)
{
    TrainingJob job;
    job.runId = 7;
    job.name = QStringLiteral("tiny");
    job.data = tinyData();
    job.split = mlps::stratifiedSplit(job.data->labels, 3, 30, 30, 1);
    job.network.inputSize = 16;
    job.network.classes = 3;
    job.network.hidden.push_back(mlps::DenseSpec{8, mlps::Activation::Relu, 0.0f});
    job.config.optimizer.learningRate = 0.1f;
    job.config.schedule.kind = mlps::ScheduleKind::InverseTime;
    job.config.schedule.decay = 0.05;
    job.config.batchSize = 16;
    job.config.epochs = 6;
    job.config.seed = 3;

    TrainingDashboard dashboard;
    dashboard.resize(860, 660);
    dashboard.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dashboard));
    TrainingController controller;
    QObject::connect(&controller, &TrainingController::progress, &dashboard, &TrainingDashboard::addProgress);
    QObject::connect(&controller, &TrainingController::finished, &dashboard, &TrainingDashboard::finishRun);
    QSignalSpy finished(&controller, &TrainingController::finished);

    dashboard.beginRun(job, QStringLiteral("Trains 6 epochs."));
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(finished.wait(60000));
    const auto result = finished.takeFirst().at(0).value<TrainingResult>();
    ASSERT_EQ(result.status, mlps::ui::TrainingStatus::Finished) << result.message.toStdString();

    EXPECT_EQ(dashboard.epochPointCount(), 6);
    EXPECT_EQ(dashboard.plannedStepsPerEpoch(), 9); // 140 training images in batches of 16
    EXPECT_EQ(dashboard.batchPointCount(), 54);     // every step is kept on so short a run
    const auto* loss = dashboard.chart(TrainingDashboard::Chart::Loss);
    EXPECT_EQ(loss->drawnPoints(TrainingDashboard::kValidationSeries).size(), 6);
    for (int epoch = 0; epoch < 6; ++epoch)
        EXPECT_DOUBLE_EQ(loss->points(TrainingDashboard::kTrainingSeries)[epoch].y(),
                         result.history[std::size_t(epoch)].trainLoss);
    EXPECT_TRUE(dashboard.statusText().startsWith(QStringLiteral("Finished: test accuracy")))
        << dashboard.statusText().toStdString();
    // Every rate the worker reports lies on the planned curve, at the same x.
    const auto* rate = dashboard.chart(TrainingDashboard::Chart::LearningRate);
    const QList<QPointF> planned = rate->points(TrainingDashboard::kPlannedRateSeries);
    ASSERT_EQ(planned.size(), 54);
    const QList<QPointF> used = rate->points(TrainingDashboard::kUsedRateSeries);
    EXPECT_GE(used.size(), 6);
    for (const QPointF& point : used) {
        const auto index = qsizetype(std::llround(point.x() * 9.0)) - 1; // x = (step + 1) / steps per epoch
        ASSERT_GE(index, 0);
        ASSERT_LT(index, planned.size());
        EXPECT_DOUBLE_EQ(planned[index].x(), point.x());
        EXPECT_NEAR(planned[index].y(), point.y(), 1e-6) << "at x " << point.x();
    }
    EXPECT_NEAR(planned.last().y(), 0.1 / (1.0 + 0.05 * 53), 1e-8); // the base rate is a float
    mlps::ui::test::saveScreenshot(dashboard, QStringLiteral("dashboard-real"));
}

// A real run longer than the 2,000 points the batch losses keep: the result
// keeps them as the dashboard drew them, and shown from its record the run
// has the same buckets.
TEST(DashboardWithController, TheResultKeepsTheBatchLossesAsDrawn)
{
    TrainingJob job;
    job.runId = 8;
    job.name = QStringLiteral("tiny, long");
    job.data = tinyData();
    job.split = mlps::stratifiedSplit(job.data->labels, 3, 30, 30, 1);
    job.network.inputSize = 16;
    job.network.classes = 3;
    job.network.hidden.push_back(mlps::DenseSpec{8, mlps::Activation::Relu, 0.0f});
    job.config.optimizer.learningRate = 0.05f;
    job.config.batchSize = 2;
    job.config.epochs = 40; // 70 steps an epoch: 2,800 steps, kept in buckets of 2
    job.config.seed = 3;

    TrainingDashboard dashboard;
    dashboard.resize(860, 660);
    dashboard.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dashboard));
    TrainingController controller;
    QObject::connect(&controller, &TrainingController::progress, &dashboard, &TrainingDashboard::addProgress);
    QObject::connect(&controller, &TrainingController::finished, &dashboard, &TrainingDashboard::finishRun);
    QSignalSpy finished(&controller, &TrainingController::finished);
    dashboard.beginRun(job, QString());
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(finished.wait(120000));
    const auto result = finished.takeFirst().at(0).value<TrainingResult>();
    ASSERT_EQ(result.status, mlps::ui::TrainingStatus::Finished) << result.message.toStdString();
    ASSERT_EQ(result.stepsDone, 2800);

    EXPECT_EQ(dashboard.batchLossCurve().stepsPerBucket(), 2);
    ASSERT_EQ(result.batchLosses.size(), 1400u);
    const auto& buckets = dashboard.batchLossCurve();
    ASSERT_EQ(buckets.pointCount(), 1400);
    const QList<QPointF> raw = buckets.rawPoints(70.0);
    std::int64_t steps = 0;
    for (std::size_t i = 0; i < result.batchLosses.size(); ++i) {
        const mlps::BatchLossPoint& point = result.batchLosses[i];
        steps += point.span;
        ASSERT_EQ(point.step, 2 * std::int64_t(i) + 2);
        ASSERT_EQ(point.span, 2);
        ASSERT_EQ(point.loss, raw[qsizetype(i)].y()) << "bucket " << i;
    }
    EXPECT_EQ(steps, result.stepsDone) << "every step's loss, once";

    mlps::ui::RunRecord run;
    run.id = job.runId;
    run.name = job.name;
    run.job = job;
    run.result = result;
    dashboard.showRun(run);
    EXPECT_EQ(dashboard.batchLossCurve().lossCount(), 2800);
    EXPECT_EQ(dashboard.batchLossCurve().rawPoints(70.0), raw);
    EXPECT_EQ(dashboard.epochPointCount(), 40);
}

} // namespace
