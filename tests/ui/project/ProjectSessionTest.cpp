#include "ProjectSession.h"

#include "ProjectTestSupport.h"

#include "MainWindow.h"
#include "NetworkDocument.h"
#include "RunRecord.h"
#include "RunStore.h"
#include "dashboard/MetricChart.h"
#include "dashboard/ResultBanner.h"
#include "dashboard/TrainingDashboard.h"
#include "dataset/DatasetPanel.h"
#include "dataset/SplitEditor.h"
#include "designer/DesignerPanel.h"
#include "evaluation/ConfusionHeatmap.h"
#include "evaluation/EvaluationView.h"
#include "evaluation/HeatmapTableView.h"
#include "gallery/MisclassifiedGallery.h"
#include "runs/RunListPanel.h"

#include "project/ProjectFile.h"
#include "data/FontLetters.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace {

using mlps::test::PromptLog;
using mlps::ui::MainWindow;
using mlps::ui::RunRecord;
using mlps::ui::TrainingDashboard;

// A window on the quadrant images at `dataPath`, answering from `log`.
class Studio {
public:
    Studio(PromptLog& log, const QString& dataPath = {})
    {
        window.resize(1280, 800);
        window.session()->setPrompts(log.prompts());
        window.show();
        QApplication::setActiveWindow(&window); // for the shortcuts
        active = QTest::qWaitForWindowActive(&window);
        if (!dataPath.isEmpty())
            loaded = mlps::test::loadData(window, dataPath);
    }
    QAction* action(const char* name) { return window.findChild<QAction*>(QString::fromLatin1(name)); }

    MainWindow window;
    bool loaded = false;
    bool active = false;
};

// Picks a preset from the designer's combo box with the keyboard, as a user does.
void choosePreset(MainWindow& window, const QString& name)
{
    QComboBox* presets = window.designerPanel()->presetBox();
    const int index = presets->findText(name);
    ASSERT_GE(index, 0) << name.toStdString();
    presets->setFocus();
    while (presets->currentIndex() != index)
        QTest::keyClick(presets, presets->currentIndex() > index ? Qt::Key_Up : Qt::Key_Down);
}

class ProjectTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dataPath = dir.filePath(QStringLiteral("quadrants.npz"));
        mlps::test::writeQuadrantNpz(dataPath, 1200);
        projectPath = dir.filePath(QStringLiteral("lab.mlpstudio"));
    }

    // Saves a window with two runs (logistic regression, then the lab network) to projectPath.
    void saveTwoRuns(Studio& studio)
    {
        ASSERT_TRUE(studio.loaded);
        choosePreset(studio.window, QStringLiteral("Logistic regression"));
        mlps::test::planShortRuns(studio.window, 2);
        first = mlps::test::trainRun(studio.window);
        choosePreset(studio.window, QStringLiteral("Lab network"));
        mlps::test::planShortRuns(studio.window, 2);
        second = mlps::test::trainRun(studio.window);
        ASSERT_NE(first, nullptr);
        ASSERT_NE(second, nullptr);
        ASSERT_EQ(studio.window.runStore()->count(), 2);
        ASSERT_TRUE(studio.window.session()->saveAs(projectPath));
    }

    QTemporaryDir dir;
    QString dataPath;
    QString projectPath;
    std::shared_ptr<const RunRecord> first;
    std::shared_ptr<const RunRecord> second;
};

TEST_F(ProjectTest, TheTitleShowsTheNameAndUnsavedChanges)
{
    PromptLog log;
    Studio studio(log, dataPath);
    ASSERT_TRUE(studio.loaded);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("MLP Studio")) << "loading data is no work to save";
    EXPECT_FALSE(studio.window.session()->isModified());

    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("Untitled* — MLP Studio"));

    log.savePathAnswer = projectPath;
    QTest::keyClick(&studio.window, Qt::Key_S, Qt::ControlModifier); // Save: asks where while untitled
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio — MLP Studio"));
    EXPECT_TRUE(QFile::exists(projectPath));

    choosePreset(studio.window, QStringLiteral("Lab network"));
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio* — MLP Studio"));
    QTest::keyClick(&studio.window, Qt::Key_Z, Qt::ControlModifier); // undo back to what was saved
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio — MLP Studio"));
    QTest::keyClick(&studio.window, Qt::Key_Y, Qt::ControlModifier); // redo
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio* — MLP Studio"));

    log.savePathAnswer.clear(); // Save no longer asks
    QTest::keyClick(&studio.window, Qt::Key_S, Qt::ControlModifier);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio — MLP Studio"));

    // Once saved, the split settings are part of the project.
    auto* editor = studio.window.datasetPanel()->findChild<mlps::ui::SplitEditor*>();
    ASSERT_NE(editor, nullptr);
    QLineEdit* seed = editor->seedEdit();
    seed->setFocus();
    seed->selectAll();
    QTest::keyClicks(seed, QStringLiteral("99"));
    QTest::keyClick(seed, Qt::Key_Return);
    EXPECT_EQ(studio.window.datasetPanel()->splitSeed(), 99u);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio* — MLP Studio"));
    QTest::keyClick(&studio.window, Qt::Key_S, Qt::ControlModifier);
    EXPECT_EQ(mlps::ProjectFile::load(projectPath).split.seed, 99u);
}

