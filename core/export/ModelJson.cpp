#include "export/ModelJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <charconv>
#include <cstdlib>

namespace mlps {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }
QString text(const char* s) { return QString::fromUtf8(s); }

// The double nearest the shortest decimal that reads back as `value`, so
// that 1e-4f is written 0.0001, not 9.999999747378752e-05.
double decimal(float value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer - 1, value);
    *result.ptr = '\0';
    return std::strtod(buffer, nullptr);
}

QJsonObject denseJson(const std::string& name, int units, const QString& activation, float l2)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("dense")},
                       {QStringLiteral("name"), text(name)},
                       {QStringLiteral("units"), units},
                       {QStringLiteral("activation"), activation},
                       {QStringLiteral("l2"), decimal(l2)}};
}

QJsonObject optimizerJson(const OptimizerSpec& o)
{
    return QJsonObject{{QStringLiteral("kind"), text(optimizerName(o.kind))},
                       {QStringLiteral("learningRate"), decimal(o.learningRate)},
                       {QStringLiteral("momentum"), decimal(o.momentum)},
                       {QStringLiteral("beta1"), decimal(o.beta1)},
                       {QStringLiteral("beta2"), decimal(o.beta2)},
                       {QStringLiteral("rho"), decimal(o.rho)},
                       {QStringLiteral("epsilon"), decimal(o.epsilon)}};
}

QJsonObject scheduleJson(const ScheduleSpec& s)
{
    return QJsonObject{{QStringLiteral("kind"), text(scheduleName(s.kind))},
                       {QStringLiteral("decay"), s.decay},
                       {QStringLiteral("stepSize"), s.stepSize},
                       {QStringLiteral("gamma"), s.gamma},
                       {QStringLiteral("warmupEpochs"), s.warmupEpochs},
                       {QStringLiteral("minFraction"), s.minFraction},
                       {QStringLiteral("patience"), s.patience},
                       {QStringLiteral("minDelta"), s.minDelta}};
}

} // namespace

QJsonObject ModelJson::toJson(const ExportedModel& model)
{
    QJsonArray classes;
    for (const std::string& name : model.effectiveClassNames())
        classes.append(text(name));

    QJsonArray layers;
    int denseCount = 0;
    for (const LayerSpec& layer : model.network.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            layers.append(denseJson("dense_" + std::to_string(++denseCount), dense->units,
                                    text(activationName(dense->activation)), dense->l2));
        } else {
            layers.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("dropout")},
                                      {QStringLiteral("rate"), decimal(std::get<DropoutSpec>(layer).rate)}});
        }
    }
    layers.append(denseJson("output", model.network.classes, QStringLiteral("softmax"), model.network.outputL2));

    const TrainConfig& c = model.config;
    const QJsonObject training{{QStringLiteral("optimizer"), optimizerJson(c.optimizer)},
                               {QStringLiteral("schedule"), scheduleJson(c.schedule)},
                               {QStringLiteral("epochs"), c.epochs},
                               {QStringLiteral("batchSize"), c.batchSize},
                               {QStringLiteral("seed"), QString::number(c.seed)},
                               {QStringLiteral("earlyStoppingPatience"), c.earlyStoppingPatience},
                               {QStringLiteral("augment"), text(c.augment.describe())}};
    const QJsonObject input{{QStringLiteral("width"), model.imageWidth},
                            {QStringLiteral("height"), model.imageHeight},
                            {QStringLiteral("features"), model.network.inputSize},
                            {QStringLiteral("scale"), QStringLiteral("pixel / 255")}};
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("mlp-studio-model")},
                       {QStringLiteral("formatVersion"), 1},
                       {QStringLiteral("producer"), QStringLiteral("MLP Studio " MLPS_VERSION)},
                       {QStringLiteral("name"), text(model.name)},
                       {QStringLiteral("input"), input},
                       {QStringLiteral("classes"), classes},
                       {QStringLiteral("layers"), layers},
                       {QStringLiteral("init"), text(initName(model.network.init))},
                       {QStringLiteral("training"), training}};
}

std::string ModelJson::toText(const ExportedModel& model)
{
    return QJsonDocument(toJson(model)).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace mlps
