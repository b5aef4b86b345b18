#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QMenu;
class QTabWidget;

namespace mlps::ui {

class DatasetPanel;
class DesignerPanel;
class EvaluationView;
class MisclassifiedGallery;
class NetworkDocument;
class ProjectSession;
class RunComparisonView;
class RunExportActions;
class RunLauncher;
class RunListPanel;
class RunStatusWidget;
class RunStore;
class TrainingActions;
class TrainingController;
class TrainingDashboard;
class TrainingSetupPanel;
struct RunRecord;
struct TrainingResult;

// The studio's main window. It only wires features together: the dataset,
// network and training docks on the left, the live dashboard in the middle,
// the actions in menus and the toolbar, the run's progress in the status bar.
// The features themselves live in their own classes.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads the built-in Font letters in the background (what the studio opens on).
    void loadDefaultDataset();
    // Opens a project file (its data loads in the background); false when it
    // could not be opened (the user was told why).
    bool openProject(const QString& path);

    NetworkDocument* document() const { return m_document; }
    DatasetPanel* datasetPanel() const { return m_datasetPanel; }
    DesignerPanel* designerPanel() const { return m_designerPanel; }
    TrainingSetupPanel* setupPanel() const { return m_setupPanel; }
    TrainingDashboard* dashboard() const { return m_dashboard; }
    EvaluationView* evaluationView() const { return m_evaluation; }
    MisclassifiedGallery* gallery() const { return m_gallery; }
    RunComparisonView* comparisonView() const { return m_comparison; }
    RunListPanel* runListPanel() const { return m_runList; }
    RunStore* runStore() const { return m_runs; }
    RunExportActions* exportActions() const { return m_exportActions; }
    // The project file: saving, opening, unsaved changes, the title.
    ProjectSession* session() const { return m_session; }
    QTabWidget* centralTabs() const { return m_centralTabs; }
    TrainingController* controller() const { return m_controller; }
    // The run in progress: starting, continuing, recording it.
    RunLauncher* launcher() const { return m_launcher; }
    TrainingActions* trainingActions() const { return m_trainingActions; }
    RunStatusWidget* runStatus() const { return m_runStatus; }
    // Why Train is unavailable now; empty when a run can start.
    QString runProblem() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const QString& objectName);
    void createActions();
    void onDatasetChanged();
    void updateRunProblem();
    void startRun();
    void onRunStarted(const std::shared_ptr<const RunRecord>& run);
    void onRunEnded(const std::shared_ptr<const RunRecord>& run, const TrainingResult& result);
    // Stops a run in progress and waits until it is kept in the run list (as
    // a stopped run that can be continued): before the window closes or the
    // project is replaced. True when no run is left in progress.
    bool stopRunInProgress();
    void restoreSettings();
    void newProject();
    void updateRecentMenu();

    NetworkDocument* m_document;
    TrainingController* m_controller;
    TrainingActions* m_trainingActions = nullptr;
    DatasetPanel* m_datasetPanel;
    DesignerPanel* m_designerPanel;
    TrainingSetupPanel* m_setupPanel;
    TrainingDashboard* m_dashboard;
    RunStore* m_runs;
    RunExportActions* m_exportActions = nullptr;
    EvaluationView* m_evaluation;
    MisclassifiedGallery* m_gallery;
    RunComparisonView* m_comparison;
    RunListPanel* m_runList;
    QTabWidget* m_centralTabs;
    RunStatusWidget* m_runStatus;
    RunLauncher* m_launcher;
    ProjectSession* m_session;
    QMenu* m_recentMenu = nullptr;
    bool m_stoppingRun = false; // stopRunInProgress() waits for the run to end
    QDockWidget* m_dataDock = nullptr;
    QDockWidget* m_networkDock = nullptr;
    QDockWidget* m_trainingDock = nullptr;
    QDockWidget* m_runsDock = nullptr;
    QByteArray m_defaultState; // the layout before restoring the saved one (View > Reset layout)
    int m_nextRunId = 1;
};

} // namespace mlps::ui
