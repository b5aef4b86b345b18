// Runs the real mlp-studio-cli and checks what a user sees: exit codes,
// messages, and the --json report.
#include "data/Dataset.h"
#include "data/IdxReader.h"
#include "nn/Rng.h"
#include "project/ProjectFile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const
    {
        const QStringList lines = out.trimmed().split(QLatin1Char('\n'));
        return QJsonDocument::fromJson(lines.last().toUtf8()).object();
    }
};

CliResult runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(MLPS_CLI_PATH), arguments);
    EXPECT_TRUE(process.waitForStarted());
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(300000)) << "mlp-studio-cli did not finish";
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QList<double> trainLosses(const QJsonObject& report)
{
    QList<double> values;
    for (const auto& epoch : report[QStringLiteral("history")].toArray())
        values.append(epoch.toObject()[QStringLiteral("train_loss")].toDouble());
    return values;
}

// Three classes of 8x8 images around distinct prototypes: easy to learn.
mlps::Dataset separableData(int perClass, std::uint64_t seed)
{
    mlps::Dataset data;
    data.width = 8;
    data.height = 8;
    data.classNames = {"0", "1", "2"};
    mlps::Rng rng(seed);
    for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < perClass; ++i) {
            for (int p = 0; p < 64; ++p) {
                const bool on = (p % 3) == c;
                const int value = (on ? 200 : 30) + int(rng.below(40)) - 20;
                data.pixels.push_back(std::uint8_t(value));
            }
            data.labels.push_back(c);
        }
    }
    return data;
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        // The decoded-dataset cache of these runs goes to the test's folder, not the user's.
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        mlps::IdxReader::write(separableData(60, 7), path(QStringLiteral("easy-images-idx3-ubyte")).toStdString(),
                               path(QStringLiteral("easy-labels-idx1-ubyte")).toStdString());
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    void writeBytes(const QString& name, const QByteArray& bytes) const
    {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QStringList easyTrain(const QStringList& extra) const
    {
        return QStringList{QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("easy-images-idx3-ubyte")),
                           QStringLiteral("--layers"), QStringLiteral("16"), QStringLiteral("--epochs"),
                           QStringLiteral("15"), QStringLiteral("--lr"), QStringLiteral("0.1"),
                           QStringLiteral("--optimizer"), QStringLiteral("momentum"), QStringLiteral("--val"),
                           QStringLiteral("30"), QStringLiteral("--test-split"), QStringLiteral("30"),
                           QStringLiteral("--batch"), QStringLiteral("16"), QStringLiteral("--threads"), QStringLiteral("2")}
               + extra;
    }
    QTemporaryDir m_dir;
};

