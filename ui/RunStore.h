#pragma once

#include "RunRecord.h"

#include <QList>
#include <QObject>

#include <memory>

namespace mlps::ui {

// Every run of the session, oldest first, with the one the views show
// ("current"). The run list, the evaluation views and the comparison observe
// it; the main window adds each run when it ends.
class RunStore : public QObject {
    Q_OBJECT

public:
    using RunPointer = std::shared_ptr<const RunRecord>;

    explicit RunStore(QObject* parent = nullptr);

    const QList<RunPointer>& runs() const { return m_runs; }
    int count() const { return int(m_runs.size()); }
    RunPointer run(int row) const;
    // The run with this id; null when there is none.
    RunPointer find(int id) const;

    // Appends a run (ids must be unique) and makes it current.
    void add(RunPointer run);
    // Puts `run` in the place of the run with its id (a continued run's new
    // record) and makes it current; false, changing nothing, when there is none.
    bool replace(RunPointer run);
    // Removes the run with this id; the current run moves to the last one left.
    void remove(int id);
    void clear();

    RunPointer current() const { return m_current; }
    void setCurrent(int id);

signals:
    void runAboutToBeAdded(int row);
    void runAdded(int row);
    void runAboutToBeRemoved(int row);
    void runRemoved(int row);
    // The run at `row` was replaced by a new record of the same run (same id).
    void runReplaced(int row);
    void aboutToBeCleared();
    void cleared();
    void currentChanged(mlps::ui::RunStore::RunPointer run);

private:
    int rowOf(int id) const;

    QList<RunPointer> m_runs;
    RunPointer m_current;
};

} // namespace mlps::ui
