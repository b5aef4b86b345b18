#include "SummaryModel.h"

#include "NetworkDocument.h"

#include <QFont>
#include <QLocale>

namespace mlps::ui {

SummaryModel::SummaryModel(NetworkDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_summary(summarize(document->network()))
    , m_inputSize(document->network().inputSize)
{
    connect(document, &NetworkDocument::networkChanged, this, &SummaryModel::refresh);
}

std::int64_t SummaryModel::totalParameters() const
{
    return m_summary.totalParameters;
}

int SummaryModel::totalRow() const
{
    return int(m_summary.rows.size()) + 1;
}

int SummaryModel::rowCount(const QModelIndex& parent) const
{
    // Input, the summary's rows (hidden layers and output), Total.
    return parent.isValid() ? 0 : int(m_summary.rows.size()) + 2;
}

int SummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SummaryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case ValueRole:
        return value(row, column);
    case DetailRole:
    case Qt::ToolTipRole:
        if (row >= 1 && row < totalRow())
            return QString::fromStdString(m_summary.rows[std::size_t(row - 1)].detail);
        return {};
    case Qt::TextAlignmentRole:
        if (column == OutputShapeColumn || column == ParametersColumn || column == ShareColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::FontRole:
        if (row == totalRow()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LayerColumn: return tr("Layer");
    case TypeColumn: return tr("Type");
    case OutputShapeColumn: return tr("Output shape");
    case ParametersColumn: return tr("Param #");
    case ShareColumn: return tr("Share %");
    default: return {};
    }
}

void SummaryModel::refresh()
{
    ModelSummary summary = summarize(m_document->network());
    if (summary.rows.size() != m_summary.rows.size()) {
        beginResetModel();
        m_summary = std::move(summary);
        m_inputSize = m_document->network().inputSize;
        endResetModel();
    } else {
        m_summary = std::move(summary);
        m_inputSize = m_document->network().inputSize;
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

QVariant SummaryModel::value(int row, int column) const
{
    if (row == 0) {
        switch (column) {
        case LayerColumn: return QStringLiteral("input");
        case TypeColumn: return QStringLiteral("Input");
        case OutputShapeColumn: return m_inputSize;
        case ParametersColumn: return qlonglong(0);
        case ShareColumn: return 0.0;
        default: return {};
        }
    }
    if (row == totalRow()) {
        switch (column) {
        case LayerColumn: return tr("Total");
        case ParametersColumn: return qlonglong(m_summary.totalParameters);
        case ShareColumn: return m_summary.totalParameters > 0 ? 100.0 : 0.0;
        default: return {};
        }
    }
    const SummaryRow& layer = m_summary.rows[std::size_t(row - 1)];
    switch (column) {
    case LayerColumn: return QString::fromStdString(layer.name);
    case TypeColumn: return QString::fromStdString(layer.type);
    case OutputShapeColumn: return layer.outputSize;
    case ParametersColumn: return qlonglong(layer.parameters);
    case ShareColumn: return 100.0 * layer.share;
    default: return {};
    }
}

QString SummaryModel::display(int row, int column) const
{
    const QVariant cell = value(row, column);
    if (!cell.isValid())
        return {};
    const QLocale locale;
    switch (column) {
    case OutputShapeColumn: return tr("(None, %1)").arg(cell.toInt());
    case ParametersColumn: return locale.toString(cell.toLongLong());
    case ShareColumn: return tr("%1 %").arg(locale.toString(cell.toDouble(), 'f', 1));
    default: return cell.toString();
    }
}

} // namespace mlps::ui
