#include "DatasetLoadTask.h"

#include "data/DatasetLoader.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace mlps::ui {

DatasetLoadTask::DatasetLoadTask(const QString& path, const QString& labelsPath, const QString& cacheFolder,
                                 QThreadPool* pool, QObject* parent)
    : QObject(parent)
    , m_path(path)
    , m_labelsPath(labelsPath)
    , m_cacheFolder(cacheFolder)
    , m_pool(pool)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &DatasetLoadTask::onFinished);
}

DatasetLoadTask::~DatasetLoadTask()
{
    cancel();
    // The worker posts progress to this object; it must be done before we go.
    m_watcher.waitForFinished();
}

void DatasetLoadTask::start()
{
    if (m_running || m_started)
        return;
    m_started = true;
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(m_pool, [this] { return run(); }));
}

void DatasetLoadTask::cancel()
{
    m_cancel->store(true, std::memory_order_relaxed);
}

bool DatasetLoadTask::isRunning() const
{
    return m_running;
}

// Runs on the worker thread: only the members fixed before start() are read.
DatasetLoadTask::Outcome DatasetLoadTask::run()
{
    LoadOptions options;
    options.labelsPath = m_labelsPath.toStdString();
    options.cacheDir = m_cacheFolder.toStdString();
    options.cancel = m_cancel.get();
    // The reader calls this from one thread at a time; pass on at most ~20 a
    // second (and always the first of a stage) so the GUI's queue stays short.
    auto timer = std::make_shared<QElapsedTimer>();
    auto lastStage = std::make_shared<std::string>();
    options.progress = [this, timer, lastStage](const LoadProgress& step) {
        if (timer->isValid() && step.stage == *lastStage && timer->elapsed() < 50)
            return;
        timer->start();
        *lastStage = step.stage;
        const qint64 done = step.done;
        const qint64 total = step.total;
        const QString stage = QString::fromStdString(step.stage);
        QMetaObject::invokeMethod(
            this,
            [this, done, total, stage] {
                // Queued to the owner's thread; a late step after finished() is dropped.
                if (m_running)
                    emit progress(done, total, stage);
            },
            Qt::QueuedConnection);
    };
    Outcome outcome;
    try {
        outcome.data = std::make_shared<LoadedDataset>(DatasetLoader::load(m_path.toStdString(), options));
    } catch (const LoadCancelled&) {
        outcome.cancelled = true;
    } catch (const std::bad_alloc&) {
        outcome.error = tr("%1: not enough memory to load it").arg(m_path);
    } catch (const std::exception& error) {
        outcome.error = QString::fromStdString(error.what());
    }
    return outcome;
}

void DatasetLoadTask::onFinished()
{
    const Outcome outcome = m_watcher.result();
    m_running = false;
    m_result = outcome.data;
    m_error = outcome.error;
    m_cancelledByReader = outcome.cancelled;
    emit finished(bool(m_result));
}

} // namespace mlps::ui
