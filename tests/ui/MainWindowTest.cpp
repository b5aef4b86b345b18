#include "MainWindow.h"

#include "QuadrantData.h"

#include "NetworkDocument.h"
#include "RunStatusWidget.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "dashboard/TrainingDashboard.h"
#include "data/Dataset.h"
#include "data/LoadReport.h"
#include "dataset/DatasetPanel.h"
#include "designer/DesignerPanel.h"
#include "setup/TrainingSetupPanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QToolBar>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

namespace {

using mlps::ui::MainWindow;
using mlps::ui::TrainingController;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;


// The window with the quadrant data in place and `epochs` planned.
void prepare(MainWindow& window, int epochs, std::int64_t count = 1200)
{
    window.datasetPanel()->setDataset(mlps::test::quadrantData(count, 11), mlps::LoadReport{}, QStringLiteral("Quadrants"));
    mlps::TrainConfig training = window.document()->training();
    training.epochs = epochs;
    training.batchSize = 32;
    window.document()->setDesign(window.document()->network(), training);
}

// The GUI thread's CPU time so far, in milliseconds.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Records the longest the GUI thread went without running a 5 ms timer: in
// wall time, and in the thread's own CPU time, which is the work that blocked
// its event loop (on a machine loaded by other tests the wall time also counts
// the time the thread waited for a core).
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_clock.start();
        m_cpu = threadCpuMs();
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestWall = std::max(m_longestWall, m_clock.restart());
            const double cpu = threadCpuMs();
            m_longestBusy = std::max(m_longestBusy, cpu - m_cpu);
            m_cpu = cpu;
        });
        m_timer.start();
    }
    qint64 longestWallMs() const { return m_longestWall; }
    double longestBusyMs() const { return m_longestBusy; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_cpu = 0.0;
    qint64 m_longestWall = 0;
    double m_longestBusy = 0.0;
};

TEST(MainWindow, OpensWithTitleMenusToolbarAndDocks)
{
    MainWindow window;
    window.show();
    EXPECT_EQ(window.windowTitle(), QStringLiteral("MLP Studio"));
    QStringList menus;
    for (QAction* action : window.menuBar()->actions())
        menus << action->text();
    EXPECT_EQ(menus, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Run"),
                                  QStringLiteral("&View"), QStringLiteral("&Help")}));
    EXPECT_EQ(window.statusBar()->currentMessage(), QStringLiteral("Ready"));
    const auto toolBars = window.findChildren<QToolBar*>();
    ASSERT_EQ(toolBars.size(), 1);
    EXPECT_TRUE(toolBars.front()->actions().contains(window.trainingActions()->train()));
    for (const char* name : {"dataDock", "networkDock", "trainingDock"}) {
        auto* dock = window.findChild<QDockWidget*>(QString::fromLatin1(name));
        ASSERT_NE(dock, nullptr) << name;
        EXPECT_FALSE(dock->accessibleName().isEmpty()) << name;
    }
    EXPECT_TRUE(window.close());
}

TEST(MainWindow, OpensOnTheLabNetworkAndWaitsForData)
{
    MainWindow window;
    window.show();
    EXPECT_EQ(window.designerPanel()->presetBox()->currentText(), QStringLiteral("Lab network"));
    EXPECT_EQ(window.document()->layerCount(), 4);
    QAction* train = window.trainingActions()->train();
    EXPECT_FALSE(train->isEnabled());
    EXPECT_FALSE(window.runProblem().isEmpty());
    EXPECT_TRUE(train->toolTip().startsWith(QStringLiteral("Cannot train: "))) << train->toolTip().toStdString();
}

TEST(MainWindow, TheDataSetsTheNetworksInputAndOutput)
{
    MainWindow window;
    window.show();
    prepare(window, 2);
    EXPECT_EQ(window.document()->network().inputSize, 64);
    EXPECT_EQ(window.document()->network().classes, 4);
    EXPECT_TRUE(window.runProblem().isEmpty()) << window.runProblem().toStdString();
    EXPECT_TRUE(window.trainingActions()->train()->isEnabled());
}

