#include "ProjectSamples.h"

#include "nn/Optimizer.h"
#include "project/ProjectJson.h"

#include <QFile>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>

namespace mlps::testing {

namespace {

// Small draws that still use every bit of a float (not round decimals).
float draw(std::mt19937& rng) { return float(rng()) / 4294967296.0f; }

StoredEvaluation sampleEvaluation(std::int64_t samples, int classes, std::mt19937& rng)
{
    StoredEvaluation e;
    e.probabilities.resize(classes, samples);
    e.confusion = ConfusionMatrix::Zero(classes, classes);
    for (std::int64_t i = 0; i < samples; ++i) {
        const auto truth = std::int32_t(rng() % std::uint32_t(classes));
        const auto guess = rng() % 4 == 0 ? std::int32_t(rng() % std::uint32_t(classes)) : truth;
        e.trueLabels.push_back(truth);
        e.predicted.push_back(guess);
        for (int c = 0; c < classes; ++c)
            e.probabilities(c, i) = draw(rng);
        ++e.confusion(truth, guess);
    }
    // A non-symmetric matrix, so that a transposed confusion shows.
    e.confusion(0, 1) += 7;
    e.scores = scoresFromConfusion(e.confusion);
    e.logLoss = 0.1 + draw(rng);
    return e;
}

} // namespace

TrainConfig sampleConfig(int which)
{
    TrainConfig config;
    config.epochs = 3 + which;
    config.batchSize = 64 + which;
    config.seed = 0xfedcba9876543210ULL + std::uint64_t(which); // above 2^53: needs the string form
    config.threads = 1 + which;
    switch (which) {
    case 0:
        config.optimizer = {OptimizerKind::Adam, 0.001f, 0.9f, 0.85f, 0.995f, 0.9f, 1e-8f};
        config.schedule.kind = ScheduleKind::Cosine;
        config.schedule.warmupEpochs = 0.5;
        config.schedule.minFraction = 0.01;
        config.earlyStoppingPatience = 2;
        config.augment = *parseAugmentSpec("shift=2,scale=0.1,rotate=10,elastic=34:4,p=0.5,size=28x28");
        break;
    case 1:
        config.optimizer = {OptimizerKind::Nesterov, 0.1f / 3.0f, 0.95f, 0.9f, 0.999f, 0.9f, 1e-7f};
        config.schedule.kind = ScheduleKind::Plateau;
        config.schedule.gamma = 0.3;
        config.schedule.patience = 3;
        config.schedule.minDelta = 1e-3;
        break;
    default:
        config.optimizer = {OptimizerKind::RmsProp, 0.002f, 0.9f, 0.9f, 0.999f, 0.8f, 1e-6f};
        config.schedule.kind = ScheduleKind::InverseTime;
        config.schedule.decay = 1e-4 / 3.0;
        config.augment = *parseAugmentSpec("shift=1.5,size=28x28");
        break;
    }
    return config;
}

StoredRun sampleRun(int id, const TrainConfig& config, std::int64_t samples, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    StoredRun run;
    run.id = id;
    run.name = "Run " + std::to_string(id) + " — Lab network ✓";
    run.planText = "784-64-32-10\nAdam, cosine";
    run.dataName = "notMNIST_small";
    run.startedAt = "2026-11-29T09:0" + std::to_string(id % 10) + ":00Z";
    run.network.inputSize = 784;
    run.network.classes = 10;
    run.network.init = Init::GlorotNormal;
    run.network.outputL2 = 1e-4f / 3.0f;
    const Activation activations[] = {Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                                       Activation::LeakyRelu, Activation::Elu, Activation::Linear};
    for (int k = 0; k < 6; ++k) {
        run.network.hidden.emplace_back(DenseSpec{8 + k, activations[k], k * 1e-3f / 7.0f});
        if (k == 2)
            run.network.hidden.emplace_back(DropoutSpec{0.3f});
    }
    run.config = config;
    run.data = {"/data/notMNIST_small.tar.gz", "tar", std::string(64, 'a'), 18724, 28, 28,
                {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}};
    run.split = {1000, samples, 42 + std::uint64_t(id), true, false};
    for (std::int64_t i = 0; i < 3000; ++i)
        run.trainIndices.push_back(std::int64_t(rng() % 18724));
    for (std::int64_t i = 0; i < 100; ++i)
        run.validationIndices.push_back(std::int64_t(rng() % 18724));
    for (std::int64_t i = 0; i < samples; ++i)
        run.testIndices.push_back(std::int64_t(rng() % 18724));
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        EpochRecord r;
        r.epoch = epoch;
        r.trainLoss = 1.0 / (epoch + draw(rng));
        r.trainAccuracy = 0.5 + draw(rng) / 3.0;
        if (epoch > 1) { // the first without validation figures
            r.validationLoss = 1.1 / (epoch + draw(rng));
            r.validationAccuracy = 0.4 + draw(rng) / 7.0;
        }
        r.learningRate = config.optimizer.learningRate / (1.0 + epoch / 3.0);
        r.seconds = 0.25 * epoch + draw(rng);
        r.evaluationSeconds = draw(rng) / 10.0;
        run.history.push_back(r);
    }
    run.validation = sampleEvaluation(100, 10, rng);
    run.test = sampleEvaluation(samples, 10, rng);
    run.parameters.resize(Index(ProjectJson::parameterCount(run.network)));
    for (Index i = 0; i < run.parameters.size(); ++i)
        run.parameters[i] = draw(rng) - 0.5f;
    run.stepsDone = 47 * config.epochs;
    // Kept in buckets of 2 steps, the last of 1 when the steps are odd.
    for (std::int64_t step = 2; step <= run.stepsDone + 1; step += 2) {
        run.batchSteps.push_back(std::min(step, run.stepsDone));
        run.batchLosses.push_back(2.0f / (1.0f + float(step) / 50.0f) + draw(rng) / 10.0f);
    }
    run.trainSeconds = 12.0 / 7.0;
    run.samplesPerSecond = 123456.789;
    return run;
}

