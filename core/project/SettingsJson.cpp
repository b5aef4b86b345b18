#include "project/SettingsJson.h"

#include "nn/Activation.h"
#include "nn/AugmentSpec.h"
#include "nn/OptimizerSpec.h"
#include "nn/Schedule.h"

#include <QJsonArray>

#include <limits>

namespace mlps {

namespace {

// The type tags of hidden layers in the file.
constexpr const char* kDenseTag = "dense";
constexpr const char* kDropoutTag = "dropout";

constexpr Activation kActivations[] = {Activation::Relu, Activation::Sigmoid,   Activation::Tanh,
                                       Activation::LeakyRelu, Activation::Elu, Activation::Linear};
constexpr Init kInits[] = {Init::HeUniform, Init::HeNormal, Init::GlorotUniform, Init::GlorotNormal};
constexpr OptimizerKind kOptimizers[] = {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                         OptimizerKind::Adam, OptimizerKind::RmsProp};
constexpr ScheduleKind kSchedules[] = {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                                       ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau};

constexpr int kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kCountMax = std::int64_t(1) << 53;

QString q(const char* text) { return QString::fromUtf8(text); }
QString q(const std::string& text) { return QString::fromStdString(text); }

// Reads an enum by its name, listing the known names when it is not one.
template <typename Enum, std::size_t N, typename NameOf>
Enum parseName(const JsonReader& json, const char* key, const char* what, const Enum (&values)[N], NameOf nameOf)
{
    const std::string name = json.string(key);
    std::string known;
    for (const Enum value : values) {
        if (name == nameOf(value))
            return value;
        known += (known.empty() ? "" : ", ") + std::string(nameOf(value));
    }
    json.fail(key, "unknown " + std::string(what) + " '" + name + "' (known: " + known + ")");
}

void check(const JsonReader& json, const std::string& problem)
{
    if (!problem.empty())
        json.fail(nullptr, problem);
}

QJsonArray stringsToJson(const std::vector<std::string>& strings)
{
    QJsonArray array;
    for (const std::string& s : strings)
        array.append(q(s));
    return array;
}

} // namespace

QJsonObject networkToJson(const NetworkSpec& spec)
{
    QJsonArray hidden;
    for (const LayerSpec& layer : spec.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            hidden.append(QJsonObject{{QStringLiteral("type"), q(kDenseTag)},
                                      {QStringLiteral("units"), dense->units},
                                      {QStringLiteral("activation"), q(activationName(dense->activation))},
                                      {QStringLiteral("l2"), double(dense->l2)}});
        } else {
            const auto& dropout = std::get<DropoutSpec>(layer);
            hidden.append(QJsonObject{{QStringLiteral("type"), q(kDropoutTag)},
                                      {QStringLiteral("rate"), double(dropout.rate)}});
        }
    }
    return QJsonObject{{QStringLiteral("inputSize"), spec.inputSize},
                       {QStringLiteral("classes"), spec.classes},
                       {QStringLiteral("hidden"), hidden},
                       {QStringLiteral("outputL2"), double(spec.outputL2)},
                       {QStringLiteral("init"), q(initName(spec.init))}};
}

NetworkSpec networkFromJson(const JsonReader& json)
{
    NetworkSpec spec;
    spec.inputSize = json.integer32("inputSize", 1, kIntMax);
    spec.classes = json.integer32("classes", 2, kIntMax);
    spec.outputL2 = json.floatNumber("outputL2");
    spec.init = parseName(json, "init", "weight initialisation", kInits, initName);
    for (const JsonReader& layer : json.objects("hidden")) {
        const std::string type = layer.string("type");
        if (type == kDenseTag) {
            DenseSpec dense;
            dense.units = layer.integer32("units", 1, kIntMax);
            dense.activation = parseName(layer, "activation", "activation", kActivations, activationName);
            dense.l2 = layer.floatNumber("l2");
            spec.hidden.emplace_back(dense);
        } else if (type == kDropoutTag) {
            spec.hidden.emplace_back(DropoutSpec{layer.floatNumber("rate")});
        } else {
            layer.fail("type", "unknown layer type '" + type + "' (known: dense, dropout)");
        }
    }
    check(json, spec.validate());
    return spec;
}

QJsonObject optimizerToJson(const OptimizerSpec& o)
{
    return QJsonObject{{QStringLiteral("kind"), q(optimizerName(o.kind))},
                       {QStringLiteral("learningRate"), jsonFloat(o.learningRate)},
                       {QStringLiteral("momentum"), jsonFloat(o.momentum)},
                       {QStringLiteral("beta1"), jsonFloat(o.beta1)},
                       {QStringLiteral("beta2"), jsonFloat(o.beta2)},
                       {QStringLiteral("rho"), jsonFloat(o.rho)},
                       {QStringLiteral("epsilon"), jsonFloat(o.epsilon)}};
}

QJsonObject scheduleToJson(const ScheduleSpec& s)
{
    return QJsonObject{{QStringLiteral("kind"), q(scheduleName(s.kind))},
                       {QStringLiteral("decay"), s.decay},
                       {QStringLiteral("stepSize"), s.stepSize},
                       {QStringLiteral("gamma"), s.gamma},
                       {QStringLiteral("warmupEpochs"), s.warmupEpochs},
                       {QStringLiteral("minFraction"), s.minFraction},
                       {QStringLiteral("patience"), s.patience},
                       {QStringLiteral("minDelta"), s.minDelta}};
}

