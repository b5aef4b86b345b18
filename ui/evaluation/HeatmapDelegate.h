#pragma once

#include <QStyledItemDelegate>

namespace mlps::ui {

// Paints a confusion-matrix cell: its colour (the model's BackgroundRole)
// edge to edge with a hairline gap, its text centred when it fits (smaller
// type first, none at all when the cells get tiny, e.g. 47 classes — the
// tooltip still tells), a frame in the highlight colour when selected (so the
// cell's own colour stays visible), a thin dark frame under the mouse and a
// dotted one for the keyboard's current cell.
class HeatmapDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit HeatmapDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Whether `text` is drawn in a cell of `size` with `font` (at full or
    // reduced size); the view's tests and the heatmap's "text hidden" state use it.
    static bool textFits(const QString& text, const QSize& size, const QFont& font);
};

} // namespace mlps::ui
