#include "DashboardTestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTest>
#include <QWidget>

namespace mlps::ui::test {

TrainingJob plannedJob(int runId, std::int64_t trainCount, int batchSize, int epochs, double learningRate)
{
    TrainingJob job;
    job.runId = runId;
    job.name = QStringLiteral("Lab network, lr %1").arg(learningRate);
    job.split.train.resize(std::size_t(trainCount));
    job.config.batchSize = batchSize;
    job.config.epochs = epochs;
    job.config.optimizer.learningRate = float(learningRate);
    return job;
}

TrainingProgress epochSnapshot(int runId, int epoch, int epochs, std::int64_t stepsPerEpoch, double trainLoss,
                               double trainAccuracy, double validationLoss, double validationAccuracy,
                               double learningRate, double batchLoss)
{
    TrainingProgress progress;
    progress.runId = runId;
    for (std::int64_t i = 1; i <= stepsPerEpoch; ++i)
        progress.batchLosses.push_back({(epoch - 1) * stepsPerEpoch + i, batchLoss});
    EpochRecord record;
    record.epoch = epoch;
    record.trainLoss = trainLoss;
    record.trainAccuracy = trainAccuracy;
    record.validationLoss = validationLoss;
    record.validationAccuracy = validationAccuracy;
    record.learningRate = learningRate;
    progress.newEpochs.push_back(record);
    progress.epoch = epoch;
    progress.epochsDone = epoch;
    progress.epochs = epochs;
    progress.step = epoch * stepsPerEpoch;
    progress.stepsPerEpoch = stepsPerEpoch;
    progress.totalSteps = stepsPerEpoch * epochs;
    progress.learningRate = learningRate;
    progress.samplesPerSecond = 1234.4;
    progress.elapsedSeconds = 42.0;
    progress.etaSeconds = epoch < epochs ? 65.0 : 0.0;
    return progress;
}

void saveScreenshot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    // Let the charts lay out what changed (they do it on posted events).
    QTest::qWait(200);
    widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace mlps::ui::test
