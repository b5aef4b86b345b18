#include "EvaluationFixtures.h"

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "nn/Rng.h"
#include "nn/Trainer.h"

namespace mlps::ui::testing {

ConfusionMatrix exampleConfusion()
{
    ConfusionMatrix confusion(3, 3);
    confusion << 7, 2, 0, //
        1, 5, 4,          //
        0, 0, 20;
    return confusion;
}

QStringList exampleNames()
{
    return {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
}

Evaluation evaluationFrom(const ConfusionMatrix& confusion, double logLoss)
{
    Evaluation evaluation;
    const auto classes = int(confusion.rows());
    for (int truth = 0; truth < classes; ++truth) {
        for (int predicted = 0; predicted < classes; ++predicted) {
            for (std::int64_t k = 0; k < confusion(truth, predicted); ++k) {
                evaluation.trueLabels.push_back(truth);
                evaluation.predicted.push_back(predicted);
            }
        }
    }
    const auto n = Eigen::Index(evaluation.predicted.size());
    evaluation.probabilities.setConstant(classes, n, 0.3f / float(std::max(1, classes - 1)));
    for (Eigen::Index j = 0; j < n; ++j)
        evaluation.probabilities(evaluation.predicted[std::size_t(j)], j) = 0.7f;
    evaluation.confusion = confusion;
    evaluation.scores = scoresFromConfusion(confusion);
    evaluation.logLoss = logLoss;
    return evaluation;
}

std::shared_ptr<const RunRecord> runWith(const QString& name, std::shared_ptr<const Evaluation> test,
                                         std::shared_ptr<const Evaluation> validation, const QStringList& names)
{
    auto data = std::make_shared<Dataset>();
    for (const QString& className : names)
        data->classNames.push_back(className.toStdString());
    auto run = std::make_shared<RunRecord>();
    run->id = 1;
    run->name = name;
    run->dataName = QStringLiteral("Hand-made");
    run->job.data = data;
    run->result.status = TrainingStatus::Finished;
    run->result.test = std::move(test);
    run->result.validation = std::move(validation);
    return run;
}

std::shared_ptr<const RunRecord> tinyRealRun()
{
    auto data = std::make_shared<Dataset>();
    data->width = 8;
    data->height = 8;
    data->classNames = {"A", "B", "C", "D"};
    data->format = "generated";
    Rng rng(11);
    std::vector<std::uint8_t> image(64);
    for (int i = 0; i < 400; ++i) {
        const int label = i % 4;
        for (int y = 0; y < 8; ++y) {
            for (int x = 0; x < 8; ++x) {
                const bool bright = (y / 4) * 2 + x / 4 == label;
                image[std::size_t(y * 8 + x)] = std::uint8_t(bright ? 100 + rng.below(156) : rng.below(200));
            }
        }
        data->append(image.data(), label);
    }
    auto run = std::make_shared<RunRecord>();
    run->id = 7;
    run->name = QStringLiteral("Tiny softmax");
    run->dataName = QStringLiteral("Quadrants");
    run->job.data = data;
    run->job.split = stratifiedSplit(data->labels, 4, 80, 120, 3);
    run->job.network.inputSize = 64;
    run->job.network.classes = 4;
    run->job.config.optimizer.kind = OptimizerKind::Sgd;
    run->job.config.optimizer.learningRate = 0.002f;
    run->job.config.batchSize = 50;
    run->job.config.epochs = 1;
    run->job.config.seed = 5;
    const SampleView train = data->view(run->job.split.train);
    const SampleView validation = data->view(run->job.split.validation);
    const SampleView test = data->view(run->job.split.test);
    Trainer trainer(run->job.network, run->job.config, train, validation);
    StepStatus status = StepStatus::Running;
    while (status != StepStatus::Finished && status != StepStatus::Diverged)
        status = trainer.step();
    run->result.status = TrainingStatus::Finished;
    run->result.history = trainer.history();
    run->result.test = std::make_shared<const Evaluation>(trainer.evaluate(test));
    run->result.validation = std::make_shared<const Evaluation>(trainer.evaluate(validation));
    run->result.parameters = trainer.network().parameters();
    return run;
}

ConfusionMatrix largeConfusion(int classes)
{
    ConfusionMatrix confusion = ConfusionMatrix::Zero(classes, classes);
    Rng rng(3);
    for (int r = 0; r < classes; ++r) {
        confusion(r, r) = 150 + rng.below(100);
        for (int k = 0; k < 6; ++k)
            confusion(r, int(rng.below(std::uint64_t(classes)))) += rng.below(12);
    }
    return confusion;
}

} // namespace mlps::ui::testing