namespace {

Eigen::VectorXf drawVector(Index size, std::mt19937& rng)
{
    Eigen::VectorXf v(size);
    for (Index i = 0; i < size; ++i)
        v[i] = draw(rng) - 0.5f;
    return v;
}

// A checkpoint of the right shapes for `run` with drawn values: every field
// away from its default, so that a lost one shows in a round trip.
std::shared_ptr<const TrainerState> sampleCheckpoint(const StoredRun& run, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    auto state = std::make_shared<TrainerState>();
    const auto count = Index(ProjectJson::parameterCount(run.network));
    const auto real = std::int64_t(run.trainIndices.size());
    state->step = 1234;
    state->positionInEpoch = 17;
    for (std::int64_t i = 0; i < real + 40; ++i)
        state->order.push_back((i * 7919) % (real + 40));
    for (std::int64_t i = 0; i < 60; ++i)
        state->syntheticOrder.push_back(real + (i * 13) % 60);
    state->syntheticNext = 23;
    state->shuffle.words = {0xffffffffffffffffULL, 1, 0x8000000000000001ULL, 0x0123456789abcdefULL};
    state->shuffle.spareNormal = -1.2345678f;
    state->shuffle.hasSpare = true;
    state->epochLossSum = 1.0 / 3.0 + draw(rng);
    state->epochCorrect = 11;
    state->epochSamples = 17 * 64;
    state->epochSeconds = 0.1 + draw(rng);
    state->history = run.history;
    state->plateau = {0.1 + draw(rng), true, 2, 3};
    state->bestValidationLoss = 0.2 + draw(rng);
    state->epochsSinceBest = 1;
    state->lastBatch = {0.5 + draw(rng), 1e-3 * draw(rng), 40, 64};
    state->message = "paused by the user";
    const auto optimizer = makeOptimizer(run.config.optimizer);
    for (int k = 0; k < run.config.ensembleSize; ++k) {
        MemberState member;
        member.parameters = drawVector(count, rng);
        for (const auto& [name, vector] : optimizer->state())
            member.optimizer.emplace_back(name, drawVector(count, rng));
        member.optimizerSteps = 1234;
        member.average = drawVector(count, rng);
        if (k == 0)
            member.best = drawVector(count, rng); // the other member has none yet
        state->members.push_back(std::move(member));
    }
    return state;
}

} // namespace

