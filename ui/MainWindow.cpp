#include "MainWindow.h"

#include "AboutDialog.h"
#include "NetworkDocument.h"
#include "Presets.h"
#include "RunExportActions.h"
#include "RunLauncher.h"
#include "RunRecord.h"
#include "RunStatusWidget.h"
#include "RunStore.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "TrainingJob.h"
#include "TrainingResult.h"
#include "dashboard/TrainingDashboard.h"
#include "dataset/DatasetPanel.h"
#include "designer/DesignerPanel.h"
#include "evaluation/EvaluationView.h"
#include "gallery/MisclassifiedGallery.h"
#include "project/ProjectSession.h"
#include "runs/RunComparisonView.h"
#include "runs/RunListPanel.h"
#include "setup/TrainingSetupPanel.h"

#include <QApplication>
#include <QDateTime>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace mlps::ui {

namespace {

QStringList classNames(const Dataset& data)
{
    QStringList names;
    for (const std::string& name : data.classNames)
        names << QString::fromStdString(name);
    return names;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new NetworkDocument(this))
    , m_controller(new TrainingController(this))
    , m_datasetPanel(new DatasetPanel)
    , m_designerPanel(nullptr)
    , m_setupPanel(nullptr)
    , m_dashboard(new TrainingDashboard)
    , m_runs(new RunStore(this))
    , m_evaluation(new EvaluationView)
    , m_gallery(new MisclassifiedGallery)
    , m_comparison(new RunComparisonView)
    , m_runList(new RunListPanel(m_runs))
    , m_centralTabs(new QTabWidget)
    , m_runStatus(new RunStatusWidget)
    , m_launcher(new RunLauncher(m_controller, m_runs, this))
    , m_session(new ProjectSession(m_document, m_runs, m_datasetPanel, this, this))
{
    m_trainingActions = new TrainingActions(m_controller, m_launcher, m_runs, this);
    m_session->setRunLauncher(m_launcher); // a paused run is saved as it stands
    setWindowTitle(m_session->windowTitle());
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    setTabPosition(Qt::LeftDockWidgetArea, QTabWidget::North);

    // The studio opens on the reference lab's network, ready to train.
    // Every core trains (the presets take the thread count from the document).
    Preset lab = Presets::find(*m_document, QString::fromLatin1(Presets::kLabNetwork));
    lab.training.threads = std::clamp(QThread::idealThreadCount(), 1, 64);
    m_document->reset(lab.network, lab.training);
    m_designerPanel = new DesignerPanel(m_document);
    m_setupPanel = new TrainingSetupPanel(m_document);

    // The middle: the live dashboard, then the views of a finished run.
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setAccessibleName(tr("Views"));
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_dashboard, tr("Dashboard"));
    m_centralTabs->addTab(m_evaluation, tr("Evaluation"));
    m_centralTabs->addTab(m_gallery, tr("Misclassified"));
    m_centralTabs->addTab(m_comparison, tr("Compare Runs"));
    m_dashboard->setAccessibleName(tr("Training dashboard"));
    setCentralWidget(m_centralTabs);
    // Left: Data, Network, Training and Runs as tabs, in the order of the
    // work; each needs the full height at 1280 x 800. Docks can be moved.
    m_dataDock = addPanelDock(m_datasetPanel, tr("Data"), QStringLiteral("dataDock"));
    m_networkDock = addPanelDock(m_designerPanel, tr("Network"), QStringLiteral("networkDock"));
    m_trainingDock = addPanelDock(m_setupPanel, tr("Training"), QStringLiteral("trainingDock"));
    m_runsDock = addPanelDock(m_runList, tr("Runs"), QStringLiteral("runsDock"));
    tabifyDockWidget(m_dataDock, m_networkDock);
    tabifyDockWidget(m_networkDock, m_trainingDock);
    tabifyDockWidget(m_trainingDock, m_runsDock);
    m_networkDock->raise();
    resizeDocks({m_networkDock}, {400}, Qt::Horizontal);

