#include "TrainCommand.h"

#include "DataLoading.h"
#include "JsonReport.h"
#include "PredictionReport.h"
#include "ProjectRecording.h"
#include "TrainOptions.h"
#include "TrainingLoop.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "data/DuplicateFinder.h"
#include "data/StratifiedSplit.h"
#include "nn/ModelSummary.h"
#include "nn/Trainer.h"
#include "nn/kernels/KernelTable.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <optional>
#include <cstdio>
#include <iostream>

namespace mlps::cli {
namespace {

void checkCompatible(const Dataset& train, const Dataset& test)
{
    if (train.width != test.width || train.height != test.height)
        throw DataError(test.source, "its images are " + std::to_string(test.width) + "x" + std::to_string(test.height)
                                         + ", the training images are " + std::to_string(train.width) + "x"
                                         + std::to_string(train.height));
    if (test.classes() > train.classes())
        throw DataError(test.source, "it has labels up to " + std::to_string(test.classes() - 1)
                                         + ", the training data only up to " + std::to_string(train.classes() - 1));
}

} // namespace

int runTrainCommand(const std::vector<std::string>& arguments)
{
    for (const std::string& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::cout << TrainOptions::help();
            return 0;
        }
    }
    TrainOptions options = TrainOptions::parse(arguments);
    if (!options.projectPath.empty()) {
        applyProject(options.projectPath, options);
        if (options.savePath.empty())
            options.savePath = options.projectPath; // the run goes back into its project
    }
    const std::uint64_t splitSeed = options.splitSeed.value_or(options.config.seed);
    // Before minutes of training, not after: a predictions file must be writable.
    if (!options.predictionsPath.empty()) {
        const QFileInfo target(QString::fromStdString(options.predictionsPath));
        if (target.isDir())
            throw DataError(options.predictionsPath, "is a folder; --predictions needs a file name");
        if (!target.absoluteDir().exists())
            throw DataError(options.predictionsPath, "cannot be written: its folder does not exist");
    }

    DataSettings dataSettings = options.dataSettings;
    dataSettings.seed = options.config.seed;
    dataSettings.threads = options.config.threads;
    dataSettings.quiet = options.quiet;
    const Dataset data = loadForCli(options.data, options.labels, dataSettings).data;
    Dataset testData;
    Split split;
    const std::int64_t validationCount = options.validation.resolve(data.count());
    if (!options.test.empty()) {
        testData = loadForCli(options.test, options.testLabels, dataSettings).data;
        checkCompatible(data, testData);
        if (validationCount >= data.count())
            throw UsageError("--val " + std::to_string(validationCount) + " leaves no training data (the data has "
                             + std::to_string(data.count()) + " images)");
        split = stratifiedSplit(data.labels, data.classes(), validationCount, 0, splitSeed);
    } else {
        const std::int64_t testCount = options.testSplit.resolve(data.count());
        if (validationCount + testCount >= data.count())
            throw UsageError("--val and --test-split take " + std::to_string(validationCount + testCount)
                             + " of the " + std::to_string(data.count()) + " images: none are left to train on");
        split = stratifiedSplit(data.labels, data.classes(), validationCount, testCount, splitSeed);
    }
    // Exact duplicates inside the parts and shared between them inflate a test
    // score; say how many there are and, with --dedup / --remove-overlap, take them out.
    std::optional<DuplicateFinder> testFinder;
    const DuplicateFinder finder(data, options.config.threads);
    if (!options.test.empty())
        testFinder.emplace(testData, options.config.threads);
    const SplitDuplicates duplicates = testFinder ? finder.analyse(split, *testFinder) : finder.analyse(split);
    if (!options.quiet)
        std::cerr << describeSplitDuplicates(duplicates) << std::endl;
    std::int64_t removed = 0;
    if (options.dedup || options.removeOverlap) {
        const std::size_t before = split.train.size() + split.validation.size() + split.test.size();
        if (options.dedup)
            split = finder.dropDuplicates(split);
        if (options.removeOverlap)
            split = testFinder ? finder.removeOverlapFromTrain(split, *testFinder) : finder.removeOverlapFromTrain(split);
        removed = std::int64_t(before - (split.train.size() + split.validation.size() + split.test.size()));
        if (!options.quiet)
            std::cerr << "removed " << removed << " images ("
                      << (options.dedup ? "duplicates inside the parts" : "")
                      << (options.dedup && options.removeOverlap ? ", and " : "")
                      << (options.removeOverlap ? "train images that also occur in validation or test" : "") << ")"
                      << std::endl;
        if (split.train.empty())
            throw UsageError("removing duplicates left no training data");
    }
    const SampleView trainView = data.view(split.train);
    const SampleView validationView = data.view(split.validation);
    SampleView testView = options.test.empty() ? data.view(split.test) : testData.view();
    testView.classes = data.classes();