TEST_F(ProjectTest, AProjectReopensWithEveryRunAsItWas)
{
    PromptLog log;
    auto original = std::make_unique<Studio>(log, dataPath);
    ASSERT_TRUE(original->window.datasetPanel()->setSplitSettings(150, 130, 17, false, false));
    saveTwoRuns(*original);
    const mlps::NetworkSpec network = original->window.document()->network();
    const mlps::TrainConfig training = original->window.document()->training();
    EXPECT_FALSE(original->window.session()->isModified());
    original.reset();

    PromptLog reopenedLog;
    Studio reopened(reopenedLog);
    ASSERT_TRUE(reopened.window.openProject(projectPath));
    ASSERT_TRUE(mlps::test::waitOpened(reopened.window));
    EXPECT_EQ(reopened.window.windowTitle(), QStringLiteral("lab.mlpstudio — MLP Studio"));
    EXPECT_FALSE(reopened.window.session()->isModified());
    EXPECT_EQ(reopened.window.datasetPanel()->datasetName(), QStringLiteral("quadrants.npz"));
    EXPECT_EQ(reopened.window.document()->network(), network);
    EXPECT_EQ(reopened.window.document()->training(), training);
    EXPECT_FALSE(reopened.window.document()->undoStack()->canUndo());
    EXPECT_EQ(reopened.window.datasetPanel()->validationSize(), 150);
    EXPECT_EQ(reopened.window.datasetPanel()->testSize(), 130);
    EXPECT_EQ(reopened.window.datasetPanel()->splitSeed(), 17u);
    EXPECT_EQ(reopened.window.datasetPanel()->split().test, first->job.split.test) << "the same split again";

    ASSERT_EQ(reopened.window.runStore()->count(), 2);
    const std::shared_ptr<const RunRecord> runs[] = {first, second};
    for (int i = 0; i < 2; ++i) {
        const auto& was = runs[i];
        const auto now = reopened.window.runStore()->run(i);
        SCOPED_TRACE(was->name.toStdString());
        EXPECT_EQ(now->id, was->id);
        EXPECT_EQ(now->name, was->name);
        EXPECT_EQ(now->job.network, was->job.network);
        EXPECT_EQ(now->job.split.test, was->job.split.test);
        ASSERT_EQ(now->result.history.size(), was->result.history.size());
        for (std::size_t e = 0; e < was->result.history.size(); ++e) {
            EXPECT_EQ(now->result.history[e].trainLoss, was->result.history[e].trainLoss);
            EXPECT_EQ(now->result.history[e].validationAccuracy, was->result.history[e].validationAccuracy);
        }
        ASSERT_NE(now->test(), nullptr);
        EXPECT_EQ(now->test()->scores.accuracy, was->test()->scores.accuracy);
        EXPECT_TRUE(mlps::test::sameEvaluation(*now->test(), *was->test()));
        ASSERT_EQ(now->result.parameters.size(), was->result.parameters.size());
        EXPECT_EQ(std::memcmp(now->result.parameters.data(), was->result.parameters.data(),
                              std::size_t(was->result.parameters.size()) * sizeof(float)),
                  0);
        EXPECT_EQ(now->job.data, reopened.window.datasetPanel()->dataset());
    }

    // The evaluation view shows the last run, and its cells lead to those letters.
    EXPECT_EQ(reopened.window.runStore()->current(), reopened.window.runStore()->run(1));
    EXPECT_EQ(reopened.window.evaluationView()->run(), reopened.window.runStore()->run(1));
    reopened.window.centralTabs()->setCurrentWidget(reopened.window.evaluationView());
    const mlps::Evaluation& test = *reopened.window.runStore()->run(1)->test();
    int cellTrue = 0;
    int cellPredicted = 0;
    for (int t = 0; t < 4; ++t)
        for (int p = 0; p < 4; ++p)
            if (t != p && test.confusion(t, p) > test.confusion(cellTrue, cellPredicted))
                cellTrue = t, cellPredicted = p;
    ASSERT_GT(test.confusion(cellTrue, cellPredicted), 0) << "the mislabelled samples make mistakes";
    mlps::ui::ConfusionHeatmap* heatmap = reopened.window.evaluationView()->heatmap();
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, heatmap->cellRect(cellTrue, cellPredicted).center());
    ASSERT_EQ(reopened.window.centralTabs()->currentWidget(), reopened.window.gallery());
    EXPECT_EQ(reopened.window.gallery()->shownIndices().size(), test.confusion(cellTrue, cellPredicted));

    // A new run gets an id of its own.
    mlps::test::planShortRuns(reopened.window, 1);
    const auto third = mlps::test::trainRun(reopened.window);
    ASSERT_NE(third, nullptr);
    EXPECT_GT(third->id, second->id);
    EXPECT_EQ(reopened.window.windowTitle(), QStringLiteral("lab.mlpstudio* — MLP Studio"));
}

