#include "RunConversion.h"

#include "ProjectTestSupport.h"
#include "QuadrantData.h"

#include "nn/BatchLossDecimator.h"
#include "RunRecord.h"
#include "TrainingController.h"

#include "data/StratifiedSplit.h"
#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <stdexcept>

namespace {

using mlps::StoredRun;
using mlps::ui::RunConversion;
using mlps::ui::RunRecord;
using mlps::ui::TrainingStatus;

// A real run: a small network trained for a few epochs on the quadrant images.
std::shared_ptr<RunRecord> trainedRun(std::shared_ptr<const mlps::Dataset> data)
{
    auto run = std::make_shared<RunRecord>();
    run->id = 7;
    run->name = QStringLiteral("Run 7 · Lab network on Quadrants");
    run->planText = QStringLiteral("3 epochs of 34 batches of 32 images");
    run->dataName = QStringLiteral("Quadrants");
    run->startedAt = QDateTime(QDate(2026, 11, 29), QTime(9, 5, 3, 271));
    mlps::ui::TrainingJob& job = run->job;
    job.runId = run->id;
    job.name = run->name;
    job.data = std::move(data);
    job.split = mlps::stratifiedSplit(job.data->labels, 4, 100, 100, 3);
    job.network.inputSize = 64;
    job.network.classes = 4;
    job.network.hidden.push_back(mlps::DenseSpec{16, mlps::Activation::Relu, 0.0f});
    job.config.optimizer.kind = mlps::OptimizerKind::Momentum;
    job.config.optimizer.learningRate = 0.05f;
    job.config.batchSize = 32;
    job.config.epochs = 3;
    job.config.seed = 5;
    mlps::ui::TrainingController controller;
    QSignalSpy finished(&controller, &mlps::ui::TrainingController::finished);
    controller.start(job);
    if (!finished.wait(60000))
        return nullptr;
    run->result = finished.front().front().value<mlps::ui::TrainingResult>();
    return run;
}

mlps::DatasetReference referenceOf(const mlps::Dataset& data)
{
    return RunConversion::referenceOf(data, std::string(64, 'c'));
}

void expectSameRun(const RunRecord& a, const RunRecord& b)
{
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.planText, b.planText);
    EXPECT_EQ(a.dataName, b.dataName);
    EXPECT_EQ(a.startedAt, b.startedAt);
    EXPECT_EQ(a.job.runId, b.job.runId);
    EXPECT_EQ(a.job.name, b.job.name);
    EXPECT_EQ(a.job.network, b.job.network);
    EXPECT_EQ(a.job.config, b.job.config);
    EXPECT_EQ(a.job.data, b.job.data);
    EXPECT_EQ(a.job.split.train, b.job.split.train);
    EXPECT_EQ(a.job.split.validation, b.job.split.validation);
    EXPECT_EQ(a.job.split.test, b.job.split.test);
    EXPECT_EQ(a.result.runId, b.result.runId);
    EXPECT_EQ(a.result.status, b.result.status);
    EXPECT_EQ(a.result.message, b.result.message);
    ASSERT_EQ(a.result.history.size(), b.result.history.size());
    for (std::size_t i = 0; i < a.result.history.size(); ++i) {
        const mlps::EpochRecord& x = a.result.history[i];
        const mlps::EpochRecord& y = b.result.history[i];
        EXPECT_EQ(x.epoch, y.epoch);
        EXPECT_EQ(x.trainLoss, y.trainLoss);
        EXPECT_EQ(x.trainAccuracy, y.trainAccuracy);
        EXPECT_EQ(x.validationLoss, y.validationLoss);
        EXPECT_EQ(x.validationAccuracy, y.validationAccuracy);
        EXPECT_EQ(x.learningRate, y.learningRate);
        EXPECT_EQ(x.seconds, y.seconds);
        EXPECT_EQ(x.evaluationSeconds, y.evaluationSeconds);
    }
    // Batch losses: the same steps and spans, the losses as the float32 a file keeps.
    ASSERT_EQ(a.result.batchLosses.size(), b.result.batchLosses.size());
    for (std::size_t i = 0; i < a.result.batchLosses.size(); ++i) {
        EXPECT_EQ(a.result.batchLosses[i].step, b.result.batchLosses[i].step) << i;
        EXPECT_EQ(a.result.batchLosses[i].span, b.result.batchLosses[i].span) << i;
        EXPECT_EQ(float(a.result.batchLosses[i].loss), float(b.result.batchLosses[i].loss)) << i;
    }
    ASSERT_EQ(a.result.test != nullptr, b.result.test != nullptr);
    if (a.result.test) {
        EXPECT_TRUE(mlps::test::sameEvaluation(*a.result.test, *b.result.test));
    }
    ASSERT_EQ(a.result.validation != nullptr, b.result.validation != nullptr);
    if (a.result.validation) {
        EXPECT_TRUE(mlps::test::sameEvaluation(*a.result.validation, *b.result.validation));
    }
    ASSERT_EQ(a.result.parameters.size(), b.result.parameters.size());
    EXPECT_EQ(std::memcmp(a.result.parameters.data(), b.result.parameters.data(),
                          std::size_t(a.result.parameters.size()) * sizeof(float)),
              0)
        << "the weights differ";
    EXPECT_EQ(a.result.stepsDone, b.result.stepsDone);
    EXPECT_EQ(a.result.trainSeconds, b.result.trainSeconds);
    EXPECT_EQ(a.result.samplesPerSecond, b.result.samplesPerSecond);
}

