// Save -> load -> equal, field by field and bitwise, for every setting type.
#include "ProjectCompare.h"
#include "ProjectSamples.h"
#include "ZipEntries.h"

#include "project/ProjectFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace mlps;
using namespace mlps::testing;

namespace {

Project roundTrip(const Project& project, const QString& path)
{
    ProjectFile::save(project, path);
    return ProjectFile::load(path);
}

} // namespace

TEST(ProjectRoundTrip, ThreeRunsWithHistoriesEvaluationsAndParameters)
{
    QTemporaryDir dir;
    const Project project = sampleProject();
    const Project loaded = roundTrip(project, dir.filePath(QStringLiteral("lab.mlpstudio")));
    expectSameProject(project, loaded);
    // The run with a NaN loss and an infinite validation loss keeps them.
    EXPECT_TRUE(std::isnan(loaded.runs[1].history.back().trainLoss));
    EXPECT_TRUE(std::isinf(*loaded.runs[1].history.back().validationLoss));
    EXPECT_EQ(loaded.runs[2].parameters.size(), 0);
    EXPECT_EQ(loaded.runs[0].batchSteps.size(), 71u); // 141 steps in buckets of 2
    EXPECT_EQ(loaded.runs[0].batchSteps.back(), 141);
    EXPECT_TRUE(loaded.runs[2].batchSteps.empty());
    // Nothing but the file is left beside it.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("lab.mlpstudio")});
}

TEST(ProjectRoundTrip, EveryOptimizerAndSchedule)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.mlpstudio"));
    const OptimizerKind optimizers[] = {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                        OptimizerKind::Adam, OptimizerKind::RmsProp};
    const ScheduleKind schedules[] = {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                                      ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau};
    for (const OptimizerKind optimizer : optimizers) {
        for (const ScheduleKind schedule : schedules) {
            SCOPED_TRACE(std::string(optimizerName(optimizer)) + " + " + scheduleName(schedule));
            Project project;
            project.training.optimizer = {optimizer, 0.1f / 7.0f, 0.7f / 3.0f, 0.8f, 0.99f, 0.95f, 1e-5f / 3.0f};
            project.training.schedule = {schedule, 1.0 / 3.0, 7, 0.5 / 3.0, 1.0 / 7.0, 0.1 / 3.0, 11, 1e-5 / 7.0};
            project.training.seed = ~std::uint64_t(0) - 12345;
            project.training.epochs = 17;
            project.training.batchSize = 1;
            project.training.threads = 8;
            expectSameProject(project, roundTrip(project, path));
        }
    }
}

TEST(ProjectRoundTrip, EveryActivationInitDropoutAndAugmentation)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("network.mlpstudio"));
    for (const Init init : {Init::HeUniform, Init::HeNormal, Init::GlorotUniform, Init::GlorotNormal}) {
        SCOPED_TRACE(initName(init));
        Project project;
        project.network.init = init;
        project.network.inputSize = 28 * 28;
        project.network.classes = 26;
        project.network.outputL2 = 3e-4f / 7.0f;
        for (const Activation a : {Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::LeakyRelu,
                                   Activation::Elu, Activation::Linear}) {
            project.network.hidden.emplace_back(DenseSpec{33, a, 1e-3f / 3.0f});
            project.network.hidden.emplace_back(DropoutSpec{0.1f / 3.0f});
        }
        project.training.augment = *parseAugmentSpec("shift=2.5,scale=0.15,rotate=12.5,elastic=34:4,p=0.3,size=28x28");
        project.training.earlyStoppingPatience = 4;
        project.data = {"builtin:font-letters", "font-letters", "", 10000, 28, 28, {"Ä", "B", "日本"}};
        expectSameProject(project, roundTrip(project, path));
    }
}

TEST(ProjectRoundTrip, MimetypeIsTheFirstEntryStoredAtOffset30)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.mlpstudio"));
    ProjectFile::save(sampleProject(), path);
    // What packaging/org.mlpstudio.MLPStudio.mime.xml's magic looks for.
    const QByteArray bytes = readAll(path);
    EXPECT_TRUE(bytes.startsWith("PK\x03\x04"));
    EXPECT_EQ(bytes.mid(30, 31), QByteArrayLiteral("mimetypeapplication/x-mlpstudio"));

    const QList<ZipEntry> entries = readZip(path);
    ASSERT_GE(entries.size(), 2);
    EXPECT_EQ(entries[0].name, QStringLiteral("mimetype"));
    EXPECT_FALSE(entries[0].compressed);
    EXPECT_EQ(entries[1].name, QStringLiteral("project.json"));
    QStringList names;
    for (const ZipEntry& entry : entries)
        names << entry.name;
    const QStringList run0 = names.filter(QStringLiteral("runs/0/"));
    EXPECT_EQ(run0, (QStringList{QStringLiteral("runs/0/parameters.npy"), QStringLiteral("runs/0/train_indices.npy"),
                                 QStringLiteral("runs/0/validation_indices.npy"),
                                 QStringLiteral("runs/0/test_indices.npy"),
                                 QStringLiteral("runs/0/batch_steps.npy"), QStringLiteral("runs/0/batch_losses.npy"),
                                 QStringLiteral("runs/0/validation_true_labels.npy"),
                                 QStringLiteral("runs/0/validation_predicted.npy"),
                                 QStringLiteral("runs/0/validation_probabilities.npy"),
                                 QStringLiteral("runs/0/validation_confusion.npy"),
                                 QStringLiteral("runs/0/test_true_labels.npy"),
                                 QStringLiteral("runs/0/test_predicted.npy"),
                                 QStringLiteral("runs/0/test_probabilities.npy"),
                                 QStringLiteral("runs/0/test_confusion.npy")}));
    // The failed run without weights, evaluations or batch losses has its indices only.
    EXPECT_EQ(names.filter(QStringLiteral("runs/2/")).size(), 3);
}