// The curves and figures a dashboard shows, point by point.
struct DashboardPoints {
    QList<QPointF> loss, validationLoss, accuracy, validationAccuracy, usedRate, raw, smoothed;
    int batchPoints = 0;
    QString lossStats, status, banner;
};

DashboardPoints pointsOf(const TrainingDashboard& dashboard)
{
    using Chart = TrainingDashboard::Chart;
    const auto series = [&](Chart chart, int index) { return dashboard.chart(chart)->points(index); };
    DashboardPoints points;
    points.loss = series(Chart::Loss, TrainingDashboard::kTrainingSeries);
    points.validationLoss = series(Chart::Loss, TrainingDashboard::kValidationSeries);
    points.accuracy = series(Chart::Accuracy, TrainingDashboard::kTrainingSeries);
    points.validationAccuracy = series(Chart::Accuracy, TrainingDashboard::kValidationSeries);
    points.usedRate = series(Chart::LearningRate, TrainingDashboard::kUsedRateSeries);
    points.raw = series(Chart::BatchLoss, TrainingDashboard::kRawBatchSeries);
    points.smoothed = series(Chart::BatchLoss, TrainingDashboard::kSmoothedBatchSeries);
    points.batchPoints = dashboard.batchPointCount();
    points.lossStats = dashboard.chartStatsText(Chart::Loss);
    points.status = dashboard.statusText();
    points.banner = dashboard.resultBanner()->details();
    return points;
}

// The epoch curves exactly; the batch losses as a file keeps them (float32).
void expectSamePoints(const DashboardPoints& before, const DashboardPoints& after)
{
    EXPECT_EQ(after.loss, before.loss);
    EXPECT_EQ(after.validationLoss, before.validationLoss);
    EXPECT_EQ(after.accuracy, before.accuracy);
    EXPECT_EQ(after.validationAccuracy, before.validationAccuracy);
    EXPECT_EQ(after.lossStats, before.lossStats);
    EXPECT_EQ(after.status, before.status);
    EXPECT_EQ(after.banner, before.banner);
    EXPECT_GT(before.batchPoints, 0);
    EXPECT_EQ(after.batchPoints, before.batchPoints);
    ASSERT_EQ(after.raw.size(), before.raw.size());
    ASSERT_EQ(after.smoothed.size(), before.smoothed.size());
    for (qsizetype i = 0; i < before.raw.size(); ++i) {
        EXPECT_DOUBLE_EQ(after.raw[i].x(), before.raw[i].x()) << i;
        EXPECT_NEAR(after.raw[i].y(), before.raw[i].y(), 1e-6 * before.raw[i].y()) << i;
        EXPECT_DOUBLE_EQ(after.smoothed[i].x(), before.smoothed[i].x()) << i;
        EXPECT_NEAR(after.smoothed[i].y(), before.smoothed[i].y(), 1e-6 * before.smoothed[i].y()) << i;
    }
}

