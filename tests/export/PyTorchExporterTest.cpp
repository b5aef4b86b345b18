#include "ExportFixtures.h"

#include "data/NumpyReader.h"
#include "export/ExportError.h"
#include "export/NpzExporter.h"
#include "export/PyTorchExporter.h"
#include "nn/Trainer.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace mlps;
using namespace exporttest;

namespace {

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// MNIST's IDX files of a dataset: images (magic 0x803) and labels (0x801).
void writeIdx(const Dataset& data, const QString& imagesPath, const QString& labelsPath)
{
    auto bigEndian = [](QByteArray& out, std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.append(char((v >> shift) & 0xff));
    };
    QByteArray images;
    bigEndian(images, 0x803);
    bigEndian(images, std::uint32_t(data.count()));
    bigEndian(images, std::uint32_t(data.height));
    bigEndian(images, std::uint32_t(data.width));
    images.append(reinterpret_cast<const char*>(data.pixels.data()), qsizetype(data.pixels.size()));
    QByteArray labels;
    bigEndian(labels, 0x801);
    bigEndian(labels, std::uint32_t(data.count()));
    for (const std::int32_t label : data.labels)
        labels.append(char(label));
    QFile imagesFile(imagesPath);
    QFile labelsFile(labelsPath);
    ASSERT_TRUE(imagesFile.open(QIODevice::WriteOnly) && labelsFile.open(QIODevice::WriteOnly));
    imagesFile.write(images);
    labelsFile.write(labels);
}

// "(correct/total)" from train.py --evaluate-only's line.
QString correctOf(const QString& output)
{
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("accuracy [0-9.]+ \\((\\d+/\\d+)\\)"))
                                              .match(output);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

TEST(PyTorchExporter, WritesTheProjectFiles)
{
    const ExportedModel model = trainedModel(Activation::Elu, Activation::Sigmoid);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("project/tiny"));
    PyTorchExporter::write(model, folder.toStdString());
    QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    EXPECT_EQ(files, (QStringList{QStringLiteral("README.md"), QStringLiteral("config.json"), QStringLiteral("model.py"),
                                  QStringLiteral("train.py"), QStringLiteral("weights.npz")}));

    const QString modelPy = readText(folder + QStringLiteral("/model.py"));
    EXPECT_TRUE(modelPy.contains(QStringLiteral("(\"dense_1\", nn.Linear(16, 8)),\n"
                                                "            (\"elu_1\", nn.ELU(1.0)),\n"
                                                "            (\"dropout_1\", nn.Dropout(0.25)),\n"
                                                "            (\"dense_2\", nn.Linear(8, 6)),\n"
                                                "            (\"sigmoid_2\", nn.Sigmoid()),\n"
                                                "            (\"output\", nn.Linear(6, 3)),\n")))
        << modelPy.toStdString();
    EXPECT_TRUE(modelPy.contains(QStringLiteral("CLASS_NAMES = [\"A\", \"B\", \"C\"]")));
    EXPECT_TRUE(modelPy.contains(QStringLiteral("L2 = {\"dense_1\": 0.001, \"dense_2\": 0.0, \"output\": 0.0005}")))
        << modelPy.toStdString();
    EXPECT_FALSE(modelPy.contains(QStringLiteral("{{")));

    const QJsonObject config = QJsonDocument::fromJson(readText(folder + QStringLiteral("/config.json")).toUtf8()).object();
    EXPECT_EQ(config[QStringLiteral("training")].toObject()[QStringLiteral("batchSize")].toInt(), 16);
    const QString readme = readText(folder + QStringLiteral("/README.md"));
    EXPECT_TRUE(readme.contains(QStringLiteral("| `dense_2/kernel` | float32 [8, 6] |")));
    EXPECT_TRUE(readme.contains(QStringLiteral("- optimizer: momentum, learning rate 0.1, momentum 0.9")));
}

TEST(PyTorchExporter, AFileInTheWayOrAnUncreatableFolderThrows)
{
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("taken"));
    QFile taken(file);
    ASSERT_TRUE(taken.open(QIODevice::WriteOnly));
    taken.close();
    try {
        PyTorchExporter::write(model, file.toStdString());
        FAIL() << "no exception";
    } catch (const ExportError& e) {
        EXPECT_EQ(std::string(e.what()), file.toStdString() + ": is a file, not a folder");
    }
    EXPECT_THROW(PyTorchExporter::write(model, (file + QStringLiteral("/below")).toStdString()), ExportError);
}

