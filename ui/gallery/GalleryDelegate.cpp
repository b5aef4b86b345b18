#include "GalleryDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace mlps::ui {

GalleryDelegate::GalleryDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

int GalleryDelegate::margin(const QFontMetrics& metrics)
{
    return std::max(2, metrics.height() / 4);
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant hint = index.data(Qt::SizeHintRole);
    if (hint.isValid())
        return hint.toSize();
    const QFontMetrics& metrics = option.fontMetrics;
    const QSize picture = index.data(Qt::DecorationRole).value<QPixmap>().deviceIndependentSize().toSize();
    const int m = margin(metrics);
    return QSize(std::max(picture.width(), metrics.horizontalAdvance(index.data().toString())) + 2 * m,
                 picture.height() + metrics.height() + 3 * m);
}

void GalleryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // The item's background: selection and hover as the style draws them,
    // over the whole item (thumbnail included), not only behind the caption.
    opt.showDecorationSelected = true;
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QFontMetrics& metrics = option.fontMetrics;
    const int m = margin(metrics);
    const QRect inner = option.rect.adjusted(m, m, -m, -m);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    const QSize picture = pixmap.deviceIndependentSize().toSize();
    const QPoint corner(inner.left() + (inner.width() - picture.width()) / 2, inner.top());
    painter->drawPixmap(corner, pixmap);

    const QRect text(inner.left(), corner.y() + picture.height() + m / 2, inner.width(), metrics.height());
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
        = option.state & QStyle::State_Enabled
              ? (option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive)
              : QPalette::Disabled;
    painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(option.font);
    painter->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                      metrics.elidedText(index.data().toString(), Qt::ElideRight, text.width()));

    if (option.state & QStyle::State_HasFocus) {
        // A plain frame: the style's focus frame may tint the thumbnail under it.
        const QColor highlight = option.palette.color(group, QPalette::Highlight);
        painter->setPen(QPen(selected ? highlight.darker(160) : highlight, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5));
    }
}

} // namespace mlps::ui
