#include "TrainingController.h"

#include "QuadrantData.h"

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QPointF>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>
#include <vector>

namespace {

using mlps::ui::TrainingController;
using mlps::ui::TrainingJob;
using mlps::ui::TrainingProgress;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;

using mlps::test::quadrantData;

TrainingJob quadrantJob(int epochs, int batchSize = 32, std::vector<int> hidden = {16},
                        std::int64_t count = 2000)
{
    TrainingJob job;
    job.runId = 42;
    job.name = QStringLiteral("quadrants");
    job.data = quadrantData(count);
    job.split = mlps::stratifiedSplit(job.data->labels, 4, count / 10, count / 10, 3);
    job.network.inputSize = 64;
    job.network.classes = 4;
    for (int units : hidden)
        job.network.hidden.push_back(mlps::DenseSpec{units, mlps::Activation::Relu, 0.0f});
    job.config.optimizer.kind = mlps::OptimizerKind::Momentum;
    job.config.optimizer.learningRate = 0.05f;
    job.config.batchSize = batchSize;
    job.config.epochs = epochs;
    job.config.seed = 5;
    return job;
}

// Runs the GUI thread's event loop until `done` holds or `timeoutMs` passes.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start(2);
    if (!done())
        loop.exec();
    return done();
}

// Everything a controller signals, with the time it arrived on the GUI thread.
class Recorder {
public:
    explicit Recorder(TrainingController& controller)
    {
        m_clock.start();
        QObject::connect(&controller, &TrainingController::started, &m_context, [this] { ++startedCount; });
        QObject::connect(&controller, &TrainingController::paused, &m_context,
                         [this](bool paused) { pausedSignals.push_back(paused); });
        QObject::connect(&controller, &TrainingController::progress, &m_context,
                         [this](const TrainingProgress& progress) {
                             progresses.push_back(progress);
                             for (const auto& point : progress.batchLosses)
                                 lossCurve.append(QPointF(double(point.step), point.loss)); // as a chart would
                         });
        QObject::connect(&controller, &TrainingController::finished, &m_context,
                         [this](const TrainingResult& finished) {
                             result = finished;
                             finishedAtNs = m_clock.nsecsElapsed();
                         });
    }

    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    bool waitFinished(int timeoutMs = 60000)
    {
        return waitUntil([this] { return result.has_value(); }, timeoutMs);
    }
    bool waitProgress(int timeoutMs = 10000)
    {
        return waitUntil([this] { return !progresses.empty(); }, timeoutMs);
    }
    std::vector<int> epochNumbers() const
    {
        std::vector<int> epochs;
        for (const TrainingProgress& progress : progresses)
            for (const mlps::EpochRecord& record : progress.newEpochs)
                epochs.push_back(record.epoch);
        return epochs;
    }
    std::vector<std::int64_t> lossSteps() const
    {
        std::vector<std::int64_t> steps;
        for (const TrainingProgress& progress : progresses)
            for (const auto& point : progress.batchLosses)
                steps.push_back(point.step);
        return steps;
    }

    int startedCount = 0;
    std::vector<bool> pausedSignals;
    std::vector<TrainingProgress> progresses;
    QList<QPointF> lossCurve;
    std::optional<TrainingResult> result;
    qint64 finishedAtNs = 0;

private:
    QElapsedTimer m_clock;
    QObject m_context; // last: disconnects first
};

TEST(TrainingController, RunsToTheEndWithOnePointPerEpoch)
{
    TrainingController controller;
    Recorder recorder(controller);
    const TrainingJob job = quadrantJob(5);
    ASSERT_TRUE(controller.start(job));
    EXPECT_TRUE(controller.isRunning());
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_FALSE(controller.isRunning());
    EXPECT_EQ(recorder.startedCount, 1);

    const TrainingResult& result = *recorder.result;
    EXPECT_EQ(result.status, TrainingStatus::Finished) << result.message.toStdString();
    EXPECT_EQ(result.runId, 42);
    EXPECT_EQ(result.history.size(), 5u);
    EXPECT_EQ(recorder.epochNumbers(), (std::vector<int>{1, 2, 3, 4, 5}));

    // Every step's loss arrived, once and in order.
    const std::int64_t stepsPerEpoch = (std::int64_t(job.split.train.size()) + 31) / 32;
    const std::vector<std::int64_t> steps = recorder.lossSteps();
    ASSERT_EQ(std::int64_t(steps.size()), 5 * stepsPerEpoch);
    for (std::size_t i = 0; i < steps.size(); ++i)
        ASSERT_EQ(steps[i], std::int64_t(i) + 1);
    EXPECT_EQ(recorder.lossCurve.size(), qsizetype(steps.size()));
    EXPECT_EQ(result.stepsDone, 5 * stepsPerEpoch);
    EXPECT_EQ(controller.stepsDone(), 5 * stepsPerEpoch);

    const TrainingProgress& last = recorder.progresses.back();
    EXPECT_EQ(last.epochsDone, 5);
    EXPECT_EQ(last.step, last.totalSteps);
    EXPECT_DOUBLE_EQ(last.etaSeconds, 0.0);
    EXPECT_GT(last.samplesPerSecond, 0.0);
    EXPECT_GT(last.learningRate, 0.0);
    ASSERT_TRUE(result.history.back().validationAccuracy.has_value());

    ASSERT_NE(result.test, nullptr);
    EXPECT_EQ(result.test->count(), std::int64_t(job.split.test.size()));
    EXPECT_GT(result.test->scores.accuracy, 0.9);
    EXPECT_GT(result.test->scores.f1Weighted, 0.9);
    EXPECT_GT(result.parameters.size(), 0);
    EXPECT_GT(result.trainSeconds, 0.0);
}

