#include "OtherDataRuns.h"

#include "RunConversion.h"

#include "data/DataError.h"
#include "data/DatasetLoader.h"
#include "project/DatasetCheck.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

namespace mlps::ui {

namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

} // namespace

OtherDataRuns::OtherDataRuns(QThreadPool* pool, QObject* parent)
    : QObject(parent)
    , m_pool(pool)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &OtherDataRuns::onLoaded);
}

OtherDataRuns::~OtherDataRuns()
{
    cancel();
    m_watcher.waitForFinished();
}

void OtherDataRuns::cancel()
{
    if (m_cancel)
        m_cancel->store(true, std::memory_order_relaxed);
}

void OtherDataRuns::clear()
{
    cancel();
    m_watcher.waitForFinished();
    m_running = false;
    m_held.clear();
}

void OtherDataRuns::start(std::vector<StoredRun> runs, const QString& cacheFolder)
{
    clear();
    m_held = std::move(runs);
    if (m_held.empty())
        return;
    std::vector<Group> groups;
    for (const StoredRun& run : m_held) {
        const bool known = std::any_of(groups.begin(), groups.end(), [&](const Group& g) { return g.data == run.data; });
        if (!known)
            groups.push_back({run.data, nullptr, {}});
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(m_pool, &OtherDataRuns::load, std::move(groups), m_cancel, cacheFolder));
}

// On a worker thread: only its arguments are touched.
OtherDataRuns::Outcome OtherDataRuns::load(std::vector<Group> groups, std::shared_ptr<std::atomic<bool>> cancel,
                                          QString cacheFolder)
{
    Outcome outcome;
    for (Group& group : groups) {
        if (cancel->load()) {
            outcome.cancelled = true;
            break;
        }
        const QString name = QFileInfo(q(group.data.path)).fileName();
        try {
            const DatasetCheck check = checkDataset(group.data);
            if (check.state != DatasetState::Same) {
                group.problem = check.state == DatasetState::Missing
                                    ? tr("%1 is not at %2 any more").arg(name, q(group.data.path))
                                    : tr("%1 has changed since its runs were made").arg(name);
                continue;
            }
            LoadOptions options;
            options.width = group.data.width;
            options.height = group.data.height;
            options.cancel = cancel.get();
            options.cacheDir = cacheFolder.toStdString();
            auto loaded = std::make_shared<Dataset>(DatasetLoader::load(group.data.path, options).data);
            if (loaded->count() != group.data.count || loaded->classNames != group.data.classNames)
                group.problem = tr("%1 now reads as %2 images, its runs were made on %3")
                                    .arg(name)
                                    .arg(loaded->count())
                                    .arg(group.data.count);
            else
                group.loaded = std::move(loaded);
        } catch (const LoadCancelled&) {
            outcome.cancelled = true;
            break;
        } catch (const std::exception& error) {
            group.problem = tr("%1 could not be read: %2").arg(name, q(error.what()));
        }
    }
    outcome.groups = std::move(groups);
    return outcome;
}

void OtherDataRuns::onLoaded()
{
    if (!m_running)
        return; // cleared meanwhile
    m_running = false;
    const Outcome outcome = m_watcher.result();
    if (outcome.cancelled)
        return;
    QList<std::shared_ptr<RunRecord>> ready;
    std::vector<StoredRun> stillHeld;
    QStringList problems;
    for (const Group& group : outcome.groups) {
        if (!group.problem.isEmpty())
            problems << group.problem;
    }
    for (StoredRun& run : m_held) {
        const auto group = std::find_if(outcome.groups.begin(), outcome.groups.end(),
                                        [&](const Group& g) { return g.data == run.data; });
        if (group == outcome.groups.end() || !group->loaded) {
            stillHeld.push_back(std::move(run));
            continue;
        }
        try {
            ready.append(RunConversion::fromStored(run, group->loaded));
        } catch (const std::exception& error) {
            problems << tr("run '%1': %2").arg(q(run.name), q(error.what()));
            stillHeld.push_back(std::move(run));
        }
    }
    m_held = std::move(stillHeld);
    if (!ready.isEmpty())
        emit runsReady(ready);
    emit finished(problems);
}

} // namespace mlps::ui