TEST(ProjectRoundTrip, ProjectJsonIsReadable)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.mlpstudio"));
    ProjectFile::save(sampleProject(), path);
    QList<ZipEntry> entries = readZip(path);
    const QJsonObject json =
        QJsonDocument::fromJson(entryNamed(entries, QStringLiteral("project.json")).bytes).object();
    EXPECT_EQ(json[QStringLiteral("formatVersion")].toInt(), 1);
    const QJsonObject training = json[QStringLiteral("training")].toObject();
    // 0xfedcba9876543210 does not fit a double: written as a decimal string.
    EXPECT_EQ(training[QStringLiteral("seed")].toString(), QStringLiteral("18364758544493064720"));
    EXPECT_EQ(training[QStringLiteral("optimizer")].toObject()[QStringLiteral("kind")].toString(),
              QStringLiteral("adam"));
    EXPECT_EQ(training[QStringLiteral("schedule")].toObject()[QStringLiteral("kind")].toString(),
              QStringLiteral("cosine"));
    EXPECT_EQ(training[QStringLiteral("augment")].toString(),
              QStringLiteral("shift=2,scale=0.1,rotate=10,elastic=34:4,p=0.5,size=28x28"));
    const QJsonObject layer =
        json[QStringLiteral("network")].toObject()[QStringLiteral("hidden")].toArray()[0].toObject();
    EXPECT_EQ(layer[QStringLiteral("type")].toString(), QStringLiteral("dense"));
    EXPECT_EQ(layer[QStringLiteral("activation")].toString(), QStringLiteral("relu"));
    EXPECT_EQ(layer[QStringLiteral("units")].toInt(), 128);
    // The float 1e-4f, widened to double exactly, in its shortest exact form.
    EXPECT_EQ(layer[QStringLiteral("l2")].toDouble(), double(1e-4f));
    const QJsonObject run1 = json[QStringLiteral("runs")].toArray()[1].toObject();
    const QJsonArray history = run1[QStringLiteral("history")].toArray();
    EXPECT_EQ(history.last().toObject()[QStringLiteral("trainLoss")].toString(), QStringLiteral("NaN"));
    EXPECT_EQ(history.last().toObject()[QStringLiteral("validationLoss")].toString(), QStringLiteral("Infinity"));
    EXPECT_FALSE(history.first().toObject().contains(QStringLiteral("validationLoss")));
    // The batch losses' count sizes their two arrays; none for the failed run.
    EXPECT_EQ(run1[QStringLiteral("batchCount")].toInt(), 47 * 4 / 2);
    EXPECT_EQ(json[QStringLiteral("runs")].toArray()[2].toObject()[QStringLiteral("batchCount")].toInt(), 0);
}

TEST(ProjectRoundTrip, SavingAgainReplacesTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.mlpstudio"));
    Project project = sampleProject();
    ProjectFile::save(project, path);
    project.runs.pop_back();
    project.runs[0].name = "renamed";
    ProjectFile::save(project, path);
    expectSameProject(project, ProjectFile::load(path));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

TEST(ProjectRoundTrip, EmptyProject)
{
    QTemporaryDir dir;
    const Project project;
    expectSameProject(project, roundTrip(project, dir.filePath(QStringLiteral("empty.mlpstudio"))));
}

// A file of format 1 as this build wrote it when the format was made: later
// builds must keep reading it (a renamed key or entry shows here).
TEST(ProjectFormat1, CommittedFixtureStillLoads)
{
    const QString path = QStringLiteral(MLPS_PROJECT_FIXTURES "/format1.mlpstudio");
    ASSERT_TRUE(QFileInfo::exists(path)) << path.toStdString();
    const Project loaded = ProjectFile::load(path);
    EXPECT_EQ(loaded.formatVersion, 1);
    expectSameProject(format1Project(), loaded);
    // Made before batch losses were kept ("batchCount" and their entries came later): none.
    ASSERT_FALSE(loaded.runs.empty());
    EXPECT_TRUE(loaded.runs[0].batchSteps.empty());
    EXPECT_TRUE(loaded.runs[0].batchLosses.empty());
}
