#include "ResumeCommand.h"

#include "ArgumentList.h"
#include "DataLoading.h"
#include "JsonReport.h"
#include "PredictionReport.h"
#include "ProjectRecording.h"
#include "ProjectRuns.h"
#include "TrainOptions.h"
#include "TrainingLoop.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "nn/Trainer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdio>
#include <iostream>
#include <limits>
#include <stdexcept>

namespace mlps::cli {

namespace {

const char* const kHelp = R"(Usage: mlp-studio-cli resume --project PROJECT.mlpstudio [options]

Continues a run kept in a project from its checkpoint - a run stopped in the
studio, or a `train --save/--project` run that was interrupted (Ctrl+C,
SIGTERM) or killed after its last checkpoint - exactly where it stood: on the
same data, split and thread count it ends with the weights the run would have
had without the interruption, bit for bit. The run's end (history, test and
validation metrics, weights) is recorded in the same run of the project.

  --project PATH           the project (.mlpstudio)
  --run ID                 the run, by its number (default: the last run that
                           can be continued)
  --threads N              train on N threads instead of the run's own number
                           (the result is then no longer bit-identical)
  --checkpoint-interval S  record a checkpoint every S seconds (default 60;
                           0: at every epoch end) and when interrupted
  --json                   the results as one JSON object on the last line of stdout
  --quiet                  no progress lines on stderr
)";

const StoredRun& chooseStoppedRun(const Project& project, const std::string& projectPath, const ArgumentList& args)
{
    if (args.has("run")) {
        const long long id = args.integer("run", 0);
        for (const StoredRun& run : project.runs) {
            if (run.id != id)
                continue;
            if (!run.checkpoint)
                throw UsageError("run " + std::to_string(id) + " of " + projectPath + " has no checkpoint to continue "
                                 + "from (it " + run.status + (run.status == "stopped" ? " before checkpoints were kept)" : ")"));
            return run;
        }
        throw UsageError("--run " + std::to_string(id) + ": " + projectPath + " has no run with that number");
    }
    for (auto run = project.runs.rbegin(); run != project.runs.rend(); ++run) {
        if (run->checkpoint)
            return *run;
    }
    throw UsageError(projectPath + " holds no run that can be continued (none was stopped before its end)");
}

void checkRunData(const StoredRun& run, const Dataset& data, const std::string& projectPath)
{
    if (data.count() != run.data.count || data.classNames != run.data.classNames
        || data.features() != run.network.inputSize)
        throw DataError(projectPath, "run " + std::to_string(run.id) + " was trained on " + std::to_string(run.data.count)
                                         + " images of " + std::to_string(run.data.classNames.size()) + " classes; "
                                         + run.data.path + " now has " + std::to_string(data.count()) + " of "
                                         + std::to_string(data.classes()));
}

} // namespace