TEST_F(CliTest, VersionAndHelp)
{
    const CliResult version = runCli({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.contains(QStringLiteral(MLPS_VERSION))) << version.out.toStdString();
    const CliResult help = runCli({QStringLiteral("train"), QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--layers")));
    EXPECT_TRUE(help.out.contains(QStringLiteral("inverse-time")));
    const CliResult none = runCli({});
    EXPECT_EQ(none.exitCode, 2);
    const CliResult unknownCommand = runCli({QStringLiteral("frobnicate")});
    EXPECT_EQ(unknownCommand.exitCode, 2);
    EXPECT_TRUE(unknownCommand.err.contains(QStringLiteral("frobnicate")));
}

TEST_F(CliTest, TrainsAndReportsJson)
{
    const CliResult result = runCli(easyTrain({QStringLiteral("--json")}));
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();
    for (const char* key : {"test_accuracy", "test_f1_weighted", "test_f1_macro", "test_log_loss", "confusion_matrix",
                            "per_class", "history", "train_seconds", "samples_per_second", "parameters", "seed",
                            "threads"})
        EXPECT_TRUE(report.contains(QLatin1String(key))) << key;
    EXPECT_GT(report[QStringLiteral("test_accuracy")].toDouble(), 0.95);
    EXPECT_EQ(report[QStringLiteral("parameters")].toInteger(), 64 * 16 + 16 + 16 * 3 + 3);
    EXPECT_EQ(report[QStringLiteral("threads")].toInt(), 2);
    const QJsonArray confusion = report[QStringLiteral("confusion_matrix")].toArray();
    ASSERT_EQ(confusion.size(), 3);
    qint64 total = 0;
    for (const auto& row : confusion) {
        ASSERT_EQ(row.toArray().size(), 3);
        for (const auto& cell : row.toArray())
            total += cell.toInteger();
    }
    EXPECT_EQ(total, 30);
    const QJsonArray history = report[QStringLiteral("history")].toArray();
    ASSERT_EQ(history.size(), 15);
    const QJsonObject last = history.last().toObject();
    for (const char* key : {"train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr"})
        EXPECT_TRUE(last[QLatin1String(key)].isDouble()) << key;
    EXPECT_EQ(report[QStringLiteral("per_class")].toArray().size(), 3);
    // One progress line per epoch on stderr.
    EXPECT_EQ(result.err.count(QStringLiteral("epoch ")), 15) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("ETA")));
}

TEST_F(CliTest, ListsMisclassifiedSamplesAndWritesPredictions)
{
    // One short epoch at a tiny rate: a model that still makes mistakes.
    QStringList arguments = easyTrain({QStringLiteral("--json"), QStringLiteral("--errors"), QStringLiteral("4"),
                                       QStringLiteral("--predictions"), path(QStringLiteral("predictions.csv"))});
    arguments[arguments.indexOf(QStringLiteral("--epochs")) + 1] = QStringLiteral("1");
    arguments[arguments.indexOf(QStringLiteral("--lr")) + 1] = QStringLiteral("0.0005");
    const CliResult result = runCli(arguments);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();

    qint64 errors = 0;
    const QJsonArray confusion = report[QStringLiteral("confusion_matrix")].toArray();
    for (int i = 0; i < confusion.size(); ++i) {
        for (int j = 0; j < confusion.size(); ++j)
            errors += i == j ? 0 : confusion[i].toArray()[j].toInteger();
    }
    ASSERT_GT(errors, 0) << "the model should still be wrong sometimes";
    const QJsonArray wrong = report[QStringLiteral("misclassified")].toArray();
    ASSERT_EQ(wrong.size(), std::min<qint64>(4, errors));
    double previous = 2.0;
    for (const auto& value : wrong) {
        const QJsonObject entry = value.toObject();
        EXPECT_NE(entry[QStringLiteral("true")].toString(), entry[QStringLiteral("predicted")].toString());
        const double confidence = entry[QStringLiteral("confidence")].toDouble();
        EXPECT_LE(confidence, previous) << "most confident mistakes first";
        EXPECT_GT(confidence, entry[QStringLiteral("true_probability")].toDouble());
        EXPECT_EQ(entry[QStringLiteral("source")].toString(),
                  QLatin1Char('#') + QString::number(entry[QStringLiteral("index")].toInteger()));
        previous = confidence;
    }

    QFile csv(path(QStringLiteral("predictions.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 31); // the header and the 30 test samples
    EXPECT_EQ(lines[0], QStringLiteral("index,source,true,predicted,confidence,p_0,p_1,p_2"));
    qint64 csvErrors = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines[i].split(QLatin1Char(','));
        ASSERT_EQ(fields.size(), 8) << lines[i].toStdString();
        csvErrors += fields[2] != fields[3];
        const double sum = fields[5].toDouble() + fields[6].toDouble() + fields[7].toDouble();
        EXPECT_NEAR(sum, 1.0, 1e-5);
        EXPECT_DOUBLE_EQ(fields[4].toDouble(), fields[5 + fields[3].toInt()].toDouble());
    }
    EXPECT_EQ(csvErrors, errors);
}

TEST_F(CliTest, BadPredictionOptionsExitWithTwo)
{
    const CliResult negative = runCli(easyTrain({QStringLiteral("--errors"), QStringLiteral("-1")}));
    EXPECT_EQ(negative.exitCode, 2);
    EXPECT_TRUE(negative.err.contains(QStringLiteral("--errors"))) << negative.err.toStdString();
    const QString missing = path(QStringLiteral("no-such-folder/predictions.csv"));
    const CliResult unwritable = runCli(easyTrain({QStringLiteral("--predictions"), missing}));
    EXPECT_EQ(unwritable.exitCode, 2);
    EXPECT_TRUE(unwritable.err.contains(missing)) << unwritable.err.toStdString();
    EXPECT_FALSE(unwritable.err.contains(QStringLiteral("epoch "))) << "checked before training";
}

TEST_F(CliTest, SavesRunsInAProjectTrainsItAgainAndEvaluatesThem)
{
    const QString project = path(QStringLiteral("lab.mlpstudio"));
    const CliResult first = runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--save"), project}));
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    EXPECT_EQ(first.json()[QStringLiteral("project_run")].toInt(), 1);
    ASSERT_TRUE(QFileInfo::exists(project));

    // The project's own settings, headless, recorded as its second run: the same run again.
    const CliResult second = runCli({QStringLiteral("train"), QStringLiteral("--project"), project,
                                     QStringLiteral("--json"), QStringLiteral("--threads"), QStringLiteral("2")});
    ASSERT_EQ(second.exitCode, 0) << second.err.toStdString();
    EXPECT_EQ(second.json()[QStringLiteral("project_run")].toInt(), 2);
    EXPECT_EQ(second.json()[QStringLiteral("test_accuracy")].toDouble(), first.json()[QStringLiteral("test_accuracy")].toDouble());
    EXPECT_EQ(trainLosses(second.json()), trainLosses(first.json())) << "same settings, same seed, same threads";

    // Its weights, evaluated on the whole dataset.
    const CliResult evaluated = runCli({QStringLiteral("evaluate"), QStringLiteral("--project"), project,
                                        QStringLiteral("--data"), path(QStringLiteral("easy-images-idx3-ubyte")),
                                        QStringLiteral("--json")});
    ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
    EXPECT_EQ(evaluated.json()[QStringLiteral("run")].toInt(), 2);
    EXPECT_EQ(evaluated.json()[QStringLiteral("samples")].toInt(), 180);
    EXPECT_GT(evaluated.json()[QStringLiteral("accuracy")].toDouble(), 0.95);
    const CliResult firstRun = runCli({QStringLiteral("evaluate"), QStringLiteral("--project"), project,
                                       QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--data"),
                                       path(QStringLiteral("easy-images-idx3-ubyte")), QStringLiteral("--json")});
    ASSERT_EQ(firstRun.exitCode, 0) << firstRun.err.toStdString();
    EXPECT_EQ(firstRun.json()[QStringLiteral("accuracy")].toDouble(), evaluated.json()[QStringLiteral("accuracy")].toDouble());
}

// --- exact resume -------------------------------------------------------

class CliResumeTest : public CliTest {
protected:
    void SetUp() override
    {
        CliTest::SetUp();
        // Long enough (a few seconds) to be stopped mid-run, with state in every
        // part of the checkpoint: Adam's moments, weight averaging, dropout.
        mlps::IdxReader::write(separableData(1500, 11), path(QStringLiteral("long-images-idx3-ubyte")).toStdString(),
                               path(QStringLiteral("long-labels-idx1-ubyte")).toStdString());
    }
    QStringList longTrain(const QString& project) const
    {
        return {QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("long-images-idx3-ubyte")),
                QStringLiteral("--layers"), QStringLiteral("256,256"), QStringLiteral("--dropout"), QStringLiteral("0.2"),
                QStringLiteral("--optimizer"), QStringLiteral("adam"), QStringLiteral("--ema"), QStringLiteral("0.9"),
                QStringLiteral("--schedule"), QStringLiteral("cosine"), QStringLiteral("--epochs"), QStringLiteral("12"),
                QStringLiteral("--batch"), QStringLiteral("16"), QStringLiteral("--val"), QStringLiteral("300"),
                QStringLiteral("--test-split"), QStringLiteral("300"), QStringLiteral("--threads"), QStringLiteral("2"),
                QStringLiteral("--quiet"), QStringLiteral("--save"), project};
    }
    // Starts longTrain(project) with a checkpoint at every epoch end and
    // returns once the project's run 1 keeps one; false when the process ended first.
    bool startUntilCheckpoint(QProcess& process, const QString& project) const
    {
        process.start(QStringLiteral(MLPS_CLI_PATH),
                      longTrain(project) + QStringList{QStringLiteral("--checkpoint-interval"), QStringLiteral("0")});
        return process.waitForStarted() && waitForCheckpoint(process, project);
    }
    // The project's run 1, once it keeps a checkpoint; null when the process ended first.
    static std::shared_ptr<const mlps::TrainerState> waitForCheckpoint(QProcess& process, const QString& project)
    {
        while (!process.waitForFinished(10)) {
            if (!QFileInfo::exists(project))
                continue;
            const mlps::Project loaded = mlps::ProjectFile::load(project); // saved atomically: never half-written
            if (!loaded.runs.empty() && loaded.runs[0].checkpoint)
                return loaded.runs[0].checkpoint;
        }
        return nullptr;
    }
    // Run 1 of both projects: the same weights to the bit and the same history.
    static void expectSameRun(const QString& expectedProject, const QString& actualProject)
    {
        const mlps::Project expected = mlps::ProjectFile::load(expectedProject);
        const mlps::Project actual = mlps::ProjectFile::load(actualProject);
        ASSERT_EQ(actual.runs.size(), 1u) << "the continued run replaces its checkpoint, it is not a second run";
        const mlps::StoredRun& a = actual.runs[0];
        const mlps::StoredRun& e = expected.runs[0];
        EXPECT_EQ(a.status, "finished");
        EXPECT_FALSE(a.checkpoint) << "a finished run keeps no checkpoint";
        ASSERT_EQ(a.parameters.size(), e.parameters.size());
        EXPECT_EQ(0, std::memcmp(a.parameters.data(), e.parameters.data(), sizeof(float) * std::size_t(e.parameters.size())))
            << "the continued run's weights differ from the run done in one go";
        ASSERT_EQ(a.history.size(), e.history.size());
        for (std::size_t i = 0; i < e.history.size(); ++i) {
            EXPECT_EQ(a.history[i].trainLoss, e.history[i].trainLoss) << "epoch " << i + 1;
            EXPECT_EQ(a.history[i].validationLoss, e.history[i].validationLoss) << "epoch " << i + 1;
        }
        ASSERT_TRUE(a.test && e.test);
        EXPECT_EQ(a.test->scores.accuracy, e.test->scores.accuracy);
        EXPECT_EQ(a.stepsDone, e.stepsDone);
        // The batch-loss curve has every step, before and after the stop (a
        // bucket cut by the stop is averaged again from its saved float mean).
        ASSERT_FALSE(e.batchSteps.empty());
        EXPECT_EQ(a.batchSteps, e.batchSteps);
        ASSERT_EQ(a.batchLosses.size(), e.batchLosses.size());
        for (std::size_t i = 0; i < e.batchLosses.size(); ++i)
            ASSERT_NEAR(a.batchLosses[i], e.batchLosses[i], 1e-5 * std::abs(e.batchLosses[i])) << "batch point " << i;
    }
};

TEST_F(CliResumeTest, KilledRunContinuedFromItsLastCheckpointEqualsTheRunInOneGo)
{
    const QString oneGo = path(QStringLiteral("one-go.mlpstudio"));
    const CliResult reference = runCli(longTrain(oneGo));
    ASSERT_EQ(reference.exitCode, 0) << reference.err.toStdString();

    const QString killed = path(QStringLiteral("killed.mlpstudio"));
    QProcess process;
    ASSERT_TRUE(startUntilCheckpoint(process, killed)) << "the run ended before its first checkpoint";
    process.kill(); // SIGKILL: no chance to save anything more
    process.waitForFinished();
    ASSERT_EQ(process.exitStatus(), QProcess::CrashExit);
    const mlps::Project left = mlps::ProjectFile::load(killed);
    ASSERT_EQ(left.runs.size(), 1u);
    EXPECT_EQ(left.runs[0].status, "stopped");
    ASSERT_TRUE(left.runs[0].checkpoint);
    const std::int64_t killedAt = left.runs[0].checkpoint->step;
    EXPECT_GT(killedAt, 0);
    EXPECT_LT(killedAt, std::int64_t(12 * 244)) << "killed before the end";

    const CliResult resumed = runCli({QStringLiteral("resume"), QStringLiteral("--project"), killed, QStringLiteral("--json")});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err.toStdString();
    EXPECT_EQ(resumed.json()[QStringLiteral("resumed_at_step")].toInteger(), killedAt);
    EXPECT_EQ(resumed.json()[QStringLiteral("project_run")].toInt(), 1);
    EXPECT_TRUE(resumed.err.contains(QStringLiteral("continuing run 1"))) << resumed.err.toStdString();
    expectSameRun(oneGo, killed);
}

TEST_F(CliResumeTest, InterruptedRunSavesWhereItStoodAndContinuesExactly)
{
    const QString oneGo = path(QStringLiteral("one-go.mlpstudio"));
    const CliResult reference = runCli(longTrain(oneGo));
    ASSERT_EQ(reference.exitCode, 0) << reference.err.toStdString();

    const QString interrupted = path(QStringLiteral("interrupted.mlpstudio"));
    QProcess process;
    ASSERT_TRUE(startUntilCheckpoint(process, interrupted)) << "the run ended before its first checkpoint";
    process.waitForFinished(37); // most likely mid-epoch
    process.terminate(); // SIGTERM, as a batch system sends it
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 128 + SIGTERM);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral("mlp-studio-cli resume --project ") + interrupted + QStringLiteral(" --run 1")))
        << err.toStdString();
    const mlps::Project left = mlps::ProjectFile::load(interrupted);
    ASSERT_EQ(left.runs.size(), 1u);
    ASSERT_TRUE(left.runs[0].checkpoint);
    EXPECT_EQ(left.runs[0].stepsDone, left.runs[0].checkpoint->step) << "saved at the step it stopped";

    const CliResult resumed = runCli({QStringLiteral("resume"), QStringLiteral("--project"), interrupted,
                                      QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--quiet")});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err.toStdString();
    EXPECT_TRUE(resumed.out.contains(QStringLiteral("test accuracy"))) << resumed.out.toStdString();
    expectSameRun(oneGo, interrupted);
}

TEST_F(CliResumeTest, BadResumeRequestsExitWithTwo)
{
    const QString finished = path(QStringLiteral("finished.mlpstudio"));
    ASSERT_EQ(runCli(easyTrain({QStringLiteral("--quiet"), QStringLiteral("--save"), finished})).exitCode, 0);
    const auto expectRefused = [](const QStringList& arguments, const QString& expected) {
        const CliResult result = runCli(QStringList{QStringLiteral("resume")} + arguments);
        EXPECT_EQ(result.exitCode, 2) << arguments.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(result.err.contains(expected)) << result.err.toStdString();
    };
    expectRefused({}, QStringLiteral("--project is required"));
    expectRefused({QStringLiteral("--project"), finished}, QStringLiteral("holds no run that can be continued"));
    expectRefused({QStringLiteral("--project"), finished, QStringLiteral("--run"), QStringLiteral("1")},
                  QStringLiteral("run 1 of ") + finished + QStringLiteral(" has no checkpoint to continue from (it finished)"));
    expectRefused({QStringLiteral("--project"), finished, QStringLiteral("--run"), QStringLiteral("5")},
                  QStringLiteral("has no run with that number"));
    expectRefused({QStringLiteral("--project"), path(QStringLiteral("missing.mlpstudio"))}, QStringLiteral("not found"));
    const CliResult noProject = runCli(easyTrain({QStringLiteral("--checkpoint-interval"), QStringLiteral("5")}));
    EXPECT_EQ(noProject.exitCode, 2);
    EXPECT_TRUE(noProject.err.contains(QStringLiteral("--checkpoint-interval needs --save or --project")))
        << noProject.err.toStdString();
    const CliResult negative = runCli(easyTrain({QStringLiteral("--save"), finished, QStringLiteral("--checkpoint-interval"),
                                                 QStringLiteral("-1")}));
    EXPECT_EQ(negative.exitCode, 2);
    EXPECT_TRUE(negative.err.contains(QStringLiteral("--checkpoint-interval needs a number of seconds")))
        << negative.err.toStdString();
}

TEST_F(CliTest, ExportsAProjectsRunAsNumpyOnnxAndPyTorch)
{
    const QString project = path(QStringLiteral("lab.mlpstudio"));
    const CliResult trained = runCli(easyTrain({QStringLiteral("--save"), project}));
    ASSERT_EQ(trained.exitCode, 0) << trained.err.toStdString();
    const auto exportAs = [&](const QString& format, const QString& out) {
        return runCli({QStringLiteral("export"), QStringLiteral("--project"), project, QStringLiteral("--format"),
                       format, QStringLiteral("--out"), out});
    };
    const CliResult npz = exportAs(QStringLiteral("npz"), path(QStringLiteral("weights.npz")));
    ASSERT_EQ(npz.exitCode, 0) << npz.err.toStdString();
    EXPECT_GT(QFileInfo(path(QStringLiteral("weights.npz"))).size(), qint64((64 * 16 + 16 * 3) * 4));
    const CliResult onnx = exportAs(QStringLiteral("onnx"), path(QStringLiteral("model.onnx")));
    ASSERT_EQ(onnx.exitCode, 0) << onnx.err.toStdString();
    EXPECT_GT(QFileInfo(path(QStringLiteral("model.onnx"))).size(), 0);
    const CliResult torch = exportAs(QStringLiteral("pytorch"), path(QStringLiteral("torch")));
    ASSERT_EQ(torch.exitCode, 0) << torch.err.toStdString();
    for (const char* file : {"model.py", "train.py", "weights.npz", "config.json", "README.md"})
        EXPECT_TRUE(QFileInfo::exists(path(QStringLiteral("torch/")) + QLatin1String(file))) << file;

    const CliResult badFormat = exportAs(QStringLiteral("tflite"), path(QStringLiteral("x")));
    EXPECT_EQ(badFormat.exitCode, 2);
    EXPECT_TRUE(badFormat.err.contains(QStringLiteral("--format"))) << badFormat.err.toStdString();
    const CliResult badRun = runCli({QStringLiteral("export"), QStringLiteral("--project"), project, QStringLiteral("--run"),
                                     QStringLiteral("7"), QStringLiteral("--format"), QStringLiteral("npz"),
                                     QStringLiteral("--out"), path(QStringLiteral("w.npz"))});
    EXPECT_EQ(badRun.exitCode, 2);
    EXPECT_TRUE(badRun.err.contains(QStringLiteral("no run"))) << badRun.err.toStdString();
    const CliResult unwritable = exportAs(QStringLiteral("onnx"), path(QStringLiteral("missing/dir/model.onnx")));
    EXPECT_EQ(unwritable.exitCode, 2);
    EXPECT_TRUE(unwritable.err.contains(QStringLiteral("model.onnx"))) << unwritable.err.toStdString();
}

TEST_F(CliTest, BadProjectsExitWithTwoAndNameTheFile)
{
    writeBytes(QStringLiteral("garbage.mlpstudio"), QByteArray("this is not a zip file at all"));
    const QString garbage = path(QStringLiteral("garbage.mlpstudio"));
    const CliResult train = runCli({QStringLiteral("train"), QStringLiteral("--project"), garbage});
    EXPECT_EQ(train.exitCode, 2);
    EXPECT_TRUE(train.err.contains(garbage)) << train.err.toStdString();
    const CliResult evaluate = runCli({QStringLiteral("evaluate"), QStringLiteral("--project"), garbage,
                                       QStringLiteral("--data"), path(QStringLiteral("easy-images-idx3-ubyte"))});
    EXPECT_EQ(evaluate.exitCode, 2);
    EXPECT_TRUE(evaluate.err.contains(garbage)) << evaluate.err.toStdString();
    const CliResult mixed = runCli({QStringLiteral("train"), QStringLiteral("--project"), garbage,
                                    QStringLiteral("--lr"), QStringLiteral("0.1")});
    EXPECT_EQ(mixed.exitCode, 2);
    EXPECT_TRUE(mixed.err.contains(QStringLiteral("leave out --lr"))) << mixed.err.toStdString();
    const CliResult missing = runCli({QStringLiteral("evaluate"), QStringLiteral("--project"),
                                      path(QStringLiteral("none.mlpstudio")), QStringLiteral("--data"),
                                      path(QStringLiteral("easy-images-idx3-ubyte"))});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("none.mlpstudio"))) << missing.err.toStdString();
}

