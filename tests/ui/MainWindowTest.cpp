#include "MainWindow.h"

#include "NetworkDocument.h"
#include "RunStatusWidget.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "dashboard/TrainingDashboard.h"
#include "data/Dataset.h"
#include "data/LoadReport.h"
#include "dataset/DatasetPanel.h"
#include "designer/DesignerPanel.h"
#include "nn/Rng.h"
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
#include <memory>

namespace {

using mlps::ui::MainWindow;
using mlps::ui::TrainingController;
using mlps::ui::TrainingResult;
using mlps::ui::TrainingStatus;

// `count` 8x8 images of 4 classes: class k is bright in quadrant k, noise elsewhere.
std::shared_ptr<const mlps::Dataset> quadrantData(std::int64_t count = 1200)
{
    auto data = std::make_shared<mlps::Dataset>();
    data->width = 8;
    data->height = 8;
    data->classNames = {"A", "B", "C", "D"};
    data->format = "generated";
    mlps::Rng rng(11);
    std::vector<std::uint8_t> image(64);
    for (std::int64_t i = 0; i < count; ++i) {
        const int label = int(i % 4);
        for (int y = 0; y < 8; ++y) {
            for (int x = 0; x < 8; ++x) {
                const bool bright = (y / 4) * 2 + x / 4 == label;
                image[std::size_t(y * 8 + x)] = std::uint8_t(bright ? 140 + rng.below(116) : rng.below(110));
            }
        }
        data->append(image.data(), label);
    }
    return data;
}

// The window with the quadrant data in place and `epochs` planned.
void prepare(MainWindow& window, int epochs, std::int64_t count = 1200)
{
    window.datasetPanel()->setDataset(quadrantData(count), mlps::LoadReport{}, QStringLiteral("Quadrants"));
    mlps::TrainConfig training = window.document()->training();
    training.epochs = epochs;
    training.batchSize = 32;
    window.document()->setDesign(window.document()->network(), training);
}

// Records the longest time the GUI thread went without running a 5 ms timer.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_clock.start();
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
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
    EXPECT_LT(meter.longestMs(), 100) << "the window stalled while training";
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

int main(int argc, char** argv)
{
    // Tests drive the real widgets without a display (also when ctest lists them).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MLP Studio Tests"));
    QApplication::setApplicationName(QStringLiteral("mlps_ui_tests"));
    QSettings().clear();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
