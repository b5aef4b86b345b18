// Continuing a run after saving, closing and reopening the project: a run
// paused in one window, saved as it stands, continued in another window from
// the file, ends with the weights of a run done in one go, bit for bit.
#include "ProjectTestSupport.h"

#include "MainWindow.h"
#include "RunLauncher.h"
#include "RunRecord.h"
#include "RunStore.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "dashboard/ResultBanner.h"
#include "dashboard/TrainingDashboard.h"
#include "project/ProjectSession.h"
#include "runs/RunListModel.h"
#include "runs/RunListPanel.h"

#include "project/ProjectFile.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <gtest/gtest.h>

#include <memory>

namespace {

using mlps::test::PromptLog;
using mlps::ui::MainWindow;
using mlps::ui::RunRecord;
using mlps::ui::TrainingController;
using mlps::ui::TrainingJob;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;

constexpr int kEpochs = 12; // 360 steps: a pause after 45 comes long before the end

// A window answering from `log`, shown and active (for the shortcuts).
std::unique_ptr<MainWindow> openWindow(PromptLog& log)
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1280, 800);
    window->session()->setPrompts(log.prompts());
    window->show();
    QApplication::setActiveWindow(window.get());
    EXPECT_TRUE(QTest::qWaitForWindowActive(window.get()));
    return window;
}

// Waits, without running the event loop, until the run in progress has done
// `steps` steps, so that a pause right after lands close to them.
bool waitForStep(const TrainingController& controller, std::int64_t steps)
{
    QElapsedTimer clock;
    clock.start();
    while (controller.stepsDone() < steps) {
        if (!controller.isRunning() || clock.elapsed() > 60000)
            return false;
        QThread::usleep(50);
    }
    return true;
}

// `job` trained in one go, on a controller of its own.
std::optional<TrainingResult> trainInOneGo(TrainingJob job)
{
    job.resumeFrom.reset();
    TrainingController controller;
    QSignalSpy finished(&controller, &TrainingController::finished);
    if (!controller.start(job) || !finished.wait(120000))
        return std::nullopt;
    return finished.front().front().value<TrainingResult>();
}

class ContinueRunTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dataPath = dir.filePath(QStringLiteral("quadrants.npz"));
        mlps::test::writeQuadrantNpz(dataPath, 1200);
        projectPath = dir.filePath(QStringLiteral("paused.mlpstudio"));
    }

    QTemporaryDir dir;
    QString dataPath;
    QString projectPath;
};

