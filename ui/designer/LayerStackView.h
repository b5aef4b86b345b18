#pragma once

#include <QListView>

namespace mlps::ui {

// The designer's layer stack: a QListView over LayerStackModel that takes
// layers dragged from the palette (copies) and its own rows (moves), shows a
// hint where the layers go when the stack is empty, and turns the editing
// keys into requests the panel carries out as undo commands:
// Delete / Backspace remove the selected layers, Ctrl+Up / Ctrl+Down move them.
// The keys are claimed while the list has focus, so that a window-wide
// shortcut on the same key does not take them away. Every drop, its own rows
// included, goes to LayerStackModel::dropMimeData, so that dragging several
// layers is one undo step.
class LayerStackView : public QListView {
    Q_OBJECT

public:
    explicit LayerStackView(QWidget* parent = nullptr);

    // The text shown in the empty stack.
    QString emptyHint() const;

signals:
    void removeRequested();
    // -1: up, +1: down.
    void moveRequested(int direction);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    // Which request a key press is, if any: 0 none, 1 remove, 2 up, 3 down.
    static int requestFor(const QKeyEvent* event);
};

} // namespace mlps::ui