// model.py + train.py --evaluate-only give the studio's accuracy on the same
// data (npz and IDX), then torchrun trains one epoch on two CPU processes.
TEST(PyTorchExporter, LoadedModelHasTheStudiosAccuracyAndTrainsOnWithTorchrun)
{
    if (!pythonHas({QStringLiteral("numpy"), QStringLiteral("torch")}))
        GTEST_SKIP() << "/usr/bin/python3 has no torch module (apt-get install python3-torch)";
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("torch"));
    PyTorchExporter::write(model, folder.toStdString());

    const Dataset data = tinyDataset(200, 42, true);
    const QString npz = dir.filePath(QStringLiteral("data.npz"));
    NumpyReader::writeNpz(data, npz.toStdString());
    const QString images = dir.filePath(QStringLiteral("tiny-images-idx3-ubyte"));
    writeIdx(data, images, dir.filePath(QStringLiteral("tiny-labels-idx1-ubyte")));
    const std::int64_t correct = engineCorrect(model, data);
    EXPECT_LT(correct, 190) << "the data should not be easy enough for every model to get right";
    EXPECT_GT(correct, 100);
    const QString studio = QString::number(correct) + QStringLiteral("/200");

    const PythonResult loads = runPython({QStringLiteral("model.py")}, folder);
    EXPECT_EQ(loads.exitCode, 0) << loads.output.toStdString();
    EXPECT_TRUE(loads.output.contains(QStringLiteral("(dense_1): Linear(in_features=16, out_features=8"))) << loads.output.toStdString();

    for (const QString& path : {npz, images}) {
        const PythonResult evaluated = runPython({QStringLiteral("train.py"), QStringLiteral("--data"), path,
                                                  QStringLiteral("--evaluate-only")}, folder);
        ASSERT_EQ(evaluated.exitCode, 0) << evaluated.output.toStdString();
        EXPECT_EQ(correctOf(evaluated.output), studio) << evaluated.output.toStdString();
    }

    const QString trained = dir.filePath(QStringLiteral("trained.npz"));
    const PythonResult run = runPython({QStringLiteral("-m"), QStringLiteral("torch.distributed.run"),
                                        QStringLiteral("--standalone"), QStringLiteral("--nproc_per_node=2"),
                                        // Debian 12's torch 1.13 on Python 3.11 cannot parse the
                                        // default "0" of these two (see the project's README).
                                        QStringLiteral("--redirects=1"), QStringLiteral("--tee=1"),
                                        QStringLiteral("train.py"), QStringLiteral("--data"), npz,
                                        QStringLiteral("--validation"), images, QStringLiteral("--epochs"),
                                        QStringLiteral("1"), QStringLiteral("--output"), trained},
                                       folder, 240000);
    ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains(QStringLiteral("2 process(es) on cpu"))) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains(QRegularExpression(QStringLiteral("epoch 1/1: loss [0-9.]+ accuracy [0-9.]+ val_loss"))))
        << run.output.toStdString();
    EXPECT_TRUE(QFile::exists(trained));

    // The trained weights load back, in the same layout.
    const PythonResult reloaded = runPython({QStringLiteral("train.py"), QStringLiteral("--data"), npz,
                                             QStringLiteral("--weights"), trained, QStringLiteral("--evaluate-only")},
                                            folder);
    EXPECT_EQ(reloaded.exitCode, 0) << reloaded.output.toStdString();
    EXPECT_FALSE(correctOf(reloaded.output).isEmpty()) << reloaded.output.toStdString();
}