TEST_F(ContinueRunTest, SaveCloseReopenContinue)
{
    int runId = 0;
    std::int64_t pausedAt = 0;
    std::size_t pausedEpochs = 0;
    {
        PromptLog log;
        std::unique_ptr<MainWindow> window = openWindow(log);
        ASSERT_TRUE(mlps::test::loadData(*window, dataPath));
        mlps::test::planShortRuns(*window, kEpochs); // 30 steps an epoch
        TrainingController* controller = window->controller();

        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier); // Train
        ASSERT_TRUE(controller->isRunning());
        ASSERT_TRUE(waitForStep(*controller, 45)) << "the run ended before it could be paused";
        QTest::keyClick(window.get(), Qt::Key_F6); // Pause
        ASSERT_TRUE(controller->isPaused());
        ASSERT_TRUE(QTest::qWaitFor([&] { return controller->pausedState() != nullptr; }, 10000));
        pausedAt = controller->stepsDone();
        runId = window->launcher()->running()->id;

        // Saved while paused: the run as it stands, which stays paused here.
        QSignalSpy news(window->session(), &mlps::ui::ProjectSession::message);
        ASSERT_TRUE(window->session()->saveAs(projectPath));
        EXPECT_TRUE(controller->isRunning());
        EXPECT_TRUE(controller->isPaused());
        EXPECT_EQ(controller->stepsDone(), pausedAt);
        ASSERT_FALSE(news.isEmpty());
        EXPECT_TRUE(news.back().front().toString().contains(QStringLiteral("paused run")))
            << news.back().front().toString().toStdString();
        const mlps::Project saved = mlps::ProjectFile::load(projectPath);
        ASSERT_EQ(saved.runs.size(), 1u);
        EXPECT_EQ(saved.runs[0].id, runId);
        EXPECT_EQ(saved.runs[0].status, "stopped");
        ASSERT_NE(saved.runs[0].checkpoint, nullptr) << "the file can continue the run";
        EXPECT_EQ(saved.runs[0].checkpoint->step, pausedAt);
        EXPECT_EQ(saved.runs[0].stepsDone, pausedAt);
        pausedEpochs = saved.runs[0].history.size();
        EXPECT_EQ(saved.runs[0].checkpoint->history.size(), pausedEpochs);
        EXPECT_FALSE(saved.runs[0].test.has_value()) << "not evaluated while paused";
        // Every step's batch loss up to the pause (so short a run keeps each).
        ASSERT_EQ(saved.runs[0].batchSteps.size(), std::size_t(pausedAt));
        EXPECT_EQ(saved.runs[0].batchSteps.front(), 1);
        EXPECT_EQ(saved.runs[0].batchSteps.back(), pausedAt);

        // Closing stops the run first (it is then a stopped run of the list), then asks about it.
        log.allowSaveQuestion = true;
        log.saveAnswer = QMessageBox::Discard; // the file has it as it was when paused
        EXPECT_TRUE(window->close());
        EXPECT_EQ(log.saveQuestions, 1);
        EXPECT_FALSE(controller->isRunning());
        ASSERT_EQ(window->runStore()->count(), 1);
        EXPECT_TRUE(window->runStore()->run(0)->canContinue());
        EXPECT_EQ(window->runStore()->run(0)->result.stepsDone, pausedAt) << "stopped where it was paused";
    }

    PromptLog log;
    std::unique_ptr<MainWindow> window = openWindow(log);
    ASSERT_TRUE(window->openProject(projectPath));
    ASSERT_TRUE(mlps::test::waitOpened(*window));
    ASSERT_EQ(window->runStore()->count(), 1);
    window->runListPanel()->selectRuns({runId});
    const std::shared_ptr<const RunRecord> reopened = window->runStore()->current();
    ASSERT_NE(reopened, nullptr);
    EXPECT_EQ(reopened->id, runId);
    EXPECT_EQ(reopened->result.status, TrainingStatus::Stopped);
    ASSERT_TRUE(reopened->canContinue());
    // The dashboard shows it as it was saved: its epochs and batch losses up to the pause.
    mlps::ui::TrainingDashboard* dashboard = window->dashboard();
    EXPECT_FALSE(dashboard->isRunActive());
    EXPECT_EQ(dashboard->epochPointCount(), int(pausedEpochs));
    EXPECT_EQ(dashboard->batchPointCount(), int(pausedAt));
    EXPECT_EQ(dashboard->resultBanner()->title(), QStringLiteral("Stopped by the user"));

    // The run list says it can be continued, and Continue Run is there for it.
    mlps::ui::RunListModel* model = window->runListPanel()->model();
    const QString status = model->index(0, mlps::ui::RunListModel::Status).data().toString();
    const std::int64_t stepsPerEpoch = (std::int64_t(reopened->job.split.train.size()) + 31) / 32;
    EXPECT_EQ(reopened->plannedSteps(), kEpochs * stepsPerEpoch);
    EXPECT_TRUE(status.startsWith(QStringLiteral("Stopped at step %1 of %2").arg(pausedAt).arg(kEpochs * stepsPerEpoch)))
        << status.toStdString();
    EXPECT_TRUE(status.endsWith(QStringLiteral("can be continued"))) << status.toStdString();
    QAction* continueRun = window->trainingActions()->continueRun();
    ASSERT_TRUE(continueRun->isEnabled()) << continueRun->toolTip().toStdString();
    EXPECT_TRUE(window->runListPanel()->view()->actions().contains(continueRun)) << "in the run's context menu";

    QSignalSpy finished(window->controller(), &TrainingController::finished);
    QSignalSpy progress(window->controller(), &TrainingController::progress);
    QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier); // Continue Run
    ASSERT_TRUE(window->controller()->isRunning());
    EXPECT_FALSE(continueRun->isEnabled());
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_FALSE(window->controller()->isRunning());
    // It went on from where it was paused, the earlier epochs shown first.
    ASSERT_FALSE(progress.isEmpty());
    const auto first = progress.front().front().value<mlps::ui::TrainingProgress>();
    EXPECT_EQ(first.step, pausedAt);
    EXPECT_EQ(first.newEpochs.size(), pausedEpochs);
    EXPECT_EQ(window->dashboard()->epochPointCount(), kEpochs);
    // The batch losses from before and after the continue, every step once.
    const std::int64_t totalSteps = kEpochs * stepsPerEpoch;
    EXPECT_EQ(dashboard->batchPointCount(), int(totalSteps));
    EXPECT_EQ(dashboard->batchLossCurve().lossCount(), totalSteps);

    // One run, not two: its record replaced, with every epoch and the time of both parts.
    ASSERT_EQ(window->runStore()->count(), 1);
    const std::shared_ptr<const RunRecord> run = window->runStore()->current();
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->id, runId);
    EXPECT_EQ(run->result.status, TrainingStatus::Finished) << run->result.message.toStdString();
    EXPECT_EQ(run->result.checkpoint, nullptr);
    EXPECT_EQ(run->result.history.size(), std::size_t(kEpochs));
    ASSERT_EQ(run->result.batchLosses.size(), std::size_t(totalSteps));
    for (std::size_t i = 0; i < run->result.batchLosses.size(); ++i) {
        ASSERT_EQ(run->result.batchLosses[i].step, std::int64_t(i) + 1);
        ASSERT_EQ(run->result.batchLosses[i].span, 1);
    }
    EXPECT_GT(run->result.trainSeconds, reopened->result.trainSeconds);
    EXPECT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, mlps::ui::RunListModel::Status).data().toString(), QStringLiteral("Finished"));
    EXPECT_FALSE(continueRun->isEnabled());
    EXPECT_TRUE(window->session()->isModified()) << "the continued run is not saved yet";

    const std::optional<TrainingResult> oneGo = trainInOneGo(run->job);
    ASSERT_TRUE(oneGo.has_value());
    ASSERT_EQ(oneGo->status, TrainingStatus::Finished);
    ASSERT_EQ(run->result.parameters.size(), oneGo->parameters.size());
    EXPECT_TRUE((run->result.parameters.array() == oneGo->parameters.array()).all())
        << "the continued run's weights differ from a run done in one go";
    // Its batch losses too: those before the pause came back through the file (float32).
    ASSERT_EQ(oneGo->batchLosses.size(), run->result.batchLosses.size());
    for (std::size_t i = 0; i < oneGo->batchLosses.size(); ++i) {
        const double loss = oneGo->batchLosses[i].loss;
        if (std::int64_t(i) < pausedAt)
            ASSERT_EQ(float(run->result.batchLosses[i].loss), float(loss)) << "step " << i + 1;
        else
            ASSERT_EQ(run->result.batchLosses[i].loss, loss) << "step " << i + 1;
    }
    // Selected again, the dashboard shows the record: the same points.
    window->runListPanel()->selectRuns({runId});
    EXPECT_EQ(dashboard->batchPointCount(), int(totalSteps));
    for (std::size_t e = 0; e < oneGo->history.size(); ++e) {
        EXPECT_EQ(run->result.history[e].trainLoss, oneGo->history[e].trainLoss) << "epoch " << e + 1;
        EXPECT_EQ(run->result.history[e].validationAccuracy, oneGo->history[e].validationAccuracy) << "epoch " << e + 1;
    }
    ASSERT_NE(run->test(), nullptr);
    EXPECT_TRUE(mlps::test::sameEvaluation(*run->test(), *oneGo->test));

    log.allowSaveQuestion = true;
    log.saveAnswer = QMessageBox::Discard;
    EXPECT_TRUE(window->close());
}

