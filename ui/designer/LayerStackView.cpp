#include "LayerStackView.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

namespace mlps::ui {
namespace {
enum Request { None, Remove, Up, Down };
} // namespace

LayerStackView::LayerStackView(QWidget* parent)
    : QListView(parent)
{
    // DragDrop with a Move default, not InternalMove: the model moves rows
    // itself (moveRows / dropMimeData), and palette drops are copies.
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDropIndicatorShown(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setUniformItemSizes(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_Hover); // the card under the mouse is outlined
}

QString LayerStackView::emptyHint() const
{
    return tr("Drag Dense or Dropout here\n(no hidden layer: logistic regression)");
}

int LayerStackView::requestFor(const QKeyEvent* event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && modifiers == Qt::NoModifier)
        return Remove;
    if (modifiers == Qt::ControlModifier && event->key() == Qt::Key_Up)
        return Up;
    if (modifiers == Qt::ControlModifier && event->key() == Qt::Key_Down)
        return Down;
    return None;
}

bool LayerStackView::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && state() != EditingState
        && requestFor(static_cast<QKeyEvent*>(event)) != None) {
        event->accept(); // ours, not a shortcut's: keyPressEvent follows
        return true;
    }
    return QListView::event(event);
}

void LayerStackView::keyPressEvent(QKeyEvent* event)
{
    switch (requestFor(event)) {
    case Remove: emit removeRequested(); event->accept(); return;
    case Up: emit moveRequested(-1); event->accept(); return;
    case Down: emit moveRequested(+1); event->accept(); return;
    default: QListView::keyPressEvent(event);
    }
}

void LayerStackView::dropEvent(QDropEvent* event)
{
    // Not QListView's: for a drag of its own rows it calls moveRow() once per
    // row (one undo step each). The model's dropMimeData moves them together.
    // The drag source then finds the rows not removable (the model has no
    // removeRows), which is what a move within the stack needs.
    QAbstractItemView::dropEvent(event);
}

void LayerStackView::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    if (!model() || model()->rowCount(rootIndex()) > 0)
        return;
    // The empty stack: a dashed drop zone with the hint.
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const int margin = fontMetrics().height() / 2;
    const QRectF zone = QRectF(viewport()->rect()).adjusted(margin, margin, -margin, -margin);
    QPen pen(palette().color(QPalette::Mid));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.5);
    painter.setPen(pen);
    const qreal radius = fontMetrics().height() / 3.0;
    painter.drawRoundedRect(zone, radius, radius);
    QColor hint = palette().color(QPalette::PlaceholderText);
    if (!hint.isValid())
        hint = palette().color(QPalette::Mid);
    painter.setPen(hint);
    painter.drawText(zone, Qt::AlignCenter | Qt::TextWordWrap, emptyHint());
}

} // namespace mlps::ui
