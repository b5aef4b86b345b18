#include "ExportFixtures.h"

#include "export/ExportError.h"
#include "export/NpzEntry.h"
#include "export/NpzExporter.h"

#include <gtest/gtest.h>

#include <quazip.h>
#include <quazipfile.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstring>
#include <map>

using namespace mlps;
using namespace exporttest;

namespace {

// Every entry of a zip, by name.
std::map<std::string, QByteArray> readZip(const QString& path)
{
    std::map<std::string, QByteArray> entries;
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip))
        return entries;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        if (file.open(QIODevice::ReadOnly))
            entries[zip.getCurrentFileName().toStdString()] = file.readAll();
    }
    return entries;
}

// The dict text of a .npy header, and where its data starts.
std::string npyDict(const QByteArray& npy, int* dataStart)
{
    const int length = std::uint8_t(npy[8]) | (std::uint8_t(npy[9]) << 8);
    *dataStart = 10 + length;
    return npy.mid(10, length).trimmed().toStdString();
}

} // namespace

TEST(NpzEntry, HeaderIsPaddedToSixtyFourBytesAsNumpyWritesIt)
{
    const std::string header = NpzEntry::header("<f4", {3, 2});
    EXPECT_EQ(header.size() % 64, 0u);
    EXPECT_EQ(header.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    EXPECT_EQ(header.back(), '\n');
    EXPECT_NE(header.find("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), std::string::npos);
    EXPECT_NE(NpzEntry::header("<f4", {5}).find("'shape': (5,)"), std::string::npos);
    EXPECT_NE(NpzEntry::header("<U3", {}).find("'shape': ()"), std::string::npos);
}

TEST(NpzEntry, UnicodeStringsAreUcs4PaddedToTheLongest)
{
    const NpzEntry array = NpzEntry::unicode("names", {"A", "\xc3\x9f" "c"}); // "A", "ßc"
    const std::size_t start = NpzEntry::header("<U2", {2}).size();
    ASSERT_EQ(array.bytes.size(), start + 2 * 2 * 4);
    EXPECT_EQ(array.bytes.substr(0, start), NpzEntry::header("<U2", {2}));
    const std::uint32_t expected[] = {'A', 0, 0xdf, 'c'};
    for (int i = 0; i < 4; ++i) {
        std::uint32_t point = 0;
        std::memcpy(&point, array.bytes.data() + start + 4 * i, 4);
        EXPECT_EQ(point, expected[i]) << i;
    }
}

TEST(NpzExporter, WritesKerasLayoutKernelsBiasesClassNamesAndConfig)
{
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("weights.npz"));
    NpzExporter::write(model, path.toStdString());
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".part")));

    const auto entries = readZip(path);
    std::vector<std::string> names;
    for (const auto& [name, bytes] : entries)
        names.push_back(name);
    EXPECT_EQ(names, (std::vector<std::string>{"class_names.npy", "config.npy", "dense_1/bias.npy",
                                               "dense_1/kernel.npy", "dense_2/bias.npy", "dense_2/kernel.npy",
                                               "output/bias.npy", "output/kernel.npy"}));

    // dense_2 is the 8 -> 6 layer after the dropout; its kernel is [8, 6] and
    // element (i, o) is the engine's W(o, i).
    int start = 0;
    const QByteArray& kernel = entries.at("dense_2/kernel.npy");
    EXPECT_EQ(npyDict(kernel, &start), "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 6), }");
    ASSERT_EQ(kernel.size(), start + 8 * 6 * 4);
    const ParameterLayout layout = model.layout();
    ASSERT_EQ(layout.blocks.size(), 3u);
    const DenseBlock& block = layout.blocks[1];
    const Eigen::Map<const Eigen::MatrixXf> w(model.parameters.data() + block.weightOffset, 6, 8);
    for (int i = 0; i < 8; ++i) {
        for (int o = 0; o < 6; ++o) {
            float value = 0;
            std::memcpy(&value, kernel.constData() + start + 4 * (i * 6 + o), 4);
            EXPECT_EQ(value, w(o, i)) << i << "," << o;
        }
    }
    const QByteArray& bias = entries.at("output/bias.npy");
    EXPECT_EQ(npyDict(bias, &start), "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    float firstBias = 0;
    std::memcpy(&firstBias, bias.constData() + start, 4);
    EXPECT_EQ(firstBias, model.parameters[layout.blocks[2].biasOffset]);
    EXPECT_EQ(npyDict(entries.at("class_names.npy"), &start),
              "{'descr': '<U1', 'fortran_order': False, 'shape': (3,), }");

    // The config is the JSON description, a 0-d unicode array.
    const QByteArray& config = entries.at("config.npy");
    const std::string dict = npyDict(config, &start);
    EXPECT_NE(dict.find("'shape': ()"), std::string::npos) << dict;
    QString text;
    for (int at = start; at + 4 <= config.size(); at += 4) {
        std::uint32_t point = 0;
        std::memcpy(&point, config.constData() + at, 4);
        if (point != 0)
            text += QString::fromUcs4(reinterpret_cast<const char32_t*>(&point), 1);
    }
    const QJsonObject json = QJsonDocument::fromJson(text.toUtf8()).object();
    EXPECT_EQ(json[QStringLiteral("format")].toString(), QStringLiteral("mlp-studio-model"));
    const QJsonArray layers = json[QStringLiteral("layers")].toArray();
    ASSERT_EQ(layers.size(), 4);
    EXPECT_EQ(layers[1].toObject()[QStringLiteral("type")].toString(), QStringLiteral("dropout"));
    EXPECT_DOUBLE_EQ(layers[1].toObject()[QStringLiteral("rate")].toDouble(), 0.25);
    EXPECT_EQ(layers[2].toObject()[QStringLiteral("activation")].toString(), QStringLiteral("tanh"));
    EXPECT_EQ(layers[3].toObject()[QStringLiteral("activation")].toString(), QStringLiteral("softmax"));
    const QJsonObject optimizer = json[QStringLiteral("training")].toObject()[QStringLiteral("optimizer")].toObject();
    EXPECT_EQ(optimizer[QStringLiteral("kind")].toString(), QStringLiteral("momentum"));
}

