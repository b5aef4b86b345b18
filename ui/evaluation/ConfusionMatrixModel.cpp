#include "ConfusionMatrixModel.h"

#include "HeatmapPalette.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cstdlib>

namespace mlps::ui {
namespace {

// "+3", "−2" (a real minus sign), "0".
QString signedCount(std::int64_t value)
{
    const QString digits = QLocale().toString(qlonglong(std::llabs(value)));
    if (value > 0)
        return QStringLiteral("+") + digits;
    if (value < 0)
        return QString(QChar(0x2212)) + digits;
    return digits;
}

// A rate as a short cell text in percent, without the sign: "92", "8.1", "0".
QString shortPercent(double rate)
{
    const double percent = rate * 100.0;
    if (percent <= 0.0)
        return QStringLiteral("0");
    return QLocale().toString(percent, 'f', percent >= 9.95 ? 0 : 1);
}

QString fullPercent(double rate)
{
    return ConfusionMatrixModel::tr("%1 %").arg(QLocale().toString(rate * 100.0, 'f', 1));
}

} // namespace

ConfusionMatrixModel::ConfusionMatrixModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ConfusionMatrixModel::setMatrix(const ConfusionMatrix& confusion, const QStringList& classNames)
{
    m_nameA.clear();
    m_nameB.clear();
    replace(ConfusionMatrix(), confusion, classNames, false);
}

void ConfusionMatrixModel::setDifference(const ConfusionMatrix& a, const ConfusionMatrix& b,
                                         const QStringList& classNames, const QString& nameA,
                                         const QString& nameB)
{
    m_nameA = nameA;
    m_nameB = nameB;
    replace(a, b, classNames, true);
}

void ConfusionMatrixModel::clear()
{
    beginResetModel();
    m_counts.resize(0, 0);
    m_before.resize(0, 0);
    m_names.clear();
    m_difference = false;
    updateScales();
    endResetModel();
}

void ConfusionMatrixModel::replace(const ConfusionMatrix& a, const ConfusionMatrix& b, const QStringList& classNames,
                                   bool difference)
{
    // A matrix that does not match its names is shown as far as both go; the
    // evaluations the studio makes always match.
    const int n = int(std::min<Eigen::Index>({Eigen::Index(classNames.size()), b.rows(), b.cols()}));
    ConfusionMatrix counts = b.topLeftCorner(n, n);
    ConfusionMatrix before;
    if (difference) {
        before.setZero(n, n);
        const auto m = std::min<Eigen::Index>({Eigen::Index(n), a.rows(), a.cols()});
        before.topLeftCorner(m, m) = a.topLeftCorner(m, m);
    }
    const QStringList names = classNames.mid(0, n);
    const bool sameShape = n == classes() && difference == m_difference;
    if (!sameShape)
        beginResetModel();
    m_counts = std::move(counts);
    m_before = std::move(before);
    m_difference = difference;
    const bool namesChanged = names != m_names;
    m_names = names;
    updateScales();
    if (!sameShape) {
        endResetModel();
        return;
    }
    if (n > 0) {
        emit dataChanged(index(0, 0), index(n - 1, n - 1));
        if (namesChanged) {
            emit headerDataChanged(Qt::Horizontal, 0, n - 1);
            emit headerDataChanged(Qt::Vertical, 0, n - 1);
        }
    }
}

void ConfusionMatrixModel::setDisplay(Display display)
{
    if (display == m_display)
        return;
    m_display = display;
    updateScales();
    if (classes() > 0)
        emit dataChanged(index(0, 0), index(classes() - 1, classes() - 1));
}

std::int64_t ConfusionMatrixModel::count(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= classes() || predictedClass >= classes())
        return 0;
    return m_counts(trueClass, predictedClass);
}

std::int64_t ConfusionMatrixModel::samples(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= classes() || predictedClass >= classes())
        return 0;
    return m_counts(trueClass, predictedClass) + (m_difference ? m_before(trueClass, predictedClass) : 0);
}

std::int64_t ConfusionMatrixModel::errorCount() const
{
    return classes() > 0 ? m_counts.sum() - m_counts.trace() : 0;
}

void ConfusionMatrixModel::updateScales()
{
    double maxErrorRate = 0.0;
    std::int64_t maxChange = 0;
    for (int r = 0; r < classes(); ++r) {
        for (int c = 0; c < classes(); ++c) {
            if (r != c)
                maxErrorRate = std::max(maxErrorRate, colourRate(r, c));
            if (m_difference)
                maxChange = std::max<std::int64_t>(maxChange, std::llabs(m_counts(r, c) - m_before(r, c)));
        }
    }
    m_errorScale = std::min(1.0, heatmap::niceCeiling(maxErrorRate));
    m_changeScale = double(std::max<std::int64_t>(1, maxChange));
}

double ConfusionMatrixModel::rowRate(int row, int column) const
{
    const std::int64_t total = m_counts.row(row).sum();
    return total > 0 ? double(m_counts(row, column)) / double(total) : 0.0;
}

