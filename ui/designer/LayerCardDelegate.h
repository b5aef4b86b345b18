#pragma once

#include <QStyledItemDelegate>

namespace mlps::ui {

// Draws a LayerStackModel row as a card: a stripe in the layer's colour, the
// type and main number ("Dense 128 units", "Dropout rate 0.5") on the first
// line, the activation and L2 (or what dropout does) on the second, and on
// the right the layer's parameter count and output width.
//
// Editing in place (F2, double-click) edits the main number in a line edit
// over the card. The value goes through LayerStackModel::setData, which
// validates it; when it is refused the layer keeps its value and
// editRefused() carries the model's reason.
class LayerCardDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit LayerCardDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;

signals:
    // An in-place edit was refused; `reason` is for the user.
    void editRefused(const QString& reason) const;
    // An in-place edit was accepted.
    void editAccepted() const;

private:
    // The card's rectangle inside the row (rows have a small gap between cards).
    static QRect cardRect(const QStyleOptionViewItem& option);
    static int padding(const QStyleOptionViewItem& option);
};

} // namespace mlps::ui
