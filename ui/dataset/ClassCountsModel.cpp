#include "ClassCountsModel.h"

#include <QLocale>

namespace mlps::ui {

ClassCountsModel::ClassCountsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ClassCountsModel::setDataset(const Dataset& data)
{
    beginResetModel();
    m_names.clear();
    for (const std::string& name : data.classNames)
        m_names.append(QString::fromStdString(name));
    m_counts = data.classCounts();
    m_counts.resize(std::size_t(m_names.size()), 0);
    m_duplicates.clear();
    m_total = data.count();
    endResetModel();
}

void ClassCountsModel::setDuplicates(const std::vector<std::int64_t>& perClass)
{
    m_duplicates = perClass;
    if (!m_duplicates.empty())
        m_duplicates.resize(m_counts.size(), 0);
    if (!m_names.isEmpty())
        emit dataChanged(index(0, DuplicatesColumn), index(int(m_names.size()) - 1, DuplicatesColumn));
}

void ClassCountsModel::clear()
{
    beginResetModel();
    m_names.clear();
    m_counts.clear();
    m_duplicates.clear();
    m_total = 0;
    endResetModel();
}

int ClassCountsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

int ClassCountsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClassCountsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::size_t row = std::size_t(index.row());
    const double share = m_total > 0 ? double(m_counts[row]) / double(m_total) : 0.0;
    const bool known = !m_duplicates.empty();
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ClassColumn: return m_names[index.row()];
        case CountColumn: return locale.toString(qint64(m_counts[row]));
        case ShareColumn: return tr("%1 %").arg(locale.toString(100.0 * share, 'f', 1));
        case DuplicatesColumn: return known ? locale.toString(qint64(m_duplicates[row])) : QStringLiteral("…");
        }
        break;
    case ValueRole:
        switch (index.column()) {
        case ClassColumn: return m_names[index.row()];
        case CountColumn: return qint64(m_counts[row]);
        case ShareColumn: return share;
        case DuplicatesColumn: return known ? QVariant(qint64(m_duplicates[row])) : QVariant();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != ClassColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == DuplicatesColumn)
            return known ? (m_duplicates[row] == 1 ? tr("%1 image of class %2 is an exact copy of an earlier image")
                                                   : tr("%1 images of class %2 are exact copies of an earlier image"))
                               .arg(locale.toString(qint64(m_duplicates[row])), m_names[index.row()])
                         : tr("Still looking for duplicates…");
        break;
    default: break;
    }
    return {};
}

QVariant ClassCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ClassColumn: return tr("Class");
        case CountColumn: return tr("Images");
        case ShareColumn: return tr("Share");
        case DuplicatesColumn: return tr("Duplicates");
        }
    }
    if (role == Qt::ToolTipRole && section == DuplicatesColumn)
        return tr("Images equal, pixel for pixel, to an earlier image of the whole dataset");
    return {};
}

} // namespace mlps::ui
