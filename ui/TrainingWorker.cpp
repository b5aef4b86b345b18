#include "TrainingWorker.h"

#include "data/DataError.h"
#include "data/DataFormat.h"
#include "data/DatasetLoader.h"

#include "nn/Trainer.h"

#include <QElapsedTimer>
#include <QLocale>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <stdexcept>

namespace mlps::ui {
namespace {

// The shortest time between two progress() snapshots, and so the longest one
// is held back: at most ten a second, however short the epochs.
constexpr qint64 kProgressIntervalMs = 100;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool indicesInRange(const std::vector<std::int64_t>& indices, std::int64_t count)
{
    return std::all_of(indices.begin(), indices.end(), [count](std::int64_t i) { return i >= 0 && i < count; });
}

bool labelsInRange(const Dataset& data, int classes)
{
    return std::all_of(data.labels.begin(), data.labels.end(),
                       [classes](std::int32_t label) { return label >= 0 && label < classes; });
}

} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
{
}

void TrainingWorker::requestStop()
{
    {
        // Set under the mutex so that a worker about to sleep cannot miss it.
        const std::lock_guard lock(m_pauseMutex);
        m_stop.store(true);
    }
    m_resumed.notify_all();
}

void TrainingWorker::setPaused(bool paused)
{
    {
        const std::lock_guard lock(m_pauseMutex);
        m_paused.store(paused);
    }
    m_resumed.notify_all();
}

void TrainingWorker::clearRequests()
{
    const std::lock_guard lock(m_pauseMutex);
    m_stop.store(false);
    m_paused.store(false);
    // The next run's count from now on, not the last one's until it starts.
    m_stepsDone.store(0, std::memory_order_relaxed);
}

std::int64_t TrainingWorker::stepsDone() const
{
    return m_stepsDone.load(std::memory_order_relaxed);
}

std::shared_ptr<const TrainerState> TrainingWorker::pausedState() const
{
    // While m_waiting holds the worker sleeps in the wait below, or waits for
    // this mutex to leave it: either way it cannot step until we are done.
    const std::lock_guard lock(m_pauseMutex);
    if (!m_waiting || !m_trainer)
        return nullptr;
    return std::make_shared<const TrainerState>(m_trainer->state());
}

std::vector<BatchLossPoint> TrainingWorker::pausedBatchLosses() const
{
    const std::lock_guard lock(m_pauseMutex);
    if (!m_waiting || !m_trainer || !m_batchLosses)
        return {};
    return m_batchLosses->points();
}

void TrainingWorker::setTrainer(const Trainer* trainer, const BatchLossDecimator* batchLosses)
{
    const std::lock_guard lock(m_pauseMutex);
    m_trainer = trainer;
    m_batchLosses = batchLosses;
}

double TrainingWorker::waitWhilePaused()
{
    const Clock::time_point start = Clock::now();
    std::unique_lock lock(m_pauseMutex);
    m_waiting = true;
    m_resumed.wait(lock, [this] { return !m_paused.load() || m_stop.load(); });
    m_waiting = false;
    return secondsSince(start);
}

void TrainingWorker::run(const TrainingJob& job)
{
    m_stepsDone.store(0, std::memory_order_relaxed);
    TrainingResult result;
    try {
        result = train(job);
    } catch (const std::exception& error) {
        // Bad settings the core rejects (std::invalid_argument), or no memory.
        result = TrainingResult{};
        result.runId = job.runId;
        result.status = TrainingStatus::Failed;
        result.message = tr("Training failed: %1").arg(QString::fromStdString(error.what()));
    }
    emit finished(result);
}

// The problems of a job the Trainer does not check itself; empty when none.
QString TrainingWorker::problemWith(const TrainingJob& job) const
{
    if (!job.data || job.data->count() == 0)
        return tr("Training failed: there is no data to train on.");
    const Dataset& data = *job.data;
    if (!labelsInRange(data, data.classes()))
        return tr("Training failed: the data has labels outside its classes 0 to %1.").arg(data.classes() - 1);
    if (!indicesInRange(job.split.train, data.count()) || !indicesInRange(job.split.validation, data.count())
        || (!job.testData && !indicesInRange(job.split.test, data.count())))
        return tr("Training failed: the split refers to images the data does not have.");
    if (job.network.inputSize != data.features())
        return tr("Training failed: the network takes %1 inputs, the images have %2 pixels.")
            .arg(job.network.inputSize)
            .arg(data.features());
    if (job.network.classes != data.classes())
        return tr("Training failed: the network has %1 outputs, the data has %2 classes.")
            .arg(job.network.classes)
            .arg(data.classes());
    if (job.testData) {
        const Dataset& test = *job.testData;
        if (test.width != data.width || test.height != data.height)
            return tr("Training failed: the test images are %1x%2, the training images %3x%4.")
                .arg(test.width)
                .arg(test.height)
                .arg(data.width)
                .arg(data.height);
        if (!labelsInRange(test, data.classes()))
            return tr("Training failed: the test data has labels the training data does not have.");
    }
    return {};
}

QString TrainingWorker::loadFontLetters(const Dataset& data, std::shared_ptr<const Dataset>& letters) const
{
    LoadOptions options;
    options.width = data.width;
    options.height = data.height;
    options.cancel = &m_stop;
    try {
        auto loaded = std::make_shared<Dataset>(
            DatasetLoader::load(std::string(kFontLettersPath), options).data);
        if (loaded->classNames != data.classNames)
            return tr("Training failed: this recipe mixes in the built-in font letters (classes A to J), "
                      "but the data's classes are others. Set the synthetic share to 0 for this data.");
        letters = std::move(loaded);
    } catch (const LoadCancelled&) {
        return tr("Stopped while rendering the font letters.");
    } catch (const DataError& error) {
        return tr("Training failed: the built-in font letters could not be made: %1")
            .arg(QString::fromStdString(error.what()));
    }
    return {};
}

TrainingResult TrainingWorker::train(const TrainingJob& job)
{
    TrainingResult result;
    result.runId = job.runId;
    if (const QString problem = problemWith(job); !problem.isEmpty()) {
        result.message = problem;
        return result;
    }

    // Views into the job's own copy of the split: they live as long as this call.
    const Dataset& data = *job.data;
    const SampleView trainView = data.view(job.split.train);
    const SampleView validationView = data.view(job.split.validation);
    SampleView testView = job.testData ? job.testData->view() : data.view(job.split.test);
    testView.classes = data.classes();
    TrainConfig config = job.config;
    if (config.augment.enabled() && config.augment.width == 0) {
        config.augment.width = data.width;
        config.augment.height = data.height;
    }
    // The synthetic set a recipe mixes in (the Best accuracy preset's font letters).
    std::shared_ptr<const Dataset> synthetic = job.synthetic;
    if (config.syntheticShare > 0.0f && !synthetic) {
        if (const QString problem = loadFontLetters(data, synthetic); !problem.isEmpty()) {
            result.message = problem;
            return result;
        }
    }
    if (config.syntheticShare > 0.0f && synthetic
        && (synthetic->classNames != data.classNames || synthetic->width != data.width || synthetic->height != data.height)) {
        result.message = tr("Training failed: the synthetic training set's classes or image size are not the data's.");
        return result;
    }
    const SampleView syntheticView = synthetic ? synthetic->view() : SampleView{};
    Trainer trainer(job.network, config, trainView, validationView, syntheticView); // throws on bad settings
    if (job.resumeFrom) {
        try {
            trainer.restore(*job.resumeFrom);
        } catch (const std::invalid_argument& error) {
            result.message = tr("Cannot continue this run: %1").arg(QString::fromStdString(error.what()));
            return result;
        }
        if (trainer.done()) {
            result.message = tr("Cannot continue this run: it has already ended.");
            return result;
        }
    }
    m_stepsDone.store(trainer.stepsDone(), std::memory_order_relaxed);
    // Every finite batch loss, kept as the dashboard draws them.
    BatchLossDecimator batchLosses;
    batchLosses.reset(trainer.totalSteps());
    // pausedState() and pausedBatchLosses() read these while this thread sleeps in a pause.
    setTrainer(&trainer, &batchLosses);
    const std::unique_ptr<TrainingWorker, void (*)(TrainingWorker*)> unregister(
        this, [](TrainingWorker* worker) { worker->setTrainer(nullptr, nullptr); });

    // A continued run counts its steps and epochs over the whole run, its
    // speed and time left over this part only.
    const std::int64_t firstStep = trainer.stepsDone();
    const int firstEpochs = trainer.epochsDone();
    const Clock::time_point start = Clock::now();
    double pausedSeconds = 0.0;
    double evaluationSeconds = 0.0; // validation at epoch ends
    std::int64_t samples = 0;
    const auto activeSeconds = [&] { return secondsSince(start) - pausedSeconds; };
    const auto samplesPerSecond = [&](double active) {
        return double(samples) / std::max(1e-9, active - evaluationSeconds);
    };

    TrainingProgress pending;
    pending.runId = job.runId;
    pending.epochs = config.epochs;
    pending.stepsPerEpoch = trainer.stepsPerEpoch();
    pending.totalSteps = trainer.totalSteps();
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    const auto emitProgress = [&] {
        const double active = activeSeconds();
        const std::int64_t steps = trainer.stepsDone();
        const int epochsDone = trainer.epochsDone();
        pending.step = steps;
        pending.epochsDone = epochsDone;
        pending.epoch = steps > 0 ? int((steps - 1) / trainer.stepsPerEpoch()) + 1 : 1;
        pending.learningRate = trainer.learningRate();
        pending.elapsedSeconds = active;
        pending.samplesPerSecond = samplesPerSecond(active);
        // The remaining steps at the pace so far, plus a validation per remaining epoch.
        double eta = 0.0;
        if (!trainer.done() && steps > firstStep) {
            eta = double(trainer.totalSteps() - steps) * std::max(0.0, active - evaluationSeconds)
                  / double(steps - firstStep);
            if (epochsDone > firstEpochs)
                eta += double(config.epochs - epochsDone) * evaluationSeconds / double(epochsDone - firstEpochs);
        }
        pending.etaSeconds = eta;
        emit progress(pending);
        pending.batchLosses.clear();
        pending.newEpochs.clear();
        pending.validation.reset();
        sinceEmit.restart();
    };
    const auto hasPending = [&] { return !pending.batchLosses.empty() || !pending.newEpochs.empty(); };
    if (job.resumeFrom) {
        // The views show the epochs done before and the step it goes on from at once.
        pending.newEpochs = trainer.history();
        pending.validation = trainer.lastValidation();
        emitProgress();
    }

    StepStatus status = StepStatus::Running;
    bool stopped = false;
    for (;;) {
        if (m_paused.load()) {
            if (hasPending())
                emitProgress(); // the views show exactly where it paused
            const double paused = waitWhilePaused();
            pausedSeconds += paused;
            trainer.discountPause(paused); // an epoch's seconds leave the pause out
        }
        if (m_stop.load()) {
            stopped = true;
            break;
        }
        status = trainer.step();
        m_stepsDone.store(trainer.stepsDone(), std::memory_order_relaxed);
        const BatchResult& batch = trainer.lastBatch();
        samples += batch.size;
        if (std::isfinite(batch.loss())) {
            const BatchLossPoint point{trainer.stepsDone(), batch.loss(), 1};
            pending.batchLosses.push_back(point);
            batchLosses.add(point);
        }
        if (status == StepStatus::EpochEnd || status == StepStatus::Finished) {
            const EpochRecord& record = trainer.history().back();
            evaluationSeconds += record.evaluationSeconds;
            pending.newEpochs.push_back(record);
            pending.validation = trainer.lastValidation();
        }
        // Epoch ends go out at once unless the last snapshot is too recent:
        // tiny epochs must not flood the GUI thread with evaluations.
        if (status == StepStatus::Finished || status == StepStatus::Diverged
            || sinceEmit.elapsed() >= kProgressIntervalMs)
            emitProgress();
        if (status == StepStatus::Finished || status == StepStatus::Diverged)
            break;
    }
    if (hasPending())
        emitProgress();

    const double active = activeSeconds();
    result.history = trainer.history();
    result.batchLosses = batchLosses.points();
    result.stepsDone = trainer.stepsDone();
    result.trainSeconds = active;
    result.samplesPerSecond = samplesPerSecond(active);
    if (status == StepStatus::Diverged) {
        result.status = TrainingStatus::Diverged;
        result.message = QString::fromStdString(trainer.message());
        return result;
    }
    if (stopped) {
        result.status = TrainingStatus::Stopped;
        // Taken before the evaluations below, right after the last step.
        if (!trainer.done())
            result.checkpoint = std::make_shared<const TrainerState>(trainer.state());
        // One and many spelled out: no English translation resolves "%n epoch(s)".
        const int epochs = trainer.epochsDone();
        const QLocale locale;
        const QString step = locale.toString(qint64(trainer.stepsDone()));
        const QString total = locale.toString(qint64(trainer.totalSteps()));
        result.message = epochs == 1 ? tr("Stopped at step %1 of %2, after 1 complete epoch.").arg(step, total)
                                     : tr("Stopped at step %1 of %2, after %3 complete epochs.")
                                           .arg(step, total, QString::number(epochs));
    } else {
        result.status = TrainingStatus::Finished;
        result.message = trainer.message().empty()
                             ? (trainer.epochsDone() == 1 ? tr("Finished 1 epoch.")
                                                          : tr("Finished %1 epochs.").arg(trainer.epochsDone()))
                             : QString::fromStdString(trainer.message());
    }
    result.parameters = trainer.network().parameters();
    // Stopped before the first step, the weights are the initial ones: nothing to evaluate.
    if (trainer.stepsDone() > 0) {
        if (testView.count > 0)
            result.test = std::make_shared<const Evaluation>(trainer.evaluate(testView));
        if (validationView.count > 0)
            result.validation = std::make_shared<const Evaluation>(trainer.evaluate(validationView));
    }
    return result;
}

} // namespace mlps::ui