TEST(NpzExporter, NumpyLoadGivesTheEnginesWeights)
{
    if (!pythonHas({QStringLiteral("numpy")}))
        GTEST_SKIP() << "/usr/bin/python3 has no numpy (apt-get install python3-numpy)";
    const ExportedModel model = trainedModel(Activation::Elu, Activation::LeakyRelu);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("weights.npz"));
    NpzExporter::write(model, path.toStdString());

    // The expected arrays, built from the engine's matrices (not its raw buffer).
    QJsonArray layers;
    for (const DenseBlock& block : model.layout().blocks) {
        const Eigen::Map<const Eigen::MatrixXf> w(model.parameters.data() + block.weightOffset, block.outputs,
                                                  block.inputs);
        const Eigen::Map<const Eigen::MatrixXf> b(model.parameters.data() + block.biasOffset, 1, block.outputs);
        writeNpy(dir.filePath(QString::fromStdString(block.name + ".kernel.npy")).toStdString(), w.transpose());
        writeNpy(dir.filePath(QString::fromStdString(block.name + ".bias.npy")).toStdString(), b);
        layers.append(QString::fromStdString(block.name));
    }
    QFile names(dir.filePath(QStringLiteral("names.json")));
    ASSERT_TRUE(names.open(QIODevice::WriteOnly));
    names.write(QJsonDocument(QJsonObject{{QStringLiteral("layers"), layers},
                                          {QStringLiteral("class_names"),
                                           QJsonArray{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}}})
                    .toJson());
    names.close();

    const PythonResult result = runPython({scriptPath("check_npz.py"), path, dir.path()});
    if (result.exitCode == kSkipExitCode)
        GTEST_SKIP() << result.output.toStdString();
    EXPECT_EQ(result.exitCode, 0) << result.output.toStdString();
}

TEST(NpzExporter, AnUnwritablePathThrowsNamingItAndLeavesNothing)
{
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("missing/folder/weights.npz")).toStdString();
    try {
        NpzExporter::write(model, path);
        FAIL() << "no exception";
    } catch (const ExportError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(std::string(e.what()).find(path + ": cannot write"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

TEST(NpzExporter, AModelWhoseWeightsDoNotFitItsNetworkIsRefused)
{
    ExportedModel model = trainedModel();
    model.parameters.conservativeResize(model.parameters.size() - 1);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("weights.npz"));
    EXPECT_THROW(NpzExporter::write(model, path.toStdString()), ExportError);
    EXPECT_FALSE(QFile::exists(path));

    model = trainedModel();
    model.classNames = {"A", "B"};
    EXPECT_THROW(NpzExporter::write(model, path.toStdString()), ExportError);
    model = trainedModel();
    model.parameters[0] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(NpzExporter::write(model, path.toStdString()), ExportError);
    EXPECT_FALSE(QFile::exists(path));
}

TEST(NpzExporter, ReplacesAnEarlierExportWhole)
{
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("weights.npz"));
    QFile old(path);
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("old contents");
    old.close();
    NpzExporter::write(model, path.toStdString());
    EXPECT_EQ(readZip(path).size(), 8u);
}