TEST_F(ProjectTest, AReopenedProjectsDashboardShowsItsRunsAsTheyWere)
{
    PromptLog log;
    auto original = std::make_unique<Studio>(log, dataPath);
    saveTwoRuns(*original);
    TrainingDashboard* dashboard = original->window.dashboard();
    // The last run, as it was drawn while it trained, and the first one, selected.
    const DashboardPoints secondBefore = pointsOf(*dashboard);
    original->window.runListPanel()->selectRuns({first->id});
    const DashboardPoints firstBefore = pointsOf(*dashboard);
    EXPECT_EQ(firstBefore.loss.size(), 2);
    original->window.runListPanel()->selectRuns({second->id});
    EXPECT_FALSE(original->window.session()->isModified()) << "selecting is no change";
    original.reset();

    PromptLog reopenedLog;
    Studio reopened(reopenedLog);
    EXPECT_TRUE(reopened.window.dashboard()->findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
    ASSERT_TRUE(reopened.window.openProject(projectPath));
    ASSERT_TRUE(mlps::test::waitOpened(reopened.window));
    ASSERT_EQ(reopened.window.runStore()->count(), 2);
    ASSERT_EQ(reopened.window.runStore()->current()->id, second->id);
    dashboard = reopened.window.dashboard();
    EXPECT_FALSE(dashboard->findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
    EXPECT_FALSE(dashboard->isRunActive());
    {
        SCOPED_TRACE("the current run, on opening");
        expectSamePoints(secondBefore, pointsOf(*dashboard));
    }
    reopened.window.runListPanel()->selectRuns({first->id});
    {
        SCOPED_TRACE("the first run, selected");
        expectSamePoints(firstBefore, pointsOf(*dashboard));
        // Shown from its record both times: the used rate at its first step and at epoch ends.
        EXPECT_EQ(pointsOf(*dashboard).usedRate, firstBefore.usedRate);
        EXPECT_EQ(firstBefore.usedRate.size(), 3);
    }

    // A new project lets them go.
    MainWindow& window = reopened.window;
    window.session()->newProject(window.document()->network(), window.document()->training());
    EXPECT_EQ(dashboard->epochPointCount(), 0);
    EXPECT_TRUE(dashboard->findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
}

TEST_F(ProjectTest, ClosingWithUnsavedChangesAsks)
{
    PromptLog log;
    log.allowSaveQuestion = true;
    Studio studio(log, dataPath);
    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    ASSERT_TRUE(studio.window.session()->isModified());

    log.saveAnswer = QMessageBox::Cancel;
    EXPECT_FALSE(studio.window.close());
    EXPECT_EQ(log.saveQuestions, 1);
    EXPECT_TRUE(studio.window.isVisible()) << "Cancel keeps the window";

    log.saveAnswer = QMessageBox::Save;
    log.savePathAnswer.clear(); // ...but then cancels the file dialog
    EXPECT_FALSE(studio.window.close());
    EXPECT_EQ(log.saveQuestions, 2);
    EXPECT_TRUE(studio.window.isVisible());

    log.saveAnswer = QMessageBox::Discard;
    EXPECT_TRUE(studio.window.close());
    EXPECT_EQ(log.saveQuestions, 3);
    EXPECT_FALSE(studio.window.isVisible());
}

TEST_F(ProjectTest, SavingFromTheCloseQuestionWritesTheFile)
{
    PromptLog log;
    log.allowSaveQuestion = true;
    Studio studio(log, dataPath);
    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    log.saveAnswer = QMessageBox::Save;
    log.savePathAnswer = projectPath;
    EXPECT_TRUE(studio.window.close());
    const mlps::Project saved = mlps::ProjectFile::load(projectPath);
    EXPECT_TRUE(saved.network.hidden.empty()) << "logistic regression has no hidden layer";
    EXPECT_EQ(studio.window.session()->recentFiles().value(0), QFileInfo(projectPath).absoluteFilePath());
}

TEST_F(ProjectTest, ACorruptFileShowsTheErrorAndChangesNothing)
{
    PromptLog log;
    log.allowErrors = true;
    Studio studio(log, dataPath);
    mlps::test::planShortRuns(studio.window, 1);
    ASSERT_NE(mlps::test::trainRun(studio.window), nullptr);
    const QString before = studio.window.windowTitle();
    const mlps::NetworkSpec network = studio.window.document()->network();

    const QString corrupt = dir.filePath(QStringLiteral("x.mlpstudio"));
    QFile file(corrupt);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("PK\x03\x04 this is not really a zip file at all \xff\xfe", 40));
    file.close();
    QSignalSpy failed(studio.window.session(), &mlps::ui::ProjectSession::openFailed);
    EXPECT_FALSE(studio.window.openProject(corrupt));
    ASSERT_EQ(log.errors.size(), 1);
    EXPECT_TRUE(log.errors.front().contains(QStringLiteral("x.mlpstudio"))) << log.errors.front().toStdString();
    EXPECT_TRUE(log.errors.front().contains(QStringLiteral("Nothing was opened"))) << log.errors.front().toStdString();
    EXPECT_EQ(failed.size(), 1);
    EXPECT_EQ(studio.window.windowTitle(), before);
    EXPECT_EQ(studio.window.runStore()->count(), 1);
    EXPECT_EQ(studio.window.document()->network(), network);
    EXPECT_FALSE(studio.window.session()->isOpening());

    // A foreign zip (not a project) is refused the same way.
    const QString foreign = dir.filePath(QStringLiteral("data.mlpstudio"));
    QFile::copy(dataPath, foreign); // an .npz is a zip
    EXPECT_FALSE(studio.window.openProject(foreign));
    ASSERT_EQ(log.errors.size(), 2);
    EXPECT_TRUE(log.errors.back().contains(QStringLiteral("not an MLP Studio project"))) << log.errors.back().toStdString();
    EXPECT_EQ(studio.window.runStore()->count(), 1);
}

TEST_F(ProjectTest, AMovedDatasetIsAskedFor)
{
    {
        PromptLog log;
        Studio studio(log, dataPath);
        saveTwoRuns(studio);
    }
    const QString moved = dir.filePath(QStringLiteral("elsewhere.npz"));
    ASSERT_TRUE(QFile::rename(dataPath, moved));

    // Cancelling the question opens nothing.
    PromptLog log;
    log.allowLocate = true;
    Studio studio(log);
    EXPECT_FALSE(studio.window.openProject(projectPath));
    ASSERT_EQ(log.locateQuestions.size(), 1);
    EXPECT_EQ(log.locateQuestions.front(), QFileInfo(dataPath).absoluteFilePath());
    EXPECT_EQ(studio.window.runStore()->count(), 0);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("MLP Studio"));

    // Answering with the new place opens the project there, runs and all.
    log.locateAnswer = moved;
    ASSERT_TRUE(studio.window.openProject(projectPath));
    ASSERT_TRUE(mlps::test::waitOpened(studio.window));
    EXPECT_EQ(log.locateQuestions.size(), 2);
    EXPECT_EQ(studio.window.runStore()->count(), 2);
    EXPECT_EQ(studio.window.datasetPanel()->dataset()->source, QFileInfo(moved).absoluteFilePath().toStdString());
    // Saving keeps the new place.
    EXPECT_TRUE(studio.window.session()->isModified()) << "the data's place changed";
    ASSERT_TRUE(studio.window.session()->save());
    EXPECT_EQ(mlps::ProjectFile::load(projectPath).data.path, QFileInfo(moved).absoluteFilePath().toStdString());
}

TEST_F(ProjectTest, AChangedDatasetIsReportedNotAccepted)
{
    mlps::NetworkSpec network;
    {
        PromptLog log;
        Studio studio(log, dataPath);
        saveTwoRuns(studio);
        network = studio.window.document()->network();
    }
    mlps::test::writeQuadrantNpz(dataPath, 1200, 99); // other images at the same place

    PromptLog log;
    log.allowChanged = true;
    Studio studio(log);
    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    log.designOnlyAnswer = false;
    EXPECT_FALSE(studio.window.openProject(projectPath));
    ASSERT_EQ(log.changedMessages.size(), 1);
    EXPECT_TRUE(log.changedMessages.front().contains(QStringLiteral("is not the data lab.mlpstudio was made with")))
        << log.changedMessages.front().toStdString();
    EXPECT_TRUE(log.changedMessages.front().contains(QFileInfo(dataPath).absoluteFilePath()));
    EXPECT_EQ(studio.window.document()->layerCount(), 0) << "cancel changes nothing";
    EXPECT_EQ(studio.window.runStore()->count(), 0);

    log.designOnlyAnswer = true;
    EXPECT_TRUE(studio.window.openProject(projectPath));
    EXPECT_EQ(log.changedMessages.size(), 2);
    EXPECT_EQ(studio.window.document()->network().hidden, network.hidden);
    EXPECT_EQ(studio.window.runStore()->count(), 0) << "the runs were made on other data";
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("Untitled* — MLP Studio"))
        << "saving must not overwrite the project and its runs";
    EXPECT_TRUE(studio.window.session()->filePath().isEmpty());
}