QJsonObject trainConfigToJson(const TrainConfig& config)
{
    return QJsonObject{{QStringLiteral("optimizer"), optimizerToJson(config.optimizer)},
                       {QStringLiteral("schedule"), scheduleToJson(config.schedule)},
                       {QStringLiteral("epochs"), config.epochs},
                       {QStringLiteral("batchSize"), config.batchSize},
                       {QStringLiteral("seed"), QString::number(config.seed)},
                       {QStringLiteral("threads"), config.threads},
                       {QStringLiteral("earlyStoppingPatience"), config.earlyStoppingPatience},
                       {QStringLiteral("augment"), q(config.augment.describe())},
                       {QStringLiteral("labelSmoothing"), jsonFloat(config.labelSmoothing)},
                       {QStringLiteral("weightAverageDecay"), jsonFloat(config.weightAverageDecay)},
                       {QStringLiteral("syntheticShare"), jsonFloat(config.syntheticShare)},
                       {QStringLiteral("ensembleSize"), config.ensembleSize}};
}

TrainConfig trainConfigFromJson(const JsonReader& json)
{
    TrainConfig config;
    const JsonReader o = json.object("optimizer");
    config.optimizer.kind = parseName(o, "kind", "optimizer", kOptimizers, optimizerName);
    config.optimizer.learningRate = o.floatNumber("learningRate");
    config.optimizer.momentum = o.floatNumber("momentum");
    config.optimizer.beta1 = o.floatNumber("beta1");
    config.optimizer.beta2 = o.floatNumber("beta2");
    config.optimizer.rho = o.floatNumber("rho");
    config.optimizer.epsilon = o.floatNumber("epsilon");
    check(o, config.optimizer.validate());

    const JsonReader s = json.object("schedule");
    config.schedule.kind = parseName(s, "kind", "schedule", kSchedules, scheduleName);
    config.schedule.decay = s.number("decay");
    config.schedule.stepSize = s.integer32("stepSize", 1, kIntMax);
    config.schedule.gamma = s.number("gamma");
    config.schedule.warmupEpochs = s.number("warmupEpochs");
    config.schedule.minFraction = s.number("minFraction");
    config.schedule.patience = s.integer32("patience", 0, kIntMax);
    config.schedule.minDelta = s.number("minDelta");
    check(s, config.schedule.validate());

    config.epochs = json.integer32("epochs", 1, kIntMax);
    config.batchSize = json.integer32("batchSize", 1, kIntMax);
    config.seed = json.unsigned64("seed");
    config.threads = json.integer32("threads", 1, kIntMax);
    config.earlyStoppingPatience = json.integer32("earlyStoppingPatience", 0, kIntMax);
    std::string problem;
    const std::optional<AugmentSpec> augment = parseAugmentSpec(json.string("augment"), &problem);
    if (!augment)
        json.fail("augment", problem);
    config.augment = *augment;
    // Added in format 1 after its first files: absent means off.
    if (json.has("labelSmoothing"))
        config.labelSmoothing = json.floatNumber("labelSmoothing");
    if (json.has("weightAverageDecay"))
        config.weightAverageDecay = json.floatNumber("weightAverageDecay");
    if (json.has("syntheticShare"))
        config.syntheticShare = json.floatNumber("syntheticShare");
    if (json.has("ensembleSize"))
        config.ensembleSize = json.integer32("ensembleSize", 1, kMaxEnsembleSize);
    check(json, config.validate());
    return config;
}

QJsonObject datasetToJson(const DatasetReference& data)
{
    return QJsonObject{{QStringLiteral("path"), q(data.path)},
                       {QStringLiteral("format"), q(data.format)},
                       {QStringLiteral("sha256"), q(data.sha256)},
                       {QStringLiteral("count"), double(data.count)},
                       {QStringLiteral("width"), data.width},
                       {QStringLiteral("height"), data.height},
                       {QStringLiteral("classNames"), stringsToJson(data.classNames)}};
}

DatasetReference datasetFromJson(const JsonReader& json)
{
    DatasetReference data;
    data.path = json.string("path");
    data.format = json.string("format");
    data.sha256 = json.string("sha256");
    if (!data.sha256.empty()
        && (data.sha256.size() != 64 || data.sha256.find_first_not_of("0123456789abcdef") != std::string::npos))
        json.fail("sha256", "not a SHA-256 in hex: '" + data.sha256 + "'");
    data.count = json.integer("count", 0, kCountMax);
    data.width = json.integer32("width", 0, kIntMax);
    data.height = json.integer32("height", 0, kIntMax);
    data.classNames = json.strings("classNames");
    return data;
}

QJsonObject splitToJson(const SplitSettings& split)
{
    return QJsonObject{{QStringLiteral("validation"), double(split.validation)},
                       {QStringLiteral("test"), double(split.test)},
                       {QStringLiteral("seed"), QString::number(split.seed)},
                       {QStringLiteral("dropDuplicates"), split.dropDuplicates},
                       {QStringLiteral("removeOverlap"), split.removeOverlap}};
}

SplitSettings splitFromJson(const JsonReader& json)
{
    SplitSettings split;
    split.validation = json.integer("validation", 0, kCountMax);
    split.test = json.integer("test", 0, kCountMax);
    split.seed = json.unsigned64("seed");
    split.dropDuplicates = json.boolean("dropDuplicates");
    split.removeOverlap = json.boolean("removeOverlap");
    return split;
}

} // namespace mlps