TEST_F(CliTest, SameSeedSameRunDifferentSeedDifferentRun)
{
    const QJsonObject a = runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--quiet")})).json();
    const QJsonObject b = runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--quiet")})).json();
    const QJsonObject c =
        runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--quiet"), QStringLiteral("--seed"), QStringLiteral("9")}))
            .json();
    const auto losses = trainLosses;
    ASSERT_EQ(losses(a).size(), 15);
    EXPECT_EQ(losses(a), losses(b));
    EXPECT_NE(losses(a), losses(c));
}

TEST_F(CliTest, AugmentationIsPartOfTheRun)
{
    const QStringList augment{QStringLiteral("--augment"), QStringLiteral("shift=1,rotate=5"), QStringLiteral("--json"),
                              QStringLiteral("--quiet")};
    const CliResult a = runCli(easyTrain(augment));
    ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    EXPECT_EQ(a.json()[QStringLiteral("augment")].toString(), QStringLiteral("shift=1,rotate=5,size=8x8"));
    // (No accuracy check: these stripe "images" change class when shifted.)
    const CliResult plain = runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--quiet")}));
    EXPECT_NE(trainLosses(a.json()), trainLosses(plain.json()));
    EXPECT_EQ(trainLosses(a.json()), trainLosses(runCli(easyTrain(augment)).json()));
}

