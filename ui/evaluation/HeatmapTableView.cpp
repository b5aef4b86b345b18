#include "HeatmapTableView.h"

#include "ClassHeaderView.h"

#include <QHoverEvent>
#include <QKeyEvent>
#include <QMouseEvent>

#include <algorithm>

namespace mlps::ui {

HeatmapTableView::HeatmapTableView(QWidget* parent)
    : QTableView(parent)
{
    setHorizontalHeader(new ClassHeaderView(Qt::Horizontal, this));
    setVerticalHeader(new ClassHeaderView(Qt::Vertical, this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setShowGrid(false);
    setCornerButtonEnabled(false);
    // The corner between the headers is no button here: paint it flat.
    setStyleSheet(QStringLiteral("QTableCornerButton::section { background: palette(window); border: none; }"));
    setWordWrap(false);
    setTabKeyNavigation(false); // Tab leaves the grid; arrows move in it
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_Hover, true);
    setCellSize(m_cellSize);
}

void HeatmapTableView::setCellSize(int side)
{
    side = std::max(1, side);
    m_cellSize = side;
    for (QHeaderView* header : {horizontalHeader(), verticalHeader()}) {
        header->setMinimumSectionSize(1);
        header->setDefaultSectionSize(side);
        header->updateGeometry();
    }
    updateGeometries();
    viewport()->update();
}

void HeatmapTableView::mousePressEvent(QMouseEvent* event)
{
    const bool plain = event->button() == Qt::LeftButton &&
                       !(event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier));
    m_pressed = plain ? QPersistentModelIndex(indexAt(event->position().toPoint())) : QPersistentModelIndex();
    QTableView::mousePressEvent(event);
}

void HeatmapTableView::mouseReleaseEvent(QMouseEvent* event)
{
    QTableView::mouseReleaseEvent(event);
    const QModelIndex released = indexAt(event->position().toPoint());
    const bool plain = event->button() == Qt::LeftButton &&
                       !(event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier));
    if (plain && m_pressed.isValid() && released == m_pressed)
        emit cellClicked(released);
    m_pressed = QPersistentModelIndex();
}

void HeatmapTableView::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        !(event->modifiers() & ~Qt::KeypadModifier)) {
        emit activationRequested();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

bool HeatmapTableView::viewportEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::HoverEnter:
    case QEvent::HoverMove:
        setHovered(indexAt(static_cast<QHoverEvent*>(event)->position().toPoint()));
        break;
    case QEvent::HoverLeave:
    case QEvent::Leave:
        setHovered({});
        break;
    default:
        break;
    }
    return QTableView::viewportEvent(event);
}

void HeatmapTableView::setHovered(const QModelIndex& index)
{
    if (index == m_hovered)
        return;
    m_hovered = index;
    emit hoveredChanged(index);
}

} // namespace mlps::ui
