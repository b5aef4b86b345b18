// Continuing a stopped run exactly: the worker restores a checkpoint
// (TrainingJob::resumeFrom), a stopped run reports one
// (TrainingResult::checkpoint), and a paused run gives one
// (TrainingController::pausedState()). A run stopped or paused anywhere and
// continued ends with the weights of a run done in one go, bit for bit.
#include "TrainingController.h"

#include "QuadrantData.h"

#include "data/StratifiedSplit.h"
#include "nn/Metrics.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

namespace {

using mlps::TrainerState;
using mlps::ui::TrainingController;
using mlps::ui::TrainingJob;
using mlps::ui::TrainingProgress;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;

// A short run on two threads: 20 epochs of 100 steps (some 50 ms on a
// quiet machine), so that a pause after 150 steps comes long before its end.
TrainingJob resumableJob()
{
    TrainingJob job;
    job.runId = 9;
    job.name = QStringLiteral("quadrants");
    const std::int64_t count = 2000;
    job.data = mlps::test::quadrantData(count);
    job.split = mlps::stratifiedSplit(job.data->labels, 4, count / 10, count / 10, 3);
    job.network.inputSize = 64;
    job.network.classes = 4;
    job.network.hidden = {mlps::DenseSpec{64, mlps::Activation::Relu, 0.0f},
                          mlps::DenseSpec{64, mlps::Activation::Relu, 0.0f}};
    job.config.optimizer.kind = mlps::OptimizerKind::Momentum;
    job.config.optimizer.learningRate = 0.02f;
    job.config.batchSize = 16;
    job.config.epochs = 20;
    job.config.seed = 5;
    job.config.threads = 2;
    return job;
}

// Trains `job` to its end (or until stopped) and returns how it ended.
std::optional<TrainingResult> runToEnd(TrainingController& controller, const TrainingJob& job,
                                       std::vector<TrainingProgress>* progress = nullptr)
{
    QSignalSpy finished(&controller, &TrainingController::finished);
    QSignalSpy snapshots(&controller, &TrainingController::progress);
    if (!controller.start(job) || !finished.wait(120000))
        return std::nullopt;
    if (progress) {
        for (const QList<QVariant>& arguments : std::as_const(snapshots))
            progress->push_back(arguments.front().value<TrainingProgress>());
    }
    return finished.front().front().value<TrainingResult>();
}

// Waits, without running the event loop, until the run in progress has
// done `steps` steps (so that a pause right after lands close to them);
// false when it ended first or took more than `timeoutMs`.
bool waitForStep(const TrainingController& controller, std::int64_t steps, int timeoutMs = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (controller.stepsDone() < steps) {
        if (!controller.isRunning() || clock.elapsed() > timeoutMs)
            return false;
        QThread::usleep(50);
    }
    return true;
}

// Pauses the run in progress once it has done at least `steps` steps and
// returns its state there, in the middle of an epoch; null when the run ended first.
std::shared_ptr<const TrainerState> pauseMidEpoch(TrainingController& controller, std::int64_t steps)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!waitForStep(controller, steps))
            return nullptr;
        controller.pause();
        std::shared_ptr<const TrainerState> state;
        if (!QTest::qWaitFor([&] { return (state = controller.pausedState()) != nullptr || !controller.isRunning(); },
                             10000))
            return nullptr;
        if (!state || state->positionInEpoch > 0)
            return state;
        controller.resume(); // paused at an epoch end by chance: a few steps more
        steps = controller.stepsDone() + 3;
    }
    return nullptr;
}

// Stops the run in progress in the middle of an epoch; its result carries the checkpoint.
std::optional<TrainingResult> stopMidEpoch(TrainingController& controller, const TrainingJob& job, std::int64_t steps)
{
    QSignalSpy finished(&controller, &TrainingController::finished);
    if (!controller.start(job))
        return std::nullopt;
    const std::shared_ptr<const TrainerState> paused = pauseMidEpoch(controller, steps);
    if (!paused)
        ADD_FAILURE() << "the run ended before it could be paused; make it longer";
    controller.stop();
    if (finished.isEmpty() && !finished.wait(60000))
        return std::nullopt;
    return finished.front().front().value<TrainingResult>();
}

bool sameBits(const Eigen::VectorXf& a, const Eigen::VectorXf& b)
{
    return a.size() == b.size() && (a.array() == b.array()).all();
}

