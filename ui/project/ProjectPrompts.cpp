#include "ProjectPrompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QPushButton>

namespace mlps::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("mlps::ui::ProjectPrompts", text);
}

QString projectFilter()
{
    return tr("MLP Studio projects (*.mlpstudio);;All files (*)");
}

} // namespace

ProjectPrompts ProjectPrompts::dialogs(QWidget* parent)
{
    // The window may go before a prompt is used (it owns the session).
    QPointer<QWidget> owner(parent);
    ProjectPrompts prompts;
    prompts.askSave = [owner](const QString& name) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("Do you want to save the changes to %1?").arg(name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, owner);
        box.setInformativeText(tr("Your changes are lost if you don't save them."));
        box.setDefaultButton(QMessageBox::Save);
        return QMessageBox::StandardButton(box.exec());
    };
    prompts.locateDataset = [owner](const QString& missingPath, bool folder) {
        const QString title = tr("Where is %1 now?").arg(QFileInfo(missingPath).fileName());
        QString start = QFileInfo(missingPath).absolutePath();
        if (!QFileInfo::exists(start))
            start.clear();
        return folder ? QFileDialog::getExistingDirectory(owner, title, start)
                      : QFileDialog::getOpenFileName(owner, title, start, tr("All files (*)"));
    };
    prompts.openChangedData = [owner](const QString& message) {
        QMessageBox box(QMessageBox::Warning, tr("Different data"), message, QMessageBox::Cancel, owner);
        box.setInformativeText(tr("The runs cannot be shown on other data. You can open the network and its "
                                  "training settings without the runs, as a new untitled project."));
        QPushButton* design = box.addButton(tr("Open the &Design Only"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        return box.clickedButton() == design;
    };
    prompts.showError = [owner](const QString& title, const QString& text) {
        QMessageBox::warning(owner, title, text);
    };
    prompts.chooseSavePath = [owner](const QString& suggested) {
        QString path = QFileDialog::getSaveFileName(owner, tr("Save Project"), suggested, projectFilter());
        if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".mlpstudio");
        return path;
    };
    prompts.chooseOpenPath = [owner](const QString& folder) {
        return QFileDialog::getOpenFileName(owner, tr("Open Project"), folder, projectFilter());
    };
    return prompts;
}

} // namespace mlps::ui