// The command line continues what the studio paused: the same engine, the
// same data, split and thread count, so the same weights as the studio's run
// in one go.
TEST_F(ContinueRunTest, TheCommandLineContinuesARunPausedInTheStudio)
{
    std::optional<TrainingResult> oneGo;
    {
        PromptLog log;
        std::unique_ptr<MainWindow> window = openWindow(log);
        ASSERT_TRUE(mlps::test::loadData(*window, dataPath));
        mlps::test::planShortRuns(*window, kEpochs);
        TrainingController* controller = window->controller();
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier); // Train
        ASSERT_TRUE(waitForStep(*controller, 45)) << "the run ended before it could be paused";
        QTest::keyClick(window.get(), Qt::Key_F6); // Pause
        ASSERT_TRUE(QTest::qWaitFor([&] { return controller->pausedState() != nullptr; }, 10000));
        ASSERT_TRUE(window->session()->saveAs(projectPath));
        oneGo = trainInOneGo(window->launcher()->running()->job);
        log.allowSaveQuestion = true;
        log.saveAnswer = QMessageBox::Discard;
        EXPECT_TRUE(window->close());
    }
    ASSERT_TRUE(oneGo.has_value());
    ASSERT_EQ(oneGo->status, TrainingStatus::Finished);

    QProcess cli;
    cli.start(QStringLiteral(MLPS_CLI_PATH), {QStringLiteral("resume"), QStringLiteral("--project"), projectPath,
                                             QStringLiteral("--quiet")});
    ASSERT_TRUE(cli.waitForFinished(120000));
    ASSERT_EQ(cli.exitStatus(), QProcess::NormalExit);
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();

    const mlps::Project continued = mlps::ProjectFile::load(projectPath);
    ASSERT_EQ(continued.runs.size(), 1u);
    const mlps::StoredRun& run = continued.runs[0];
    EXPECT_EQ(run.status, "finished");
    EXPECT_EQ(run.checkpoint, nullptr);
    EXPECT_EQ(run.history.size(), std::size_t(kEpochs));
    ASSERT_EQ(run.parameters.size(), oneGo->parameters.size());
    EXPECT_TRUE((run.parameters.array() == oneGo->parameters.array()).all())
        << "the CLI's continuation differs from the studio's run in one go";
    ASSERT_TRUE(run.test.has_value());
    EXPECT_EQ(run.test->scores.accuracy, oneGo->test->scores.accuracy);
}

} // namespace
