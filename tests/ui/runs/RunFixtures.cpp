#include "RunFixtures.h"

#include "QuadrantData.h"

#include "nn/Metrics.h"
#include "nn/Rng.h"
#include "nn/Trainer.h"

#include <chrono>

namespace mlps::ui::test {

std::shared_ptr<const Dataset> noisyQuadrants(std::int64_t count, std::uint64_t seed)
{
    mlps::test::QuadrantStyle style;
    style.brightMin = 60;
    style.brightSpan = 180;
    style.darkSpan = 180;
    style.source = "noisy quadrants";
    return mlps::test::quadrantData(count, seed, style);
}

std::shared_ptr<const Dataset> noisyRows(std::int64_t count, std::uint64_t seed)
{
    auto data = std::make_shared<Dataset>();
    data->width = 10;
    data->height = 10;
    data->classNames = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
    data->format = "generated";
    data->source = "noisy rows";
    Rng rng(seed);
    std::vector<std::uint8_t> image(100);
    for (std::int64_t i = 0; i < count; ++i) {
        const int label = int(i % 10);
        for (int y = 0; y < 10; ++y) {
            for (int x = 0; x < 10; ++x)
                image[std::size_t(y * 10 + x)] = std::uint8_t(y == label ? 50 + rng.below(190) : rng.below(190));
        }
        data->append(image.data(), label);
    }
    return data;
}

NetworkSpec quadrantNetwork(const std::vector<int>& hidden)
{
    NetworkSpec network;
    network.inputSize = 64;
    network.classes = 4;
    for (int units : hidden)
        network.hidden.push_back(DenseSpec{units, Activation::Relu, 0.0f});
    return network;
}

TrainConfig quickConfig()
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Momentum;
    config.optimizer.learningRate = 0.05f;
    config.batchSize = 32;
    config.epochs = 2;
    config.seed = 5;
    return config;
}

Split quadrantSplit(const Dataset& data, std::uint64_t seed)
{
    return stratifiedSplit(data.labels, data.classes(), data.count() / 5, data.count() / 4, seed);
}

std::shared_ptr<const RunRecord> trainRun(int id, const QString& name, const NetworkSpec& network,
                                          const TrainConfig& config, std::shared_ptr<const Dataset> data,
                                          const Split& split, std::shared_ptr<const Dataset> testData)
{
    auto run = std::make_shared<RunRecord>();
    run->id = id;
    run->name = name;
    run->dataName = QStringLiteral("Noisy quadrants");
    run->startedAt = QDateTime::currentDateTime();
    run->job.runId = id;
    run->job.name = name;
    run->job.network = network;
    run->job.config = config;
    run->job.data = std::move(data);
    run->job.split = split;
    run->job.testData = std::move(testData);

    const Dataset& all = *run->job.data;
    const auto start = std::chrono::steady_clock::now();
    Trainer trainer(network, config, all.view(run->job.split.train), all.view(run->job.split.validation));
    StepStatus status = StepStatus::Running;
    while (status != StepStatus::Finished && status != StepStatus::Diverged)
        status = trainer.step();
    TrainingResult& result = run->result;
    result.runId = id;
    result.status = status == StepStatus::Finished ? TrainingStatus::Finished : TrainingStatus::Diverged;
    result.history = trainer.history();
    result.stepsDone = trainer.stepsDone();
    result.trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.samplesPerSecond = double(run->job.split.train.size()) * config.epochs / std::max(1e-9, result.trainSeconds);
    result.validation = std::make_shared<Evaluation>(trainer.evaluate(all.view(run->job.split.validation)));
    result.test = std::make_shared<Evaluation>(trainer.evaluate(
        run->job.testData ? run->job.testData->view() : all.view(run->job.split.test)));
    result.parameters = trainer.network().parameters();
    return run;
}

std::shared_ptr<const RunRecord> fakeRun(int id, const QString& name, double accuracy, int epochs, double seconds)
{
    auto run = std::make_shared<RunRecord>();
    run->id = id;
    run->name = name;
    run->startedAt = QDateTime::currentDateTime();
    run->job.network = quadrantNetwork();
    run->job.config = quickConfig();
    run->job.config.epochs = epochs;
    run->job.data = noisyQuadrants(8);
    auto test = std::make_shared<Evaluation>();
    test->scores.accuracy = accuracy;
    test->scores.f1Weighted = accuracy * 0.99;
    test->scores.f1Macro = accuracy * 0.98;
    run->result.test = test;
    run->result.status = TrainingStatus::Finished;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        EpochRecord record;
        record.epoch = epoch;
        record.trainLoss = 1.0 / epoch;
        record.trainAccuracy = accuracy * epoch / epochs;
        run->result.history.push_back(record);
    }
    run->result.trainSeconds = seconds;
    run->result.samplesPerSecond = 1000.0 * id;
    return run;
}

} // namespace mlps::ui::test