bool sameBits(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

// The same epochs, apart from the wall times.
void expectSameCurves(const std::vector<mlps::EpochRecord>& a, const std::vector<mlps::EpochRecord>& b)
{
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t e = 0; e < a.size(); ++e) {
        SCOPED_TRACE("epoch " + std::to_string(e + 1));
        EXPECT_EQ(a[e].epoch, b[e].epoch);
        EXPECT_EQ(a[e].trainLoss, b[e].trainLoss);
        EXPECT_EQ(a[e].trainAccuracy, b[e].trainAccuracy);
        EXPECT_EQ(a[e].validationLoss, b[e].validationLoss);
        EXPECT_EQ(a[e].validationAccuracy, b[e].validationAccuracy);
        EXPECT_EQ(a[e].learningRate, b[e].learningRate);
    }
}

// Trains `job` in one go, then stopped mid-epoch and continued from the
// stopped run's checkpoint, and expects the same weights and results.
void expectStopAndContinueEqualsOneGo(const TrainingJob& job)
{
    TrainingController controller;
    const std::optional<TrainingResult> oneGo = runToEnd(controller, job);
    ASSERT_TRUE(oneGo.has_value());
    ASSERT_EQ(oneGo->status, TrainingStatus::Finished) << oneGo->message.toStdString();
    EXPECT_EQ(oneGo->checkpoint, nullptr) << "a run that ended has nothing to continue";

    const std::optional<TrainingResult> stopped = stopMidEpoch(controller, job, 150); // in the second epoch
    ASSERT_TRUE(stopped.has_value());
    ASSERT_EQ(stopped->status, TrainingStatus::Stopped) << stopped->message.toStdString();
    ASSERT_NE(stopped->checkpoint, nullptr);
    const TrainerState& checkpoint = *stopped->checkpoint;
    EXPECT_EQ(checkpoint.step, stopped->stepsDone);
    EXPECT_GT(checkpoint.positionInEpoch, 0) << "stopped in the middle of an epoch";
    EXPECT_FALSE(checkpoint.history.empty()) << "after an epoch end";
    EXPECT_TRUE(sameBits(checkpoint.members.front().parameters, stopped->parameters));
    std::printf("[          ] stopped at step %lld (step %lld of its epoch), %zu epochs done\n",
                static_cast<long long>(checkpoint.step), static_cast<long long>(checkpoint.positionInEpoch),
                checkpoint.history.size());

    TrainingJob continued = job;
    continued.resumeFrom = stopped->checkpoint;
    std::vector<TrainingProgress> progress;
    const std::optional<TrainingResult> result = runToEnd(controller, continued, &progress);
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->status, TrainingStatus::Finished) << result->message.toStdString();
    EXPECT_EQ(result->runId, job.runId);
    EXPECT_EQ(result->stepsDone, oneGo->stepsDone);
    EXPECT_TRUE(sameBits(result->parameters, oneGo->parameters)) << "the weights differ from the run done in one go";
    expectSameCurves(result->history, oneGo->history);
    ASSERT_NE(result->test, nullptr);
    EXPECT_EQ(result->test->scores.accuracy, oneGo->test->scores.accuracy);
    EXPECT_TRUE(sameBits(result->test->probabilities, oneGo->test->probabilities)) << "every member's weights count";

    // The dashboard's view: the earlier epochs and the step it goes on from
    // first, then every later step once.
    ASSERT_FALSE(progress.empty());
    const TrainingProgress& first = progress.front();
    EXPECT_EQ(first.step, checkpoint.step);
    EXPECT_EQ(first.epochsDone, int(checkpoint.history.size()));
    expectSameCurves(first.newEpochs, checkpoint.history);
    EXPECT_TRUE(first.batchLosses.empty());
    std::int64_t expectedStep = checkpoint.step + 1;
    for (const TrainingProgress& snapshot : progress) {
        for (const auto& point : snapshot.batchLosses)
            ASSERT_EQ(point.step, expectedStep++);
    }
    EXPECT_EQ(expectedStep - 1, oneGo->stepsDone);
    EXPECT_EQ(progress.back().step, oneGo->stepsDone);
}

