#pragma once

#include "data/LoadReport.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThreadPool;

namespace mlps::ui {

// One dataset load on a worker thread: DatasetLoader::load with the loader's
// progress relayed (queued) to the thread that owns the task, and
// cancellation through an atomic flag the reader polls. A task runs once;
// finished() tells how it ended. The destructor cancels a load still running
// and waits for it, so the worker never outlives the task.
class DatasetLoadTask : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasetLoadTask)

public:
    // `path` is a file, a folder or the built-in font letters' path;
    // `labelsPath` the labels file for formats that keep them apart (empty:
    // found by name, as the CLI does); `cacheFolder` where decoded copies are
    // kept (empty: the user's cache folder). `pool` runs the work.
    DatasetLoadTask(const QString& path, const QString& labelsPath, const QString& cacheFolder, QThreadPool* pool,
                    QObject* parent = nullptr);
    ~DatasetLoadTask() override;

    void start();
    // Asks the reader to stop; finished(false) follows once it has. Thread-safe.
    void cancel();
    bool isRunning() const;

    const QString& path() const { return m_path; }
    // After finished(): the data (ok), or the error worded for the user.
    std::shared_ptr<LoadedDataset> result() const { return m_result; }
    const QString& error() const { return m_error; }
    bool wasCancelled() const { return m_cancelledByReader; }

signals:
    void progress(qint64 done, qint64 total, const QString& stage); // total < 0: unknown
    void finished(bool ok);

private:
    struct Outcome {
        std::shared_ptr<LoadedDataset> data;
        QString error;
        bool cancelled = false;
    };
    Outcome run(); // on the worker thread
    void onFinished();

    QString m_path;
    QString m_labelsPath;
    QString m_cacheFolder;
    QThreadPool* m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<LoadedDataset> m_result;
    QString m_error;
    bool m_cancelledByReader = false;
    bool m_started = false;
    bool m_running = false;
};

} // namespace mlps::ui
