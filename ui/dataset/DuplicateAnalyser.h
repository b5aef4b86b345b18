#pragma once

#include "data/Dataset.h"
#include "data/DuplicateFinder.h"
#include "data/StratifiedSplit.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QThreadPool;

namespace mlps::ui {

// Exact duplicates in a dataset and in the parts of its splits, found off the
// GUI thread. setDataset() hashes every image once (DuplicateFinder) and
// counts the duplicates of the whole set; each split asked for after that is
// analysed in the background and kept by its key, so returning to an earlier
// split is instant. Results for a dataset that has since been replaced are
// dropped. The destructor waits for work in flight.
class DuplicateAnalyser : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicateAnalyser)

public:
    explicit DuplicateAnalyser(QThreadPool* pool, QObject* parent = nullptr);
    ~DuplicateAnalyser() override;

    // Forgets everything known and starts hashing `data` (null: nothing).
    void setDataset(std::shared_ptr<const Dataset> data);
    // Asks for the findings of `split` (of the current dataset) under `key`;
    // analysisReady(key) follows, at once when they are known already. Only
    // the latest request waits while another split is being analysed.
    void analyse(const QString& key, const Split& split);

    // Null until hashing is done.
    const DuplicateFinder* finder() const;
    const DuplicateCounts* wholeDataset() const;
    const SplitDuplicates* analysis(const QString& key) const;
    // Hashing or analysing right now.
    bool isBusy() const { return m_jobs > 0; }

signals:
    void finderReady();
    void analysisReady(const QString& key);

private:
    struct Hashed; // the dataset, its finder and its whole-set counts
    void startAnalysis(const QString& key, const Split& split);
    void jobDone();

    QThreadPool* m_pool;
    quint64 m_generation = 0;
    int m_jobs = 0;
    std::shared_ptr<const Hashed> m_hashed;
    QHash<QString, SplitDuplicates> m_analyses;
    bool m_analysing = false;
    std::optional<std::pair<QString, Split>> m_pending;
};

} // namespace mlps::ui
