#pragma once

#include <QMainWindow>

namespace mlps::ui {

// The studio's main window. It only wires features together; the features
// themselves (designer, dashboard, evaluation) live in their own classes.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void restoreSettings();
};

} // namespace mlps::ui
