#include "EvaluateCommand.h"

#include "ArgumentList.h"
#include "DataLoading.h"
#include "JsonReport.h"
#include "PredictionReport.h"
#include "ProjectRuns.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "nn/Metrics.h"
#include "nn/Network.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>
#include <iostream>

namespace mlps::cli {

namespace {

const char* const kHelp = R"(Usage: mlp-studio-cli evaluate --project PROJECT.mlpstudio --data PATH [options]

Evaluates the trained weights of a run kept in a project on a dataset (all of
it): accuracy, weighted and macro F1, log-loss, per class, confusion matrix.

  --project PATH       the project (.mlpstudio) holding the run
  --run ID             the run, by its number (default: the last run with weights)
  --data PATH          the data to evaluate on, in any format `train --data` reads
  --labels PATH        its labels file, for formats that keep them apart
  --format, --font-variations, --no-cache   as for train
  --errors N           how many misclassified samples --json lists (default 20)
  --predictions FILE   every sample's prediction as CSV (as train writes it)
  --json               the results as one JSON object on the last line of stdout
  --quiet              no loading report on stderr
)";

// The data's classes must be the run's, by name and in order: the output
// units are the run's classes.
void checkCompatible(const StoredRun& run, const Dataset& data)
{
    if (data.features() != run.network.inputSize)
        throw DataError(data.source, "its samples have " + std::to_string(data.features()) + " values, the run's network takes "
                                         + std::to_string(run.network.inputSize));
    const std::vector<std::string>& names = run.data.classNames;
    if (data.classes() > run.network.classes)
        throw DataError(data.source, "it has " + std::to_string(data.classes()) + " classes, the run knows "
                                         + std::to_string(run.network.classes));
    for (std::size_t c = 0; c < data.classNames.size() && c < names.size(); ++c) {
        if (data.classNames[c] != names[c])
            throw DataError(data.source, "its class " + std::to_string(c) + " is '" + data.classNames[c]
                                             + "', the run's is '" + names[c] + "'");
    }
}

} // namespace

int runEvaluateCommand(const std::vector<std::string>& arguments)
{
    for (const std::string& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::cout << kHelp;
            return 0;
        }
    }
    ArgumentList args({"project", "run", "data", "labels", "format", "font-variations", "errors", "predictions"},
                      {"json", "quiet", "no-cache"});
    args.parse(arguments);
    const std::string projectPath = args.text("project");
    if (projectPath.empty())
        throw UsageError("--project is required: the .mlpstudio file that holds the trained run");
    const std::string dataPath = args.text("data");
    if (dataPath.empty())
        throw UsageError("--data is required: the images to evaluate on");
    const long long errors = args.integer("errors", 20);
    if (errors < 0)
        throw UsageError("--errors needs a count of samples, 0 or more; got " + args.text("errors"));

    const Project project = loadProjectForCli(projectPath);
    const StoredRun& run = chooseTrainedRun(project, projectPath, args);

    DataSettings settings = parseDataSettings(args);
    settings.quiet = args.has("quiet");
    const Dataset data = loadForCli(dataPath, args.text("labels"), settings).data;
    checkCompatible(run, data);

    Network network(run.network);
    if (network.parameters().size() != run.parameters.size())
        throw DataError(projectPath, "run " + std::to_string(run.id) + " has " + std::to_string(run.parameters.size())
                                         + " weights, its network needs " + std::to_string(network.parameters().size()));
    network.parameters() = run.parameters;
    SampleView view = data.view();
    view.classes = run.network.classes;
    const Evaluation evaluation = evaluatePredictions(network.predict(view), view);
    const TestSamples samples{&data, nullptr};
    const std::vector<std::string>& classNames = run.data.classNames.empty() ? data.classNames : run.data.classNames;
    if (const std::string csv = args.text("predictions"); !csv.empty())
        writePredictionsCsv(csv, evaluation, samples, classNames);

    if (args.has("json")) {
        QJsonObject report;
        report[QStringLiteral("run")] = run.id;
        report[QStringLiteral("run_name")] = QString::fromStdString(run.name);
        report[QStringLiteral("samples")] = qint64(evaluation.count());
        report[QStringLiteral("accuracy")] = evaluation.scores.accuracy;
        report[QStringLiteral("f1_weighted")] = evaluation.scores.f1Weighted;
        report[QStringLiteral("f1_macro")] = evaluation.scores.f1Macro;
        report[QStringLiteral("log_loss")] = evaluation.logLoss;
        report[QStringLiteral("confusion_matrix")] = confusionToJson(evaluation.confusion);
        report[QStringLiteral("per_class")] = perClassToJson(evaluation.scores, classNames);
        report[QStringLiteral("class_names")] = stringsToJson(classNames);
        report[QStringLiteral("misclassified")] = misclassifiedToJson(evaluation, samples, classNames, int(std::min(errors, 1000000LL)));
        std::cout << QJsonDocument(report).toJson(QJsonDocument::Compact).toStdString() << std::endl;
    } else {
        std::printf("run %d (%s) on %lld samples: accuracy %.2f%%  weighted F1 %.4f  macro F1 %.4f  log-loss %.4f\n",
                    run.id, run.name.c_str(), static_cast<long long>(evaluation.count()), 100.0 * evaluation.scores.accuracy,
                    evaluation.scores.f1Weighted, evaluation.scores.f1Macro, evaluation.logLoss);
    }
    return 0;
}

} // namespace mlps::cli