TEST(RunConversion, StatusNamesBothWays)
{
    for (const TrainingStatus status :
         {TrainingStatus::Finished, TrainingStatus::Stopped, TrainingStatus::Diverged, TrainingStatus::Failed}) {
        const std::string name = RunConversion::statusName(status);
        EXPECT_TRUE(mlps::isKnownRunStatus(name)) << name;
        EXPECT_EQ(RunConversion::parseStatus(name), status) << name;
    }
    EXPECT_EQ(RunConversion::statusName(TrainingStatus::Diverged), "diverged");
    EXPECT_FALSE(RunConversion::parseStatus("Finished").has_value());
    EXPECT_FALSE(RunConversion::parseStatus("").has_value());
}

TEST(RunConversion, ADatasetsReference)
{
    mlps::test::QuadrantStyle style;
    style.format = "npz";
    style.source = "/data/quadrants.npz";
    const auto data = mlps::test::quadrantData(40, 3, style);
    const mlps::DatasetReference reference = RunConversion::referenceOf(*data, "feed");
    EXPECT_EQ(reference.path, "/data/quadrants.npz");
    EXPECT_EQ(reference.format, "npz");
    EXPECT_EQ(reference.sha256, "feed");
    EXPECT_EQ(reference.count, 40);
    EXPECT_EQ(reference.width, 8);
    EXPECT_EQ(reference.height, 8);
    EXPECT_EQ(reference.classNames, (std::vector<std::string>{"A", "B", "C", "D"}));

    // The built-in letters name their fonts as their source; a project names the built-in data.
    style.format = "font-letters";
    style.source = "installed fonts";
    EXPECT_EQ(RunConversion::referenceOf(*mlps::test::quadrantData(8, 3, style), "").path, "builtin:font-letters");
}

TEST(RunConversion, ATrainedRunComesBackExactly)
{
    const auto data = mlps::test::quadrantData(1000, 9);
    const auto run = trainedRun(data);
    ASSERT_NE(run, nullptr);
    ASSERT_EQ(run->result.status, TrainingStatus::Finished) << run->result.message.toStdString();
    ASSERT_EQ(run->result.history.size(), 3u);
    ASSERT_NE(run->test(), nullptr);
    ASSERT_NE(run->validation(), nullptr);

    mlps::SplitSettings split;
    split.validation = 100;
    split.test = 100;
    split.seed = 3;
    const StoredRun stored = RunConversion::toStored(*run, referenceOf(*data), split);
    EXPECT_EQ(stored.status, "finished");
    EXPECT_EQ(stored.startedAt, run->startedAt.toUTC().toString(Qt::ISODateWithMs).toStdString());
    EXPECT_TRUE(QString::fromStdString(stored.startedAt).endsWith(QLatin1Char('Z'))) << stored.startedAt;
    EXPECT_EQ(stored.split, split);
    EXPECT_EQ(stored.data, referenceOf(*data));
    EXPECT_EQ(stored.testIndices, run->job.split.test);
    ASSERT_TRUE(stored.test.has_value());
    // Every step's loss: 3 epochs of 25 steps, short enough to keep each.
    ASSERT_EQ(stored.batchSteps.size(), 75u);
    ASSERT_EQ(stored.batchLosses.size(), 75u);
    EXPECT_EQ(stored.batchSteps.front(), 1);
    EXPECT_EQ(stored.batchSteps.back(), run->result.stepsDone);
    EXPECT_EQ(stored.batchLosses.back(), float(run->result.batchLosses.back().loss));

    const auto back = RunConversion::fromStored(stored, data);
    expectSameRun(*run, *back);
}