int runResumeCommand(const std::vector<std::string>& arguments)
{
    for (const std::string& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::cout << kHelp;
            return 0;
        }
    }
    ArgumentList args({"project", "run", "threads", "checkpoint-interval"}, {"json", "quiet"});
    args.parse(arguments);
    const std::string projectPath = args.text("project");
    if (projectPath.empty())
        throw UsageError("--project is required: the project (.mlpstudio) that keeps the run");
    const bool quiet = args.has("quiet");
    const bool json = args.has("json");
    const double checkpointInterval = parseCheckpointInterval(args);

    const Project project = loadProjectForCli(projectPath);
    const StoredRun stored = chooseStoppedRun(project, projectPath, args);
    TrainConfig config = stored.config;
    if (args.has("threads")) {
        const long long threads = args.integer("threads", config.threads);
        if (threads < 1 || threads > 256)
            throw UsageError("--threads must be between 1 and 256, got " + args.text("threads"));
        if (threads != config.threads && !quiet)
            std::cerr << "note: the run trained on " << config.threads << " threads and continues on " << threads
                      << ": its result will not be bit-identical to an uninterrupted run" << std::endl;
        config.threads = int(threads);
    }

    requireSameDataset(stored.data, projectPath, "run " + std::to_string(stored.id) + ": ");
    DataSettings dataSettings;
    dataSettings.seed = config.seed;
    dataSettings.threads = config.threads;
    dataSettings.quiet = quiet;
    const Dataset data = loadForCli(stored.data.path, {}, dataSettings).data;
    checkRunData(stored, data, projectPath);
    // The studio keeps an augmentation's image size unset ("the data's").
    if (config.augment.enabled() && config.augment.width == 0) {
        config.augment.width = data.width;
        config.augment.height = data.height;
    }
    Dataset synthetic;
    if (config.syntheticShare > 0.0f) {
        // The studio's synthetic training set is the built-in font letters, at the data's size.
        synthetic = loadForCli(std::string(kFontLettersPath), {}, dataSettings).data;
        if (synthetic.classNames != data.classNames || synthetic.width != data.width || synthetic.height != data.height)
            throw DataError(projectPath, "run " + std::to_string(stored.id) + " mixes in the built-in font letters, "
                                         "which do not match its data's classes or image size");
    }

    Split split;
    split.train = stored.trainIndices;
    split.validation = stored.validationIndices;
    split.test = stored.testIndices;
    const SampleView trainView = data.view(split.train);
    const SampleView validationView = data.view(split.validation);
    const SampleView testView = data.view(split.test);
    Trainer trainer(stored.network, config, trainView, validationView, synthetic.view());
    try {
        trainer.restore(*stored.checkpoint);
    } catch (const std::invalid_argument& error) {
        throw DataError(projectPath, "run " + std::to_string(stored.id) + " cannot be continued: " + error.what());
    }
    if (!quiet)
        std::cerr << "continuing run " << stored.id << " (" << stored.name << ") of " << projectPath << " at step "
                  << trainer.stepsDone() << " of " << trainer.totalSteps() << ", after " << trainer.epochsDone()
                  << " of " << config.epochs << " epochs, on " << config.threads << " threads" << std::endl;

    TrainingLoop loop(trainer, quiet);
    const auto record = [&](const std::string& status, double seconds, double samplesPerSecond) {
        RecordedRun run;
        run.name = stored.name;
        run.data = &data;
        run.dataPath = stored.data.path;
        run.split = stored.split;
        run.indices = &split;
        run.network = stored.network;
        run.config = config;
        run.history = trainer.history();
        run.batchLosses = loop.batchLosses();
        run.status = status;
        run.message = trainer.message();
        run.stepsDone = trainer.stepsDone();
        run.trainSeconds = stored.trainSeconds + seconds;
        run.samplesPerSecond = samplesPerSecond;
        return run;
    };
    loop.continueBatchLosses(stored.batchLossPoints());
    loop.setCheckpoint(checkpointInterval, [&] {
        RecordedRun run = record("stopped", loop.elapsedSeconds(), stored.samplesPerSecond);
        keepCheckpoint(run, trainer);
        recordRun(projectPath, run, stored.id);
    });
    const LoopOutcome outcome = loop.run();
    if (outcome.interrupted())
        return reportInterrupted(trainer, outcome, projectPath, stored.id, json);
    if (!trainer.message().empty() && !quiet)
        std::cerr << trainer.message() << std::endl;

    const bool diverged = outcome.status == StepStatus::Diverged;
    RecordedRun run = record(diverged ? "diverged" : "finished", outcome.seconds, outcome.samplesPerSecond());
    if (!diverged) {
        if (testView.count > 0)
            run.test = trainer.evaluate(testView);
        if (validationView.count > 0)
            run.validation = trainer.evaluate(validationView);
        run.parameters = trainer.network().parameters();
    }
    recordRun(projectPath, run, stored.id);
    if (!quiet)
        std::cerr << "recorded as run " << stored.id << " in " << projectPath << std::endl;

    if (json) {
        QJsonObject report{{QStringLiteral("project"), QString::fromStdString(projectPath)},
                           {QStringLiteral("project_run"), stored.id},
                           {QStringLiteral("status"), diverged ? QStringLiteral("diverged") : QStringLiteral("finished")},
                           {QStringLiteral("message"), QString::fromStdString(trainer.message())},
                           {QStringLiteral("resumed_at_step"), qint64(stored.checkpoint->step)},
                           {QStringLiteral("steps_done"), qint64(trainer.stepsDone())},
                           {QStringLiteral("epochs_done"), trainer.epochsDone()},
                           {QStringLiteral("history"), historyToJson(trainer.history())},
                           {QStringLiteral("train_seconds"), run.trainSeconds},
                           {QStringLiteral("samples_per_second"), outcome.samplesPerSecond()},
                           {QStringLiteral("threads"), config.threads},
                           {QStringLiteral("class_names"), stringsToJson(data.classNames)}};
        if (run.test) {
            report[QStringLiteral("test_accuracy")] = run.test->scores.accuracy;
            report[QStringLiteral("test_f1_weighted")] = run.test->scores.f1Weighted;
            report[QStringLiteral("test_f1_macro")] = run.test->scores.f1Macro;
            report[QStringLiteral("test_log_loss")] = run.test->logLoss;
            report[QStringLiteral("confusion_matrix")] = confusionToJson(run.test->confusion);
            report[QStringLiteral("per_class")] = perClassToJson(run.test->scores, data.classNames);
        }
        std::cout << QJsonDocument(report).toJson(QJsonDocument::Compact).toStdString() << std::endl;
    } else if (run.test) {
        std::printf("test accuracy %.2f%%  weighted F1 %.4f  macro F1 %.4f  log-loss %.4f\n",
                    100.0 * run.test->scores.accuracy, run.test->scores.f1Weighted, run.test->scores.f1Macro,
                    run.test->logLoss);
    }
    if (!json)
        std::printf("trained %d epochs in %s (this part %s), %.0f samples/s\n", trainer.epochsDone(),
                    formatDuration(run.trainSeconds).c_str(), formatDuration(outcome.seconds).c_str(),
                    outcome.samplesPerSecond());
    return diverged ? 1 : 0;
}

} // namespace mlps::cli