    if (options.config.augment.enabled() && options.config.augment.width == 0) {
        options.config.augment.width = data.width;
        options.config.augment.height = data.height;
    }
    options.network.inputSize = data.features();
    options.network.classes = data.classes();
    Dataset syntheticData;
    if (!options.synthetic.empty()) {
        syntheticData = loadForCli(options.synthetic, {}, dataSettings).data;
        checkCompatible(data, syntheticData);
        if (syntheticData.classNames != data.classNames)
            throw DataError(syntheticData.source, "its classes do not match the training data's");
    }
    Trainer trainer(options.network, options.config, trainView, validationView, syntheticData.view());

    if (!options.quiet) {
        if (trainer.syntheticPerEpoch() > 0)
            std::cerr << "synthetic: " << trainer.syntheticPerEpoch() << " of the " << syntheticData.count()
                      << " images of " << options.synthetic << " mixed into each epoch of "
                      << trainer.samplesPerEpoch() << " samples" << std::endl;
        std::cerr << "split: " << trainView.count << " train, " << validationView.count << " validation, "
                  << testView.count << " test" << (options.test.empty() ? " (stratified, seed " : " (given; seed ")
                  << options.config.seed << ")\n"
                  << summarize(options.network).toText() << "optimizer: " << optimizerName(options.config.optimizer.kind)
                  << ", lr " << options.config.optimizer.learningRate << ", schedule "
                  << scheduleName(options.config.schedule.kind) << ", batch " << options.config.batchSize << ", "
                  << options.config.epochs << " epochs, augment " << options.config.augment.describe() << ", "
                  << (options.config.labelSmoothing > 0.0f ? "label smoothing " + std::to_string(options.config.labelSmoothing) + ", " : std::string())
                  << (options.config.ensembleSize > 1 ? "ensemble of " + std::to_string(options.config.ensembleSize) + ", " : std::string())
                  << (options.config.weightAverageDecay > 0.0f ? "weight EMA " + std::to_string(options.config.weightAverageDecay) + ", " : std::string())
                  << options.config.threads << " threads, kernels "
                  << activeKernels().name << std::endl;
    }

    // What the project records of the run: with a checkpoint while it is on
    // (every --checkpoint-interval seconds and when interrupted), then its end.
    int recordedAs = 0;
    const SplitSettings splitSettings{validationCount, options.test.empty() ? options.testSplit.resolve(data.count()) : 0,
                                      splitSeed, options.dedup, options.removeOverlap};
    TrainingLoop loop(trainer, options.quiet);
    const auto record = [&](const std::string& status, double seconds, double samplesPerSecond) {
        RecordedRun run;
        run.name = options.projectPath.empty() ? "mlp-studio-cli train" : "mlp-studio-cli train --project";
        run.data = &data;
        run.dataPath = options.data;
        run.split = splitSettings;
        run.indices = &split;
        run.network = options.network;
        run.config = options.config;
        run.history = trainer.history();
        run.batchLosses = loop.batchLosses();
        run.status = status;
        run.message = trainer.message();
        run.stepsDone = trainer.stepsDone();
        run.trainSeconds = seconds;
        run.samplesPerSecond = samplesPerSecond;
        return run;
    };
    if (!options.savePath.empty()) {
        loop.setCheckpoint(options.checkpointInterval, [&] {
            RecordedRun run = record("stopped", loop.elapsedSeconds(), 0.0);
            keepCheckpoint(run, trainer);
            recordedAs = recordRun(options.savePath, run, recordedAs);
        });
    }
    const LoopOutcome outcome = loop.run();
    const double trainSeconds = outcome.seconds;
    const double samplesPerSecond = outcome.samplesPerSecond();
    if (outcome.interrupted())
        return reportInterrupted(trainer, outcome, options.savePath, recordedAs, options.json);
    const StepStatus status = outcome.status;
    if (!trainer.message().empty() && !options.quiet)
        std::cerr << trainer.message() << std::endl;

