#include "project/ProjectJson.h"

#include "project/CheckpointJson.h"
#include "project/JsonReader.h"
#include "project/ProjectError.h"
#include "project/SettingsJson.h"

#include <QDateTime>
#include <QJsonArray>

#include <limits>

namespace mlps {

namespace {

constexpr const char* kEntry = "project.json";
constexpr std::int64_t kCountMax = std::int64_t(1) << 53;
constexpr int kIntMax = std::numeric_limits<int>::max();

QString q(const std::string& text) { return QString::fromStdString(text); }

QJsonObject evaluationToJson(const StoredEvaluation& e)
{
    QJsonArray perClass;
    for (const ClassMetrics& c : e.scores.perClass) {
        perClass.append(QJsonObject{{QStringLiteral("precision"), jsonNumber(c.precision)},
                                    {QStringLiteral("recall"), jsonNumber(c.recall)},
                                    {QStringLiteral("f1"), jsonNumber(c.f1)},
                                    {QStringLiteral("support"), double(c.support)}});
    }
    const QJsonObject scores{{QStringLiteral("accuracy"), jsonNumber(e.scores.accuracy)},
                             {QStringLiteral("f1Macro"), jsonNumber(e.scores.f1Macro)},
                             {QStringLiteral("f1Weighted"), jsonNumber(e.scores.f1Weighted)},
                             {QStringLiteral("perClass"), perClass}};
    return QJsonObject{{QStringLiteral("samples"), double(e.predicted.size())},
                       {QStringLiteral("logLoss"), jsonNumber(e.logLoss)},
                       {QStringLiteral("scores"), scores}};
}

StoredEvaluation evaluationFromJson(const JsonReader& json, int classes)
{
    StoredEvaluation e;
    const auto samples = std::size_t(json.integer("samples", 0, kCountMax));
    e.logLoss = json.anyNumber("logLoss");
    const JsonReader scores = json.object("scores");
    e.scores.accuracy = scores.anyNumber("accuracy");
    e.scores.f1Macro = scores.anyNumber("f1Macro");
    e.scores.f1Weighted = scores.anyNumber("f1Weighted");
    for (const JsonReader& c : scores.objects("perClass")) {
        e.scores.perClass.push_back(ClassMetrics{c.anyNumber("precision"), c.anyNumber("recall"), c.anyNumber("f1"),
                                                 c.integer("support", 0, kCountMax)});
    }
    // Sized for the .npy entries to fill in.
    e.trueLabels.resize(samples);
    e.predicted.resize(samples);
    e.probabilities.resize(classes, Index(samples));
    e.confusion.resize(classes, classes);
    return e;
}

QJsonObject runToJson(const StoredRun& run)
{
    QJsonArray history;
    for (const EpochRecord& r : run.history)
        history.append(CheckpointJson::epochToJson(r));
    QJsonObject json{{QStringLiteral("id"), run.id},
                     {QStringLiteral("name"), q(run.name)},
                     {QStringLiteral("planText"), q(run.planText)},
                     {QStringLiteral("dataName"), q(run.dataName)},
                     {QStringLiteral("startedAt"), q(run.startedAt)},
                     {QStringLiteral("status"), q(run.status)},
                     {QStringLiteral("message"), q(run.message)},
                     {QStringLiteral("network"), networkToJson(run.network)},
                     {QStringLiteral("config"), trainConfigToJson(run.config)},
                     {QStringLiteral("data"), datasetToJson(run.data)},
                     {QStringLiteral("split"), splitToJson(run.split)},
                     {QStringLiteral("trainCount"), double(run.trainIndices.size())},
                     {QStringLiteral("validationCount"), double(run.validationIndices.size())},
                     {QStringLiteral("testCount"), double(run.testIndices.size())},
                     {QStringLiteral("batchCount"), double(run.batchSteps.size())},
                     {QStringLiteral("history"), history},
                     {QStringLiteral("parameters"), run.parameters.size() > 0},
                     {QStringLiteral("stepsDone"), double(run.stepsDone)},
                     {QStringLiteral("trainSeconds"), jsonNumber(run.trainSeconds)},
                     {QStringLiteral("samplesPerSecond"), jsonNumber(run.samplesPerSecond)}};
    if (run.validation)
        json.insert(QStringLiteral("validation"), evaluationToJson(*run.validation));
    if (run.test)
        json.insert(QStringLiteral("test"), evaluationToJson(*run.test));
    if (run.checkpoint)
        json.insert(QStringLiteral("checkpoint"), CheckpointJson::toJson(*run.checkpoint));
    return json;
}

StoredRun runFromJson(const JsonReader& json)
{
    StoredRun run;
    run.id = json.integer32("id", std::numeric_limits<int>::min(), kIntMax);
    run.name = json.string("name");
    run.planText = json.string("planText");
    run.dataName = json.string("dataName");
    run.startedAt = json.string("startedAt");
    if (!run.startedAt.empty() && !QDateTime::fromString(q(run.startedAt), Qt::ISODateWithMs).isValid())
        json.fail("startedAt", "not an ISO 8601 date and time: '" + run.startedAt + "'");
    run.status = json.string("status");
    if (!isKnownRunStatus(run.status))
        json.fail("status", "unknown run status '" + run.status + "' (known: finished, stopped, diverged, failed)");
    run.message = json.string("message");
    run.network = networkFromJson(json.object("network"));
    run.config = trainConfigFromJson(json.object("config"));
    run.data = datasetFromJson(json.object("data"));
    run.split = splitFromJson(json.object("split"));
    run.trainIndices.resize(std::size_t(json.integer("trainCount", 0, kCountMax)));
    run.validationIndices.resize(std::size_t(json.integer("validationCount", 0, kCountMax)));
    run.testIndices.resize(std::size_t(json.integer("testCount", 0, kCountMax)));
    // Optional: files written before batch losses were kept have none.
    if (json.has("batchCount")) {
        const auto batchCount = std::size_t(json.integer("batchCount", 0, kCountMax));
        run.batchSteps.resize(batchCount);
        run.batchLosses.resize(batchCount);
    }
    for (const JsonReader& record : json.objects("history"))
        run.history.push_back(CheckpointJson::epochFromJson(record));
    if (json.boolean("parameters"))
        run.parameters.resize(Index(ProjectJson::parameterCount(run.network)));
    run.stepsDone = json.integer("stepsDone", 0, kCountMax);
    run.trainSeconds = json.anyNumber("trainSeconds");
    run.samplesPerSecond = json.anyNumber("samplesPerSecond");
    if (json.has("validation"))
        run.validation = evaluationFromJson(json.object("validation"), run.network.classes);
    if (json.has("test"))
        run.test = evaluationFromJson(json.object("test"), run.network.classes);
    if (json.has("checkpoint"))
        run.checkpoint = CheckpointJson::fromJson(json.object("checkpoint"), run.network, run.config);
    return run;
}

} // namespace

std::int64_t ProjectJson::parameterCount(const NetworkSpec& spec)
{
    std::int64_t total = 0;
    std::int64_t inputs = spec.inputSize;
    for (const LayerSpec& layer : spec.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            total += inputs * dense->units + dense->units;
            inputs = dense->units;
        }
    }
    return total + inputs * spec.classes + spec.classes;
}