TEST(RunConversion, ThroughAProjectFileAndBack)
{
    const auto data = mlps::test::quadrantData(1000, 9);
    const auto run = trainedRun(data);
    ASSERT_NE(run, nullptr);
    mlps::Project project;
    project.data = referenceOf(*data);
    project.split.validation = 100;
    project.split.test = 100;
    project.network = run->job.network;
    project.training = run->job.config;
    project.runs.push_back(RunConversion::toStored(*run, project.data, project.split));
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run.mlpstudio"));
    mlps::ProjectFile::save(project, path);
    const mlps::Project loaded = mlps::ProjectFile::load(path);
    ASSERT_EQ(loaded.runs.size(), 1u);
    expectSameRun(*run, *RunConversion::fromStored(loaded.runs.front(), data));
}

TEST(RunConversion, BatchLossesBothWays)
{
    const auto data = mlps::test::quadrantData(200, 9);
    RunRecord run;
    run.id = 3;
    run.name = QStringLiteral("Run 3");
    run.job.runId = 3;
    run.job.name = run.name;
    run.job.data = data;
    run.job.network.inputSize = 64;
    run.job.network.classes = 4;
    run.result.runId = 3;
    run.result.status = TrainingStatus::Stopped;
    run.result.stepsDone = 30001;
    // A long run's losses as the worker keeps them: buckets of 16 steps, the last of 1.
    std::vector<mlps::BatchLossPoint> losses;
    for (std::int64_t step = 1; step <= 30001; ++step)
        losses.push_back({step, 1.0 / double(step) + 0.1, 1});
    run.result.batchLosses = mlps::BatchLossDecimator::decimate(losses, 31260);
    ASSERT_EQ(run.result.batchLosses.front().span, 16);
    ASSERT_EQ(run.result.batchLosses.back().span, 1);

    const StoredRun stored = RunConversion::toStored(run, referenceOf(*data), {});
    ASSERT_EQ(stored.batchSteps.size(), run.result.batchLosses.size());
    ASSERT_EQ(stored.batchLosses.size(), run.result.batchLosses.size());
    for (std::size_t i = 0; i < stored.batchSteps.size(); ++i) {
        ASSERT_EQ(stored.batchSteps[i], run.result.batchLosses[i].step);
        ASSERT_EQ(stored.batchLosses[i], float(run.result.batchLosses[i].loss));
    }
    expectSameRun(run, *RunConversion::fromStored(stored, data));

    // A run of a file made before batch losses were kept has none.
    StoredRun old = stored;
    old.batchSteps.clear();
    old.batchLosses.clear();
    EXPECT_TRUE(RunConversion::fromStored(old, data)->result.batchLosses.empty());
    // Steps and losses that do not pair up are refused.
    old.batchSteps = {1, 2};
    old.batchLosses = {0.5f};
    EXPECT_THROW(RunConversion::fromStored(old, data), std::invalid_argument);
}

bool sameBits(const Eigen::VectorXf& a, const Eigen::VectorXf& b)
{
    return a.size() == b.size() && (a.array() == b.array()).all();
}

// Trains `job` on a controller of its own until it ends, or stops it once it
// has done `stopAt` steps (0: never).
std::optional<mlps::ui::TrainingResult> train(const mlps::ui::TrainingJob& job, std::int64_t stopAt = 0)
{
    mlps::ui::TrainingController controller;
    QSignalSpy finished(&controller, &mlps::ui::TrainingController::finished);
    if (!controller.start(job))
        return std::nullopt;
    if (stopAt > 0) {
        // Without the event loop, so that the stop comes right after that step.
        while (controller.stepsDone() < stopAt && controller.isRunning())
            QThread::usleep(50);
        controller.stop();
    }
    if (finished.isEmpty() && !finished.wait(60000))
        return std::nullopt;
    return finished.front().front().value<mlps::ui::TrainingResult>();
}

