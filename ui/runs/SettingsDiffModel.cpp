#include "SettingsDiffModel.h"

namespace mlps::ui {

SettingsDiffModel::SettingsDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_firstName(tr("First run"))
    , m_secondName(tr("Second run"))
{
}

void SettingsDiffModel::setDifferences(const QList<std::tuple<QString, QString, QString>>& rows,
                                       const QString& firstName, const QString& secondName)
{
    beginResetModel();
    m_rows = rows;
    m_firstName = firstName;
    m_secondName = secondName;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, First, Second);
}

int SettingsDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SettingsDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SettingsDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& [setting, first, second] = m_rows[index.row()];
    const QString& text = index.column() == Setting ? setting : index.column() == First ? first : second;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return text;
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1: %2").arg(headerData(index.column(), Qt::Horizontal).toString(), text);
    default:
        return {};
    }
}

QVariant SettingsDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        switch (section) {
        case Setting: return tr("Setting");
        case First: return m_firstName;
        case Second: return m_secondName;
        default: break;
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace mlps::ui
