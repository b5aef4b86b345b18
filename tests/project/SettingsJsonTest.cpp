#include "project/ProjectError.h"
#include "project/SettingsJson.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

#include <cmath>

using namespace mlps;

namespace {

JsonReader reader(const char* json)
{
    return JsonReader(QJsonDocument::fromJson(QByteArray(json)).object(), "p.mlpstudio", "project.json", "network");
}

std::string networkError(const char* json)
{
    try {
        networkFromJson(reader(json));
    } catch (const ProjectError& e) {
        return e.problem();
    }
    return {};
}

} // namespace

TEST(SettingsJson, NetworkErrorsNameTheKey)
{
    const char* base = R"({"inputSize": 784, "classes": 10, "outputL2": 0, "init": "he_uniform", "hidden": [%1]})";
    auto with = [&](const char* hidden) {
        return QString::fromUtf8(base).arg(QString::fromUtf8(hidden)).toStdString();
    };
    EXPECT_EQ(networkError(with("").c_str()), "");
    EXPECT_EQ(networkError(with(R"({"type": "dense", "units": 8, "activation": "swish", "l2": 0})").c_str()),
              "project.json: network.hidden[0].activation: unknown activation 'swish' "
              "(known: relu, sigmoid, tanh, leaky_relu, elu, linear)");
    EXPECT_EQ(networkError(with(R"({"type": "dropout", "rate": 0.5}, {"type": "conv"})").c_str()),
              "project.json: network.hidden[1].type: unknown layer type 'conv' (known: dense, dropout)");
    EXPECT_EQ(networkError(with(R"({"type": "dense", "units": 8.5, "activation": "relu", "l2": 0})").c_str()),
              "project.json: network.hidden[0].units: expected an integer, found 8.5");
    EXPECT_EQ(networkError(with(R"({"type": "dense", "activation": "relu", "l2": 0})").c_str()),
              "project.json: network.hidden[0].units: missing");
    EXPECT_EQ(networkError(with(R"(3)").c_str()),
              "project.json: network.hidden[0]: expected an object, found a number");
    EXPECT_EQ(networkError(with(R"({"type": "dense", "units": 8, "activation": "relu", "l2": 1e300})").c_str()),
              "project.json: network.hidden[0].l2: out of range for a float: 1.0000000000000001e+300");
    EXPECT_EQ(networkError(R"({"inputSize": 784, "classes": 10, "outputL2": 0, "init": "zeros", "hidden": []})"),
              "project.json: network.init: unknown weight initialisation 'zeros' "
              "(known: he_uniform, he_normal, glorot_uniform, glorot_normal)");
    EXPECT_EQ(networkError(R"({"inputSize": 784, "classes": 1, "outputL2": 0, "init": "he_uniform", "hidden": []})"),
              "project.json: network.classes: out of range: 1 (allowed 2 to 2147483647)");
}

TEST(SettingsJson, NonFiniteNumbersAndSeeds)
{
    const JsonReader json = reader(R"({"a": "NaN", "b": "-Infinity", "c": 0.1, "d": "nan",
                                       "s": "18446744073709551615", "t": "-1", "u": "18446744073709551616"})");
    EXPECT_TRUE(std::isnan(json.anyNumber("a")));
    EXPECT_EQ(json.anyNumber("b"), -HUGE_VAL);
    EXPECT_EQ(json.anyNumber("c"), 0.1);
    EXPECT_THROW(json.anyNumber("d"), ProjectError);
    EXPECT_THROW(json.number("a"), ProjectError);
    EXPECT_EQ(json.unsigned64("s"), 18446744073709551615ULL);
    EXPECT_THROW(json.unsigned64("t"), ProjectError);
    EXPECT_THROW(json.unsigned64("u"), ProjectError);
}

TEST(SettingsJson, DoublesReadBackExactly)
{
    // Qt writes the shortest form that reads back to the same double.
    for (const double value : {0.1, 1.0 / 3.0, 1e-300, 123456.789, double(1e-7f), 5e-324}) {
        const QJsonObject object{{QStringLiteral("x"), value}};
        const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
        const JsonReader json(QJsonDocument::fromJson(text).object(), "f", "e");
        EXPECT_EQ(json.number("x"), value) << text.toStdString();
    }
}

TEST(SettingsJson, DatasetHashIsChecked)
{
    const char* json = R"({"path": "x.npz", "format": "npz", "sha256": "ABC", "count": 1, "width": 28,
                           "height": 28, "classNames": ["A"]})";
    try {
        datasetFromJson(reader(json));
        ADD_FAILURE() << "no exception";
    } catch (const ProjectError& e) {
        EXPECT_EQ(e.problem(), "project.json: network.sha256: not a SHA-256 in hex: 'ABC'");
    }
}

TEST(SettingsJson, LearningQualitySettingsRoundTripAndDefaultWhenAbsent)
{
    TrainConfig config;
    config.labelSmoothing = 0.1f;
    config.weightAverageDecay = 0.999f;
    config.syntheticShare = 0.7f;
    config.ensembleSize = 3;
    const QJsonObject written = trainConfigToJson(config);
    const QByteArray text = QJsonDocument(written).toJson(QJsonDocument::Compact);
    const TrainConfig read = trainConfigFromJson(JsonReader(QJsonDocument::fromJson(text).object(), "p", "project.json"));
    EXPECT_EQ(read, config);

    // A file written before these settings existed: they are off.
    QJsonObject older = written;
    for (const char* key : {"labelSmoothing", "weightAverageDecay", "syntheticShare", "ensembleSize"})
        older.remove(QLatin1String(key));
    const TrainConfig plain = trainConfigFromJson(JsonReader(older, "p", "project.json"));
    EXPECT_EQ(plain.labelSmoothing, 0.0f);
    EXPECT_EQ(plain.weightAverageDecay, 0.0f);
    EXPECT_EQ(plain.syntheticShare, 0.0f);
    EXPECT_EQ(plain.ensembleSize, 1);

    QJsonObject tooMany = written;
    tooMany[QStringLiteral("ensembleSize")] = 99;
    EXPECT_THROW(trainConfigFromJson(JsonReader(tooMany, "p", "project.json")), ProjectError);
}