TEST(RunConversion, AStoppedRunKeepsItsCheckpointThroughAFile)
{
    const auto data = mlps::test::quadrantData(1000, 9);
    auto run = std::make_shared<RunRecord>();
    run->id = 4;
    run->name = QStringLiteral("Run 4");
    mlps::ui::TrainingJob& job = run->job;
    job.runId = run->id;
    job.name = run->name;
    job.data = data;
    job.split = mlps::stratifiedSplit(data->labels, 4, 100, 100, 3);
    job.network.inputSize = 64;
    job.network.classes = 4;
    job.network.hidden.push_back(mlps::DenseSpec{16, mlps::Activation::Relu, 0.0f});
    job.config.optimizer.kind = mlps::OptimizerKind::Adam;
    job.config.optimizer.learningRate = 0.002f;
    job.config.batchSize = 8; // 100 steps an epoch
    job.config.epochs = 12;
    job.config.threads = 2;
    const std::optional<mlps::ui::TrainingResult> stopped = train(job, 130);
    ASSERT_TRUE(stopped.has_value());
    ASSERT_EQ(stopped->status, TrainingStatus::Stopped) << "the run ended before it was stopped";
    ASSERT_NE(stopped->checkpoint, nullptr);
    run->result = *stopped;

    mlps::Project project;
    project.data = referenceOf(*data);
    project.network = run->job.network;
    project.training = run->job.config;
    project.runs.push_back(RunConversion::toStored(*run, project.data, project.split));
    EXPECT_EQ(project.runs.front().checkpoint, stopped->checkpoint);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("stopped.mlpstudio"));
    mlps::ProjectFile::save(project, path);
    const auto back = RunConversion::fromStored(mlps::ProjectFile::load(path).runs.front(), data);
    expectSameRun(*run, *back);
    ASSERT_TRUE(back->canContinue());
    const mlps::TrainerState& was = *stopped->checkpoint;
    const mlps::TrainerState& now = *back->result.checkpoint;
    EXPECT_EQ(now.step, was.step);
    EXPECT_EQ(now.positionInEpoch, was.positionInEpoch);
    EXPECT_EQ(now.order, was.order);
    ASSERT_EQ(now.members.size(), 1u);
    EXPECT_TRUE(sameBits(now.members[0].parameters, was.members[0].parameters));
    EXPECT_EQ(back->plannedSteps(), 1200);

    // The job rebuilt from the file goes on to the weights of a run done in one go.
    mlps::ui::TrainingJob continued = back->job;
    continued.resumeFrom = back->result.checkpoint;
    const auto oneGo = train(job);
    const auto result = train(continued);
    ASSERT_TRUE(oneGo.has_value());
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->status, TrainingStatus::Finished) << result->message.toStdString();
    EXPECT_TRUE(sameBits(result->parameters, oneGo->parameters));
}

TEST(RunConversion, AFailedRunWithoutWeightsOrEvaluations)
{
    const auto data = mlps::test::quadrantData(200, 2);
    RunRecord run;
    run.id = 3;
    run.name = QStringLiteral("failed");
    run.job.data = data;
    run.job.network.inputSize = 64;
    run.job.network.classes = 4;
    run.result.runId = 3;
    run.result.status = TrainingStatus::Failed;
    run.result.message = QStringLiteral("the batch size must be at least 1");
    const StoredRun stored = RunConversion::toStored(run, referenceOf(*data), {});
    EXPECT_EQ(stored.status, "failed");
    EXPECT_TRUE(stored.startedAt.empty());
    EXPECT_FALSE(stored.test.has_value());
    EXPECT_EQ(stored.parameters.size(), 0);
    const auto back = RunConversion::fromStored(stored, data);
    EXPECT_FALSE(back->startedAt.isValid());
    EXPECT_EQ(back->test(), nullptr);
    EXPECT_EQ(back->validation(), nullptr);
    EXPECT_EQ(back->result.message, run.result.message);
    EXPECT_EQ(back->result.status, TrainingStatus::Failed);
}

TEST(RunConversion, RefusesARunThatDoesNotFitTheData)
{
    const auto data = mlps::test::quadrantData(200, 2);
    StoredRun stored;
    stored.name = "r";
    stored.network.inputSize = 64;
    stored.network.classes = 4;
    stored.trainIndices = {0, 1, 200};
    try {
        RunConversion::fromStored(stored, data);
        FAIL() << "an index past the data was accepted";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("index 200"), std::string::npos) << error.what();
    }
    stored.trainIndices = {0, 1};
    stored.network.inputSize = 784;
    EXPECT_THROW(RunConversion::fromStored(stored, data), std::invalid_argument);
    stored.network.inputSize = 64;
    stored.status = "exploded";
    EXPECT_THROW(RunConversion::fromStored(stored, data), std::invalid_argument);
    stored.status = "finished";
    stored.testIndices = {2, 3};
    stored.test = mlps::Evaluation{}; // no samples for a test set of two
    EXPECT_THROW(RunConversion::fromStored(stored, data), std::invalid_argument);
    EXPECT_THROW(RunConversion::fromStored(stored, nullptr), std::invalid_argument);
}

} // namespace