TEST(TrainingController, ThrottlesProgressToTenPerSecondAndSendsEveryEpoch)
{
    TrainingController controller;
    Recorder recorder(controller);
    // Batches of one sample through a small network: hundreds of thousands of steps a second.
    const int epochs = 3;
    const TrainingJob job = quadrantJob(epochs, 1, {64}, 80000);
    QElapsedTimer clock;
    clock.start();
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    const double seconds = double(clock.elapsed()) / 1000.0;
    const auto emitted = recorder.progresses.size();
    std::printf("[          ] %zu progress signals for %lld steps, %d epochs in %.2f s\n", emitted,
                static_cast<long long>(recorder.result->stepsDone), epochs, seconds);
    EXPECT_EQ(recorder.result->status, TrainingStatus::Finished);
    EXPECT_LE(double(emitted), seconds * 10.0 + 2);
    EXPECT_GE(emitted, std::size_t(1));
    EXPECT_EQ(recorder.epochNumbers().size(), std::size_t(epochs));
    EXPECT_EQ(std::int64_t(recorder.lossSteps().size()), recorder.result->stepsDone);
}

TEST(TrainingController, TinyEpochsArriveTogetherWithTheirLastValidation)
{
    TrainingController controller;
    Recorder recorder(controller);
    // 400 epochs of 3 steps each: far more epoch ends than ten a second.
    const int epochs = 400;
    const TrainingJob job = quadrantJob(epochs, 64, {8}, 240);
    QElapsedTimer clock;
    clock.start();
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    const double seconds = double(clock.elapsed()) / 1000.0;
    EXPECT_LE(double(recorder.progresses.size()), seconds * 10.0 + 2);
    std::vector<int> expected(epochs);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(recorder.epochNumbers(), expected) << "every epoch once, in order";
    for (const TrainingProgress& progress : recorder.progresses) {
        if (progress.newEpochs.empty()) {
            EXPECT_EQ(progress.validation, nullptr);
            continue;
        }
        ASSERT_NE(progress.validation, nullptr);
        EXPECT_DOUBLE_EQ(progress.validation->scores.accuracy, *progress.newEpochs.back().validationAccuracy);
    }
    ASSERT_NE(recorder.result->validation, nullptr);
    EXPECT_EQ(recorder.result->validation->count(), std::int64_t(job.split.validation.size()));
}

TEST(TrainingController, MixesTheJobsSyntheticSetIntoEachEpoch)
{
    TrainingController controller;
    Recorder recorder(controller);
    TrainingJob job = quadrantJob(2, 32, {8}, 400); // 320 training images
    job.config.syntheticShare = 0.5f;               // as many synthetic ones again
    job.synthetic = quadrantData(200, 99);
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    ASSERT_EQ(recorder.result->status, TrainingStatus::Finished) << recorder.result->message.toStdString();
    ASSERT_FALSE(recorder.progresses.empty());
    EXPECT_EQ(recorder.progresses.front().stepsPerEpoch, (320 + 320 + 31) / 32);

    // Synthetic samples with other classes than the data's are refused with a reason.
    auto other = std::make_shared<mlps::Dataset>(*quadrantData(40, 5));
    other->classNames = {"w", "x", "y", "z"};
    job.synthetic = other;
    job.runId = 43;
    Recorder second(controller);
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(second.waitFinished());
    EXPECT_EQ(second.result->status, TrainingStatus::Failed);
}

