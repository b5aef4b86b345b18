#pragma once

#include <QMessageBox>
#include <QString>

#include <functional>

class QWidget;

namespace mlps::ui {

// The questions saving and opening a project ask the user, as functions so
// that tests can answer them. dialogs() gives the real ones (message boxes
// and file dialogs over `parent`).
struct ProjectPrompts {
    // Unsaved changes in `name`: QMessageBox::Save, Discard or Cancel.
    std::function<QMessageBox::StandardButton(const QString& name)> askSave;
    // The project's data is not at `missingPath` any more: where is it now?
    // `folder` when the data is a folder of images. Empty: cancel.
    std::function<QString(const QString& missingPath, bool folder)> locateDataset;
    // The data found is not the data the project was made with (`message`
    // says so): true opens the design without its runs, false cancels.
    std::function<bool(const QString& message)> openChangedData;
    // Something could not be done; `text` names the file and the problem.
    std::function<void(const QString& title, const QString& text)> showError;
    // Where to save (a file dialog starting at `suggested`); empty: cancel.
    std::function<QString(const QString& suggested)> chooseSavePath;
    // Which project to open (a file dialog starting in `folder`); empty: cancel.
    std::function<QString(const QString& folder)> chooseOpenPath;

    static ProjectPrompts dialogs(QWidget* parent);
};

} // namespace mlps::ui