    const bool diverged = status == StepStatus::Diverged;
    Evaluation test;
    const TestSamples testSamples{options.test.empty() ? &data : &testData,
                                  options.test.empty() ? &split.test : nullptr};
    if (!diverged) {
        test = trainer.evaluate(testView);
        if (!options.predictionsPath.empty())
            writePredictionsCsv(options.predictionsPath, test, testSamples, data.classNames);
    }

    if (!options.savePath.empty()) {
        RecordedRun run = record(diverged ? "diverged" : "finished", trainSeconds, samplesPerSecond);
        if (!diverged) {
            run.test = test;
            if (validationView.count > 0)
                run.validation = trainer.evaluate(validationView);
            run.parameters = trainer.network().parameters();
        }
        recordedAs = recordRun(options.savePath, run, recordedAs);
        if (!options.quiet)
            std::cerr << "recorded as run " << recordedAs << " in " << options.savePath << std::endl;
    }

    if (options.json) {
        QJsonObject report;
        if (recordedAs > 0) {
            report[QStringLiteral("project")] = QString::fromStdString(options.savePath);
            report[QStringLiteral("project_run")] = recordedAs;
        }
        report[QStringLiteral("status")] = diverged ? QStringLiteral("diverged") : QStringLiteral("finished");
        report[QStringLiteral("message")] = QString::fromStdString(trainer.message());
        if (!diverged) {
            report[QStringLiteral("test_accuracy")] = test.scores.accuracy;
            report[QStringLiteral("test_f1_weighted")] = test.scores.f1Weighted;
            report[QStringLiteral("test_f1_macro")] = test.scores.f1Macro;
            report[QStringLiteral("test_log_loss")] = test.logLoss;
            report[QStringLiteral("confusion_matrix")] = confusionToJson(test.confusion);
            report[QStringLiteral("per_class")] = perClassToJson(test.scores, data.classNames);
            report[QStringLiteral("misclassified")] = misclassifiedToJson(test, testSamples, data.classNames, options.errors);
        }
        report[QStringLiteral("class_names")] = stringsToJson(data.classNames);
        report[QStringLiteral("history")] = historyToJson(trainer.history());
        report[QStringLiteral("epochs_done")] = trainer.epochsDone();
        report[QStringLiteral("train_seconds")] = trainSeconds;
        report[QStringLiteral("samples_per_second")] = samplesPerSecond;
        report[QStringLiteral("parameters")] = qint64(trainer.network().parameterCount());
        report[QStringLiteral("seed")] = QString::number(options.config.seed).toLongLong();
        report[QStringLiteral("threads")] = options.config.threads;
        report[QStringLiteral("kernels")] = QString::fromLatin1(activeKernels().name);
        report[QStringLiteral("train_samples")] = qint64(trainView.count);
        report[QStringLiteral("val_samples")] = qint64(validationView.count);
        report[QStringLiteral("test_samples")] = qint64(testView.count);
        report[QStringLiteral("duplicates")] = splitDuplicatesToJson(duplicates, data.classNames);
        report[QStringLiteral("dedup_removed")] = qint64(removed);
        report[QStringLiteral("augment")] = QString::fromStdString(options.config.augment.describe());
        report[QStringLiteral("label_smoothing")] = double(options.config.labelSmoothing);
        report[QStringLiteral("ema")] = double(options.config.weightAverageDecay);
        report[QStringLiteral("ensemble")] = options.config.ensembleSize;
        report[QStringLiteral("synthetic")] = QString::fromStdString(options.synthetic);
        report[QStringLiteral("synthetic_share")] = double(options.config.syntheticShare);
        report[QStringLiteral("synthetic_per_epoch")] = qint64(trainer.syntheticPerEpoch());
        std::cout << QJsonDocument(report).toJson(QJsonDocument::Compact).toStdString() << std::endl;
    } else if (!diverged) {
        std::printf("test accuracy %.2f%%  weighted F1 %.4f  macro F1 %.4f  log-loss %.4f\n",
                    100.0 * test.scores.accuracy, test.scores.f1Weighted, test.scores.f1Macro, test.logLoss);
        std::printf("trained %d epochs in %s, %.0f samples/s\n", trainer.epochsDone(),
                    formatDuration(trainSeconds).c_str(), samplesPerSecond);
    }
    return diverged ? 1 : 0;
}

} // namespace mlps::cli