    statusBar()->addPermanentWidget(m_runStatus);
    m_runList->addRunAction(m_trainingActions->continueRun());
    m_exportActions = new RunExportActions(m_runs, this, this);
    createActions();

    connect(m_datasetPanel, &DatasetPanel::datasetChanged, this, &MainWindow::onDatasetChanged);
    connect(m_datasetPanel, &DatasetPanel::splitChanged, this, [this] {
        m_setupPanel->setTrainingSamples(m_datasetPanel->hasData() ? qint64(m_datasetPanel->split().train.size()) : 0);
        updateRunProblem();
    });
    connect(m_datasetPanel, &DatasetPanel::loadingStarted, this, [this](const QString& what) {
        statusBar()->showMessage(tr("Loading %1…").arg(what));
        updateRunProblem();
    });
    connect(m_datasetPanel, &DatasetPanel::loadingFinished, this, [this](bool ok, const QString& message) {
        statusBar()->showMessage(ok ? message : tr("Could not load the data: %1").arg(message), ok ? 8000 : 0);
        updateRunProblem();
    });
    connect(m_document, &NetworkDocument::networkChanged, this, &MainWindow::updateRunProblem);
    connect(m_document, &NetworkDocument::trainingChanged, this, &MainWindow::updateRunProblem);
    connect(m_setupPanel, &TrainingSetupPanel::planChanged, this, &MainWindow::updateRunProblem);

    connect(m_trainingActions, &TrainingActions::trainRequested, this, &MainWindow::startRun);
    connect(m_trainingActions, &TrainingActions::continueRequested, m_launcher, &RunLauncher::continueRun);
    connect(m_launcher, &RunLauncher::runStarted, this, &MainWindow::onRunStarted);
    connect(m_launcher, &RunLauncher::runEnded, this, &MainWindow::onRunEnded);
    connect(m_controller, &TrainingController::progress, m_dashboard, &TrainingDashboard::addProgress);
    connect(m_controller, &TrainingController::progress, m_runStatus, &RunStatusWidget::showProgress);
    connect(m_controller, &TrainingController::paused, m_runStatus, &RunStatusWidget::showPaused);
    connect(m_controller, &TrainingController::paused, m_dashboard, &TrainingDashboard::setPaused);
    connect(m_controller, &TrainingController::progress, this, [this](const TrainingProgress& progress) {
        const std::shared_ptr<const RunRecord> run = m_launcher->running();
        if (progress.validation && run && !progress.newEpochs.empty()) {
            m_evaluation->showLiveValidation(progress.validation, classNames(*run->job.data),
                                             progress.newEpochs.back().epoch);
        }
    });

    // The dashboard shows the current run while none trains (the run training keeps it).
    const auto showCurrentRun = [this] {
        if (m_dashboard->isRunActive())
            return;
        if (const RunStore::RunPointer run = m_runs->current())
            m_dashboard->showRun(*run);
        else
            m_dashboard->clear();
    };
    connect(m_runs, &RunStore::currentChanged, m_dashboard, showCurrentRun);

    // From a run to its mistakes: the evaluation's cells, the comparison's
    // fixed and broken samples, into the gallery.
    connect(m_runs, &RunStore::currentChanged, m_evaluation, &EvaluationView::showRun);
    connect(m_evaluation, &EvaluationView::samplesRequested, this,
            [this](std::shared_ptr<const RunRecord> run, EvaluationView::Set set, const QList<QPoint>& cells) {
                m_gallery->showSamples(std::move(run), MisclassifiedGallery::Set(int(set)), cells);
                m_centralTabs->setCurrentWidget(m_gallery);
            });
    connect(m_runList, &RunListPanel::compareRequested, this,
            [this](std::shared_ptr<const RunRecord> first, std::shared_ptr<const RunRecord> second) {
                m_comparison->compare(std::move(first), std::move(second));
                m_centralTabs->setCurrentWidget(m_comparison);
            });
    // A continued run's new record takes the old one's place in the comparison too.
    connect(m_runs, &RunStore::runReplaced, this, [this](int row) {
        const RunStore::RunPointer run = m_runs->run(row);
        RunStore::RunPointer first = m_comparison->firstRun();
        RunStore::RunPointer second = m_comparison->secondRun();
        if (!run || !first || !second || (first->id != run->id && second->id != run->id))
            return;
        m_comparison->compare(first->id == run->id ? run : first, second->id == run->id ? run : second);
    });
    connect(m_comparison, &RunComparisonView::samplesRequested, this,
            [this](std::shared_ptr<const RunRecord> run, const QList<qint64>& indices, const QString& title) {
                m_gallery->showIndices(std::move(run), MisclassifiedGallery::Set::Test, indices, title);
                m_centralTabs->setCurrentWidget(m_gallery);
            });

