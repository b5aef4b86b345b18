#include "ProjectRecording.h"

#include "ProjectRuns.h"
#include "TrainOptions.h"

#include "data/DataError.h"
#include "project/DatasetHash.h"
#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QDateTime>
#include <QFileInfo>
#include <QString>

#include <algorithm>
#include <map>

namespace mlps::cli {

namespace {


// The path a project keeps: absolute, so the project can be opened from anywhere.
std::string absolutePath(const std::string& path)
{
    if (path.rfind("builtin:", 0) == 0)
        return path;
    return QFileInfo(QString::fromStdString(path)).absoluteFilePath().toStdString();
}

DatasetReference referenceTo(const Dataset& data, const std::string& path)
{
    // A run's checkpoints are recorded again and again; the data's hash
    // (a read of the whole file) is taken once per process.
    static std::map<std::string, DatasetReference> known;
    if (const auto found = known.find(absolutePath(path)); found != known.end() && found->second.count == data.count())
        return found->second;
    DatasetReference reference;
    reference.path = absolutePath(path);
    reference.format = data.format;
    reference.sha256 = DatasetHash::sha256Of(reference.path);
    reference.count = data.count();
    reference.width = data.width;
    reference.height = data.height;
    reference.classNames = data.classNames;
    known[reference.path] = reference;
    return reference;
}

} // namespace

void applyProject(const std::string& projectPath, TrainOptions& options)
{
    const Project project = loadProjectForCli(projectPath);
    requireSameDataset(project.data, projectPath);
    const int threads = options.config.threads;
    options.data = project.data.path;
    options.network = project.network;
    options.config = project.training;
    if (options.threadsGiven)
        options.config.threads = threads;
    // Sample counts (resolve() takes a value of 1 or more as a count).
    options.validation = SampleAmount{double(project.split.validation)};
    options.testSplit = SampleAmount{double(project.split.test)};
    options.splitSeed = project.split.seed;
    options.dedup = project.split.dropDuplicates;
    options.removeOverlap = project.split.removeOverlap;
    // The studio's synthetic training set is the built-in font letters.
    if (options.config.syntheticShare > 0.0f)
        options.synthetic = "builtin:font-letters";
}

void keepCheckpoint(RecordedRun& run, const Trainer& trainer)
{
    const int epochs = trainer.epochsDone();
    run.status = "stopped";
    run.message = "Stopped at step " + std::to_string(trainer.stepsDone()) + " of "
                  + std::to_string(trainer.totalSteps()) + ", after " + std::to_string(epochs)
                  + (epochs == 1 ? " complete epoch." : " complete epochs.");
    run.parameters = trainer.network().parameters();
    run.checkpoint = std::make_shared<const TrainerState>(trainer.state());
}

int recordRun(const std::string& projectPath, const RecordedRun& run, int replaceId)
{
    Project project;
    const bool exists = QFileInfo::exists(QString::fromStdString(projectPath));
    const DatasetReference data = referenceTo(*run.data, run.dataPath);
    if (exists) {
        project = loadProjectForCli(projectPath);
    } else {
        project.formatVersion = kProjectFormatVersion;
        project.data = data;
        project.split = run.split;
        project.network = run.network;
        project.training = run.config;
    }

    StoredRun stored;
    const auto replaced = std::find_if(project.runs.begin(), project.runs.end(),
                                       [&](const StoredRun& earlier) { return replaceId > 0 && earlier.id == replaceId; });
    if (replaced != project.runs.end()) {
        stored.id = replaced->id;
        stored.startedAt = replaced->startedAt;
    } else {
        for (const StoredRun& earlier : project.runs)
            stored.id = std::max(stored.id, earlier.id);
        ++stored.id;
        stored.startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    }
    stored.name = run.name;
    stored.dataName = QFileInfo(QString::fromStdString(data.path)).fileName().toStdString();
    stored.status = run.status;
    stored.message = run.message;
    stored.network = run.network;
    stored.config = run.config;
    stored.data = data;
    stored.split = run.split;
    stored.trainIndices = run.indices->train;
    stored.validationIndices = run.indices->validation;
    stored.testIndices = run.indices->test;
    stored.history = run.history;
    stored.setBatchLosses(run.batchLosses);
    stored.test = run.test;
    stored.validation = run.validation;
    stored.parameters = run.parameters;
    stored.stepsDone = run.stepsDone;
    stored.trainSeconds = run.trainSeconds;
    stored.samplesPerSecond = run.samplesPerSecond;
    stored.checkpoint = run.checkpoint;
    const int id = stored.id;
    if (replaced != project.runs.end())
        *replaced = std::move(stored);
    else
        project.runs.push_back(std::move(stored));
    try {
        ProjectFile::save(project, QString::fromStdString(projectPath));
    } catch (const ProjectError& error) {
        throw DataError(error.path(), error.problem());
    }
    return id;
}

} // namespace mlps::cli
