#include "ColorLegend.h"

#include <QLinearGradient>
#include <QPainter>

namespace mlps::ui {

ColorLegend::ColorLegend(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ColorLegend::setGradient(const QGradientStops& stops)
{
    m_stops = stops;
    update();
}

void ColorLegend::setLabels(const QString& low, const QString& middle, const QString& high)
{
    m_low = low;
    m_middle = middle;
    m_high = high;
    setAccessibleDescription(tr("From %1 through %2 to %3").arg(low, middle, high));
    updateGeometry();
    update();
}

QSize ColorLegend::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int labels = metrics.horizontalAdvance(m_low) + metrics.horizontalAdvance(m_middle)
                       + metrics.horizontalAdvance(m_high) + 4 * metrics.averageCharWidth();
    return QSize(std::max(labels, metrics.averageCharWidth() * 24), metrics.height() * 2);
}

QSize ColorLegend::minimumSizeHint() const
{
    return QSize(fontMetrics().averageCharWidth() * 12, fontMetrics().height() * 2);
}

void ColorLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    const int barHeight = std::max(4, metrics.height() * 2 / 3);
    const QRect bar(0, 0, width(), barHeight);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    gradient.setStops(m_stops);
    painter.fillRect(bar, gradient);
    painter.setPen(QPen(palette().color(QPalette::Mid), 0));
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect text(0, barHeight, width(), height() - barHeight);
    painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, m_low);
    painter.drawText(text, Qt::AlignHCenter | Qt::AlignVCenter, m_middle);
    painter.drawText(text, Qt::AlignRight | Qt::AlignVCenter, m_high);
}

} // namespace mlps::ui