TEST_F(ProjectTest, NewProjectAsksThenStartsOver)
{
    PromptLog log;
    log.allowSaveQuestion = true;
    Studio studio(log, dataPath);
    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    mlps::test::planShortRuns(studio.window, 1);
    ASSERT_NE(mlps::test::trainRun(studio.window), nullptr);
    QAction* newProject = studio.action("actionNew");
    ASSERT_NE(newProject, nullptr);
    EXPECT_EQ(newProject->shortcut(), QKeySequence(QKeySequence::New));

    log.saveAnswer = QMessageBox::Cancel;
    newProject->trigger();
    EXPECT_EQ(log.saveQuestions, 1);
    EXPECT_EQ(studio.window.runStore()->count(), 1);
    EXPECT_EQ(studio.window.document()->layerCount(), 0);

    log.saveAnswer = QMessageBox::Discard;
    newProject->trigger();
    EXPECT_EQ(log.saveQuestions, 2);
    EXPECT_EQ(studio.window.runStore()->count(), 0);
    EXPECT_EQ(studio.window.document()->layerCount(), 4) << "the Lab network";
    EXPECT_EQ(studio.window.evaluationView()->run(), nullptr);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("MLP Studio"));
    EXPECT_FALSE(studio.window.document()->undoStack()->canUndo());
}