TEST(ContinueTraining, StoppedMidEpochOnTwoThreadsEqualsOneGo)
{
    expectStopAndContinueEqualsOneGo(resumableJob());
}

TEST(ContinueTraining, AnEnsembleWithDropoutAndFontShareEqualsOneGo)
{
    TrainingJob job = resumableJob();
    job.network.hidden = {mlps::DenseSpec{64, mlps::Activation::Relu, 0.0f}, mlps::DropoutSpec{0.2f},
                          mlps::DenseSpec{64, mlps::Activation::Relu, 0.0f}};
    job.config.ensembleSize = 2;
    job.config.syntheticShare = 0.2f; // mixes in samples of a second set, in a shuffled order of their own
    job.synthetic = mlps::test::quadrantData(300, 99);
    expectStopAndContinueEqualsOneGo(job);
}

TEST(ContinueTraining, AdamWithWeightAveragingEqualsOneGo)
{
    TrainingJob job = resumableJob();
    job.config.optimizer.kind = mlps::OptimizerKind::Adam;
    job.config.optimizer.learningRate = 0.001f;
    job.config.weightAverageDecay = 0.99f;
    job.config.schedule.kind = mlps::ScheduleKind::Cosine;
    expectStopAndContinueEqualsOneGo(job);
}

TEST(ContinueTraining, ACheckpointThatDoesNotFitFailsWithTheReason)
{
    TrainingController controller;
    const TrainingJob job = resumableJob();
    const std::optional<TrainingResult> stopped = stopMidEpoch(controller, job, 20);
    ASSERT_TRUE(stopped.has_value());
    ASSERT_NE(stopped->checkpoint, nullptr);

    TrainingJob other = job;
    other.network.hidden = {mlps::DenseSpec{32, mlps::Activation::Relu, 0.0f}}; // another network
    other.resumeFrom = stopped->checkpoint;
    std::vector<TrainingProgress> progress;
    const std::optional<TrainingResult> result = runToEnd(controller, other, &progress);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->status, TrainingStatus::Failed);
    EXPECT_TRUE(result->message.startsWith(QStringLiteral("Cannot continue this run: ")))
        << result->message.toStdString();
    EXPECT_TRUE(result->message.contains(QStringLiteral("weights"))) << result->message.toStdString();
    EXPECT_EQ(result->checkpoint, nullptr);
    EXPECT_EQ(result->parameters.size(), 0);
    EXPECT_TRUE(progress.empty()) << "nothing was trained";
    EXPECT_FALSE(controller.isRunning());
}

TEST(ContinueTraining, PausedStateOnlyWhilePausedAndItContinuesExactly)
{
    TrainingController controller;
    const TrainingJob job = resumableJob();
    EXPECT_EQ(controller.pausedState(), nullptr) << "no run";

    QSignalSpy finished(&controller, &TrainingController::finished);
    ASSERT_TRUE(controller.start(job));
    ASSERT_TRUE(waitForStep(controller, 120));
    EXPECT_EQ(controller.pausedState(), nullptr) << "while it trains";
    const std::shared_ptr<const TrainerState> paused = pauseMidEpoch(controller, 130);
    ASSERT_NE(paused, nullptr);
    EXPECT_TRUE(controller.isPaused());
    EXPECT_EQ(paused->step, controller.stepsDone());
    QTest::qWait(50);
    const std::shared_ptr<const TrainerState> again = controller.pausedState();
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->step, paused->step) << "it stays paused";
    EXPECT_TRUE(sameBits(again->members.front().parameters, paused->members.front().parameters));

    controller.resume();
    EXPECT_EQ(controller.pausedState(), nullptr) << "once resumed";
    ASSERT_TRUE(finished.wait(120000));
    const auto oneGo = finished.front().front().value<TrainingResult>();
    ASSERT_EQ(oneGo.status, TrainingStatus::Finished);
    EXPECT_EQ(controller.pausedState(), nullptr) << "once ended";

    // The paused state continued elsewhere ends where the resumed run ended.
    TrainingJob continued = job;
    continued.resumeFrom = paused;
    const std::optional<TrainingResult> result = runToEnd(controller, continued);
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->status, TrainingStatus::Finished) << result->message.toStdString();
    EXPECT_TRUE(sameBits(result->parameters, oneGo.parameters));
    expectSameCurves(result->history, oneGo.history);
}

} // namespace
