#include "RunExportActions.h"

#include "RunRecord.h"
#include "RunStore.h"

#include "export/ExportError.h"
#include "export/ExportedModel.h"
#include "export/NpzExporter.h"
#include "export/OnnxExporter.h"
#include "export/PyTorchExporter.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace mlps::ui {

namespace {

constexpr auto kFolderKey = "export/folder";

QString baseName(const RunRecord& run)
{
    return QStringLiteral("run-%1").arg(run.id);
}

} // namespace

RunExportActions::RunExportActions(RunStore* runs, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_runs(runs)
    , m_window(window)
    , m_menu(new QMenu(tr("E&xport Run"), window))
    , m_npz(m_menu->addAction(tr("&NumPy Weights (.npz)…")))
    , m_onnx(m_menu->addAction(tr("&ONNX Model (.onnx)…")))
    , m_pytorch(m_menu->addAction(tr("&PyTorch Project…")))
{
    m_menu->setObjectName(QStringLiteral("exportRunMenu"));
    m_npz->setObjectName(QStringLiteral("actionExportNpz"));
    m_onnx->setObjectName(QStringLiteral("actionExportOnnx"));
    m_pytorch->setObjectName(QStringLiteral("actionExportPyTorch"));
    m_npz->setStatusTip(tr("The current run's weights and biases as NumPy arrays, for numpy.load"));
    m_onnx->setStatusTip(tr("The current run's network as an ONNX model (opset 13)"));
    m_pytorch->setStatusTip(tr("A folder with the same network in PyTorch and a train.py that trains on, also with torchrun"));
    connect(m_npz, &QAction::triggered, this, [this] { run(Format::Npz); });
    connect(m_onnx, &QAction::triggered, this, [this] { run(Format::Onnx); });
    connect(m_pytorch, &QAction::triggered, this, [this] { run(Format::PyTorch); });
    connect(m_runs, &RunStore::currentChanged, this, &RunExportActions::update);

    m_choosePath = [this](Format format, const QString& suggested) {
        if (format == Format::PyTorch)
            return QFileDialog::getExistingDirectory(m_window, tr("Export a PyTorch Project Into"), QFileInfo(suggested).path());
        const QString filter = format == Format::Npz ? tr("NumPy arrays (*.npz)") : tr("ONNX models (*.onnx)");
        return QFileDialog::getSaveFileName(m_window, tr("Export Run"), suggested, filter);
    };
    update();
}

QAction* RunExportActions::action(Format format) const
{
    switch (format) {
    case Format::Npz: return m_npz;
    case Format::Onnx: return m_onnx;
    case Format::PyTorch: return m_pytorch;
    }
    return nullptr;
}

ExportedModel RunExportActions::modelOf(const RunRecord& run)
{
    ExportedModel model;
    model.network = run.job.network;
    model.parameters = run.result.parameters;
    model.config = run.job.config;
    model.classNames = run.classNames();
    model.imageWidth = run.job.data->width;
    model.imageHeight = run.job.data->height;
    model.name = run.name.toStdString();
    return model;
}

bool RunExportActions::exportCurrent(Format format, const QString& path, QString* error) const
{
    const auto current = m_runs->current();
    if (!current || current->result.parameters.size() == 0) {
        if (error)
            *error = tr("There is no trained run to export.");
        return false;
    }
    const ExportedModel model = modelOf(*current);
    if (const std::string problem = model.validate(); !problem.empty()) {
        if (error)
            *error = tr("%1 cannot be exported: %2").arg(current->name, QString::fromStdString(problem));
        return false;
    }
    try {
        const std::string target = path.toStdString();
        if (format == Format::Npz)
            NpzExporter::write(model, target);
        else if (format == Format::Onnx)
            OnnxExporter::write(model, target);
        else
            PyTorchExporter::write(model, target);
    } catch (const ExportError& failure) {
        if (error)
            *error = QString::fromStdString(failure.what());
        return false;
    }
    return true;
}

void RunExportActions::update()
{
    const auto current = m_runs->current();
    const bool trained = current && current->result.parameters.size() > 0;
    m_menu->setEnabled(trained);
    for (QAction* each : {m_npz, m_onnx, m_pytorch})
        each->setEnabled(trained);
}

void RunExportActions::run(Format format)
{
    const auto current = m_runs->current();
    if (!current)
        return;
    QSettings settings;
    const QString folder = settings.value(QString::fromLatin1(kFolderKey), QDir::homePath()).toString();
    QString suggested = QDir(folder).filePath(baseName(*current));
    if (format == Format::Npz)
        suggested += QStringLiteral(".npz");
    else if (format == Format::Onnx)
        suggested += QStringLiteral(".onnx");
    const QString path = m_choosePath(format, suggested);
    if (path.isEmpty())
        return;
    settings.setValue(QString::fromLatin1(kFolderKey), format == Format::PyTorch ? path : QFileInfo(path).path());
    QString error;
    if (!exportCurrent(format, path, &error))
        QMessageBox::warning(m_window, tr("Export failed"), error);
}

} // namespace mlps::ui