TEST_F(CliTest, LabelSmoothingWeightAveragingAndEnsembleArePartOfTheRun)
{
    const QStringList extra{QStringLiteral("--label-smoothing"), QStringLiteral("0.1"), QStringLiteral("--ema"),
                            QStringLiteral("0.9"), QStringLiteral("--ensemble"), QStringLiteral("2"),
                            QStringLiteral("--json"), QStringLiteral("--quiet")};
    const CliResult a = runCli(easyTrain(extra));
    ASSERT_EQ(a.exitCode, 0) << a.err.toStdString();
    const QJsonObject report = a.json();
    EXPECT_NEAR(report[QStringLiteral("label_smoothing")].toDouble(), 0.1, 1e-7);
    EXPECT_NEAR(report[QStringLiteral("ema")].toDouble(), 0.9, 1e-7);
    EXPECT_EQ(report[QStringLiteral("ensemble")].toInt(), 2);
    EXPECT_GT(report[QStringLiteral("test_accuracy")].toDouble(), 0.95);
    const CliResult plain = runCli(easyTrain({QStringLiteral("--json"), QStringLiteral("--quiet")}));
    EXPECT_EQ(plain.json()[QStringLiteral("ensemble")].toInt(), 1);
    EXPECT_EQ(plain.json()[QStringLiteral("label_smoothing")].toDouble(), 0.0);
    EXPECT_NE(trainLosses(report), trainLosses(plain.json()));
    EXPECT_EQ(trainLosses(report), trainLosses(runCli(easyTrain(extra)).json()));
}

