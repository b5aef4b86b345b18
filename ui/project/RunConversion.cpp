#include "RunConversion.h"


#include "data/DataFormat.h"

#include <QTimeZone>

#include <stdexcept>

namespace mlps::ui {
namespace {

std::vector<std::int64_t> checkedIndices(const std::vector<std::int64_t>& indices, std::int64_t count,
                                         const std::string& what, const std::string& runName)
{
    for (const std::int64_t index : indices) {
        if (index < 0 || index >= count)
            throw std::invalid_argument("run '" + runName + "': " + what + " index " + std::to_string(index) +
                                        " is outside the data's " + std::to_string(count) + " images");
    }
    return indices;
}

} // namespace

std::string RunConversion::statusName(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Finished:
        return "finished";
    case TrainingStatus::Stopped:
        return "stopped";
    case TrainingStatus::Diverged:
        return "diverged";
    case TrainingStatus::Failed:
        return "failed";
    }
    return "failed";
}

std::optional<TrainingStatus> RunConversion::parseStatus(const std::string& name)
{
    if (name == "finished")
        return TrainingStatus::Finished;
    if (name == "stopped")
        return TrainingStatus::Stopped;
    if (name == "diverged")
        return TrainingStatus::Diverged;
    if (name == "failed")
        return TrainingStatus::Failed;
    return std::nullopt;
}

std::string RunConversion::dataPathOf(const Dataset& data)
{
    if (data.format == dataFormatName(DataFormat::FontLetters))
        return std::string(kFontLettersPath);
    return data.source;
}

DatasetReference RunConversion::referenceOf(const Dataset& data, const std::string& sha256)
{
    DatasetReference reference;
    reference.path = dataPathOf(data);
    reference.format = data.format;
    reference.sha256 = sha256;
    reference.count = data.count();
    reference.width = data.width;
    reference.height = data.height;
    reference.classNames = data.classNames;
    return reference;
}

StoredRun RunConversion::toStored(const RunRecord& run, const DatasetReference& data, const SplitSettings& split)
{
    StoredRun stored;
    stored.id = run.id;
    stored.name = run.name.toStdString();
    stored.planText = run.planText.toStdString();
    stored.dataName = run.dataName.toStdString();
    // UTC with milliseconds, so that the time comes back exactly.
    if (run.startedAt.isValid())
        stored.startedAt = run.startedAt.toUTC().toString(Qt::ISODateWithMs).toStdString();
    stored.status = statusName(run.result.status);
    stored.message = run.result.message.toStdString();
    stored.network = run.job.network;
    stored.config = run.job.config;
    stored.data = data;
    stored.split = split;
    stored.trainIndices = run.job.split.train;
    stored.validationIndices = run.job.split.validation;
    stored.testIndices = run.job.split.test;
    stored.history = run.result.history;
    stored.setBatchLosses(run.result.batchLosses);
    if (run.result.test)
        stored.test = *run.result.test;
    if (run.result.validation)
        stored.validation = *run.result.validation;
    stored.parameters = run.result.parameters;
    stored.stepsDone = run.result.stepsDone;
    stored.trainSeconds = run.result.trainSeconds;
    stored.samplesPerSecond = run.result.samplesPerSecond;
    stored.checkpoint = run.result.checkpoint;
    return stored;
}

std::shared_ptr<RunRecord> RunConversion::fromStored(const StoredRun& stored, std::shared_ptr<const Dataset> data)
{
    if (!data)
        throw std::invalid_argument("run '" + stored.name + "': no data to show it on");
    const std::optional<TrainingStatus> status = parseStatus(stored.status);
    if (!status)
        throw std::invalid_argument("run '" + stored.name + "': unknown status '" + stored.status + "'");
    if (stored.network.inputSize != data->features() || stored.network.classes != data->classes())
        throw std::invalid_argument("run '" + stored.name + "': its network takes " +
                                    std::to_string(stored.network.inputSize) + " inputs and " +
                                    std::to_string(stored.network.classes) + " classes, the data has " +
                                    std::to_string(data->features()) + " and " + std::to_string(data->classes()));
    auto run = std::make_shared<RunRecord>();
    run->id = stored.id;
    run->name = QString::fromStdString(stored.name);
    run->planText = QString::fromStdString(stored.planText);
    run->dataName = QString::fromStdString(stored.dataName);
    if (!stored.startedAt.empty())
        run->startedAt = QDateTime::fromString(QString::fromStdString(stored.startedAt), Qt::ISODateWithMs).toLocalTime();

    TrainingJob& job = run->job;
    job.runId = stored.id;
    job.name = run->name;
    job.network = stored.network;
    job.config = stored.config;
    job.split.train = checkedIndices(stored.trainIndices, data->count(), "training", stored.name);
    job.split.validation = checkedIndices(stored.validationIndices, data->count(), "validation", stored.name);
    job.split.test = checkedIndices(stored.testIndices, data->count(), "test", stored.name);
    job.data = std::move(data);

    TrainingResult& result = run->result;
    result.runId = stored.id;
    result.status = *status;
    result.message = QString::fromStdString(stored.message);
    result.history = stored.history;
    if (stored.batchSteps.size() != stored.batchLosses.size())
        throw std::invalid_argument("run '" + stored.name + "': " + std::to_string(stored.batchSteps.size()) +
                                    " batch steps for " + std::to_string(stored.batchLosses.size()) + " batch losses");
    result.batchLosses = stored.batchLossPoints();
    if (stored.test) {
        if (stored.test->count() != std::int64_t(job.split.test.size()))
            throw std::invalid_argument("run '" + stored.name + "': its test evaluation has " +
                                        std::to_string(stored.test->count()) + " samples for a test set of " +
                                        std::to_string(job.split.test.size()));
        result.test = std::make_shared<const Evaluation>(*stored.test);
    }
    if (stored.validation) {
        if (stored.validation->count() != std::int64_t(job.split.validation.size()))
            throw std::invalid_argument("run '" + stored.name + "': its validation evaluation has " +
                                        std::to_string(stored.validation->count()) +
                                        " samples for a validation set of " +
                                        std::to_string(job.split.validation.size()));
        result.validation = std::make_shared<const Evaluation>(*stored.validation);
    }
    result.parameters = stored.parameters;
    result.stepsDone = stored.stepsDone;
    result.trainSeconds = stored.trainSeconds;
    result.samplesPerSecond = stored.samplesPerSecond;
    // Trainer::restore() checks that it fits when the run is continued.
    result.checkpoint = stored.checkpoint;
    return run;
}

} // namespace mlps::ui