TEST(TrainingController, PausesResumesAndStopsPromptly)
{
    TrainingController controller;
    Recorder recorder(controller);
    ASSERT_TRUE(controller.start(quadrantJob(100000, 8)));
    ASSERT_TRUE(recorder.waitProgress());

    controller.pause();
    EXPECT_TRUE(controller.isPaused());
    EXPECT_EQ(recorder.pausedSignals, std::vector<bool>{true});
    QTest::qWait(150); // the step in flight ends, the worker flushes and sleeps
    const std::int64_t pausedAt = controller.stepsDone();
    const std::size_t progressCount = recorder.progresses.size();
    QTest::qWait(300);
    EXPECT_EQ(controller.stepsDone(), pausedAt);
    EXPECT_EQ(recorder.progresses.size(), progressCount);
    EXPECT_EQ(recorder.progresses.back().step, pausedAt);
    EXPECT_GT(pausedAt, 0);

    controller.resume();
    EXPECT_FALSE(controller.isPaused());
    EXPECT_EQ(recorder.pausedSignals, (std::vector<bool>{true, false}));
    ASSERT_TRUE(waitUntil([&] { return controller.stepsDone() > pausedAt + 10; }, 5000));
    ASSERT_TRUE(waitUntil([&] { return recorder.progresses.size() > progressCount; }, 5000));

    const qint64 stopAt = recorder.nowNs();
    controller.stop();
    ASSERT_TRUE(recorder.waitFinished(5000));
    const double latencyMs = double(recorder.finishedAtNs - stopAt) / 1e6;
    std::printf("[          ] stop latency %.1f ms\n", latencyMs);
    EXPECT_LT(latencyMs, 200.0);
    const TrainingResult& result = *recorder.result;
    EXPECT_EQ(result.status, TrainingStatus::Stopped);
    EXPECT_FALSE(result.message.isEmpty());
    EXPECT_EQ(result.stepsDone, controller.stepsDone());
    EXPECT_EQ(result.history.size(), recorder.epochNumbers().size());
    EXPECT_EQ(std::int64_t(recorder.lossSteps().size()), result.stepsDone); // the last points were flushed
    ASSERT_NE(result.test, nullptr); // evaluated with the weights it has
    EXPECT_EQ(result.test->count(), 200);
    EXPECT_GT(result.parameters.size(), 0);
    EXPECT_FALSE(controller.isRunning());
}

TEST(TrainingController, StopWhilePausedEndsPromptly)
{
    TrainingController controller;
    Recorder recorder(controller);
    ASSERT_TRUE(controller.start(quadrantJob(100000, 8)));
    ASSERT_TRUE(recorder.waitProgress());
    controller.pause();
    QTest::qWait(100);
    const qint64 stopAt = recorder.nowNs();
    controller.stop();
    EXPECT_FALSE(controller.isPaused());
    EXPECT_EQ(recorder.pausedSignals, (std::vector<bool>{true, false}));
    controller.resume(); // ignored once stopping
    EXPECT_EQ(recorder.pausedSignals.size(), 2u);
    ASSERT_TRUE(recorder.waitFinished(5000));
    const double latencyMs = double(recorder.finishedAtNs - stopAt) / 1e6;
    std::printf("[          ] stop-while-paused latency %.1f ms\n", latencyMs);
    EXPECT_LT(latencyMs, 200.0);
    EXPECT_EQ(recorder.result->status, TrainingStatus::Stopped);
    EXPECT_FALSE(controller.isRunning());
    EXPECT_FALSE(controller.isPaused());
}

TEST(TrainingController, DivergenceEndsTheRunWithAMessage)
{
    TrainingController controller;
    Recorder recorder(controller);
    TrainingJob job = quadrantJob(20);
    job.network.hidden = {mlps::DenseSpec{32, mlps::Activation::Linear, 0.0f},
                          mlps::DenseSpec{32, mlps::Activation::Linear, 0.0f}};
    job.config.optimizer.kind = mlps::OptimizerKind::Sgd;
    job.config.optimizer.learningRate = 1e6f;
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    const TrainingResult& result = *recorder.result;
    EXPECT_EQ(result.status, TrainingStatus::Diverged);
    EXPECT_TRUE(result.message.contains(QStringLiteral("Diverged"))) << result.message.toStdString();
    EXPECT_EQ(result.test, nullptr);
    EXPECT_EQ(result.parameters.size(), 0);
    EXPECT_LT(result.history.size(), 20u);
    for (const TrainingProgress& progress : recorder.progresses)
        for (const auto& point : progress.batchLosses)
            EXPECT_TRUE(std::isfinite(point.loss));
}

