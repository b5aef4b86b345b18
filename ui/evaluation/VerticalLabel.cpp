#include "VerticalLabel.h"

#include <QPainter>

namespace mlps::ui {

VerticalLabel::VerticalLabel(const QString& text, QWidget* parent)
    : QWidget(parent)
{
    setText(text);
}

void VerticalLabel::setText(const QString& text)
{
    m_text = text;
    setAccessibleName(text);
    updateGeometry();
    update();
}

QSize VerticalLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.height(), metrics.horizontalAdvance(m_text) + metrics.averageCharWidth()};
}

QSize VerticalLabel::minimumSizeHint() const
{
    return sizeHint();
}

void VerticalLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.translate(0, height());
    painter.rotate(-90);
    painter.drawText(QRect(0, 0, height(), width()), Qt::AlignCenter, m_text);
}

} // namespace mlps::ui