TEST_F(CliTest, SyntheticDataIsMixedInByShare)
{
    mlps::IdxReader::write(separableData(40, 8), path(QStringLiteral("extra-images-idx3-ubyte")).toStdString(),
                           path(QStringLiteral("extra-labels-idx1-ubyte")).toStdString());
    const CliResult result = runCli(easyTrain({QStringLiteral("--synthetic"), path(QStringLiteral("extra-images-idx3-ubyte")),
                                               QStringLiteral("--synthetic-share"), QStringLiteral("0.5"),
                                               QStringLiteral("--json")}));
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();
    // 180 images - 30 validation - 30 test = 120 real; a share of 0.5 adds as many synthetic ones.
    EXPECT_EQ(report[QStringLiteral("train_samples")].toInt(), 120);
    EXPECT_EQ(report[QStringLiteral("synthetic_per_epoch")].toInt(), 120);
    EXPECT_NEAR(report[QStringLiteral("synthetic_share")].toDouble(), 0.5, 1e-7);
    EXPECT_TRUE(report[QStringLiteral("synthetic")].toString().endsWith(QStringLiteral("extra-images-idx3-ubyte")));
    EXPECT_TRUE(result.err.contains(QStringLiteral("synthetic: 120 of the 120 images"))) << result.err.toStdString();
    EXPECT_GT(report[QStringLiteral("test_accuracy")].toDouble(), 0.95);
}

