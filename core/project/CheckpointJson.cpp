#include "project/CheckpointJson.h"

#include "nn/Optimizer.h"
#include "project/ProjectJson.h"

#include <QJsonArray>

#include <algorithm>

#include <limits>

namespace mlps {

namespace {

constexpr std::int64_t kCountMax = std::int64_t(1) << 53;
constexpr int kIntMax = std::numeric_limits<int>::max();

QString q(const std::string& text) { return QString::fromStdString(text); }

} // namespace

QJsonObject CheckpointJson::epochToJson(const EpochRecord& r)
{
    QJsonObject json{{QStringLiteral("epoch"), r.epoch},
                     {QStringLiteral("trainLoss"), jsonNumber(r.trainLoss)},
                     {QStringLiteral("trainAccuracy"), jsonNumber(r.trainAccuracy)},
                     {QStringLiteral("learningRate"), jsonNumber(r.learningRate)},
                     {QStringLiteral("seconds"), jsonNumber(r.seconds)},
                     {QStringLiteral("evaluationSeconds"), jsonNumber(r.evaluationSeconds)}};
    if (r.validationLoss)
        json.insert(QStringLiteral("validationLoss"), jsonNumber(*r.validationLoss));
    if (r.validationAccuracy)
        json.insert(QStringLiteral("validationAccuracy"), jsonNumber(*r.validationAccuracy));
    return json;
}

EpochRecord CheckpointJson::epochFromJson(const JsonReader& json)
{
    EpochRecord r;
    r.epoch = json.integer32("epoch", 0, kIntMax);
    r.trainLoss = json.anyNumber("trainLoss");
    r.trainAccuracy = json.anyNumber("trainAccuracy");
    r.learningRate = json.anyNumber("learningRate");
    r.seconds = json.anyNumber("seconds");
    r.evaluationSeconds = json.anyNumber("evaluationSeconds");
    if (json.has("validationLoss"))
        r.validationLoss = json.anyNumber("validationLoss");
    if (json.has("validationAccuracy"))
        r.validationAccuracy = json.anyNumber("validationAccuracy");
    return r;
}

QJsonObject CheckpointJson::toJson(const TrainerState& state)
{
    QJsonArray words;
    for (const std::uint64_t word : state.shuffle.words)
        words.append(QString::number(word));
    QJsonArray history;
    for (const EpochRecord& record : state.history)
        history.append(epochToJson(record));
    QJsonArray members;
    for (const MemberState& member : state.members) {
        QJsonArray names;
        for (const auto& [name, vector] : member.optimizer)
            names.append(q(name));
        members.append(QJsonObject{{QStringLiteral("optimizerState"), names},
                                   {QStringLiteral("optimizerSteps"), double(member.optimizerSteps)},
                                   {QStringLiteral("average"), member.average.size() > 0},
                                   {QStringLiteral("best"), member.best.size() > 0}});
    }
    const BatchResult& batch = state.lastBatch;
    return QJsonObject{
        {QStringLiteral("step"), double(state.step)},
        {QStringLiteral("positionInEpoch"), double(state.positionInEpoch)},
        {QStringLiteral("orderCount"), double(state.order.size())},
        {QStringLiteral("syntheticOrderCount"), double(state.syntheticOrder.size())},
        {QStringLiteral("syntheticNext"), double(state.syntheticNext)},
        {QStringLiteral("shuffle"), QJsonObject{{QStringLiteral("words"), words},
                                                {QStringLiteral("spareNormal"), jsonFloat(state.shuffle.spareNormal)},
                                                {QStringLiteral("hasSpare"), state.shuffle.hasSpare}}},
        {QStringLiteral("epochLossSum"), jsonNumber(state.epochLossSum)},
        {QStringLiteral("epochCorrect"), double(state.epochCorrect)},
        {QStringLiteral("epochSamples"), double(state.epochSamples)},
        {QStringLiteral("epochSeconds"), jsonNumber(state.epochSeconds)},
        {QStringLiteral("history"), history},
        {QStringLiteral("plateau"), QJsonObject{{QStringLiteral("best"), jsonNumber(state.plateau.best)},
                                                {QStringLiteral("hasBest"), state.plateau.hasBest},
                                                {QStringLiteral("badEpochs"), state.plateau.badEpochs},
                                                {QStringLiteral("reductions"), state.plateau.reductions}}},
        {QStringLiteral("bestValidationLoss"), jsonNumber(state.bestValidationLoss)},
        {QStringLiteral("epochsSinceBest"), state.epochsSinceBest},
        {QStringLiteral("lastBatch"), QJsonObject{{QStringLiteral("meanLoss"), jsonNumber(batch.meanLoss)},
                                                  {QStringLiteral("penalty"), jsonNumber(batch.penalty)},
                                                  {QStringLiteral("correct"), double(batch.correct)},
                                                  {QStringLiteral("size"), double(batch.size)}}},
        {QStringLiteral("done"), state.done},
        {QStringLiteral("message"), q(state.message)},
        {QStringLiteral("members"), members}};
}

std::shared_ptr<TrainerState> CheckpointJson::fromJson(const JsonReader& json, const NetworkSpec& network,
                                                       const TrainConfig& config)
{
    auto state = std::make_shared<TrainerState>();
    state->step = json.integer("step", 0, kCountMax);
    state->positionInEpoch = json.integer("positionInEpoch", 0, kCountMax);
    state->order.resize(std::size_t(json.integer("orderCount", 0, kCountMax)));
    state->syntheticOrder.resize(std::size_t(json.integer("syntheticOrderCount", 0, kCountMax)));
    state->syntheticNext = json.integer("syntheticNext", 0, kCountMax);

    const JsonReader shuffle = json.object("shuffle");
    const std::vector<std::uint64_t> words = shuffle.unsigned64s("words");
    if (words.size() != state->shuffle.words.size())
        shuffle.fail("words", "expected 4 decimal strings, found " + std::to_string(words.size()));
    std::copy(words.begin(), words.end(), state->shuffle.words.begin());
    if (state->shuffle.words == std::array<std::uint64_t, 4>{})
        shuffle.fail("words", "the generator's state cannot be all zero");
    state->shuffle.spareNormal = shuffle.floatNumber("spareNormal");
    state->shuffle.hasSpare = shuffle.boolean("hasSpare");

    state->epochLossSum = json.anyNumber("epochLossSum");
    state->epochCorrect = json.integer("epochCorrect", 0, kCountMax);
    state->epochSamples = json.integer("epochSamples", 0, kCountMax);
    state->epochSeconds = json.number("epochSeconds");
    for (const JsonReader& record : json.objects("history"))
        state->history.push_back(epochFromJson(record));

    const JsonReader plateau = json.object("plateau");
    state->plateau.best = plateau.anyNumber("best");
    state->plateau.hasBest = plateau.boolean("hasBest");
    state->plateau.badEpochs = plateau.integer32("badEpochs", 0, kIntMax);
    state->plateau.reductions = plateau.integer32("reductions", 0, kIntMax);
    state->bestValidationLoss = json.anyNumber("bestValidationLoss");
    state->epochsSinceBest = json.integer32("epochsSinceBest", 0, kIntMax);

    const JsonReader batch = json.object("lastBatch");
    state->lastBatch.meanLoss = batch.anyNumber("meanLoss");
    state->lastBatch.penalty = batch.anyNumber("penalty");
    state->lastBatch.correct = batch.integer("correct", 0, kCountMax);
    state->lastBatch.size = Index(batch.integer("size", 0, kCountMax));
    state->done = json.boolean("done");
    state->message = json.string("message");

    // The state vectors the run's optimizer keeps, by name, in its order.
    const auto optimizer = makeOptimizer(config.optimizer);
    std::vector<std::string> expectedNames;
    for (const auto& [name, vector] : optimizer->state())
        expectedNames.push_back(name);
    const auto parameters = Index(ProjectJson::parameterCount(network));
    const std::vector<JsonReader> members = json.objects("members");
    if (int(members.size()) != config.ensembleSize)
        json.fail("members", "expected " + std::to_string(config.ensembleSize) + " networks (the run's ensemble), found "
                                 + std::to_string(members.size()));
    for (const JsonReader& member : members) {
        MemberState memberState;
        const std::vector<std::string> names = member.strings("optimizerState");
        if (names != expectedNames) {
            std::string known;
            for (const std::string& name : expectedNames)
                known += (known.empty() ? "" : ", ") + name;
            member.fail("optimizerState", "does not match the run's optimizer " + std::string(optimizerName(config.optimizer.kind))
                                              + " (expected: " + (known.empty() ? "none" : known) + ")");
        }
        memberState.parameters.resize(parameters);
        for (const std::string& name : names)
            memberState.optimizer.emplace_back(name, Eigen::VectorXf(parameters));
        memberState.optimizerSteps = member.integer("optimizerSteps", 0, kCountMax);
        if (member.boolean("average"))
            memberState.average.resize(parameters);
        if (member.boolean("best"))
            memberState.best.resize(parameters);
        state->members.push_back(std::move(memberState));
    }
    return state;
}

} // namespace mlps