QJsonObject ProjectJson::toJson(const Project& project)
{
    QJsonArray runs;
    for (const StoredRun& run : project.runs)
        runs.append(runToJson(run));
    return QJsonObject{{QStringLiteral("formatVersion"), kProjectFormatVersion},
                       {QStringLiteral("application"), QStringLiteral("MLP Studio " MLPS_VERSION)},
                       {QStringLiteral("data"), datasetToJson(project.data)},
                       {QStringLiteral("split"), splitToJson(project.split)},
                       {QStringLiteral("network"), networkToJson(project.network)},
                       {QStringLiteral("training"), trainConfigToJson(project.training)},
                       {QStringLiteral("runs"), runs}};
}

Project ProjectJson::fromJson(const QJsonObject& object, const std::string& file)
{
    const JsonReader json(object, file, kEntry);
    Project project;
    project.formatVersion = json.integer32("formatVersion", 1, kIntMax);
    if (project.formatVersion > kProjectFormatVersion)
        throw ProjectError(file, "made by a newer MLP Studio (format " + std::to_string(project.formatVersion) +
                                     "; this one reads up to " + std::to_string(kProjectFormatVersion) + ")");
    project.data = datasetFromJson(json.object("data"));
    project.split = splitFromJson(json.object("split"));
    project.network = networkFromJson(json.object("network"));
    project.training = trainConfigFromJson(json.object("training"));
    for (const JsonReader& run : json.objects("runs"))
        project.runs.push_back(runFromJson(run));
    return project;
}

} // namespace mlps