TEST_F(CliTest, QuietPrintsNoProgress)
{
    const CliResult result = runCli(easyTrain({QStringLiteral("--quiet")}));
    ASSERT_EQ(result.exitCode, 0);
    EXPECT_FALSE(result.err.contains(QStringLiteral("epoch ")));
    EXPECT_TRUE(result.out.contains(QStringLiteral("test accuracy")));
}

TEST_F(CliTest, LogisticRegressionWithEmptyLayers)
{
    const CliResult result = runCli(easyTrain({QStringLiteral("--layers="), QStringLiteral("--json")}));
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_EQ(result.json()[QStringLiteral("parameters")].toInteger(), 64 * 3 + 3);
}

TEST_F(CliTest, BadOptionsExitWithTwo)
{
    struct Case {
        QStringList extra;
        QString expected;
    };
    const QList<Case> cases = {
        {{QStringLiteral("--frobnicate")}, QStringLiteral("--frobnicate")},
        {{QStringLiteral("--lr"), QStringLiteral("-1")}, QStringLiteral("learning rate")},
        {{QStringLiteral("--batch"), QStringLiteral("0")}, QStringLiteral("batch size")},
        {{QStringLiteral("--dropout"), QStringLiteral("1")}, QStringLiteral("--dropout")},
        {{QStringLiteral("--epochs"), QStringLiteral("ten")}, QStringLiteral("--epochs")},
        {{QStringLiteral("--optimizer"), QStringLiteral("lbfgs")}, QStringLiteral("lbfgs")},
        {{QStringLiteral("--activation"), QStringLiteral("swish")}, QStringLiteral("swish")},
        {{QStringLiteral("--schedule"), QStringLiteral("wavy")}, QStringLiteral("wavy")},
        {{QStringLiteral("--layers"), QStringLiteral("128,x")}, QStringLiteral("--layers")},
        {{QStringLiteral("--val"), QStringLiteral("170")}, QStringLiteral("none are left")},
        {{QStringLiteral("--momentum"), QStringLiteral("1.5")}, QStringLiteral("momentum")},
        {{QStringLiteral("--augment"), QStringLiteral("wobble=3")}, QStringLiteral("--augment")},
        {{QStringLiteral("--format"), QStringLiteral("pickle")}, QStringLiteral("--format")},
        {{QStringLiteral("--lr")}, QStringLiteral("needs a value")},
        {{QStringLiteral("--label-smoothing"), QStringLiteral("1")}, QStringLiteral("label smoothing")},
        {{QStringLiteral("--ema"), QStringLiteral("1.5")}, QStringLiteral("weight-averaging")},
        {{QStringLiteral("--ensemble"), QStringLiteral("0")}, QStringLiteral("ensemble")},
        {{QStringLiteral("--synthetic-share"), QStringLiteral("0.3")}, QStringLiteral("--synthetic")},
    };
    for (const Case& c : cases) {
        QStringList arguments = easyTrain({});
        arguments += c.extra;
        const CliResult result = runCli(arguments);
        EXPECT_EQ(result.exitCode, 2) << c.extra.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(result.err.contains(c.expected))
            << c.extra.join(QLatin1Char(' ')).toStdString() << " -> " << result.err.toStdString();
        // One message, on the last line (information about the data may come before it).
        const QStringList lines = result.err.trimmed().split(QLatin1Char('\n'));
        EXPECT_TRUE(lines.last().startsWith(QStringLiteral("mlp-studio-cli"))) << result.err.toStdString();
        EXPECT_EQ(lines.filter(QRegularExpression(QStringLiteral("^mlp-studio-cli"))).size(), 1) << result.err.toStdString();
    }
    const CliResult noData = runCli({QStringLiteral("train")});
    EXPECT_EQ(noData.exitCode, 2);
    EXPECT_TRUE(noData.err.contains(QStringLiteral("--data")));
}

