#include "RunLauncher.h"

#include "nn/BatchLossDecimator.h"
#include "TrainingController.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLocale>
#include <QThread>
#include <QTimer>

namespace mlps::ui {
namespace {

// The speed over two parts of a run, each weighted by its time.
double combinedSpeed(double firstSpeed, double firstSeconds, double secondSpeed, double secondSeconds)
{
    if (firstSpeed <= 0.0 || firstSeconds <= 0.0)
        return secondSpeed;
    if (secondSpeed <= 0.0 || secondSeconds <= 0.0)
        return firstSpeed;
    return (firstSpeed * firstSeconds + secondSpeed * secondSeconds) / (firstSeconds + secondSeconds);
}

} // namespace

RunLauncher::RunLauncher(TrainingController* controller, RunStore* runs, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_runs(runs)
{
    connect(m_controller, &TrainingController::progress, this, &RunLauncher::onProgress);
    connect(m_controller, &TrainingController::finished, this, &RunLauncher::onFinished);
}

bool RunLauncher::isRunning() const
{
    return m_controller->isRunning();
}

bool RunLauncher::start(std::shared_ptr<RunRecord> run)
{
    if (!run || m_controller->isRunning())
        return false;
    run->job.runId = run->id;
    run->result = TrainingResult{};
    launch(std::move(run), nullptr);
    return true;
}

void RunLauncher::launch(std::shared_ptr<RunRecord> run, RunStore::RunPointer previous)
{
    m_running = std::move(run);
    m_previous = std::move(previous);
    m_elapsedSeconds = 0.0;
    m_samplesPerSecond = 0.0;
    emit runStarted(m_running);
    m_controller->start(m_running->job);
}

QString RunLauncher::whyNotContinue(const RunRecord* run) const
{
    if (m_controller->isRunning())
        return tr("a run is in progress");
    if (!run)
        return tr("select a stopped run in the run list");
    const QString id = QString::number(run->id);
    switch (run->result.status) {
    case TrainingStatus::Finished:
        return tr("run %1 has finished: there is nothing left to train").arg(id);
    case TrainingStatus::Diverged:
        return tr("run %1 diverged; it cannot go on from there").arg(id);
    case TrainingStatus::Failed:
        return tr("run %1 failed; it cannot be continued").arg(id);
    case TrainingStatus::Stopped:
        break;
    }
    if (!run->result.checkpoint)
        return tr("run %1 has no checkpoint to continue from").arg(id);
    if (!run->job.data)
        return tr("the data of run %1 is not loaded").arg(id);
    return {};
}

bool RunLauncher::continueRun(const RunStore::RunPointer& run)
{
    if (!whyNotContinue(run.get()).isEmpty())
        return false;
    auto continued = std::make_shared<RunRecord>(*run);
    continued->job.runId = run->id;
    continued->job.resumeFrom = run->result.checkpoint;
    continued->result = TrainingResult{};
    // The views show the losses before the step it goes on from.
    continued->result.batchLosses = joinedBatchLosses(*run, {});
    launch(std::move(continued), run);
    return true;
}

std::vector<BatchLossPoint> RunLauncher::joinedBatchLosses(const RunRecord& previous,
                                                           const std::vector<BatchLossPoint>& part)
{
    const std::int64_t from = previous.result.checkpoint ? previous.result.checkpoint->step : previous.result.stepsDone;
    return BatchLossDecimator::joined(previous.result.batchLosses, from, part, previous.plannedSteps());
}

void RunLauncher::onProgress(const TrainingProgress& progress)
{
    if (!m_running || progress.runId != m_running->id)
        return;
    m_elapsedSeconds = progress.elapsedSeconds;
    m_samplesPerSecond = progress.samplesPerSecond;
}

RunStore::RunPointer RunLauncher::pausedSnapshot(int waitMs) const
{
    if (!m_running || !m_controller->isPaused())
        return nullptr;
    // The worker sleeps in its pause once its step in flight is done.
    const QDeadlineTimer deadline(waitMs);
    std::shared_ptr<const TrainerState> state = m_controller->pausedState();
    while (!state && !deadline.hasExpired() && m_controller->isPaused()) {
        QThread::msleep(2);
        state = m_controller->pausedState();
    }
    if (!state || state->members.empty())
        return nullptr;

    auto run = std::make_shared<RunRecord>(*m_running);
    run->job.resumeFrom.reset();
    TrainingResult& result = run->result;
    result = TrainingResult{};
    result.runId = run->id;
    result.status = TrainingStatus::Stopped;
    result.history = state->history;
    const std::vector<BatchLossPoint> part = m_controller->pausedBatchLosses();
    result.batchLosses = m_previous ? joinedBatchLosses(*m_previous, part) : part;
    result.parameters = state->members.front().parameters;
    result.stepsDone = state->step;
    result.checkpoint = state;
    const double previousSeconds = m_previous ? m_previous->result.trainSeconds : 0.0;
    result.trainSeconds = previousSeconds + m_elapsedSeconds;
    result.samplesPerSecond = m_previous ? combinedSpeed(m_previous->result.samplesPerSecond, previousSeconds,
                                                         m_samplesPerSecond, m_elapsedSeconds)
                                         : m_samplesPerSecond;
    const QLocale locale;
    const QString step = locale.toString(qint64(state->step));
    const QString total = locale.toString(qint64(run->plannedSteps()));
    const auto epochs = qsizetype(state->history.size());
    // One and many spelled out, as the worker does.
    result.message = epochs == 1 ? tr("Paused at step %1 of %2, after 1 complete epoch.").arg(step, total)
                                 : tr("Paused at step %1 of %2, after %3 complete epochs.")
                                       .arg(step, total, QString::number(epochs));
    return run;
}

bool RunLauncher::stopAndWait(int timeoutMs)
{
    if (!m_controller->isRunning())
        return true;
    m_controller->stop();
    QEventLoop loop;
    connect(m_controller, &TrainingController::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    // Whoever asked (closing the window, a new project) waits for the run to be kept; the user cannot start another.
    if (m_controller->isRunning())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return !m_controller->isRunning();
}

void RunLauncher::onFinished(const TrainingResult& result)
{
    if (!m_running || result.runId != m_running->id)
        return;
    const std::shared_ptr<RunRecord> run = std::move(m_running);
    const RunStore::RunPointer previous = std::move(m_previous);
    m_running.reset();
    m_previous.reset();
    run->job.resumeFrom.reset(); // the record describes the run, not how its last part started

    if (!previous) {
        run->result = result;
        m_runs->add(run);
        emit runEnded(run, result);
        return;
    }
    if (result.status == TrainingStatus::Failed) {
        // Nothing was trained (the checkpoint did not fit this run): the run stays as it was.
        const RunStore::RunPointer kept = m_runs->find(run->id);
        emit runEnded(kept ? kept : previous, result);
        return;
    }
    // A continued run: all its epochs and batch losses, its time added up.
    run->result = result;
    run->result.batchLosses = joinedBatchLosses(*previous, result.batchLosses);
    run->result.trainSeconds = previous->result.trainSeconds + result.trainSeconds;
    run->result.samplesPerSecond = combinedSpeed(previous->result.samplesPerSecond, previous->result.trainSeconds,
                                                 result.samplesPerSecond, result.trainSeconds);
    if (!m_runs->replace(run))
        m_runs->add(run); // removed from the list while it trained
    emit runEnded(run, result);
}

} // namespace mlps::ui