double ConfusionMatrixModel::columnRate(int row, int column) const
{
    const std::int64_t total = m_counts.col(column).sum();
    return total > 0 ? double(m_counts(row, column)) / double(total) : 0.0;
}

double ConfusionMatrixModel::colourRate(int row, int column) const
{
    return m_display == Display::ColumnRates ? columnRate(row, column) : rowRate(row, column);
}

QColor ConfusionMatrixModel::background(int row, int column) const
{
    if (m_difference) {
        const double change = double(m_counts(row, column) - m_before(row, column));
        // More errors is worse; on the diagonal more is better.
        const double worse = row == column ? -change : change;
        return heatmap::changeColor(worse / m_changeScale);
    }
    const double rate = colourRate(row, column);
    return row == column ? heatmap::correctColor(rate) : heatmap::errorColor(rate / m_errorScale);
}

QString ConfusionMatrixModel::cellText(int row, int column) const
{
    const std::int64_t value = m_counts(row, column);
    if (m_difference) {
        if (value == 0 && m_before(row, column) == 0)
            return {};
        return signedCount(value - m_before(row, column));
    }
    switch (m_display) {
    case Display::Counts:
        return QString::number(value);
    case Display::RowRates:
        return shortPercent(rowRate(row, column));
    case Display::ColumnRates:
        return shortPercent(columnRate(row, column));
    }
    return {};
}

QString ConfusionMatrixModel::shareOfTrue(double rate, int trueClass) const
{
    const QString& name = m_names.at(trueClass);
    // "of the Is" reads well for letters and digits; longer names get quotes.
    if (name.size() == 1)
        return tr("%1 of the %2s").arg(fullPercent(rate), name);
    return tr("%1 of class “%2”").arg(fullPercent(rate), name);
}

QString ConfusionMatrixModel::shareOfPredicted(double rate, int predictedClass) const
{
    return tr("%1 of those predicted %2").arg(fullPercent(rate), m_names.at(predictedClass));
}

QString ConfusionMatrixModel::describe(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || predictedClass < 0 || trueClass >= classes() || predictedClass >= classes())
        return {};
    const QString& truth = m_names.at(trueClass);
    const QString& predicted = m_names.at(predictedClass);
    const std::int64_t value = m_counts(trueClass, predictedClass);
    const bool diagonal = trueClass == predictedClass;
    if (m_difference) {
        const std::int64_t before = m_before(trueClass, predictedClass);
        const std::int64_t change = value - before;
        QStringList lines;
        lines << tr("True %1 → predicted %2: %3 → %4 (%5)")
                     .arg(truth, predicted, QLocale().toString(qlonglong(before)),
                          QLocale().toString(qlonglong(value)), signedCount(change));
        if (!m_nameA.isEmpty() && !m_nameB.isEmpty()) {
            lines << tr("%1: %2 · %3: %4")
                         .arg(m_nameA, QLocale().toString(qlonglong(before)), m_nameB,
                              QLocale().toString(qlonglong(value)));
        }
        // No plural forms needed: the studio ships no English translation.
        const QString amount = QLocale().toString(qlonglong(std::llabs(change)));
        if (change == 0)
            lines << tr("Unchanged");
        else if (diagonal)
            lines << (change > 0 ? tr("Better: %1 more correct").arg(amount)
                                 : tr("Worse: %1 fewer correct").arg(amount));
        else
            lines << (change < 0 ? tr("Better: %1 fewer of these errors").arg(amount)
                                 : tr("Worse: %1 more of these errors").arg(amount));
        return lines.join(QLatin1Char('\n'));
    }
    const QString countText = QLocale().toString(qlonglong(value));
    QString first = tr("True %1 → predicted %2: %3 (%4)")
                        .arg(truth, predicted, countText, shareOfTrue(rowRate(trueClass, predictedClass), trueClass));
    if (diagonal)
        first = tr("%1, correct").arg(first);
    return first + QLatin1Char('\n') + shareOfPredicted(columnRate(trueClass, predictedClass), predictedClass);
}

int ConfusionMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : classes();
}

int ConfusionMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : classes();
}

QVariant ConfusionMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, column);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return describe(row, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    case Qt::BackgroundRole:
        return QBrush(background(row, column));
    case Qt::ForegroundRole:
        if (!m_difference && m_counts(row, column) == 0)
            return QBrush(QColor(0x9e, 0x9e, 0x9e)); // empty cells recede
        return QBrush(heatmap::textColorOn(background(row, column)));
    case CountRole:
        return qlonglong(m_counts(row, column));
    case RowRateRole:
        return rowRate(row, column);
    case ColumnRateRole:
        return columnRate(row, column);
    case ChangeRole:
        return qlonglong(m_difference ? m_counts(row, column) - m_before(row, column) : 0);
    case HasSamplesRole:
        return samples(row, column) > 0;
    default:
        return {};
    }
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section < 0 || section >= classes())
        return {};
    const QString& name = m_names.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return name;
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return orientation == Qt::Horizontal ? tr("Predicted %1").arg(name) : tr("True %1").arg(name);
    default:
        return {};
    }
}

Qt::ItemFlags ConfusionMatrixModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace mlps::ui