TEST_F(CliTest, BadFilesExitWithTwoAndNameTheFile)
{
    // Missing file.
    CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("nothing-images-idx3-ubyte"))});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("nothing-images-idx3-ubyte"))) << result.err.toStdString();

    // Wrong magic.
    writeBytes(QStringLiteral("junk-images-idx3-ubyte"), QByteArray("this is not an IDX file at all", 30));
    writeBytes(QStringLiteral("junk-labels-idx1-ubyte"), QByteArray("\0\0\x08\x01\0\0\0\0", 8));
    result = runCli({QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("junk-images-idx3-ubyte"))});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("junk-images-idx3-ubyte"))) << result.err.toStdString();

    // Truncated images.
    QFile full(path(QStringLiteral("easy-images-idx3-ubyte")));
    ASSERT_TRUE(full.open(QIODevice::ReadOnly));
    writeBytes(QStringLiteral("cut-images-idx3-ubyte"), full.readAll().left(16 + 64 * 10 + 5));
    QFile::copy(path(QStringLiteral("easy-labels-idx1-ubyte")), path(QStringLiteral("cut-labels-idx1-ubyte")));
    result = runCli({QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("cut-images-idx3-ubyte"))});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("cut-images-idx3-ubyte"))) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(QStringLiteral("truncated"))) << result.err.toStdString();

    // Image/label count mismatch.
    mlps::Dataset small = separableData(5, 3);
    mlps::IdxReader::write(small, path(QStringLiteral("few-images-idx3-ubyte")).toStdString(),
                           path(QStringLiteral("few-labels-idx1-ubyte")).toStdString());
    result = runCli({QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("easy-images-idx3-ubyte")),
                     QStringLiteral("--labels"), path(QStringLiteral("few-labels-idx1-ubyte"))});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(QStringLiteral("few-labels-idx1-ubyte"))) << result.err.toStdString();
}

TEST_F(CliTest, DivergenceIsReported)
{
    const CliResult result = runCli(easyTrain({QStringLiteral("--lr"), QStringLiteral("1e30"), QStringLiteral("--json")}));
    EXPECT_EQ(result.exitCode, 1) << result.err.toStdString();
    EXPECT_EQ(result.json()[QStringLiteral("status")].toString(), QStringLiteral("diverged"));
    EXPECT_TRUE(result.err.contains(QStringLiteral("Diverged")));
}

TEST_F(CliTest, DatasetInspectReportsCountsAndDuplicates)
{
    // 3 classes of 20, then 4 exact copies of image 0 (class 0) and one copy of
    // image 1 (class 0) labelled 2: 5 duplicates, one group with conflicting labels.
    mlps::Dataset data = separableData(20, 5);
    const std::vector<std::uint8_t> first(data.pixels.begin(), data.pixels.begin() + 64);
    const std::vector<std::uint8_t> second(data.pixels.begin() + 64, data.pixels.begin() + 128);
    for (int i = 0; i < 4; ++i)
        data.append(first.data(), 0);
    data.append(second.data(), 2);
    mlps::IdxReader::write(data, path(QStringLiteral("dup-images-idx3-ubyte")).toStdString(),
                           path(QStringLiteral("dup-labels-idx1-ubyte")).toStdString());
    const QString samples = path(QStringLiteral("samples"));
    const CliResult result = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"),
                                     path(QStringLiteral("dup-images-idx3-ubyte")), QStringLiteral("--json"),
                                     QStringLiteral("--samples"), samples});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();
    EXPECT_EQ(report[QStringLiteral("format")].toString(), QStringLiteral("idx"));
    EXPECT_EQ(report[QStringLiteral("total")].toInt(), 65);
    EXPECT_EQ(report[QStringLiteral("counts")].toArray(), (QJsonArray{24, 20, 21}));
    EXPECT_EQ(report[QStringLiteral("classes")].toArray().size(), 3);
    EXPECT_EQ(report[QStringLiteral("image_size")].toArray(), (QJsonArray{8, 8}));
    EXPECT_TRUE(report[QStringLiteral("unreadable")].toArray().isEmpty());
    const QJsonObject duplicates = report[QStringLiteral("duplicates")].toObject();
    EXPECT_EQ(duplicates[QStringLiteral("duplicates")].toInt(), 5);
    EXPECT_EQ(duplicates[QStringLiteral("groups")].toInt(), 2);
    EXPECT_EQ(duplicates[QStringLiteral("largest_group")].toInt(), 5);
    EXPECT_EQ(duplicates[QStringLiteral("conflicting_groups")].toInt(), 1);
    EXPECT_TRUE(QFile::exists(samples + QStringLiteral("/samples.png")));
    EXPECT_TRUE(QFile::exists(samples + QStringLiteral("/0_0.png")));

    const CliResult text = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), path(QStringLiteral("dup-images-idx3-ubyte"))});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral("duplicates: 5"))) << text.out.toStdString();
}

TEST_F(CliTest, DatasetConvertWritesWhatTrainReads)
{
    const QString source = path(QStringLiteral("easy-images-idx3-ubyte"));
    for (const QString& to : {QStringLiteral("csv"), QStringLiteral("npz"), QStringLiteral("idx")}) {
        const QString prefix = path(QStringLiteral("converted-") + to);
        const CliResult result = runCli({QStringLiteral("dataset"), QStringLiteral("convert"), source,
                                         QStringLiteral("--to"), to, QStringLiteral("--out"), prefix});
        ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
        const QString written = to == QStringLiteral("idx") ? prefix + QStringLiteral("-images-idx3-ubyte")
                                                            : prefix + QLatin1Char('.') + to;
        ASSERT_TRUE(QFile::exists(written)) << written.toStdString();
        const CliResult inspect = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), written, QStringLiteral("--json")});
        ASSERT_EQ(inspect.exitCode, 0) << inspect.err.toStdString();
        EXPECT_EQ(inspect.json()[QStringLiteral("total")].toInt(), 180) << to.toStdString();
        EXPECT_EQ(inspect.json()[QStringLiteral("format")].toString(), to) << to.toStdString();
    }
    const CliResult bad = runCli({QStringLiteral("dataset"), QStringLiteral("convert"), source, QStringLiteral("--to"),
                                  QStringLiteral("xls"), QStringLiteral("--out"), path(QStringLiteral("x"))});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("--to")));
    const CliResult noPath = runCli({QStringLiteral("dataset"), QStringLiteral("inspect")});
    EXPECT_EQ(noPath.exitCode, 2);
}

