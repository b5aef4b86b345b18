// A run trained by the engine, saved and reopened, predicts exactly as before.
#include "ProjectCompare.h"

#include "project/ProjectFile.h"
#include "project/ProjectJson.h"

#include "nn/Network.h"
#include "nn/Trainer.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstring>
#include <numeric>

using namespace mlps;
using namespace mlps::testing;

namespace {

// 4x4 images of 3 classes: class c is bright in row c, with some noise.
struct TinyData {
    static constexpr int kFeatures = 16;
    static constexpr int kClasses = 3;
    std::vector<std::uint8_t> pixels;
    std::vector<std::int32_t> labels;

    explicit TinyData(int n)
    {
        std::uint32_t state = 12345;
        for (int i = 0; i < n; ++i) {
            const int c = i % kClasses;
            labels.push_back(c);
            for (int k = 0; k < kFeatures; ++k) {
                state = state * 1664525u + 1013904223u;
                pixels.push_back(std::uint8_t((k / 4 == c ? 180 : 20) + (state >> 26)));
            }
        }
    }

    SampleView view(const std::vector<std::int64_t>& indices) const
    {
        return SampleView{pixels.data(), labels.data(), indices.data(), std::int64_t(indices.size()), kFeatures,
                          kClasses};
    }
};

std::vector<std::int64_t> range(std::int64_t begin, std::int64_t end)
{
    std::vector<std::int64_t> v(std::size_t(end - begin));
    std::iota(v.begin(), v.end(), begin);
    return v;
}

} // namespace

TEST(TrainedRun, ReopenedRunPredictsBitForBit)
{
    const TinyData data(300);
    StoredRun run;
    run.id = 1;
    run.name = "tiny";
    run.network.inputSize = TinyData::kFeatures;
    run.network.classes = TinyData::kClasses;
    run.network.hidden = {DenseSpec{8, Activation::Elu, 1e-3f}, DropoutSpec{0.2f}, DenseSpec{5, Activation::Tanh}};
    run.config.optimizer.kind = OptimizerKind::Adam;
    run.config.optimizer.learningRate = 0.01f;
    run.config.epochs = 3;
    run.config.batchSize = 16;
    run.config.seed = 99;
    run.data.count = 300;
    run.trainIndices = range(0, 200);
    run.validationIndices = range(200, 250);
    run.testIndices = range(250, 300);

    Trainer trainer(run.network, run.config, data.view(run.trainIndices), data.view(run.validationIndices));
    while (trainer.step() != StepStatus::Finished) {
    }
    ASSERT_EQ(trainer.network().parameterCount(), ProjectJson::parameterCount(run.network));
    run.history = trainer.history();
    run.validation = *trainer.lastValidation();
    run.test = trainer.evaluate(data.view(run.testIndices));
    run.parameters = trainer.network().parameters();
    run.stepsDone = trainer.stepsDone();
    ASSERT_GT(run.test->scores.accuracy, 0.5);

    Project project;
    project.network = run.network;
    project.training = run.config;
    project.runs = {run};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tiny.mlpstudio"));
    ProjectFile::save(project, path);
    const Project loaded = ProjectFile::load(path);
    expectSameProject(project, loaded);

    // The reopened weights give the very same probabilities.
    const StoredRun& reopened = loaded.runs[0];
    Network network(reopened.network);
    network.parameters() = reopened.parameters;
    const Eigen::MatrixXf probabilities = network.predict(data.view(reopened.testIndices));
    ASSERT_EQ(probabilities.size(), run.test->probabilities.size());
    EXPECT_EQ(0, std::memcmp(probabilities.data(), run.test->probabilities.data(),
                             std::size_t(probabilities.size()) * sizeof(float)));
}

// Stopped mid-epoch, saved with its checkpoint, reopened in a new process's
// worth of objects and continued: the same weights as the run in one go.
TEST(TrainedRun, RunContinuedFromItsSavedCheckpointEndsBitIdentical)
{
    const TinyData data(300);
    NetworkSpec network;
    network.inputSize = TinyData::kFeatures;
    network.classes = TinyData::kClasses;
    network.hidden = {DenseSpec{8, Activation::Relu, 1e-3f}, DropoutSpec{0.2f}};
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = 0.01f;
    config.schedule.kind = ScheduleKind::Cosine;
    config.epochs = 4;
    config.batchSize = 24;
    config.seed = 7;
    config.threads = 2;
    config.weightAverageDecay = 0.9f;
    config.ensembleSize = 2;
    const std::vector<std::int64_t> train = range(0, 250);
    const std::vector<std::int64_t> validation = range(250, 300);

    Trainer oneGo(network, config, data.view(train), data.view(validation));
    while (!oneGo.done())
        oneGo.step();

    StoredRun run;
    run.id = 3;
    run.status = "stopped";
    run.network = network;
    run.config = config;
    run.data.count = 300;
    run.trainIndices = train;
    run.validationIndices = validation;
    {
        Trainer first(network, config, data.view(train), data.view(validation));
        while (first.stepsDone() < first.stepsPerEpoch() + 4)
            first.step();
        run.history = first.history();
        run.parameters = first.network().parameters();
        run.stepsDone = first.stepsDone();
        run.checkpoint = std::make_shared<const TrainerState>(first.state());
    }
    Project project;
    project.network = network;
    project.training = config;
    project.runs = {run};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("paused.mlpstudio"));
    ProjectFile::save(project, path);
    const Project loaded = ProjectFile::load(path);
    expectSameProject(project, loaded);

    const StoredRun& reopened = loaded.runs[0];
    ASSERT_TRUE(reopened.checkpoint);
    Trainer continued(reopened.network, reopened.config, data.view(reopened.trainIndices),
                      data.view(reopened.validationIndices));
    continued.restore(*reopened.checkpoint);
    while (!continued.done())
        continued.step();
    for (int k = 0; k < 2; ++k) {
        const Eigen::VectorXf& a = continued.member(k).parameters();
        const Eigen::VectorXf& b = oneGo.member(k).parameters();
        ASSERT_EQ(a.size(), b.size());
        EXPECT_EQ(0, std::memcmp(a.data(), b.data(), std::size_t(a.size()) * sizeof(float))) << "member " << k;
    }
    EXPECT_EQ(continued.history().back().validationLoss, oneGo.history().back().validationLoss);
}