TEST(MainWindow, TrainsToTheEndWithOnePointPerEpochAndStaysResponsive)
{
    MainWindow window;
    window.show();
    prepare(window, 6);
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    StallMeter meter;
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier); // Train
    EXPECT_TRUE(window.controller()->isRunning());
    EXPECT_FALSE(window.trainingActions()->train()->isEnabled());
    EXPECT_TRUE(window.trainingActions()->stop()->isEnabled());
    ASSERT_TRUE(finished.wait(60000));
    const auto result = finished.front().front().value<TrainingResult>();
    EXPECT_EQ(result.status, TrainingStatus::Finished) << result.message.toStdString();
    EXPECT_EQ(window.dashboard()->epochPointCount(), 6);
    EXPECT_GT(window.dashboard()->batchPointCount(), 0);
    EXPECT_TRUE(window.dashboard()->statusText().contains(QStringLiteral("accuracy"))) << window.dashboard()->statusText().toStdString();
    EXPECT_FALSE(window.runStatus()->isVisible());
    EXPECT_TRUE(window.trainingActions()->train()->isEnabled());
    std::printf("[          ] longest GUI stall while training: %.1f ms busy, %lld ms wall\n", meter.longestBusyMs(),
                static_cast<long long>(meter.longestWallMs()));
    EXPECT_LT(meter.longestBusyMs(), 100.0) << "the window stalled while training";
}

TEST(MainWindow, PausesResumesAndStops)
{
    MainWindow window;
    window.show();
    prepare(window, 400, 4000);
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    window.trainingActions()->train()->trigger();
    ASSERT_TRUE(window.controller()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->stepsDone() > 20, 20000);

    QTest::keyClick(&window, Qt::Key_F6); // Pause
    QTRY_VERIFY(window.controller()->isPaused());
    EXPECT_TRUE(window.trainingActions()->pause()->isChecked());
    EXPECT_EQ(window.trainingActions()->pause()->text(), QStringLiteral("&Resume"));
    QTest::qWait(100);
    const auto pausedAt = window.controller()->stepsDone();
    QTest::qWait(200);
    EXPECT_EQ(window.controller()->stepsDone(), pausedAt) << "a paused run went on training";
    EXPECT_TRUE(window.runStatus()->text().startsWith(QStringLiteral("Paused"))) << window.runStatus()->text().toStdString();

    QTest::keyClick(&window, Qt::Key_F6); // Resume
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->stepsDone() > pausedAt + 5, 20000);
    EXPECT_FALSE(window.trainingActions()->pause()->isChecked());

    QTest::keyClick(&window, Qt::Key_F5, Qt::ShiftModifier); // Stop
    ASSERT_TRUE(finished.wait(30000));
    const auto result = finished.front().front().value<TrainingResult>();
    EXPECT_EQ(result.status, TrainingStatus::Stopped);
    EXPECT_FALSE(window.trainingActions()->pause()->isEnabled());
    EXPECT_FALSE(window.trainingActions()->stop()->isEnabled());
    EXPECT_TRUE(window.trainingActions()->train()->isEnabled());
}

TEST(MainWindow, UndoAndRedoComeFromTheEditMenu)
{
    MainWindow window;
    window.show();
    QAction* undo = window.findChild<QAction*>(QStringLiteral("actionUndo"));
    QAction* redo = window.findChild<QAction*>(QStringLiteral("actionRedo"));
    ASSERT_NE(undo, nullptr);
    ASSERT_NE(redo, nullptr);
    EXPECT_FALSE(undo->isEnabled());
    window.findChild<QAction*>(QStringLiteral("actionNew"))->trigger(); // already the lab network: nothing to undo
    EXPECT_FALSE(undo->isEnabled());
    QComboBox* presets = window.designerPanel()->presetBox();
    const int logistic = presets->findText(QStringLiteral("Logistic regression"));
    ASSERT_GE(logistic, 0);
    presets->setFocus();
    while (presets->currentIndex() > logistic)
        QTest::keyClick(presets, Qt::Key_Up); // as a user picks it from the keyboard
    EXPECT_EQ(window.document()->layerCount(), 0);
    ASSERT_TRUE(undo->isEnabled());
    undo->trigger();
    EXPECT_EQ(window.document()->layerCount(), 4);
    redo->trigger();
    EXPECT_EQ(window.document()->layerCount(), 0);
}

TEST(MainWindow, RemembersItsGeometry)
{
    {
        MainWindow window;
        window.show();
        window.resize(900, 640);
        window.close();
    }
    MainWindow reopened;
    EXPECT_EQ(reopened.size(), QSize(900, 640));
}

TEST(MainWindow, RunStatusClock)
{
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(0), QStringLiteral("0:00"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(42.4), QStringLiteral("0:42"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(3909), QStringLiteral("1:05:09"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(-1), QStringLiteral("0:00"));
}

} // namespace
