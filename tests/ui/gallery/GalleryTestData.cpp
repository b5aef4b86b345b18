#include "GalleryTestData.h"

#include "QuadrantData.h"

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "nn/Network.h"
#include "nn/Trainer.h"

#include <string>

namespace mlps::test {

std::shared_ptr<const Dataset> noisyQuadrants(std::int64_t count, std::uint64_t seed)
{
    // One label in ten is wrong on purpose: confident mistakes to look at.
    QuadrantStyle style;
    style.brightMin = 40;
    style.brightSpan = 200;
    style.darkSpan = 200;
    style.wrongOneIn = 10;
    style.fileNames = true;
    style.format = "folder";
    style.source = "/data/quadrants";
    return quadrantData(count, seed, style);
}

namespace {

std::shared_ptr<ui::RunRecord> baseRun(int id, std::shared_ptr<const Dataset> data, std::int64_t validation,
                                       std::int64_t test, const std::vector<int>& hidden)
{
    auto run = std::make_shared<ui::RunRecord>();
    run->id = id;
    run->name = QStringLiteral("Run %1").arg(id);
    run->dataName = QStringLiteral("Quadrants");
    run->job.runId = id;
    run->job.data = data;
    run->job.split = stratifiedSplit(data->labels, data->classes(), validation, test, 3);
    run->job.network.inputSize = data->features();
    run->job.network.classes = data->classes();
    for (const int units : hidden)
        run->job.network.hidden.push_back(DenseSpec {units, Activation::Relu, 0.0f});
    run->job.config.optimizer.kind = OptimizerKind::Momentum;
    run->job.config.optimizer.learningRate = 0.05f;
    run->job.config.batchSize = 32;
    run->job.config.seed = 5;
    run->result.runId = id;
    run->result.status = ui::TrainingStatus::Finished;
    return run;
}

} // namespace

std::shared_ptr<const ui::RunRecord> trainedRun(int id, std::vector<int> hidden, int epochs,
                                                std::shared_ptr<const Dataset> data)
{
    if (!data)
        data = noisyQuadrants();
    auto run = baseRun(id, data, data->count() / 5, data->count() / 4, hidden);
    run->job.config.epochs = epochs;
    const Split& split = run->job.split;
    Trainer trainer(run->job.network, run->job.config, data->view(split.train), data->view(split.validation));
    for (;;) {
        const StepStatus status = trainer.step();
        if (status == StepStatus::Finished || status == StepStatus::Diverged)
            break;
    }
    run->result.history = trainer.history();
    run->result.test = std::make_shared<Evaluation>(trainer.evaluate(data->view(split.test)));
    run->result.validation = std::make_shared<Evaluation>(trainer.evaluate(data->view(split.validation)));
    run->result.parameters = trainer.network().parameters();
    return run;
}

std::shared_ptr<const ui::RunRecord> untrainedRun(int id, std::int64_t count)
{
    auto data = noisyQuadrants(count + 8, 9);
    auto run = baseRun(id, data, 4, count, {8});
    Network network(run->job.network, 1);
    network.initialize(17);
    const SampleView view = data->view(run->job.split.test);
    run->result.test = std::make_shared<Evaluation>(evaluatePredictions(network.predict(view), view));
    run->result.parameters = network.parameters();
    return run;
}

std::vector<qint64> samplesOfCell(const Evaluation& evaluation, int trueClass, int predicted)
{
    std::vector<qint64> samples;
    for (qint64 i = 0; i < evaluation.count(); ++i)
        if (evaluation.trueLabels[std::size_t(i)] == trueClass && evaluation.predicted[std::size_t(i)] == predicted)
            samples.push_back(i);
    return samples;
}

} // namespace mlps::test
