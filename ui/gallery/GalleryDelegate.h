#pragma once

#include <QStyledItemDelegate>

namespace mlps::ui {

// Paints one gallery item: the thumbnail (Qt::DecorationRole) centred with a
// margin above it, and its caption (Qt::DisplayRole) under it, elided to the
// item's width, over the style's item background (selection, hover) with a
// focus frame on the current item. The item size is the model's
// Qt::SizeHintRole when it gives one.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit GalleryDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The empty space around the thumbnail and the caption.
    static int margin(const QFontMetrics& metrics);
};

} // namespace mlps::ui
