#include "LineLegend.h"

#include <QEvent>
#include <QPainter>

namespace mlps::ui {

LineLegend::LineLegend(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void LineLegend::setEntries(const QList<QPair<QPen, QString>>& entries)
{
    m_entries = entries;
    QStringList names = texts();
    setAccessibleName(tr("Legend: %1").arg(names.join(QStringLiteral(", "))));
    updateGeometry();
    update();
}

QStringList LineLegend::texts() const
{
    QStringList names;
    for (const auto& entry : m_entries)
        names.append(entry.second);
    return names;
}

int LineLegend::strokeWidth() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("MMM"));
}

int LineLegend::spacing() const
{
    return fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2;
}

QSize LineLegend::sizeHint() const
{
    int width = 0;
    for (const auto& entry : m_entries)
        width += strokeWidth() + spacing() / 2 + fontMetrics().horizontalAdvance(entry.second) + spacing() * 2;
    return {width, fontMetrics().height() + 4};
}

QSize LineLegend::minimumSizeHint() const
{
    return {0, fontMetrics().height() + 4};
}

void LineLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

void LineLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // Centred when there is room; otherwise from the left, elided at the end.
    int x = std::max(0, (width() - sizeHint().width()) / 2);
    const int middle = height() / 2;
    for (const auto& [pen, text] : m_entries) {
        if (x >= width())
            break;
        QPen stroke = pen;
        stroke.setCosmetic(true);
        painter.setPen(stroke);
        painter.drawLine(QPointF(x, middle + 0.5), QPointF(x + strokeWidth(), middle + 0.5));
        x += strokeWidth() + spacing() / 2;
        painter.setPen(palette().color(QPalette::WindowText));
        const int room = width() - x;
        const QString shown = fontMetrics().elidedText(text, Qt::ElideRight, room);
        painter.drawText(QRect(x, 0, room, height()), Qt::AlignLeft | Qt::AlignVCenter, shown);
        x += fontMetrics().horizontalAdvance(text) + spacing() * 2;
    }
}

} // namespace mlps::ui
