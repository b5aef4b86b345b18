#pragma once

#include "ProjectPrompts.h"

#include "project/Project.h"

#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QWidget;

namespace mlps {
struct Dataset;
}

namespace mlps::ui {

class DatasetPanel;
class NetworkDocument;
class OtherDataRuns;
struct RunRecord;
class RunLauncher;
class RunStore;

// The project the studio window holds: which .mlpstudio file it is (none
// while untitled), whether it has unsaved changes, saving it, opening
// another one, starting a new one, and the recent files.
//
// Unsaved changes: design edits (the document's undo stack is not clean),
// runs added, removed or continued, and other data or split settings than when the file
// was last saved or opened. An untitled project nobody has worked on yet
// (no design edit, no run) is never "modified": loading data alone is not
// work worth asking about when the window closes.
//
// Opening reads the whole file first (a corrupt or foreign file changes
// nothing), then looks for its data: when it moved, the user is asked where
// it is now; when the content differs, the user is told and can open the
// design alone. The data then loads through the dataset panel (in the
// background) and, once it is there, the split, the design and the runs come
// back as they were saved.
//
// A run in progress (setRunLauncher()) is saved as it stands while it is
// paused: stopped, with its checkpoint, so that the file can continue it
// (the run itself stays paused). A run that is training is left out, and
// the message after saving says so.
class ProjectSession : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxRecentFiles = 8;

    // `window` is the parent of the dialogs.
    ProjectSession(NetworkDocument* document, RunStore* runs, DatasetPanel* dataset, QWidget* window,
                   QObject* parent = nullptr);
    ~ProjectSession() override;

    // The questions asked (tests answer them).
    ProjectPrompts& prompts() { return m_prompts; }
    void setPrompts(ProjectPrompts prompts) { m_prompts = std::move(prompts); }
    // Where the run in progress comes from (none: only the store's runs are saved).
    void setRunLauncher(RunLauncher* launcher) { m_launcher = launcher; }

    QString filePath() const { return m_filePath; }   // empty while untitled
    QString displayName() const;                      // "lab.mlpstudio" or "Untitled"
    bool isModified() const { return m_modified; }
    // "lab.mlpstudio* — MLP Studio"; "MLP Studio" for a pristine untitled project.
    QString windowTitle() const;
    // Whether an open is waiting for its data to load.
    bool isOpening() const { return m_pending != nullptr; }

    // Most recent first, at most kMaxRecentFiles, files that no longer exist left out.
    QStringList recentFiles() const;
    void clearRecentFiles();

    // The project as it would be saved now: the store's runs and a paused
    // run in progress as it stands. Throws ProjectError when the data's
    // content hash cannot be computed.
    Project currentProject();

    // Asks Save / Discard / Cancel when there are unsaved changes; true when
    // the caller may go on (saved, discarded, or nothing to save).
    bool maybeSave();
    // Saves to the current file (asks for one while untitled). False when
    // cancelled or failed (the error is shown; the old file is untouched).
    bool save();
    bool saveAs();                     // asks where
    bool saveAs(const QString& path);
    // Starts opening `path` (without asking about unsaved changes: call
    // maybeSave() first). False when it failed at once or was cancelled
    // (shown to the user; nothing changed). Otherwise opened() follows once
    // the data is loaded, or openFailed().
    bool open(const QString& path);
    // Asks which file to open (after maybeSave()), then open().
    bool openWithDialog();
    // Starts an untitled project on `network` and `training` with no runs
    // (without asking: call maybeSave() first).
    void newProject(const NetworkSpec& network, const TrainConfig& training);

    // A run id used by no run of the project (the store's and those kept
    // for other data).
    int nextRunId() const;
    // Runs of the file made on other data than the project's, not shown (yet:
    // their data loads in the background after the project's; those whose
    // data is missing or changed stay hidden); they are saved back unchanged.
    int heldRunCount() const;
    // Whether runs made on other data are still loading.
    bool isLoadingOtherRuns() const;

signals:
    void modifiedChanged(bool modified);
    void titleChanged(const QString& title);
    void filePathChanged(const QString& path);
    void recentFilesChanged();
    // The window's design and runs were replaced (new project, opened project,
    // design opened alone): views showing old runs should let them go.
    void projectReplaced();
    void opened(const QString& path);
    void openFailed(const QString& message);
    void saved(const QString& path);
    // Short news for the status bar.
    void message(const QString& text);

private:
    // What decides whether data or split changed since the last save/open.
    struct DataState {
        std::string path;
        std::string format;
        std::int64_t count = 0;
        SplitSettings split;
        bool operator==(const DataState&) const = default;
    };
    struct PendingOpen;

    // currentProject(), also saying which paused run it holds (0: none).
    Project currentProject(int* pausedRunId);
    DataState currentDataState() const;
    SplitSettings currentSplit() const;
    std::string hashOf(const Dataset& data);
    bool isProjectData(const DatasetReference& run, const DatasetReference& project) const;
    void setBaseline();
    void updateModified();
    void setFilePath(const QString& path);
    void addRecentFile(const QString& path);
    void onDataChanged();
    void onProjectDataLoaded(bool ok, const QString& loadMessage);
    void addOtherRuns(const QList<std::shared_ptr<RunRecord>>& runs);
    void onOtherRunsFinished(const QStringList& problems);
    void restore(const PendingOpen& pending, std::shared_ptr<const Dataset> data);
    void openDesignOnly(const Project& project);
    void cancelPending();
    void fail(const QString& text);

    NetworkDocument* m_document;
    RunStore* m_runs;
    RunLauncher* m_launcher = nullptr;
    DatasetPanel* m_dataset;
    QWidget* m_window;
    ProjectPrompts m_prompts;

    QString m_filePath;
    bool m_modified = false;
    bool m_forcedModified = false; // a design opened alone: not saved anywhere yet
    bool m_runsContinued = false;  // a run was continued (replaced) since the last save/open
    DataState m_savedData;
    QList<int> m_savedRunIds;
    OtherDataRuns* m_otherRuns; // the runs of the file made on other data

    std::unique_ptr<PendingOpen> m_pending;
    QMetaObject::Connection m_pendingConnection;

    // Content hashes of data files, by path, size and time (a 500 MB archive
    // is not read again at every save).
    struct CachedHash {
        qint64 size = 0;
        qint64 modified = 0;
        std::string sha256;
    };
    QHash<QString, CachedHash> m_hashes;
};

} // namespace mlps::ui