    // The project: the title, and letting go of the old runs when it is replaced.
    connect(m_session, &ProjectSession::titleChanged, this, &QWidget::setWindowTitle);
    connect(m_session, &ProjectSession::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_session, &ProjectSession::recentFilesChanged, this, &MainWindow::updateRecentMenu);
    connect(m_session, &ProjectSession::projectReplaced, this, [this, showCurrentRun] {
        showCurrentRun();
        m_gallery->clear();
        m_comparison->compare(nullptr, nullptr);
    });

    updateRunProblem();
    statusBar()->showMessage(tr("Ready"));
    m_defaultState = saveState();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title, const QString& objectName)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setAccessibleName(title);
    dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    return dock;
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* newProject = fileMenu->addAction(style()->standardIcon(QStyle::SP_FileIcon), tr("&New Project"), this,
                                              &MainWindow::newProject);
    newProject->setObjectName(QStringLiteral("actionNew"));
    newProject->setShortcut(QKeySequence::New);
    newProject->setToolTip(tr("Start a new project on the Lab network, without runs"));
    QAction* openProject = fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Project…"),
                                               this, [this] {
                                                   if (stopRunInProgress())
                                                       m_session->openWithDialog();
                                               });
    openProject->setObjectName(QStringLiteral("actionOpenProject"));
    openProject->setShortcut(QKeySequence::Open);
    openProject->setToolTip(tr("Open an MLP Studio project (.mlpstudio) with its data and runs"));
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_recentMenu->setAccessibleName(tr("Recent projects"));
    updateRecentMenu();
    QAction* save = fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this,
                                        [this] { m_session->save(); });
    save->setObjectName(QStringLiteral("actionSave"));
    save->setShortcut(QKeySequence::Save);
    save->setToolTip(tr("Save the project: data, split, design and every run with its weights"));
    QAction* saveAs = fileMenu->addAction(tr("Save &As…"), this, [this] { m_session->saveAs(); });
    saveAs->setObjectName(QStringLiteral("actionSaveAs"));
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    fileMenu->addSeparator();
    QAction* openFile = fileMenu->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Dataset…"),
                                            this, [this] {
                                                m_dataDock->raise();
                                                m_datasetPanel->chooseFile();
                                            });
    openFile->setObjectName(QStringLiteral("actionOpenDataset"));
    openFile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openFile->setToolTip(tr("Open a dataset file: notMNIST .tar.gz, .zip, IDX, CSV, NumPy"));
    QAction* openFolder = fileMenu->addAction(tr("Open Dataset &Folder…"), this, [this] {
        m_dataDock->raise();
        m_datasetPanel->chooseFolder();
    });
    openFolder->setObjectName(QStringLiteral("actionOpenFolder"));
    QAction* builtIn = fileMenu->addAction(tr("Built-in &Font Letters"), this, [this] {
        m_dataDock->raise();
        m_datasetPanel->loadBuiltIn();
    });
    builtIn->setObjectName(QStringLiteral("actionBuiltIn"));
    fileMenu->addSeparator();
    fileMenu->addMenu(m_exportActions->menu());
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"), style()->standardIcon(QStyle::SP_ArrowBack)));
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    // The platform's Redo and Ctrl+Y, once (Redo may be Ctrl+Y itself: twice would make it ambiguous).
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys << QKeySequence(Qt::CTRL | Qt::Key_Y);
    redo->setShortcuts(redoKeys);
    redo->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo"), style()->standardIcon(QStyle::SP_ArrowForward)));
    editMenu->addAction(undo);
    editMenu->addAction(redo);

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_trainingActions->train());
    runMenu->addAction(m_trainingActions->continueRun());
    runMenu->addAction(m_trainingActions->pause());
    runMenu->addAction(m_trainingActions->stop());

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    const struct {
        QDockWidget* dock;
        QKeySequence key;
        std::function<void()> focus;
    } docks[] = {
        {m_dataDock, QKeySequence(Qt::ALT | Qt::Key_1), [] {}},
        {m_networkDock, QKeySequence(Qt::ALT | Qt::Key_2), [this] { m_designerPanel->focusStack(); }},
        {m_trainingDock, QKeySequence(Qt::ALT | Qt::Key_3), [] {}},
        {m_runsDock, QKeySequence(Qt::ALT | Qt::Key_4), [] {}},
    };
    for (const auto& entry : docks) {
        QAction* show = viewMenu->addAction(entry.dock->windowTitle(), this, [dock = entry.dock, focus = entry.focus] {
            dock->show();
            dock->raise();
            dock->widget()->setFocus(Qt::ShortcutFocusReason);
            focus();
        });
        show->setShortcut(entry.key);
        show->setObjectName(QStringLiteral("actionShow_") + entry.dock->objectName());
    }
    viewMenu->addSeparator();
    for (int tab = 0; tab < m_centralTabs->count(); ++tab) {
        QAction* show = viewMenu->addAction(m_centralTabs->tabText(tab), this, [this, tab] {
            m_centralTabs->setCurrentIndex(tab);
            m_centralTabs->currentWidget()->setFocus(Qt::ShortcutFocusReason);
        });
        show->setShortcut(QKeySequence(int(Qt::CTRL) | int(Qt::Key_1 + tab)));
        show->setObjectName(QStringLiteral("actionShowTab%1").arg(tab));
    }
    viewMenu->addSeparator();
    QAction* resetLayout = viewMenu->addAction(tr("&Reset Layout"), this, [this] { restoreState(m_defaultState); });
    resetLayout->setObjectName(QStringLiteral("actionResetLayout"));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About MLP Studio"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setAccessibleName(tr("Main toolbar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(newProject);
    toolBar->addAction(openProject);
    toolBar->addAction(save);
    toolBar->addAction(openFile);
    toolBar->addSeparator();
    toolBar->addAction(undo);
    toolBar->addAction(redo);
    toolBar->addSeparator();
    toolBar->addAction(m_trainingActions->train());
    toolBar->addAction(m_trainingActions->continueRun());
    toolBar->addAction(m_trainingActions->pause());
    toolBar->addAction(m_trainingActions->stop());
}

