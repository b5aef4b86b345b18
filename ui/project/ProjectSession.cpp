#include "ProjectSession.h"

#include "NetworkDocument.h"
#include "OtherDataRuns.h"
#include "RunConversion.h"
#include "RunLauncher.h"
#include "RunStore.h"
#include "dataset/DatasetPanel.h"

#include "data/DataFormat.h"
#include "project/DatasetCheck.h"
#include "project/DatasetHash.h"
#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QThreadPool>
#include <QSettings>
#include <QUndoStack>

#include <algorithm>
#include <stdexcept>

namespace mlps::ui {
namespace {

const QString kRecentKey = QStringLiteral("project/recentFiles");
const QString kLastFolderKey = QStringLiteral("project/lastFolder");

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

bool isBuiltIn(const std::string& path)
{
    return path.rfind("builtin:", 0) == 0;
}

QString absolute(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

// An open waiting for its data to load.
struct ProjectSession::PendingOpen {
    Project project;
    QString path;     // the project file
    QString dataPath; // where its data is loading from
    std::string savedDataPath; // where the file says it is
};

ProjectSession::ProjectSession(NetworkDocument* document, RunStore* runs, DatasetPanel* dataset, QWidget* window,
                               QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_runs(runs)
    , m_dataset(dataset)
    , m_window(window)
    , m_prompts(ProjectPrompts::dialogs(window))
    , m_otherRuns(new OtherDataRuns(QThreadPool::globalInstance(), this))
{
    connect(m_otherRuns, &OtherDataRuns::runsReady, this, &ProjectSession::addOtherRuns);
    connect(m_otherRuns, &OtherDataRuns::finished, this, &ProjectSession::onOtherRunsFinished);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &ProjectSession::updateModified);
    connect(m_runs, &RunStore::runAdded, this, &ProjectSession::updateModified);
    connect(m_runs, &RunStore::runRemoved, this, &ProjectSession::updateModified);
    connect(m_runs, &RunStore::cleared, this, &ProjectSession::updateModified);
    connect(m_runs, &RunStore::runReplaced, this, [this] {
        m_runsContinued = true;
        updateModified();
    });
    connect(m_dataset, &DatasetPanel::datasetChanged, this, &ProjectSession::onDataChanged);
    connect(m_dataset, &DatasetPanel::splitChanged, this, &ProjectSession::onDataChanged);
    setBaseline();
}

ProjectSession::~ProjectSession()
{
    disconnect(m_pendingConnection);
}

QString ProjectSession::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

QString ProjectSession::windowTitle() const
{
    if (m_filePath.isEmpty() && !m_modified)
        return tr("MLP Studio");
    return tr("%1%2 — MLP Studio").arg(displayName(), m_modified ? QStringLiteral("*") : QString());
}

// Recent files ----------------------------------------------------------------

QStringList ProjectSession::recentFiles() const
{
    QStringList files;
    for (const QString& file : QSettings().value(kRecentKey).toStringList()) {
        if (QFileInfo::exists(file) && !files.contains(file) && files.size() < kMaxRecentFiles)
            files << file;
    }
    return files;
}

void ProjectSession::clearRecentFiles()
{
    QSettings().remove(kRecentKey);
    emit recentFilesChanged();
}

void ProjectSession::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings settings;
    settings.setValue(kRecentKey, files);
    settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    emit recentFilesChanged();
}

// Unsaved changes -----------------------------------------------------------------

SplitSettings ProjectSession::currentSplit() const
{
    SplitSettings split;
    split.validation = m_dataset->validationSize();
    split.test = m_dataset->testSize();
    split.seed = m_dataset->splitSeed();
    split.dropDuplicates = m_dataset->removesDuplicates();
    split.removeOverlap = m_dataset->removesOverlap();
    return split;
}

ProjectSession::DataState ProjectSession::currentDataState() const
{
    DataState state;
    if (const std::shared_ptr<const Dataset> data = m_dataset->dataset()) {
        state.path = RunConversion::dataPathOf(*data);
        state.format = data->format;
        state.count = data->count();
        state.split = currentSplit();
    }
    return state;
}

void ProjectSession::setBaseline()
{
    m_savedData = currentDataState();
    m_savedRunIds.clear();
    for (const RunStore::RunPointer& run : m_runs->runs())
        m_savedRunIds << run->id;
    m_forcedModified = false;
    m_runsContinued = false;
    updateModified();
}

void ProjectSession::onDataChanged()
{
    // Untitled and untouched: the data loaded is where the project starts.
    if (m_filePath.isEmpty() && !m_modified)
        m_savedData = currentDataState();
    updateModified();
}

void ProjectSession::updateModified()
{
    QList<int> runIds;
    for (const RunStore::RunPointer& run : m_runs->runs())
        runIds << run->id;
    const bool modified = m_forcedModified || m_runsContinued || !m_document->undoStack()->isClean() ||
                          runIds != m_savedRunIds ||
                          !(currentDataState() == m_savedData);
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(m_modified);
    emit titleChanged(windowTitle());
}

void ProjectSession::setFilePath(const QString& path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(m_filePath);
    emit titleChanged(windowTitle());
}

bool ProjectSession::maybeSave()
{
    if (!m_modified)
        return true;
    switch (m_prompts.askSave(displayName())) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

int ProjectSession::nextRunId() const
{
    int highest = 0;
    for (const RunStore::RunPointer& run : m_runs->runs())
        highest = std::max(highest, run->id);
    for (const StoredRun& run : m_otherRuns->held())
        highest = std::max(highest, run.id);
    return highest + 1;
}

// Saving ----------------------------------------------------------------------

std::string ProjectSession::hashOf(const Dataset& data)
{
    // The built-in letters are rendered from the installed fonts, not read
    // from a file: there are no bytes to hash (DatasetHash gives "" too).
    const std::string source = RunConversion::dataPathOf(data);
    if (source.empty() || isBuiltIn(source))
        return {};
    const QString path = q(source);
    const QFileInfo info(path);
    if (info.isFile()) {
        const CachedHash cached = m_hashes.value(path);
        const qint64 modified = info.lastModified().toMSecsSinceEpoch();
        if (!cached.sha256.empty() && cached.size == info.size() && cached.modified == modified)
            return cached.sha256;
        const std::string sha = DatasetHash::sha256Of(source);
        m_hashes.insert(path, CachedHash{info.size(), modified, sha});
        return sha;
    }
    return DatasetHash::sha256Of(source);
}

bool ProjectSession::isProjectData(const DatasetReference& run, const DatasetReference& project) const
{
    if (run.count != project.count || run.format != project.format || run.classNames != project.classNames)
        return false;
    // With hashes the content decides (the data may have moved since); without, the place.
    if (!run.sha256.empty() || !project.sha256.empty())
        return run.sha256 == project.sha256;
    return run.path == project.path;
}

Project ProjectSession::currentProject()
{
    return currentProject(nullptr);
}

Project ProjectSession::currentProject(int* pausedRunId)
{
    Project project;
    const std::shared_ptr<const Dataset> data = m_dataset->dataset();
    if (data) {
        project.data = RunConversion::referenceOf(*data, hashOf(*data));
        project.split = currentSplit();
    }
    project.network = m_document->network();
    project.training = m_document->training();
    QList<RunStore::RunPointer> runs = m_runs->runs();
    if (m_launcher) {
        // A paused run as it stands, in the place of its earlier record when it continues one.
        if (RunStore::RunPointer paused = m_launcher->pausedSnapshot()) {
            if (pausedRunId)
                *pausedRunId = paused->id;
            const auto same = std::find_if(runs.begin(), runs.end(),
                                           [&paused](const RunStore::RunPointer& run) { return run->id == paused->id; });
            if (same != runs.end())
                *same = std::move(paused);
            else
                runs.append(std::move(paused));
        }
    }
    for (const RunStore::RunPointer& run : std::as_const(runs)) {
        if (run->job.data == data) {
            project.runs.push_back(RunConversion::toStored(*run, project.data, project.split));
            continue;
        }
        // A run on data loaded before: its own reference, and the split's sizes (its seed is not known).
        const DatasetReference reference = RunConversion::referenceOf(*run->job.data, hashOf(*run->job.data));
        SplitSettings split;
        split.validation = std::int64_t(run->job.split.validation.size());
        split.test = std::int64_t(run->job.split.test.size());
        project.runs.push_back(RunConversion::toStored(*run, reference, split));
    }
    for (const StoredRun& held : m_otherRuns->held())
        project.runs.push_back(held);
    std::stable_sort(project.runs.begin(), project.runs.end(),
                     [](const StoredRun& a, const StoredRun& b) { return a.id < b.id; });
    return project;
}

bool ProjectSession::save()
{
    return m_filePath.isEmpty() ? saveAs() : saveAs(m_filePath);
}

bool ProjectSession::saveAs()
{
    QString folder = QSettings().value(kLastFolderKey, QDir::homePath()).toString();
    const QString name = m_filePath.isEmpty() ? tr("Untitled") + QStringLiteral(".mlpstudio") : QFileInfo(m_filePath).fileName();
    const QString path = m_prompts.chooseSavePath(QDir(folder).filePath(name));
    if (path.isEmpty())
        return false;
    return saveAs(path);
}

bool ProjectSession::saveAs(const QString& path)
{
    const QString file = absolute(path);
    int pausedRunId = 0;
    try {
        const Project project = currentProject(&pausedRunId);
        QApplication::setOverrideCursor(Qt::WaitCursor);
        try {
            ProjectFile::save(project, file);
        } catch (...) {
            QApplication::restoreOverrideCursor();
            throw;
        }
        QApplication::restoreOverrideCursor();
    } catch (const std::exception& error) {
        m_prompts.showError(tr("Could not save the project"),
                            tr("The project was not saved (a file already there is unchanged).\n\n%1")
                                .arg(q(error.what())));
        return false;
    }
    m_document->undoStack()->setClean();
    setFilePath(file);
    setBaseline();
    addRecentFile(file);
    emit saved(file);
    const QString name = QFileInfo(file).fileName();
    if (pausedRunId > 0)
        emit message(tr("Saved %1 with the paused run %2 as it stands: it can be continued from the file")
                         .arg(name)
                         .arg(pausedRunId));
    else if (m_launcher && m_launcher->isRunning())
        emit message(tr("Saved %1; the run in progress is not in the file (pause or stop it to include it)").arg(name));
    else
        emit message(tr("Saved %1").arg(name));
    return true;
}

// Opening ---------------------------------------------------------------------

bool ProjectSession::openWithDialog()
{
    if (!maybeSave())
        return false;
    const QString folder = QSettings().value(kLastFolderKey, QDir::homePath()).toString();
    const QString path = m_prompts.chooseOpenPath(folder);
    return !path.isEmpty() && open(path);
}

void ProjectSession::fail(const QString& text)
{
    m_prompts.showError(tr("Could not open the project"), text);
    emit openFailed(text);
}

bool ProjectSession::open(const QString& path)
{
    const QString file = absolute(path);
    cancelPending();
    auto pending = std::make_unique<PendingOpen>();
    pending->path = file;
    try {
        pending->project = ProjectFile::load(file);
        pending->savedDataPath = pending->project.data.path;
    } catch (const std::exception& error) {
        fail(tr("%1\n\nNothing was opened.").arg(q(error.what())));
        return false;
    }
    Project& project = pending->project;
    const QString name = QFileInfo(file).fileName();

    if (project.data.path.empty()) {
        // Saved before any data was loaded: there is only the design (and runs made on other data).
        if (project.runs.empty()) {
            m_document->reset(project.network, project.training);
            m_runs->clear();
            m_otherRuns->clear();
            setFilePath(file);
            setBaseline();
            addRecentFile(file);
            emit projectReplaced();
            emit opened(file);
            emit message(tr("Opened %1").arg(name));
            return true;
        }
        fail(tr("%1: the project names no data for its runs.\n\nNothing was opened.").arg(name));
        return false;
    }

    if (!isBuiltIn(project.data.path)) {
        // The built-in letters have no hash (they are rendered, not read): their
        // size and classes are compared once they are loaded, below.
        DatasetCheck check;
        try {
            check = checkDataset(project.data);
            while (check.state == DatasetState::Missing) {
                const QString now = m_prompts.locateDataset(q(project.data.path), project.data.format == "folder");
                if (now.isEmpty()) {
                    emit openFailed(tr("Opening %1 was cancelled.").arg(name));
                    return false;
                }
                check = checkDataset(project.data, absolute(now).toStdString());
            }
        } catch (const std::exception& error) {
            fail(tr("%1: its data cannot be read: %2\n\nNothing was opened.").arg(name, q(error.what())));
            return false;
        }
        if (check.state == DatasetState::Changed) {
            const QString text = tr("The data at %1 is not the data %2 was made with: its content has changed "
                                    "since the project was saved.")
                                     .arg(q(check.path), name);
            if (!m_prompts.openChangedData(text)) {
                emit openFailed(tr("Opening %1 was cancelled.").arg(name));
                return false;
            }
            openDesignOnly(project);
            return true;
        }
        project.data.path = check.path; // where it was found (it may have moved)
    }
    pending->dataPath = q(project.data.path);

    // Already loaded (the same place and size): no need to read it again.
    const std::shared_ptr<const Dataset> loaded = m_dataset->dataset();
    if (loaded && !m_dataset->isLoading() && RunConversion::dataPathOf(*loaded) == project.data.path &&
        loaded->count() == project.data.count &&
        loaded->classNames == project.data.classNames) {
        restore(*pending, loaded);
        return true;
    }

    m_pending = std::move(pending);
    m_pendingConnection = connect(m_dataset, &DatasetPanel::loadingFinished, this, &ProjectSession::onProjectDataLoaded);
    emit message(tr("Opening %1: loading its data…").arg(name));
    if (isBuiltIn(project.data.path))
        m_dataset->loadBuiltIn();
    else
        m_dataset->openPath(m_pending->dataPath);
    return true;
}

void ProjectSession::cancelPending()
{
    disconnect(m_pendingConnection);
    m_pending.reset();
}

void ProjectSession::onProjectDataLoaded(bool ok, const QString& loadMessage)
{
    disconnect(m_pendingConnection);
    const std::unique_ptr<PendingOpen> pending = std::move(m_pending);
    if (!pending)
        return;
    const QString name = QFileInfo(pending->path).fileName();
    const std::shared_ptr<const Dataset> data = m_dataset->dataset();
    if (!ok || !data || q(RunConversion::dataPathOf(*data)) != pending->dataPath) {
        fail(tr("%1: its data (%2) could not be loaded. %3\n\nThe project was not opened.")
                 .arg(name, pending->dataPath, loadMessage));
        return;
    }
    const DatasetReference& reference = pending->project.data;
    if (data->count() != reference.count || data->classNames != reference.classNames || data->width != reference.width ||
        data->height != reference.height) {
        // Same place, other content: the built-in letters on a machine with other fonts, or a changed reader.
        const QString text = tr("The data at %1 is not the data %2 was made with: it has %3 images of %4 classes, "
                                "the project's had %5 of %6.")
                                 .arg(pending->dataPath, name)
                                 .arg(data->count())
                                 .arg(data->classes())
                                 .arg(reference.count)
                                 .arg(reference.classNames.size());
        if (m_prompts.openChangedData(text))
            openDesignOnly(pending->project);
        else
            emit openFailed(tr("Opening %1 was cancelled.").arg(name));
        return;
    }
    restore(*pending, data);
}

void ProjectSession::restore(const PendingOpen& pending, std::shared_ptr<const Dataset> data)
{
    const Project& project = pending.project;
    const QString name = QFileInfo(pending.path).fileName();
    // Every run first, so that a bad one changes nothing.
    std::vector<std::shared_ptr<RunRecord>> runs;
    std::vector<StoredRun> held;
    try {
        for (const StoredRun& stored : project.runs) {
            if (isProjectData(stored.data, project.data))
                runs.push_back(RunConversion::fromStored(stored, data));
            else
                held.push_back(stored);
        }
    } catch (const std::exception& error) {
        fail(tr("%1: %2\n\nThe project was not opened.").arg(name, q(error.what())));
        return;
    }

    const SplitSettings& split = project.split;
    const bool splitSet = m_dataset->setSplitSettings(split.validation, split.test, split.seed, split.dropDuplicates,
                                                      split.removeOverlap);
    m_document->reset(project.network, project.training);
    m_runs->clear();
    for (std::shared_ptr<RunRecord>& run : runs)
        m_runs->add(std::move(run));
    const std::size_t otherRuns = held.size();
    m_otherRuns->start(std::move(held), m_dataset->cacheFolder());
    setFilePath(pending.path);
    setBaseline();
    if (pending.savedDataPath != project.data.path) {
        // Found at a new place: unsaved until the file says so.
        m_savedData.path = pending.savedDataPath;
        updateModified();
    }
    addRecentFile(pending.path);
    emit projectReplaced();
    emit opened(pending.path);

    QStringList notes;
    notes << tr("Opened %1").arg(name);
    if (!splitSet)
        notes << tr("its split does not fit the data; the split in force was kept");
    if (otherRuns > 0)
        notes << (otherRuns == 1 ? tr("loading the data of 1 run made on other data")
                                 : tr("loading the data of %1 runs made on other data").arg(otherRuns));
    emit message(notes.join(QStringLiteral("; ")));
}

int ProjectSession::heldRunCount() const
{
    return int(m_otherRuns->held().size());
}

bool ProjectSession::isLoadingOtherRuns() const
{
    return m_otherRuns->isRunning();
}

void ProjectSession::addOtherRuns(const QList<std::shared_ptr<RunRecord>>& runs)
{
    // They were in the file: adding them is no change to save. The run the
    // views show stays the one they showed.
    const RunStore::RunPointer current = m_runs->current();
    for (const std::shared_ptr<RunRecord>& run : runs) {
        if (m_runs->find(run->id))
            continue; // an id taken meanwhile cannot happen (nextRunId() counts held runs), but never twice
        m_savedRunIds << run->id;
        m_runs->add(run);
    }
    if (current)
        m_runs->setCurrent(current->id);
    updateModified();
}

void ProjectSession::onOtherRunsFinished(const QStringList& problems)
{
    const int held = heldRunCount();
    if (held == 0) {
        emit message(tr("Loaded the runs made on other data"));
        return;
    }
    const QString kept = held == 1 ? tr("1 run made on other data is kept in the file but not shown")
                                   : tr("%1 runs made on other data are kept in the file but not shown").arg(held);
    emit message(problems.isEmpty() ? kept : kept + QStringLiteral(": ") + problems.join(QStringLiteral("; ")));
}

void ProjectSession::openDesignOnly(const Project& project)
{
    m_document->reset(project.network, project.training);
    m_runs->clear();
    m_otherRuns->clear();
    setFilePath({});
    setBaseline();
    // Not saved anywhere yet: saving asks for a new file, so the project's runs are never overwritten.
    m_forcedModified = true;
    updateModified();
    emit projectReplaced();
    emit message(tr("Opened the design only, as an untitled project"));
}

void ProjectSession::newProject(const NetworkSpec& network, const TrainConfig& training)
{
    cancelPending();
    m_document->reset(network, training);
    m_runs->clear();
    m_otherRuns->clear();
    setFilePath({});
    setBaseline();
    emit projectReplaced();
}

} // namespace mlps::ui