Project sampleProject()
{
    Project project;
    project.data = {"/data/notMNIST_small", "folder", std::string(64, 'b'), 18724, 28, 28,
                    {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}};
    project.split = {2000, 3000, 0xffffffffffffffffULL, false, true};
    project.network = labNetworkSpec(1e-4f, 0.25f, 2);
    project.training = sampleConfig(0);

    project.runs.push_back(sampleRun(1, sampleConfig(0), 500, 1));
    StoredRun stopped = sampleRun(2, sampleConfig(1), 300, 2);
    stopped.status = "diverged";
    stopped.message = "the loss became NaN at step 93";
    stopped.history.back().trainLoss = std::numeric_limits<double>::quiet_NaN();
    stopped.history.back().validationLoss = std::numeric_limits<double>::infinity();
    stopped.validation.reset();
    project.runs.push_back(stopped);
    StoredRun failed = sampleRun(7, sampleConfig(2), 0, 3);
    failed.status = "failed";
    failed.message = "out of memory";
    failed.parameters.resize(0);
    failed.history.clear();
    failed.batchSteps.clear();
    failed.batchLosses.clear();
    failed.test.reset();
    failed.validation.reset();
    project.runs.push_back(failed);
    // Stopped mid-run, to be continued: an averaged ensemble of two with Adam,
    // mixing in synthetic samples.
    TrainConfig ensemble = sampleConfig(0);
    ensemble.ensembleSize = 2;
    ensemble.weightAverageDecay = 0.99f;
    ensemble.syntheticShare = 0.25f;
    StoredRun paused = sampleRun(9, ensemble, 200, 4);
    paused.status = "stopped";
    paused.message = "Stopped at step 1234 of 5000";
    paused.test.reset();
    paused.checkpoint = sampleCheckpoint(paused, 5);
    project.runs.push_back(paused);
    return project;
}

Project format1Project()
{
    Project project;
    project.data = {"/home/user/data/letters.npz", "npz",
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 12, 2, 2, {"A", "B", "C"}};
    project.split = {3, 5, 20261129, true, true};
    project.network.inputSize = 4;
    project.network.classes = 3;
    project.network.hidden = {DenseSpec{2, Activation::Tanh, 0.001f}, DropoutSpec{0.25f}};
    project.network.outputL2 = 0.0005f;
    project.network.init = Init::GlorotUniform;
    project.training.optimizer = {OptimizerKind::Momentum, 0.05f, 0.8f, 0.9f, 0.999f, 0.9f, 1e-7f};
    project.training.schedule.kind = ScheduleKind::Step;
    project.training.schedule.stepSize = 2;
    project.training.schedule.gamma = 0.5;
    project.training.epochs = 2;
    project.training.batchSize = 2;
    project.training.seed = 18446744073709551557ULL;
    project.training.earlyStoppingPatience = 1;
    project.training.augment = *parseAugmentSpec("shift=1,p=0.5,size=2x2");

    StoredRun run;
    run.id = 4;
    run.name = "Tiny";
    run.planText = "4-2-3";
    run.dataName = "letters";
    run.startedAt = "2026-11-29T09:30:00Z";
    run.status = "stopped";
    run.message = "stopped by the user";
    run.network = project.network;
    run.config = project.training;
    run.data = project.data;
    run.split = project.split;
    run.trainIndices = {0, 2, 5, 7};
    run.validationIndices = {1, 3, 6};
    run.testIndices = {4, 8, 9, 10, 11};
    EpochRecord first;
    first.epoch = 1;
    first.trainLoss = 1.25;
    first.trainAccuracy = 0.5;
    first.validationLoss = 1.0;
    first.validationAccuracy = 2.0 / 3.0;
    first.learningRate = 0.05;
    first.seconds = 0.125;
    first.evaluationSeconds = 0.0625;
    run.history = {first};
    StoredEvaluation test;
    test.trueLabels = {0, 1, 2, 2, 1};
    test.predicted = {0, 2, 2, 2, 1};
    test.probabilities.resize(3, 5);
    test.probabilities << 0.5f, 0.25f, 0.125f, 0.0f, 0.25f, //
        0.25f, 0.25f, 0.125f, 0.25f, 0.5f,                  //
        0.25f, 0.5f, 0.75f, 0.75f, 0.25f;
    test.confusion = ConfusionMatrix::Zero(3, 3);
    test.confusion(0, 0) = 1;
    test.confusion(1, 2) = 1;
    test.confusion(2, 2) = 2;
    test.confusion(1, 1) = 1;
    test.scores = scoresFromConfusion(test.confusion);
    test.logLoss = 0.75;
    run.test = test;
    run.parameters.resize(4 * 2 + 2 + 2 * 3 + 3);
    for (Index i = 0; i < run.parameters.size(); ++i)
        run.parameters[i] = float(i) / 8.0f - 1.0f;
    run.stepsDone = 3;
    run.trainSeconds = 0.25;
    run.samplesPerSecond = 48.0;
    project.runs.push_back(run);
    return project;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + path.toStdString());
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

} // namespace mlps::testing
