#pragma once

#include "data/Dataset.h"
#include "data/DuplicateFinder.h"
#include "data/LoadReport.h"
#include "data/StratifiedSplit.h"

#include <QPointer>
#include <QThreadPool>
#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QProgressBar;
class QSplitter;
class QPushButton;
class QTabWidget;
class QTableView;
class QToolButton;

namespace mlps::ui {

class ClassCountsModel;
class DatasetLoadTask;
class DuplicateAnalyser;
class SampleGrid;
class SplitEditor;
class UnreadableModel;

// The studio's dataset panel: opens data (a file, a folder or the built-in
// font letters) on a worker thread with progress and cancel, shows what was
// loaded (summary, per-class counts, sample images, the load report with the
// unreadable entries), and sets the train / validation / test split: sizes
// and seed, the duplicates and overlap found in it (in the background), and
// one-click fixes for them. A failed or cancelled load keeps the previous
// dataset and split. Opening while a load runs cancels that load.
//
// Settings kept: the last folder, the open tab, the splitter between the
// details and the split, whether the unreadable list is open, and per
// dataset name the split sizes, seed and fixes.
class DatasetPanel : public QWidget {
    Q_OBJECT

public:
    explicit DatasetPanel(QWidget* parent = nullptr);
    ~DatasetPanel() override;

    void loadBuiltIn();                       // the built-in "Font letters" (A..J)
    void openPath(const QString& path);       // a file or folder in any format the data layer reads
    // The same with the labels file given (IDX, a pair of .npy); empty: found by name.
    void openPathWithLabels(const QString& path, const QString& labelsPath);
    void chooseFile();                        // file dialog, then openPath (remembers the folder)
    void chooseFolder();                      // folder dialog, then openPath
    void cancelLoading();
    bool isLoading() const;
    bool hasData() const;
    // Shows this dataset as if it had been loaded (tests, data made in memory); `name` for the user.
    void setDataset(std::shared_ptr<const Dataset> dataset, const LoadReport& report, const QString& name);
    std::shared_ptr<const Dataset> dataset() const; // null until something is loaded
    QString datasetName() const;                    // "Font letters", "notMNIST_small.tar.gz"
    const LoadReport& loadReport() const { return m_report; }
    // The split a run uses now: stratified by the chosen sizes and seed, after any one-click fix applied.
    Split split() const;
    // The split settings in force: validation and test sizes and the seed.
    qint64 validationSize() const;
    qint64 testSize() const;
    quint64 splitSeed() const;
    // Puts these split settings in force (opening a project): returns false,
    // changing nothing, when no data is loaded or the sizes do not fit it.
    bool setSplitSettings(qint64 validation, qint64 test, quint64 seed, bool removeDuplicates, bool removeOverlap);
    // Why no run can start on this data now (none loaded, loading, split impossible); empty when fine.
    QString problem() const;

    // The one-click fixes (also the buttons' checked state); they take effect
    // once the duplicates have been found.
    bool removesDuplicates() const;
    bool removesOverlap() const;
    void setRemoveDuplicates(bool on);
    void setRemoveOverlap(bool on);
    // The findings for the current split in words; empty until known.
    QString findings() const;
    // Where decoded copies of slow sources are kept; empty (the default):
    // the user's cache folder. For the loads started after the call.
    void setCacheFolder(const QString& folder) { m_cacheFolder = folder; }
    const QString& cacheFolder() const { return m_cacheFolder; }

signals:
    void loadingStarted(const QString& what);
    void loadingProgress(qint64 done, qint64 total, const QString& stage); // total < 0: unknown
    void loadingFinished(bool ok, const QString& message); // message: error (ok false) or a short summary
    void datasetChanged(); // a new dataset is in place (its shape and classes may differ)
    void splitChanged();   // split sizes, seed or fixes changed (also emitted after datasetChanged)

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildUi();
    void startLoad(const QString& path, const QString& labelsPath, const QString& name);
    void onLoadProgress(qint64 done, qint64 total, const QString& stage);
    void onLoadFinished(bool ok);
    void detachTask(); // lets a cancelled task end in the background, unheard
    void setLoadingUi(bool loading);
    void showMessage(const QString& text, bool error);

    void updateSummary();
    void restoreSplitSettings();
    void saveSplitSettings() const;
    void rebuildSplit();         // from the sizes and seed in force
    void applyFixes();           // m_split from m_baseSplit and the fixes
    void updateSplitCounts();
    void updateFindings();
    void onFixToggled();
    QString splitKey() const;
    QString settingsGroup() const;

    // Declared first so that it outlives every job that runs on it.
    QThreadPool m_pool;

    QPushButton* m_openFileButton = nullptr;
    QPushButton* m_openFolderButton = nullptr;
    QPushButton* m_builtInButton = nullptr;
    QWidget* m_loadingRow = nullptr;
    QLabel* m_stageLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_messageLabel = nullptr;
    QLabel* m_nameLabel = nullptr;
    QLabel* m_detailsLabel = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_classTable = nullptr;
    SampleGrid* m_sampleGrid = nullptr;
    QLabel* m_reportLabel = nullptr;
    QToolButton* m_unreadableToggle = nullptr;
    QListView* m_unreadableList = nullptr;
    SplitEditor* m_splitEditor = nullptr;
    QLabel* m_splitCountsLabel = nullptr;
    QLabel* m_findingsLabel = nullptr;
    QPushButton* m_removeDuplicatesButton = nullptr;
    QPushButton* m_removeOverlapButton = nullptr;
    QPushButton* m_undoFixesButton = nullptr;
    QLabel* m_fixesLabel = nullptr;

    ClassCountsModel* m_classModel = nullptr;
    UnreadableModel* m_unreadableModel = nullptr;
    DuplicateAnalyser* m_analyser = nullptr;

    QPointer<DatasetLoadTask> m_task;
    QString m_loadingName;
    QString m_cacheFolder;

    std::shared_ptr<const Dataset> m_data;
    LoadReport m_report;
    QString m_name;
    Split m_baseSplit; // stratified, before the fixes
    Split m_split;     // what runs use
};

} // namespace mlps::ui
