#include "RunStore.h"

namespace mlps::ui {

RunStore::RunStore(QObject* parent)
    : QObject(parent)
{
}

RunStore::RunPointer RunStore::run(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs[row] : nullptr;
}

RunStore::RunPointer RunStore::find(int id) const
{
    return run(rowOf(id));
}

int RunStore::rowOf(int id) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row]->id == id)
            return row;
    }
    return -1;
}

void RunStore::add(RunPointer run)
{
    Q_ASSERT(run && rowOf(run->id) < 0);
    const int row = int(m_runs.size());
    emit runAboutToBeAdded(row);
    m_runs.append(run);
    emit runAdded(row);
    m_current = std::move(run);
    emit currentChanged(m_current);
}

bool RunStore::replace(RunPointer run)
{
    Q_ASSERT(run);
    const int row = rowOf(run->id);
    if (row < 0)
        return false;
    m_runs[row] = run;
    emit runReplaced(row);
    m_current = std::move(run);
    emit currentChanged(m_current);
    return true;
}

void RunStore::remove(int id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    emit runAboutToBeRemoved(row);
    const RunPointer removed = m_runs.takeAt(row);
    emit runRemoved(row);
    if (m_current == removed) {
        m_current = m_runs.isEmpty() ? nullptr : m_runs.last();
        emit currentChanged(m_current);
    }
}

void RunStore::clear()
{
    if (m_runs.isEmpty())
        return;
    emit aboutToBeCleared();
    m_runs.clear();
    emit cleared();
    m_current.reset();
    emit currentChanged(nullptr);
}

void RunStore::setCurrent(int id)
{
    RunPointer run = find(id);
    if (!run || run == m_current)
        return;
    m_current = std::move(run);
    emit currentChanged(m_current);
}

} // namespace mlps::ui
