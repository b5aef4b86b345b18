#include "export/ModelJson.h"

#include "project/JsonReader.h"
#include "project/SettingsJson.h"

#include <QJsonArray>
#include <QJsonDocument>


namespace mlps {

namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }
QString text(const char* s) { return QString::fromUtf8(s); }

QJsonObject denseJson(const std::string& name, int units, const QString& activation, float l2)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("dense")},
                       {QStringLiteral("name"), text(name)},
                       {QStringLiteral("units"), units},
                       {QStringLiteral("activation"), activation},
                       {QStringLiteral("l2"), jsonFloat(l2)}};
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
                                      {QStringLiteral("rate"), jsonFloat(std::get<DropoutSpec>(layer).rate)}});
        }
    }
    layers.append(denseJson("output", model.network.classes, QStringLiteral("softmax"), model.network.outputL2));

    const TrainConfig& c = model.config;
    const QJsonObject training{{QStringLiteral("optimizer"), optimizerToJson(c.optimizer)},
                               {QStringLiteral("schedule"), scheduleToJson(c.schedule)},
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
