#include "PixelImageView.h"

#include <QPainter>

#include <algorithm>

namespace mlps::ui {

namespace {

// Grid lines only once a pixel is at least this many device-independent pixels wide.
constexpr int kGridFromScale = 5;

} // namespace

PixelImageView::PixelImageView(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PixelImageView::setImage(const QImage& image)
{
    m_image = image;
    m_message.clear();
    updateGeometry();
    update();
}

void PixelImageView::setOverlay(const QImage& overlay)
{
    m_overlay = overlay;
    update();
}

void PixelImageView::setMessage(const QString& message)
{
    m_message = message;
    update();
}

QSize PixelImageView::imageSize() const
{
    return m_image.isNull() ? QSize(28, 28) : m_image.size();
}

int PixelImageView::scale() const
{
    const QSize size = imageSize();
    return std::max(1, std::min(width() / size.width(), height() / size.height()));
}

QRect PixelImageView::imageRect() const
{
    const QSize size = imageSize();
    const int factor = scale();
    // Smaller than the image: shrink to fit rather than spill over.
    const QSize shown = width() < size.width() || height() < size.height()
                            ? size.scaled(this->size(), Qt::KeepAspectRatio)
                            : size * factor;
    return QRect(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
}

QSize PixelImageView::sizeHint() const
{
    // About eleven lines of text tall, in whole pixels of the image.
    const QSize size = imageSize();
    const int target = fontMetrics().height() * 11;
    const int factor = std::max(2, target / std::max(size.width(), size.height()));
    return size * factor;
}

QSize PixelImageView::minimumSizeHint() const
{
    const QSize size = imageSize();
    const int target = fontMetrics().height() * 4;
    const int factor = std::max(1, target / std::max(size.width(), size.height()));
    return size * factor;
}

int PixelImageView::heightForWidth(int width) const
{
    const QSize size = imageSize();
    return width * size.height() / size.width();
}

void PixelImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect target = imageRect();
    if (!m_message.isEmpty() || m_image.isNull()) {
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(target.adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(target, m_image);
    if (!m_overlay.isNull())
        painter.drawImage(target, m_overlay);
    const int factor = scale();
    if (factor >= kGridFromScale && target.width() == m_image.width() * factor) {
        // A faint grid: visible on black and on white, never louder than the image.
        painter.setPen(QPen(QColor(128, 128, 128, 70), 0));
        for (int x = 1; x < m_image.width(); ++x)
            painter.drawLine(target.left() + x * factor, target.top(), target.left() + x * factor, target.bottom());
        for (int y = 1; y < m_image.height(); ++y)
            painter.drawLine(target.left(), target.top() + y * factor, target.right(), target.top() + y * factor);
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 0));
    painter.drawRect(target.adjusted(0, 0, -1, -1));
}

} // namespace mlps::ui
