#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace mlps {
struct ExportedModel;
}

namespace mlps::ui {

class RunStore;
struct RunRecord;

// File > Export Run: the current run's trained weights as NumPy arrays
// (.npz), an ONNX model or a PyTorch project folder (core/export). Enabled
// while the current run has weights; errors are shown, naming the file.
class RunExportActions : public QObject {
    Q_OBJECT

public:
    enum class Format { Npz, Onnx, PyTorch };
    // Where to write (a file, or a folder for PyTorch); empty: cancelled.
    using PathChooser = std::function<QString(Format format, const QString& suggested)>;

    RunExportActions(RunStore* runs, QWidget* window, QObject* parent = nullptr);

    QMenu* menu() const { return m_menu; }
    QAction* action(Format format) const;
    // For tests: answers the file dialog.
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }

    // Writes the current run in `format` to `path`; returns false (and says
    // why in *error) when it cannot.
    bool exportCurrent(Format format, const QString& path, QString* error = nullptr) const;

    // The model to export from a run (its network, weights, settings, classes).
    static ExportedModel modelOf(const RunRecord& run);

private:
    void update();
    void run(Format format);

    RunStore* m_runs;
    QWidget* m_window;
    QMenu* m_menu;
    QAction* m_npz;
    QAction* m_onnx;
    QAction* m_pytorch;
    PathChooser m_choosePath;
};

} // namespace mlps::ui
