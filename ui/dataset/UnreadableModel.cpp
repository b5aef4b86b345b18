#include "UnreadableModel.h"

namespace mlps::ui {

UnreadableModel::UnreadableModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void UnreadableModel::setEntries(std::vector<UnreadableEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int UnreadableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant UnreadableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UnreadableEntry& entry = m_entries[std::size_t(index.row())];
    const QString name = QString::fromStdString(entry.name);
    const QString reason = QString::fromStdString(entry.reason);
    switch (role) {
    case Qt::DisplayRole: return tr("%1 — %2").arg(name, reason);
    case Qt::ToolTipRole: return tr("%1\nSkipped: %2").arg(name, reason);
    case NameRole: return name;
    case ReasonRole: return reason;
    default: return {};
    }
}

} // namespace mlps::ui
