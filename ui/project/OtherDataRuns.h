#pragma once

#include "RunRecord.h"

#include "project/StoredRun.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QThreadPool;

namespace mlps::ui {

// The runs of a project made on other data than the project's own (the user
// changed the data between runs): in the background, each such dataset is
// looked for where the file says it is, checked to be the same content
// (SHA-256) and loaded once for all the runs made on it, which then come back
// as the studio's runs. Runs whose data is missing, changed or unreadable are
// kept as they are (held()), so that saving the project loses nothing.
class OtherDataRuns : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OtherDataRuns)

public:
    explicit OtherDataRuns(QThreadPool* pool, QObject* parent = nullptr);
    // Cancels a load still running and waits for it.
    ~OtherDataRuns() override;

    // Starts on `runs`, cancelling what ran before; held() is all of them
    // until finished(). `cacheFolder`: where decoded datasets are cached
    // (empty: the user's cache folder).
    void start(std::vector<StoredRun> runs, const QString& cacheFolder = {});
    void cancel();
    bool isRunning() const { return m_running; }
    // The runs not (yet) shown, in the file's order.
    const std::vector<StoredRun>& held() const { return m_held; }
    // Forgets every run (a new project).
    void clear();

signals:
    // The runs whose data was found and loaded, in the file's order; they are no longer held().
    void runsReady(const QList<std::shared_ptr<mlps::ui::RunRecord>>& runs);
    // Once per start(): `problems` says, per dataset, why its runs stay hidden (empty when all are shown).
    void finished(const QStringList& problems);

private:
    struct Group {
        DatasetReference data;
        std::shared_ptr<const Dataset> loaded;
        QString problem;
    };
    struct Outcome {
        std::vector<Group> groups;
        bool cancelled = false;
    };
    static Outcome load(std::vector<Group> groups, std::shared_ptr<std::atomic<bool>> cancel, QString cacheFolder);
    void onLoaded();

    QThreadPool* m_pool;
    std::vector<StoredRun> m_held;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<Outcome> m_watcher;
    bool m_running = false;
};

} // namespace mlps::ui