TEST_F(CliTest, TrainReportsAndRemovesDuplicates)
{
    // Every image twice: the split puts many copies on both sides.
    mlps::Dataset data = separableData(40, 11);
    const mlps::Dataset copy = data;
    for (std::int64_t i = 0; i < copy.count(); ++i)
        data.append(copy.pixels.data() + i * 64, copy.labels[std::size_t(i)]);
    mlps::IdxReader::write(data, path(QStringLiteral("twice-images-idx3-ubyte")).toStdString(),
                           path(QStringLiteral("twice-labels-idx1-ubyte")).toStdString());
    QStringList arguments{QStringLiteral("train"), QStringLiteral("--data"), path(QStringLiteral("twice-images-idx3-ubyte")),
                          QStringLiteral("--layers"), QStringLiteral("8"), QStringLiteral("--epochs"), QStringLiteral("1"),
                          QStringLiteral("--val"), QStringLiteral("24"), QStringLiteral("--test-split"), QStringLiteral("24"),
                          QStringLiteral("--json")};
    const CliResult plain = runCli(arguments);
    ASSERT_EQ(plain.exitCode, 0) << plain.err.toStdString();
    const QJsonObject overlap = plain.json()[QStringLiteral("duplicates")].toObject()[QStringLiteral("train_test_overlap")].toObject();
    EXPECT_GT(overlap[QStringLiteral("images")].toInt(), 0);
    EXPECT_EQ(plain.json()[QStringLiteral("dedup_removed")].toInt(), 0);
    EXPECT_TRUE(plain.err.contains(QStringLiteral("overlap"))) << plain.err.toStdString();

    const CliResult deduped = runCli(arguments << QStringLiteral("--dedup") << QStringLiteral("--remove-overlap"));
    ASSERT_EQ(deduped.exitCode, 0) << deduped.err.toStdString();
    const QJsonObject report = deduped.json();
    // 240 images, 120 distinct: nearly half go (an image with one copy in
    // validation and one in test keeps both; only train is cleaned of overlap).
    EXPECT_GE(report[QStringLiteral("dedup_removed")].toInt(), 100);
    EXPECT_TRUE(deduped.err.contains(QStringLiteral("removed"))) << deduped.err.toStdString();
    const QJsonObject after = deduped.json();
    // Overlap alone: only train shrinks, validation and test keep their size.
    arguments.removeAll(QStringLiteral("--dedup"));
    const QJsonObject overlapOnly = runCli(arguments).json();
    EXPECT_EQ(overlapOnly[QStringLiteral("val_samples")].toInt(), 24);
    EXPECT_EQ(overlapOnly[QStringLiteral("test_samples")].toInt(), 24);
    EXPECT_LT(overlapOnly[QStringLiteral("train_samples")].toInt(), plain.json()[QStringLiteral("train_samples")].toInt());
    EXPECT_GE(after[QStringLiteral("dedup_removed")].toInt(), overlapOnly[QStringLiteral("dedup_removed")].toInt());
    EXPECT_EQ(report[QStringLiteral("train_samples")].toInt() + report[QStringLiteral("val_samples")].toInt()
                  + report[QStringLiteral("test_samples")].toInt(),
              240 - report[QStringLiteral("dedup_removed")].toInt());
}

TEST_F(CliTest, TrainsOnBuiltinFontLetters)
{
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), QStringLiteral("builtin:font-letters"),
                                     QStringLiteral("--layers"), QStringLiteral("64"), QStringLiteral("--epochs"),
                                     QStringLiteral("2"), QStringLiteral("--optimizer"), QStringLiteral("momentum"),
                                     QStringLiteral("--json"), QStringLiteral("--quiet")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();
    if (report[QStringLiteral("test_samples")].toInt() < 50)
        GTEST_SKIP() << "too few fonts installed for a meaningful run";
    EXPECT_EQ(report[QStringLiteral("class_names")].toArray().size(), 10);
    EXPECT_GT(report[QStringLiteral("test_accuracy")].toDouble(), 0.6);
}

TEST(CliSharedData, LabNetworkLearnsNotMnist)
{
    const std::string images = std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-images-idx3-ubyte.gz";
    if (!std::filesystem::exists(images))
        GTEST_SKIP() << "the shared notMNIST sample is not at " << images << "; skipping";
    const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), QString::fromStdString(images),
                                     QStringLiteral("--optimizer"), QStringLiteral("momentum"), QStringLiteral("--lr"),
                                     QStringLiteral("0.1"), QStringLiteral("--decay"), QStringLiteral("0.02"),
                                     QStringLiteral("--epochs"), QStringLiteral("5"), QStringLiteral("--val"),
                                     QStringLiteral("1000"), QStringLiteral("--test-split"), QStringLiteral("1000"),
                                     QStringLiteral("--json"), QStringLiteral("--quiet")});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    const QJsonObject report = result.json();
    EXPECT_EQ(report[QStringLiteral("parameters")].toInteger(), 175306);
    EXPECT_EQ(report[QStringLiteral("test_samples")].toInt(), 1000);
    EXPECT_EQ(report[QStringLiteral("val_samples")].toInt(), 1000);
    EXPECT_GT(report[QStringLiteral("test_accuracy")].toDouble(), 0.85);
    const QJsonArray names = report[QStringLiteral("class_names")].toArray();
    ASSERT_EQ(names.size(), 10);
    EXPECT_EQ(names.first().toString(), QStringLiteral("A"));
}

} // namespace