TEST(TrainingController, BadJobsFailWithAClearMessage)
{
    TrainingController controller;
    Recorder recorder(controller);

    TrainingJob job = quadrantJob(2);
    job.config.batchSize = 0;
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Failed);
    EXPECT_TRUE(recorder.result->message.contains(QStringLiteral("batch size")))
        << recorder.result->message.toStdString();
    EXPECT_TRUE(recorder.result->history.empty());
    EXPECT_EQ(recorder.result->test, nullptr);
    EXPECT_FALSE(controller.isRunning());

    recorder.result.reset();
    job = quadrantJob(2);
    job.network.inputSize = 784;
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Failed);
    EXPECT_TRUE(recorder.result->message.contains(QStringLiteral("784"))) << recorder.result->message.toStdString();

    recorder.result.reset();
    job = quadrantJob(2);
    job.data.reset();
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Failed);
    EXPECT_FALSE(recorder.result->message.isEmpty());
    EXPECT_TRUE(recorder.progresses.empty());
}

TEST(TrainingController, EvaluatesASeparateTestSet)
{
    TrainingController controller;
    Recorder recorder(controller);
    TrainingJob job = quadrantJob(3);
    job.testData = quadrantData(300);
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    ASSERT_EQ(recorder.result->status, TrainingStatus::Finished) << recorder.result->message.toStdString();
    ASSERT_NE(recorder.result->test, nullptr);
    EXPECT_EQ(recorder.result->test->count(), 300);
    EXPECT_GT(recorder.result->test->scores.accuracy, 0.9);

    // Test images of another size are refused before training starts.
    auto other = std::make_shared<mlps::Dataset>();
    other->width = 4;
    other->height = 4;
    other->classNames = {"A", "B", "C", "D"};
    const std::vector<std::uint8_t> image(16, 0);
    other->append(image.data(), 0);
    job.testData = other;
    recorder.result.reset();
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Failed);
    EXPECT_TRUE(recorder.result->message.contains(QStringLiteral("4x4"))) << recorder.result->message.toStdString();
}

TEST(TrainingController, KeepsTheGuiThreadResponsive)
{
    TrainingController controller;
    Recorder recorder(controller);
    // A longer run (about two seconds): bigger layers, more images.
    ASSERT_TRUE(controller.start(quadrantJob(3, 32, {512, 512}, 20000)));

    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.elapsed();
    qint64 maxGap = 0;
    int ticks = 0;
    QObject context;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &context, [&] {
        const qint64 now = clock.elapsed();
        if (controller.isRunning())
            maxGap = std::max(maxGap, now - last);
        last = now;
        ++ticks;
    });
    timer.start(10);
    ASSERT_TRUE(recorder.waitFinished());
    timer.stop();
    std::printf("[          ] GUI timer: %d ticks in %.2f s of training, max gap %lld ms, %zu progress signals\n",
                ticks, double(clock.elapsed()) / 1000.0, static_cast<long long>(maxGap), recorder.progresses.size());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Finished);
    EXPECT_GT(clock.elapsed(), 300) << "the run should be long enough to measure";
    EXPECT_LT(maxGap, 100);
}

TEST(TrainingController, DestructorStopsARunningJob)
{
    auto controller = std::make_unique<TrainingController>();
    Recorder recorder(*controller);
    ASSERT_TRUE(controller->start(quadrantJob(100000, 8)));
    ASSERT_TRUE(recorder.waitProgress());
    QElapsedTimer clock;
    clock.start();
    controller.reset();
    std::printf("[          ] destructor took %lld ms\n", static_cast<long long>(clock.elapsed()));
    EXPECT_LT(clock.elapsed(), 500);
    QTest::qWait(20); // nothing queued may reach the dead controller
    EXPECT_FALSE(recorder.result.has_value());
}

TEST(TrainingController, DestructorRightAfterStart)
{
    auto controller = std::make_unique<TrainingController>();
    ASSERT_TRUE(controller->start(quadrantJob(100000, 8)));
    QElapsedTimer clock;
    clock.start();
    controller.reset();
    EXPECT_LT(clock.elapsed(), 500);
}

TEST(TrainingController, RefusesToStartWhileRunning)
{
    TrainingController controller;
    Recorder recorder(controller);
    ASSERT_TRUE(controller.start(quadrantJob(100000, 8)));
    TrainingJob other = quadrantJob(1);
    other.runId = 7;
    EXPECT_FALSE(controller.start(other));
    EXPECT_EQ(recorder.startedCount, 1);
    controller.stop();
    ASSERT_TRUE(recorder.waitFinished(5000));
    EXPECT_EQ(recorder.result->runId, 42);

    // Once finished, the same controller runs the next job.
    recorder.result.reset();
    recorder.progresses.clear();
    ASSERT_TRUE(controller.start(other));
    ASSERT_TRUE(recorder.waitFinished());
    EXPECT_EQ(recorder.result->status, TrainingStatus::Finished);
    EXPECT_EQ(recorder.result->runId, 7);
    EXPECT_EQ(recorder.epochNumbers(), std::vector<int>{1});
    for (const TrainingProgress& progress : recorder.progresses)
        EXPECT_EQ(progress.runId, 7);
}

} // namespace