TEST_F(ProjectTest, RecentFilesOpenFromTheMenu)
{
    PromptLog log;
    Studio studio(log, dataPath);
    saveTwoRuns(studio);
    ASSERT_TRUE(studio.window.session()->saveAs(dir.filePath(QStringLiteral("copy.mlpstudio"))));
    QStringList recent = studio.window.session()->recentFiles();
    ASSERT_GE(recent.size(), 2);
    EXPECT_EQ(QFileInfo(recent.at(0)).fileName(), QStringLiteral("copy.mlpstudio"));
    EXPECT_EQ(QFileInfo(recent.at(1)).fileName(), QStringLiteral("lab.mlpstudio"));

    // A file that went away leaves the list.
    QFile::remove(dir.filePath(QStringLiteral("copy.mlpstudio")));
    recent = studio.window.session()->recentFiles();
    EXPECT_EQ(QFileInfo(recent.value(0)).fileName(), QStringLiteral("lab.mlpstudio"));

    // At most eight.
    for (int i = 0; i < 10; ++i)
        ASSERT_TRUE(studio.window.session()->saveAs(dir.filePath(QStringLiteral("v%1.mlpstudio").arg(i))));
    recent = studio.window.session()->recentFiles();
    EXPECT_EQ(recent.size(), mlps::ui::ProjectSession::kMaxRecentFiles);
    EXPECT_EQ(QFileInfo(recent.front()).fileName(), QStringLiteral("v9.mlpstudio"));

    // The menu lists them; choosing one opens it.
    auto* menu = studio.window.findChild<QMenu*>(QStringLiteral("recentMenu"));
    ASSERT_NE(menu, nullptr);
    QStringList texts;
    for (QAction* action : menu->actions())
        if (!action->isSeparator())
            texts << action->text();
    EXPECT_EQ(texts.size(), 9) << texts.join(QStringLiteral(", ")).toStdString(); // eight files and Clear
    EXPECT_EQ(texts.front(), QStringLiteral("&1 v9.mlpstudio"));
    menu->actions().at(3)->trigger(); // v6
    ASSERT_TRUE(mlps::test::waitOpened(studio.window));
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("v6.mlpstudio — MLP Studio"));
    EXPECT_EQ(studio.window.runStore()->count(), 2);

    studio.window.findChild<QAction*>(QStringLiteral("actionClearRecent"))->trigger();
    EXPECT_TRUE(studio.window.session()->recentFiles().isEmpty());
}

TEST_F(ProjectTest, ASaveThatFailsSaysWhyAndKeepsTheChanges)
{
    PromptLog log;
    log.allowErrors = true;
    Studio studio(log, dataPath);
    choosePreset(studio.window, QStringLiteral("Logistic regression"));
    const QString nowhere = dir.filePath(QStringLiteral("no/such/folder/lab.mlpstudio"));
    EXPECT_FALSE(studio.window.session()->saveAs(nowhere));
    ASSERT_EQ(log.errors.size(), 1);
    EXPECT_TRUE(log.errors.front().contains(QStringLiteral("lab.mlpstudio"))) << log.errors.front().toStdString();
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("Untitled* — MLP Studio"));
    EXPECT_TRUE(studio.window.session()->filePath().isEmpty());
}

