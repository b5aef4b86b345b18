#include "HeatmapDelegate.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <optional>

namespace mlps::ui {
namespace {

// The font a cell's text is drawn in: the view's, or 80 % of it when that is
// what fits; none when neither does.
std::optional<QFont> fittingFont(const QString& text, const QSize& size, const QFont& font)
{
    QFont candidate = font;
    for (double scale : {1.0, 0.8}) {
        if (font.pointSizeF() > 0)
            candidate.setPointSizeF(font.pointSizeF() * scale);
        else
            candidate.setPixelSize(std::max(1, int(font.pixelSize() * scale)));
        const QFontMetrics metrics(candidate);
        if (metrics.horizontalAdvance(text) + 4 <= size.width() && metrics.height() <= size.height())
            return candidate;
    }
    return std::nullopt;
}

} // namespace

HeatmapDelegate::HeatmapDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

bool HeatmapDelegate::textFits(const QString& text, const QSize& size, const QFont& font)
{
    return fittingFont(text, size, font).has_value();
}

void HeatmapDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    const QRect cell = option.rect;
    // A hairline gap on the right and bottom separates cells of equal colour.
    const QRect fill = cell.width() > 6 ? cell.adjusted(0, 0, -1, -1) : cell;
    painter->fillRect(fill, index.data(Qt::BackgroundRole).value<QBrush>());

    const QString text = index.data(Qt::DisplayRole).toString();
    if (!text.isEmpty()) {
        if (const std::optional<QFont> font = fittingFont(text, fill.size(), option.font)) {
            painter->setFont(*font);
            painter->setPen(index.data(Qt::ForegroundRole).value<QBrush>().color());
            painter->drawText(fill, Qt::AlignCenter, text);
        }
    }

    // Frames drawn inside the cell so that neighbours do not paint over them.
    const int thick = std::clamp(fill.width() / 12, 1, 3);
    if (option.state & QStyle::State_Selected) {
        // The highlight colour with a white line inside it reads on white and
        // on the darkest blue or green alike.
        QPen pen(option.palette.color(QPalette::Active, QPalette::Highlight), thick * 2);
        pen.setJoinStyle(Qt::MiterJoin);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(fill).adjusted(thick, thick, -thick, -thick));
        if (fill.width() > 4 * thick + 4) {
            painter->setPen(QPen(Qt::white, 1));
            const qreal inset = 2 * thick + 0.5;
            painter->drawRect(QRectF(fill).adjusted(inset, inset, -inset, -inset));
        }
    }
    if (option.state & QStyle::State_MouseOver) {
        painter->setPen(QPen(QColor(0x20, 0x20, 0x20), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(fill).adjusted(0.5, 0.5, -0.5, -0.5));
    }
    if (option.state & QStyle::State_HasFocus) {
        QPen pen(QColor(0x20, 0x20, 0x20), 1, Qt::DotLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        const qreal inset = thick * 2 + 2.5;
        if (fill.width() > 2 * inset + 2)
            painter->drawRect(QRectF(fill).adjusted(inset, inset, -inset, -inset));
    }
    painter->restore();
}

QSize HeatmapDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Square cells wide enough for the text; the view sets the actual size.
    const QFontMetrics metrics(option.font);
    const int side = std::max(metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 8,
                              metrics.height() * 2);
    return {side, side};
}

} // namespace mlps::ui
