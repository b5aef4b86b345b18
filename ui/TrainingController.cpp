#include "TrainingController.h"

#include "TrainingWorker.h"

#include <QMetaObject>

namespace mlps::ui {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent)
    , m_worker(new TrainingWorker)
{
    qRegisterMetaType<TrainingJob>();
    qRegisterMetaType<TrainingProgress>();
    qRegisterMetaType<TrainingResult>();

    m_thread.setObjectName(QStringLiteral("TrainingThread"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The worker emits on its thread; these run on ours.
    connect(m_worker, &TrainingWorker::progress, this, &TrainingController::progress, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::finished, this, &TrainingController::onWorkerFinished, Qt::QueuedConnection);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    // The worker's loop ends after its current step; the event loop then quits.
    m_worker->requestStop();
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::start(const TrainingJob& job)
{
    if (m_running)
        return false;
    m_running = true;
    m_paused = false;
    m_stopRequested = false;
    // No run is in progress, so no request can be lost here.
    m_worker->clearRequests();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job] { worker->run(job); }, Qt::QueuedConnection);
    emit started();
    return true;
}

void TrainingController::pause()
{
    if (!m_running || m_paused || m_stopRequested)
        return;
    m_paused = true;
    m_worker->setPaused(true);
    emit paused(true);
}

void TrainingController::resume()
{
    if (!m_running || !m_paused || m_stopRequested)
        return;
    m_paused = false;
    m_worker->setPaused(false);
    emit paused(false);
}

void TrainingController::stop()
{
    if (!m_running || m_stopRequested)
        return;
    m_stopRequested = true;
    m_worker->requestStop(); // also wakes a paused worker
    if (m_paused) {
        m_paused = false;
        emit paused(false);
    }
}

std::int64_t TrainingController::stepsDone() const
{
    return m_worker->stepsDone();
}

std::shared_ptr<const TrainerState> TrainingController::pausedState() const
{
    if (!m_running || !m_paused || m_stopRequested)
        return nullptr;
    return m_worker->pausedState();
}

std::vector<BatchLossPoint> TrainingController::pausedBatchLosses() const
{
    if (!m_running || !m_paused || m_stopRequested)
        return {};
    return m_worker->pausedBatchLosses();
}

void TrainingController::onWorkerFinished(const TrainingResult& result)
{
    m_running = false;
    m_paused = false;
    m_stopRequested = false;
    emit finished(result);
}

} // namespace mlps::ui
