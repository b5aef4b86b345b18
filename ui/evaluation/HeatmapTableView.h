#pragma once

#include <QPersistentModelIndex>
#include <QTableView>

namespace mlps::ui {

// The grid of the confusion heatmap: square cells of one size, class headers,
// extended selection (Ctrl/Shift-click, Shift+arrows, drag, a header click for
// a whole row or column). A plain click on a cell, or Enter, asks to open the
// samples: cellClicked() / activationRequested(); hovering reports the cell
// under the mouse.
class HeatmapTableView : public QTableView {
    Q_OBJECT

public:
    explicit HeatmapTableView(QWidget* parent = nullptr);

    // The side of every cell, in device-independent pixels.
    void setCellSize(int side);
    int cellSize() const { return m_cellSize; }
    QModelIndex hoveredIndex() const { return m_hovered; }

signals:
    // A left click without Ctrl or Shift that pressed and released on `index`.
    void cellClicked(const QModelIndex& index);
    // Enter or Return: open the selected cells.
    void activationRequested();
    // The cell under the mouse; invalid when the mouse left the grid.
    void hoveredChanged(const QModelIndex& index);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void setHovered(const QModelIndex& index);

    int m_cellSize = 24;
    QPersistentModelIndex m_pressed;
    QPersistentModelIndex m_hovered;
};

} // namespace mlps::ui