TEST_F(ProjectTest, TheFileMenu)
{
    PromptLog log;
    Studio studio(log);
    const struct {
        const char* name;
        QKeySequence key;
    } expected[] = {
        {"actionNew", QKeySequence(QKeySequence::New)},
        {"actionOpenProject", QKeySequence(QKeySequence::Open)},
        {"actionSave", QKeySequence(QKeySequence::Save)},
        {"actionSaveAs", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
        {"actionOpenDataset", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
    };
    for (const auto& entry : expected) {
        QAction* action = studio.action(entry.name);
        ASSERT_NE(action, nullptr) << entry.name;
        EXPECT_EQ(action->shortcut(), entry.key) << entry.name;
    }
    // Open Project asks for a file; cancelling the dialog does nothing.
    studio.action("actionOpenProject")->trigger();
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("MLP Studio"));
}

TEST_F(ProjectTest, RunsOnOtherDataComeBackOrAreKeptInTheFile)
{
    const QString otherPath = dir.filePath(QStringLiteral("other.npz"));
    mlps::test::writeQuadrantNpz(otherPath, 800, 5);
    {
        PromptLog log;
        Studio studio(log, otherPath);
        mlps::test::planShortRuns(studio.window, 1);
        ASSERT_NE(mlps::test::trainRun(studio.window), nullptr); // run 1 on other.npz
        ASSERT_TRUE(mlps::test::loadData(studio.window, dataPath));
        mlps::test::planShortRuns(studio.window, 1);
        ASSERT_NE(mlps::test::trainRun(studio.window), nullptr); // run 2 on quadrants.npz
        ASSERT_TRUE(studio.window.session()->saveAs(projectPath));
    }
    mlps::Project saved = mlps::ProjectFile::load(projectPath);
    ASSERT_EQ(saved.runs.size(), 2u);
    EXPECT_EQ(saved.runs[0].data.path, QFileInfo(otherPath).absoluteFilePath().toStdString());
    EXPECT_EQ(saved.runs[0].data.count, 800);
    EXPECT_EQ(saved.runs[1].data, saved.data);

    {
        // Both runs come back: the other data loads in the background after the project's.
        PromptLog log;
        Studio studio(log);
        QSignalSpy news(studio.window.session(), &mlps::ui::ProjectSession::message);
        ASSERT_TRUE(studio.window.openProject(projectPath));
        ASSERT_TRUE(mlps::test::waitOpened(studio.window));
        QTRY_VERIFY_WITH_TIMEOUT(!studio.window.session()->isLoadingOtherRuns(), 60000);
        ASSERT_EQ(studio.window.runStore()->count(), 2);
        EXPECT_EQ(studio.window.session()->heldRunCount(), 0);
        const auto other = studio.window.runStore()->find(1);
        ASSERT_NE(other, nullptr);
        EXPECT_EQ(other->job.data->count(), 800);
        EXPECT_EQ(other->test()->count(), saved.runs[0].test->predicted.size());
        EXPECT_EQ(studio.window.runStore()->current()->id, 2) << "the views keep showing the project's run";
        EXPECT_FALSE(studio.window.session()->isModified()) << "runs read from the file are no change";
        ASSERT_FALSE(news.isEmpty());
        EXPECT_EQ(news.back().front().toString(), QStringLiteral("Loaded the runs made on other data"));
    }

    // Without its data the other run stays in the file, hidden, and saving keeps it as it was.
    ASSERT_TRUE(QFile::remove(otherPath));
    PromptLog log;
    Studio studio(log);
    QSignalSpy news(studio.window.session(), &mlps::ui::ProjectSession::message);
    ASSERT_TRUE(studio.window.openProject(projectPath));
    ASSERT_TRUE(mlps::test::waitOpened(studio.window));
    QTRY_VERIFY_WITH_TIMEOUT(!studio.window.session()->isLoadingOtherRuns(), 60000);
    ASSERT_EQ(studio.window.runStore()->count(), 1) << "the run on the project's data";
    EXPECT_EQ(studio.window.runStore()->run(0)->id, 2);
    EXPECT_EQ(studio.window.session()->heldRunCount(), 1);
    ASSERT_FALSE(news.isEmpty());
    const QString said = news.back().front().toString();
    EXPECT_TRUE(said.startsWith(QStringLiteral("1 run made on other data is kept in the file but not shown: other.npz is not at ")))
        << said.toStdString();
    mlps::test::planShortRuns(studio.window, 1);
    const auto third = mlps::test::trainRun(studio.window);
    ASSERT_NE(third, nullptr);
    EXPECT_EQ(third->id, 3);
    ASSERT_TRUE(studio.window.session()->save());
    saved = mlps::ProjectFile::load(projectPath);
    ASSERT_EQ(saved.runs.size(), 3u);
    EXPECT_EQ(saved.runs[0].id, 1);
    EXPECT_EQ(saved.runs[0].data.count, 800);
    EXPECT_EQ(saved.runs[2].id, 3);
}

TEST_F(ProjectTest, ADesignSavedBeforeAnyDataOpensFromTheDialog)
{
    {
        PromptLog log;
        Studio studio(log);
        choosePreset(studio.window, QStringLiteral("Logistic regression"));
        ASSERT_TRUE(studio.window.session()->saveAs(projectPath));
    }
    PromptLog log;
    Studio studio(log);
    ASSERT_EQ(studio.window.document()->layerCount(), 4);
    ASSERT_TRUE(studio.active);
    log.openPathAnswer = projectPath;
    QTest::keyClick(&studio.window, Qt::Key_O, Qt::ControlModifier); // Open Project…
    EXPECT_EQ(studio.window.document()->layerCount(), 0);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("lab.mlpstudio — MLP Studio"));
    EXPECT_FALSE(studio.window.session()->isOpening());
}

