#include "PerClassModel.h"

#include <QLocale>

namespace mlps::ui {

PerClassModel::PerClassModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PerClassModel::setScores(const ClassificationScores& scores, const QStringList& classNames)
{
    std::vector<ClassMetrics> metrics = scores.perClass;
    QStringList names = classNames;
    // Name any class the names do not cover by its number rather than drop it.
    for (int i = int(names.size()); i < int(metrics.size()); ++i)
        names.append(QString::number(i));
    names = names.mid(0, qsizetype(metrics.size()));
    if (metrics.size() == m_metrics.size()) {
        m_metrics = std::move(metrics);
        const bool namesChanged = names != m_names;
        m_names = std::move(names);
        if (!m_metrics.empty()) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
            if (namesChanged)
                emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
        }
        return;
    }
    beginResetModel();
    m_metrics = std::move(metrics);
    m_names = std::move(names);
    endResetModel();
}

void PerClassModel::clear()
{
    beginResetModel();
    m_metrics.clear();
    m_names.clear();
    endResetModel();
}

int PerClassModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_metrics.size());
}

int PerClassModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PerClassModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClassMetrics& m = m_metrics[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ClassColumn:
            return m_names.at(index.row());
        case PrecisionColumn:
            return QLocale().toString(m.precision, 'f', 3);
        case RecallColumn:
            return QLocale().toString(m.recall, 'f', 3);
        case F1Column:
            return QLocale().toString(m.f1, 'f', 3);
        case SupportColumn:
            return QLocale().toString(qlonglong(m.support));
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case ClassColumn:
            return index.row();
        case PrecisionColumn:
            return m.precision;
        case RecallColumn:
            return m.recall;
        case F1Column:
            return m.f1;
        case SupportColumn:
            return qlonglong(m.support);
        default:
            return {};
        }
    case ClassRole:
        return index.row();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column == ClassColumn ? Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)
                                                         : Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole: {
        const QString name = m_names.at(index.row());
        return tr("%1: precision %2 (of the samples predicted %1, the share that are %1), recall %3 (of the %4 "
                  "true %1, the share found), F1 %5. Double-click to see its misclassified samples.")
            .arg(name, QLocale().toString(m.precision, 'f', 3), QLocale().toString(m.recall, 'f', 3),
                 QLocale().toString(qlonglong(m.support)), QLocale().toString(m.f1, 'f', 3));
    }
    default:
        return {};
    }
}

QVariant PerClassModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ClassColumn:
            return tr("Class");
        case PrecisionColumn:
            return tr("Precision");
        case RecallColumn:
            return tr("Recall");
        case F1Column:
            return tr("F1");
        case SupportColumn:
            return tr("Support");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ClassColumn:
            return tr("The true class");
        case PrecisionColumn:
            return tr("Of the samples predicted as the class, the share that really are");
        case RecallColumn:
            return tr("Of the samples of the class, the share predicted as it");
        case F1Column:
            return tr("The harmonic mean of precision and recall");
        case SupportColumn:
            return tr("How many samples of the class the set holds");
        default:
            return {};
        }
    }
    if (role == Qt::InitialSortOrderRole)
        return int(Qt::AscendingOrder);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(section == ClassColumn ? Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)
                                                          : Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

Qt::ItemFlags PerClassModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace mlps::ui