void MainWindow::newProject()
{
    if (!stopRunInProgress() || !m_session->maybeSave())
        return;
    const Preset lab = Presets::find(*m_document, QString::fromLatin1(Presets::kLabNetwork));
    m_session->newProject(lab.network, lab.training);
    m_networkDock->raise();
}

bool MainWindow::openProject(const QString& path)
{
    if (!stopRunInProgress())
        return false;
    return m_session->open(path);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_session->recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& file = files.at(i);
        // &1 .. &8: each entry has its own mnemonic.
        QAction* open = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(file).fileName()), this, [this, file] {
            if (stopRunInProgress() && m_session->maybeSave())
                m_session->open(file);
        });
        open->setToolTip(QDir::toNativeSeparators(file));
        open->setStatusTip(QDir::toNativeSeparators(file));
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear the List"), this, [this] { m_session->clearRecentFiles(); });
    clear->setObjectName(QStringLiteral("actionClearRecent"));
    clear->setEnabled(!files.isEmpty());
}

void MainWindow::loadDefaultDataset()
{
    m_datasetPanel->loadBuiltIn();
}

void MainWindow::onDatasetChanged()
{
    const std::shared_ptr<const Dataset> dataset = m_datasetPanel->dataset();
    if (dataset)
        m_document->setDataShape(dataset->features(), dataset->classes(), dataset->width, dataset->height);
    updateRunProblem();
}