// With the whole training set as one batch and no dropout, an epoch is one
// step whatever the shuffling, so train.py must take the engine's steps:
// same optimizer, schedule and L2, and (under torchrun) gradients averaged
// right over unequal shares of the batch.
TEST(PyTorchExporter, TrainPyTakesTheEnginesStepsForEachOptimizer)
{
    if (!pythonHas({QStringLiteral("numpy"), QStringLiteral("torch")}))
        GTEST_SKIP() << "/usr/bin/python3 has no torch module (apt-get install python3-torch)";
    struct Case {
        OptimizerKind optimizer;
        float learningRate;
        ScheduleKind schedule;
        int processes;
    };
    const Case cases[] = {{OptimizerKind::Momentum, 0.1f, ScheduleKind::InverseTime, 1},
                          {OptimizerKind::Nesterov, 0.1f, ScheduleKind::Cosine, 1},
                          {OptimizerKind::Adam, 0.01f, ScheduleKind::Exponential, 1},
                          {OptimizerKind::RmsProp, 0.01f, ScheduleKind::Step, 1},
                          {OptimizerKind::Momentum, 0.1f, ScheduleKind::InverseTime, 2}};
    const Dataset data = tinyDataset(45, 5);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString npz = dir.filePath(QStringLiteral("data.npz"));
    NumpyReader::writeNpz(data, npz.toStdString());

    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(optimizerName(c.optimizer)) + ", " + scheduleName(c.schedule) + ", "
                     + std::to_string(c.processes) + " process(es)");
        ExportedModel model = trainedModel();
        model.network.hidden.erase(model.network.hidden.begin() + 1); // the dropout: no parameters
        model.config.optimizer.kind = c.optimizer;
        model.config.optimizer.learningRate = c.learningRate;
        model.config.schedule.kind = c.schedule;
        model.config.schedule.decay = 0.5;
        model.config.schedule.gamma = 0.5;
        model.config.schedule.stepSize = 2;
        model.config.schedule.warmupEpochs = 1.0;
        model.config.epochs = 3;
        model.config.batchSize = 64;
        const QString folder = dir.filePath(QStringLiteral("project"));
        PyTorchExporter::write(model, folder.toStdString());

        Trainer trainer(model.network, model.config, data.view());
        trainer.network().parameters() = model.parameters;
        while (trainer.step() != StepStatus::Finished) {
        }
        ExportedModel expected = model;
        expected.parameters = trainer.network().parameters();
        // The steps move the weights far more than the tolerance below.
        EXPECT_GT((expected.parameters - model.parameters).cwiseAbs().maxCoeff(), 1e-3f);
        const QString expectedPath = dir.filePath(QStringLiteral("expected.npz"));
        NpzExporter::write(expected, expectedPath.toStdString());

        const QString trained = dir.filePath(QStringLiteral("trained.npz"));
        QStringList arguments{QStringLiteral("train.py"), QStringLiteral("--data"), npz, QStringLiteral("--output"),
                              trained};
        if (c.processes > 1)
            arguments = QStringList{QStringLiteral("-m"), QStringLiteral("torch.distributed.run"),
                                    QStringLiteral("--standalone"),
                                    QStringLiteral("--nproc_per_node=%1").arg(c.processes),
                                    QStringLiteral("--redirects=1"), QStringLiteral("--tee=1")}
                        + arguments;
        const PythonResult run = runPython(arguments, folder, 240000);
        ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
        EXPECT_TRUE(run.output.contains(QStringLiteral("epoch 3/3: loss"))) << run.output.toStdString();
        const PythonResult compared = runPython({scriptPath("compare_weights.py"), trained, expectedPath,
                                                 QStringLiteral("2e-6")});
        EXPECT_EQ(compared.exitCode, 0) << compared.output.toStdString() << run.output.toStdString();
    }
}

TEST(PyTorchExporter, TrainPyReportsAMissingDataFileInOneLine)
{
    if (!pythonHas({QStringLiteral("numpy"), QStringLiteral("torch")}))
        GTEST_SKIP() << "/usr/bin/python3 has no torch module (apt-get install python3-torch)";
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    PyTorchExporter::write(trainedModel(), dir.path().toStdString());
    const QString missing = dir.filePath(QStringLiteral("missing-images-idx3-ubyte"));
    const PythonResult result = runPython({QStringLiteral("train.py"), QStringLiteral("--data"), missing,
                                           QStringLiteral("--evaluate-only")}, dir.path());
    EXPECT_EQ(result.exitCode, 1) << result.output.toStdString();
    EXPECT_TRUE(result.output.startsWith(QStringLiteral("train.py: "))) << result.output.toStdString();
    EXPECT_TRUE(result.output.contains(missing)) << result.output.toStdString();
    EXPECT_FALSE(result.output.contains(QStringLiteral("Traceback"))) << result.output.toStdString();
}