TEST_F(ProjectTest, SplitSettingsThatDoNotFitAreRefused)
{
    PromptLog log;
    Studio studio(log, dataPath);
    mlps::ui::DatasetPanel* panel = studio.window.datasetPanel();
    const qint64 validation = panel->validationSize();
    const mlps::Split before = panel->split();
    EXPECT_FALSE(panel->setSplitSettings(1000, 200, 3, false, false)) << "nothing left to train on";
    EXPECT_EQ(panel->validationSize(), validation);
    EXPECT_EQ(panel->split().train, before.train);
    EXPECT_TRUE(panel->setSplitSettings(100, 200, 3, false, false));
    EXPECT_EQ(panel->split().validation.size(), 100u);
    EXPECT_EQ(panel->split().test.size(), 200u);
}

TEST(ProjectOnBuiltInData, TheFontLettersComeBackWithoutAHash)
{
    if (mlps::FontLetters::faceNames().empty())
        GTEST_SKIP() << "no fonts installed: the built-in Font letters cannot be rendered";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("letters.mlpstudio"));
    std::shared_ptr<const RunRecord> run;
    {
        PromptLog log;
        Studio studio(log);
        QSignalSpy loaded(studio.window.datasetPanel(), &mlps::ui::DatasetPanel::loadingFinished);
        studio.window.loadDefaultDataset();
        ASSERT_TRUE(loaded.wait(180000));
        ASSERT_TRUE(loaded.front().front().toBool());
        mlps::test::planShortRuns(studio.window, 1);
        run = mlps::test::trainRun(studio.window);
        ASSERT_NE(run, nullptr);
        ASSERT_TRUE(studio.window.session()->saveAs(path));
    }
    const mlps::Project saved = mlps::ProjectFile::load(path);
    EXPECT_EQ(saved.data.path, "builtin:font-letters");
    EXPECT_TRUE(saved.data.sha256.empty()) << "rendered, not read: nothing to hash";

    PromptLog log;
    Studio studio(log);
    ASSERT_TRUE(studio.window.openProject(path));
    ASSERT_TRUE(mlps::test::waitOpened(studio.window, 180000));
    EXPECT_EQ(studio.window.datasetPanel()->datasetName(), QStringLiteral("Font letters"));
    ASSERT_EQ(studio.window.runStore()->count(), 1);
    EXPECT_EQ(studio.window.runStore()->run(0)->result.history.size(), run->result.history.size());
    EXPECT_EQ(studio.window.runStore()->run(0)->test()->scores.accuracy, run->test()->scores.accuracy);
    EXPECT_EQ(studio.window.windowTitle(), QStringLiteral("letters.mlpstudio — MLP Studio"));
}

} // namespace
