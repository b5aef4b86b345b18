#include "ProbabilityBars.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <numeric>
#include <cmath>

namespace mlps::ui {

namespace {

const QString kCheck = QStringLiteral("\u2713 ");

} // namespace

ProbabilityBars::ProbabilityBars(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProbabilityBars::setProbabilities(const QStringList& classNames, const QVector<double>& probabilities,
                                       int predicted, int trueClass)
{
    m_names = classNames;
    m_probabilities = probabilities;
    m_predicted = predicted;
    m_trueClass = trueClass;
    QStringList rows;
    for (qsizetype k = 0; k < m_probabilities.size(); ++k)
        rows << tr("%1: %2").arg(k < m_names.size() ? m_names[k] : QString::number(k), percent(m_probabilities[k]));
    setAccessibleDescription(rows.join(QStringLiteral("; ")));
    orderRows();
    updateGeometry();
    update();
}

void ProbabilityBars::setMostLikelyFirst(bool on)
{
    if (on == m_mostLikelyFirst)
        return;
    m_mostLikelyFirst = on;
    orderRows();
    update();
}

void ProbabilityBars::orderRows()
{
    m_rows.resize(m_probabilities.size());
    std::iota(m_rows.begin(), m_rows.end(), 0);
    if (m_mostLikelyFirst)
        std::stable_sort(m_rows.begin(), m_rows.end(),
                         [this](int a, int b) { return m_probabilities[a] > m_probabilities[b]; });
}

void ProbabilityBars::clear()
{
    setProbabilities({}, {}, -1, -1);
}

QString ProbabilityBars::percent(double p)
{
    return tr("%1 %").arg(QLocale().toString(p * 100.0, 'f', 1));
}

int ProbabilityBars::rowHeight() const
{
    return fontMetrics().height() + std::max(2, fontMetrics().height() / 4);
}

int ProbabilityBars::nameWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (const QString& name : m_names)
        widest = std::max(widest, metrics.horizontalAdvance(kCheck + name));
    return widest + metrics.averageCharWidth();
}

int ProbabilityBars::valueWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    return QFontMetrics(bold).horizontalAdvance(percent(1.0)) + fontMetrics().averageCharWidth();
}

QSize ProbabilityBars::sizeHint() const
{
    return QSize(nameWidth() + valueWidth() + fontMetrics().averageCharWidth() * 30,
                 rowHeight() * int(std::max<qsizetype>(1, m_probabilities.size())));
}

QSize ProbabilityBars::minimumSizeHint() const
{
    return QSize(nameWidth() + valueWidth() + fontMetrics().averageCharWidth() * 8,
                 rowHeight() * int(std::max<qsizetype>(1, m_probabilities.size())));
}

int ProbabilityBars::rowAt(int y) const
{
    const int row = y / rowHeight();
    return row >= 0 && row < m_rows.size() ? m_rows[row] : -1;
}

void ProbabilityBars::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const int line = rowHeight();
    const int names = nameWidth();
    const int values = valueWidth();
    const int track = std::max(1, width() - names - values);
    QFont bold = font();
    bold.setBold(true);
    const QColor highlight = palette().color(QPalette::Highlight);
    const QColor plain = palette().color(QPalette::Mid);
    const QColor trackColor = palette().color(QPalette::AlternateBase);
    for (int position = 0; position < int(m_rows.size()); ++position) {
        const int k = m_rows[position];
        const int top = position * line;
        const bool isPredicted = k == m_predicted;
        const bool isTrue = k == m_trueClass;
        const QString name = k < m_names.size() ? m_names[k] : QString::number(k);
        painter.setFont(isTrue || isPredicted ? bold : font());
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, top, names - fontMetrics().averageCharWidth() / 2, line),
                         Qt::AlignRight | Qt::AlignVCenter, isTrue ? kCheck + name : name);
        const int inset = std::max(1, line / 6);
        const QRect trackRect(names, top + inset, track, line - 2 * inset);
        painter.fillRect(trackRect, trackColor);
        const double p = std::clamp(m_probabilities[k], 0.0, 1.0);
        const int length = int(std::lround(p * track));
        if (length > 0)
            painter.fillRect(QRect(trackRect.topLeft(), QSize(length, trackRect.height())),
                             isPredicted ? highlight : plain);
        painter.setFont(isPredicted ? bold : font());
        painter.drawText(QRect(names + track, top, values, line), Qt::AlignRight | Qt::AlignVCenter,
                         percent(m_probabilities[k]));
    }
}

bool ProbabilityBars::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int row = rowAt(help->pos().y());
        if (row < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QString text = tr("%1: %2").arg(row < m_names.size() ? m_names[row] : QString::number(row),
                                        QLocale().toString(m_probabilities[row], 'g', 6));
        if (row == m_predicted)
            text += tr(" (predicted)");
        if (row == m_trueClass)
            text += tr(" (true class)");
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace mlps::ui