QString MainWindow::runProblem() const
{
    if (QString problem = m_datasetPanel->problem(); !problem.isEmpty())
        return problem;
    const std::shared_ptr<const Dataset> dataset = m_datasetPanel->dataset();
    const NetworkSpec& network = m_document->network();
    if (dataset && (network.inputSize != dataset->features() || network.classes != dataset->classes()))
        return tr("the network expects %1 inputs and %2 classes, the data has %3 and %4")
            .arg(network.inputSize).arg(network.classes).arg(dataset->features()).arg(dataset->classes());
    if (const std::string problem = network.validate(); !problem.empty())
        return QString::fromStdString(problem);
    return m_setupPanel->problem();
}

void MainWindow::updateRunProblem()
{
    m_trainingActions->setProblem(runProblem());
}

void MainWindow::startRun()
{
    TrainingJob job;
    m_nextRunId = std::max(m_nextRunId, m_session->nextRunId()); // after opening a project
    job.runId = m_nextRunId++;
    const QString preset = Presets::matching(*m_document);
    const QString design = preset.isEmpty() ? tr("Custom network") : Presets::find(*m_document, preset).name;
    job.name = tr("Run %1 · %2 on %3").arg(job.runId).arg(design, m_datasetPanel->datasetName());
    job.network = m_document->network();
    job.config = m_document->training();
    job.data = m_datasetPanel->dataset();
    job.split = m_datasetPanel->split();

    auto run = std::make_shared<RunRecord>();
    run->id = job.runId;
    run->name = job.name;
    run->planText = m_setupPanel->planText();
    run->dataName = m_datasetPanel->datasetName();
    run->startedAt = QDateTime::currentDateTime();
    run->job = job;
    m_launcher->start(std::move(run));
}

void MainWindow::onRunStarted(const std::shared_ptr<const RunRecord>& run)
{
    m_centralTabs->setCurrentWidget(m_dashboard);
    QString plan = run->planText;
    if (run->job.resumeFrom) {
        const QLocale locale;
        plan = tr("Continues from step %1 of %2. %3")
                   .arg(locale.toString(qint64(run->job.resumeFrom->step)),
                        locale.toString(qint64(run->plannedSteps())), run->planText);
        statusBar()->showMessage(tr("Continuing %1").arg(run->name));
        m_runList->setTrainingRunId(run->id);
    } else {
        statusBar()->showMessage(tr("Training %1").arg(run->name));
    }
    m_dashboard->beginRun(run->job, plan, run->result.batchLosses);
    m_runStatus->showStarted();
}

void MainWindow::onRunEnded(const std::shared_ptr<const RunRecord>& run, const TrainingResult& result)
{
    // The record's result: a continued run's time adds up its parts. A
    // continuation that could not start left the record as it was.
    m_dashboard->finishRun(result.status == TrainingStatus::Failed || !run ? result : run->result);
    m_runStatus->showIdle();
    m_runList->setTrainingRunId(0);
    statusBar()->showMessage(m_dashboard->statusText());
    updateRunProblem();
}

bool MainWindow::stopRunInProgress()
{
    if (!m_controller->isRunning())
        return true;
    if (m_stoppingRun)
        return false; // already waiting for it
    m_stoppingRun = true;
    statusBar()->showMessage(tr("Stopping the run in progress…"));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool stopped = m_launcher->stopAndWait();
    QApplication::restoreOverrideCursor();
    m_stoppingRun = false;
    return stopped;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_stoppingRun) {
        event->ignore(); // closed again while the run stops: the first close goes on
        return;
    }
    // A run in progress stops first: it is kept as a stopped run that can be
    // continued, and the question about unsaved changes includes it. (One
    // that does not end in time is stopped by the controller's destructor.)
    stopRunInProgress();
    if (!m_session->maybeSave()) {
        event->ignore();
        return;
    }
    m_datasetPanel->cancelLoading();
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    event->accept();
}

} // namespace mlps::ui
