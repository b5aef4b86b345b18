#include "DuplicateAnalyser.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace mlps::ui {

struct DuplicateAnalyser::Hashed {
    explicit Hashed(std::shared_ptr<const Dataset> dataset)
        : data(std::move(dataset))
        , finder(*data)
        , counts(finder.count())
    {
    }
    std::shared_ptr<const Dataset> data; // kept alive: the finder points into it
    DuplicateFinder finder;
    DuplicateCounts counts;
};

DuplicateAnalyser::DuplicateAnalyser(QThreadPool* pool, QObject* parent)
    : QObject(parent)
    , m_pool(pool)
{
}

DuplicateAnalyser::~DuplicateAnalyser()
{
    // The jobs hold their own references to the data; waiting only makes sure
    // no watcher reports to a half-destroyed object.
    for (QFutureWatcherBase* watcher : findChildren<QFutureWatcherBase*>())
        watcher->waitForFinished();
}

void DuplicateAnalyser::setDataset(std::shared_ptr<const Dataset> data)
{
    ++m_generation;
    m_hashed.reset();
    m_analyses.clear();
    m_pending.reset();
    m_analysing = false;
    if (!data)
        return;
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<std::shared_ptr<const Hashed>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        jobDone();
        if (generation != m_generation)
            return;
        m_hashed = watcher->result();
        emit finderReady();
        if (m_pending) {
            auto [key, split] = std::move(*m_pending);
            m_pending.reset();
            analyse(key, split);
        }
    });
    ++m_jobs;
    watcher->setFuture(QtConcurrent::run(m_pool, [data] { return std::shared_ptr<const Hashed>(std::make_shared<Hashed>(data)); }));
}

void DuplicateAnalyser::analyse(const QString& key, const Split& split)
{
    if (m_analyses.contains(key)) {
        emit analysisReady(key);
        return;
    }
    if (!m_hashed || m_analysing) {
        m_pending.emplace(key, split);
        return;
    }
    startAnalysis(key, split);
}

void DuplicateAnalyser::startAnalysis(const QString& key, const Split& split)
{
    m_analysing = true;
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<SplitDuplicates>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, key] {
        watcher->deleteLater();
        jobDone();
        if (generation != m_generation)
            return;
        m_analysing = false;
        m_analyses.insert(key, watcher->result());
        emit analysisReady(key);
        if (m_pending) {
            auto [nextKey, nextSplit] = std::move(*m_pending);
            m_pending.reset();
            analyse(nextKey, nextSplit);
        }
    });
    ++m_jobs;
    std::shared_ptr<const Hashed> hashed = m_hashed;
    watcher->setFuture(QtConcurrent::run(m_pool, [hashed, split] { return hashed->finder.analyse(split); }));
}

void DuplicateAnalyser::jobDone()
{
    --m_jobs;
}

const DuplicateFinder* DuplicateAnalyser::finder() const
{
    return m_hashed ? &m_hashed->finder : nullptr;
}

const DuplicateCounts* DuplicateAnalyser::wholeDataset() const
{
    return m_hashed ? &m_hashed->counts : nullptr;
}

const SplitDuplicates* DuplicateAnalyser::analysis(const QString& key) const
{
    const auto found = m_analyses.constFind(key);
    return found == m_analyses.constEnd() ? nullptr : &*found;
}

} // namespace mlps::ui
