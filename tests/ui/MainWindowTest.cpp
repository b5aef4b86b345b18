#include "MainWindow.h"

#include "QuadrantData.h"

#include "NetworkDocument.h"
#include "RunStatusWidget.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "project/ProjectSession.h"
#include "dashboard/MetricChart.h"
#include "dashboard/ResultBanner.h"
#include "dashboard/TrainingDashboard.h"
#include "data/Dataset.h"
#include "data/LoadReport.h"
#include "data/FontLetters.h"
#include "dataset/DatasetPanel.h"
#include "evaluation/ConfusionHeatmap.h"
#include "evaluation/EvaluationView.h"
#include "evaluation/HeatmapTableView.h"
#include "gallery/MisclassifiedGallery.h"
#include "gallery/SampleInspector.h"
#include "RunExportActions.h"
#include "RunLauncher.h"
#include "RunRecord.h"
#include "RunStore.h"
#include "runs/RunComparisonView.h"
#include "runs/RunListPanel.h"
#include "designer/DesignerPanel.h"
#include "setup/TrainingSetupPanel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QLabel>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QProcess>
#include <QFileInfo>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolBar>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>
#include <ostream>

namespace {

using mlps::ui::MainWindow;
using mlps::ui::RunRecord;
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

// Trains one run to the end and returns it as the run list keeps it.
std::shared_ptr<const RunRecord> trainToTheEnd(MainWindow& window)
{
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    window.trainingActions()->train()->trigger();
    if (!finished.wait(60000))
        return nullptr;
    return window.runStore()->current();
}

TEST(MainWindow, FromAConfusionCellToThoseLettersInThreeClicks)
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    prepare(window, 1);
    mlps::TrainConfig training = window.document()->training();
    training.optimizer.learningRate = 0.002f; // one short epoch: a model that still makes mistakes
    window.document()->setDesign(window.document()->network(), training);
    const auto run = trainToTheEnd(window);
    ASSERT_NE(run, nullptr);
    ASSERT_NE(run->test(), nullptr);
    const mlps::Evaluation& test = *run->test();

    // The worst off-diagonal cell.
    int worstTrue = 0;
    int worstPredicted = 1;
    for (int t = 0; t < 4; ++t) {
        for (int p = 0; p < 4; ++p) {
            if (t != p && test.confusion(t, p) > test.confusion(worstTrue, worstPredicted)) {
                worstTrue = t;
                worstPredicted = p;
            }
        }
    }
    ASSERT_GT(test.confusion(worstTrue, worstPredicted), 0) << "the model should still be wrong sometimes";

    // Click 1: the Evaluation tab, showing the run that just ended.
    QTabBar* tabs = window.centralTabs()->tabBar();
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
    ASSERT_EQ(window.centralTabs()->currentWidget(), window.evaluationView());
    EXPECT_EQ(window.evaluationView()->run(), run);
    // Click 2: the cell.
    mlps::ui::ConfusionHeatmap* heatmap = window.evaluationView()->heatmap();
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {},
                      heatmap->cellRect(worstTrue, worstPredicted).center());
    ASSERT_EQ(window.centralTabs()->currentWidget(), window.gallery());
    // Exactly the samples of that cell.
    QList<qint64> expected;
    for (std::int64_t i = 0; i < test.count(); ++i) {
        if (test.trueLabels[std::size_t(i)] == worstTrue && test.predicted[std::size_t(i)] == worstPredicted)
            expected << i;
    }
    QList<qint64> shown = window.gallery()->shownIndices();
    ASSERT_EQ(shown.size(), expected.size());
    std::sort(shown.begin(), shown.end());
    EXPECT_EQ(shown, expected);
    // Click 3: a letter, into the inspector.
    QAbstractItemView* grid = window.gallery()->view();
    const QModelIndex last = grid->model()->index(int(shown.size()) - 1, 0);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(last).center());
    const QVector<double> probabilities = window.gallery()->inspector()->probabilities();
    ASSERT_EQ(probabilities.size(), 4);
    EXPECT_NEAR(std::accumulate(probabilities.begin(), probabilities.end(), 0.0), 1.0, 1e-5);
    EXPECT_EQ(window.gallery()->inspector()->saliency().size(), 64);
}

TEST(MainWindow, ComparesLogisticRegressionWithTheNetwork)
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    prepare(window, 3);
    QComboBox* presets = window.designerPanel()->presetBox();
    const auto choose = [&](const QString& name) {
        const int index = presets->findText(name);
        ASSERT_GE(index, 0) << name.toStdString();
        presets->setFocus();
        while (presets->currentIndex() != index)
            QTest::keyClick(presets, presets->currentIndex() > index ? Qt::Key_Up : Qt::Key_Down);
    };
    choose(QStringLiteral("Logistic regression"));
    prepare(window, 3); // the preset brings its own epochs and batch
    const auto logistic = trainToTheEnd(window);
    choose(QStringLiteral("Lab network"));
    prepare(window, 3);
    const auto network = trainToTheEnd(window);
    ASSERT_NE(logistic, nullptr);
    ASSERT_NE(network, nullptr);
    ASSERT_EQ(window.runStore()->count(), 2);

    window.runListPanel()->selectRuns({logistic->id, network->id});
    ASSERT_TRUE(window.runListPanel()->compareAction()->isEnabled());
    window.runListPanel()->compareAction()->trigger();
    ASSERT_EQ(window.centralTabs()->currentWidget(), window.comparisonView());
    EXPECT_EQ(window.comparisonView()->firstRun(), logistic);
    EXPECT_EQ(window.comparisonView()->secondRun(), network);
    QStringList differing;
    for (const auto& [label, first, second] : window.comparisonView()->differences())
        differing << label;
    EXPECT_FALSE(differing.isEmpty());
    EXPECT_TRUE(differing.join(QLatin1Char(' ')).contains(QStringLiteral("ayer"))) << differing.join(QStringLiteral(", ")).toStdString();

    // Fixed and broken, counted from the two evaluations.
    const mlps::Evaluation& a = *logistic->test();
    const mlps::Evaluation& b = *network->test();
    qsizetype fixed = 0;
    qsizetype broken = 0;
    for (std::int64_t i = 0; i < a.count(); ++i) {
        const bool aRight = a.predicted[std::size_t(i)] == a.trueLabels[std::size_t(i)];
        const bool bRight = b.predicted[std::size_t(i)] == b.trueLabels[std::size_t(i)];
        fixed += !aRight && bRight;
        broken += aRight && !bRight;
    }
    EXPECT_EQ(window.comparisonView()->fixedSamples().size(), fixed);
    EXPECT_EQ(window.comparisonView()->brokenSamples().size(), broken);
}

TEST(MainWindow, ADivergingRunStopsWithAClearMessage)
{
    MainWindow window;
    window.show();
    prepare(window, 5);
    mlps::TrainConfig training = window.document()->training();
    training.optimizer.learningRate = 1e30f;
    window.document()->setDesign(window.document()->network(), training);
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    window.trainingActions()->train()->trigger();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(finished.front().front().value<TrainingResult>().status, TrainingStatus::Diverged);
    EXPECT_TRUE(window.dashboard()->divergenceShown());
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("iverge")))
        << window.statusBar()->currentMessage().toStdString();
    EXPECT_TRUE(window.trainingActions()->train()->isEnabled()) << "ready for another try";
}

TEST(MainWindow, TrainsOnTheBuiltInFontLetters)
{
    if (mlps::FontLetters::faceNames().empty())
        GTEST_SKIP() << "no fonts installed: the built-in Font letters cannot be rendered";
    MainWindow window;
    window.show();
    QSignalSpy loaded(window.datasetPanel(), &mlps::ui::DatasetPanel::loadingFinished);
    window.loadDefaultDataset();
    ASSERT_TRUE(loaded.wait(180000)) << "rendering the font letters took too long";
    ASSERT_TRUE(loaded.front().front().toBool()) << loaded.front().at(1).toString().toStdString();
    EXPECT_EQ(window.datasetPanel()->datasetName(), QStringLiteral("Font letters"));
    EXPECT_EQ(window.document()->network().inputSize, 784);
    mlps::TrainConfig training = window.document()->training();
    training.epochs = 1;
    window.document()->setDesign(window.document()->network(), training);
    ASSERT_TRUE(window.runProblem().isEmpty()) << window.runProblem().toStdString();
    const auto run = trainToTheEnd(window);
    ASSERT_NE(run, nullptr);
    ASSERT_NE(run->test(), nullptr);
    EXPECT_EQ(window.dashboard()->epochPointCount(), 1);
    EXPECT_GT(run->test()->scores.accuracy, 0.5) << "one epoch on the letters already beats guessing";
}

TEST(MainWindow, ExportsTheCurrentRunFromTheFileMenu)
{
    MainWindow window;
    window.show();
    mlps::ui::RunExportActions* exports = window.exportActions();
    using Format = mlps::ui::RunExportActions::Format;
    EXPECT_FALSE(exports->action(Format::Onnx)->isEnabled()) << "nothing trained yet";
    prepare(window, 2);
    const auto run = trainToTheEnd(window);
    ASSERT_NE(run, nullptr);
    ASSERT_TRUE(exports->action(Format::Onnx)->isEnabled());

    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    exports->setPathChooser([&](Format format, const QString& suggested) {
        EXPECT_FALSE(suggested.isEmpty());
        if (format == Format::PyTorch)
            return folder.filePath(QStringLiteral("torch"));
        return folder.filePath(format == Format::Npz ? QStringLiteral("run.npz") : QStringLiteral("run.onnx"));
    });
    exports->action(Format::Npz)->trigger();
    exports->action(Format::Onnx)->trigger();
    exports->action(Format::PyTorch)->trigger();
    EXPECT_GT(QFileInfo(folder.filePath(QStringLiteral("run.npz"))).size(), 0);
    EXPECT_GT(QFileInfo(folder.filePath(QStringLiteral("run.onnx"))).size(), 0);
    EXPECT_TRUE(QFileInfo::exists(folder.filePath(QStringLiteral("torch/model.py"))));

    QString error;
    EXPECT_FALSE(exports->exportCurrent(Format::Onnx, folder.filePath(QStringLiteral("no/such/dir/x.onnx")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("x.onnx"))) << error.toStdString();

    // The weights numpy reads are the run's.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QStringLiteral("import numpy, sys; a = numpy.load(sys.argv[1]); "
                                                       "print(sum(a[k].size for k in a.files if k.endswith(('kernel', 'bias'))))"),
                  folder.filePath(QStringLiteral("run.npz"))});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        GTEST_SKIP() << "python3 with numpy is not available to read the export";
    EXPECT_EQ(python.readAllStandardOutput().trimmed().toLongLong(), run->result.parameters.size());
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

TEST(MainWindow, TheFileMenuAndToolbarHoldTheProject)
{
    MainWindow window;
    window.show();
    QMenu* file = window.menuBar()->actions().front()->menu();
    ASSERT_NE(file, nullptr);
    QStringList entries;
    for (QAction* action : file->actions())
        if (!action->isSeparator())
            entries << action->text();
    EXPECT_EQ(entries, (QStringList{QStringLiteral("&New Project"), QStringLiteral("&Open Project…"),
                                    QStringLiteral("Open &Recent"), QStringLiteral("&Save"), QStringLiteral("Save &As…"),
                                    QStringLiteral("Open &Dataset…"), QStringLiteral("Open Dataset &Folder…"),
                                    QStringLiteral("Built-in &Font Letters"), QStringLiteral("E&xport Run"), QStringLiteral("&Quit")}));
    QStringList tools;
    for (QAction* action : window.findChild<QToolBar*>()->actions())
        if (!action->isSeparator())
            tools << action->objectName();
    EXPECT_EQ(tools.mid(0, 4), (QStringList{QStringLiteral("actionNew"), QStringLiteral("actionOpenProject"),
                                            QStringLiteral("actionSave"), QStringLiteral("actionOpenDataset")}));
    // Data alone is no work to lose: the title stays plain and closing does not ask.
    prepare(window, 2);
    EXPECT_EQ(window.windowTitle(), QStringLiteral("MLP Studio"));
    window.session()->prompts().askSave = [](const QString&) {
        ADD_FAILURE() << "asked about unsaved changes in a pristine window";
        return QMessageBox::Cancel;
    };
    EXPECT_TRUE(window.close());
}

// Starts a long run (400 epochs) and waits until it has done some steps.
bool startLongRun(MainWindow& window)
{
    prepare(window, 400, 4000);
    window.trainingActions()->train()->trigger();
    return window.controller()->isRunning()
           && QTest::qWaitFor([&window] { return window.controller()->stepsDone() > 20; }, 20000);
}

TEST(MainWindow, NewProjectStopsARunInProgressFirst)
{
    MainWindow window;
    window.show();
    QAction* newProject = window.findChild<QAction*>(QStringLiteral("actionNew"));
    QAction* openProject = window.findChild<QAction*>(QStringLiteral("actionOpenProject"));
    ASSERT_NE(newProject, nullptr);
    ASSERT_NE(openProject, nullptr);
    ASSERT_TRUE(startLongRun(window));
    EXPECT_TRUE(newProject->isEnabled()) << "the run stops first and can be continued";
    EXPECT_TRUE(openProject->isEnabled());

    // The question about unsaved changes comes once the run is a stopped run of the list.
    int asked = 0;
    window.session()->prompts().askSave = [&](const QString&) {
        ++asked;
        EXPECT_FALSE(window.controller()->isRunning());
        EXPECT_EQ(window.runStore()->count(), 1);
        EXPECT_TRUE(window.runStore()->count() == 1 && window.runStore()->run(0)->canContinue());
        return QMessageBox::Cancel;
    };
    newProject->trigger();
    EXPECT_EQ(asked, 1);
    EXPECT_FALSE(window.controller()->isRunning());
    ASSERT_EQ(window.runStore()->count(), 1) << "cancelled: the stopped run stays";
    EXPECT_EQ(window.windowTitle(), QStringLiteral("Untitled* — MLP Studio")) << "the stopped run is work to save";

    window.session()->prompts().askSave = [](const QString&) { return QMessageBox::Discard; };
    newProject->trigger();
    EXPECT_EQ(window.runStore()->count(), 0);
}

TEST(MainWindow, ClosingMidRunStopsTheRunAndKeepsIt)
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    ASSERT_TRUE(startLongRun(*window));
    QTest::keyClick(window.get(), Qt::Key_F6); // paused or not, closing stops it
    int asked = 0;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    window->session()->prompts().askSave = [&](const QString&) {
        ++asked;
        return answer;
    };
    EXPECT_FALSE(window->close());
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(window->isVisible());
    EXPECT_FALSE(window->controller()->isRunning());
    ASSERT_EQ(window->runStore()->count(), 1);
    const auto run = window->runStore()->run(0);
    EXPECT_EQ(run->result.status, TrainingStatus::Stopped);
    EXPECT_TRUE(run->canContinue());
    EXPECT_TRUE(window->trainingActions()->continueRun()->isEnabled());

    // Continued and closed mid-run again: stopped again, the same run, further on.
    window->trainingActions()->continueRun()->trigger();
    ASSERT_TRUE(window->controller()->isRunning());
    const std::int64_t first = run->result.stepsDone;
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->controller()->stepsDone() > first + 20; }, 20000));
    answer = QMessageBox::Discard;
    EXPECT_TRUE(window->close());
    EXPECT_EQ(asked, 2);
    ASSERT_EQ(window->runStore()->count(), 1);
    EXPECT_GT(window->runStore()->run(0)->result.stepsDone, first + 20);
    EXPECT_TRUE(window->runStore()->run(0)->canContinue());
    window.reset(); // nothing left running
}

TEST(MainWindow, SavingWhileARunTrainsSaysItIsNotInTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("busy.mlpstudio"));
    MainWindow window;
    window.show();
    ASSERT_TRUE(startLongRun(window));
    ASSERT_TRUE(window.session()->saveAs(path));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("the run in progress is not in the file")))
        << window.statusBar()->currentMessage().toStdString();
    EXPECT_TRUE(window.controller()->isRunning()) << "saving does not stop it";

    window.trainingActions()->pause()->trigger();
    ASSERT_TRUE(window.session()->saveAs(path));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("with the paused run 1")))
        << window.statusBar()->currentMessage().toStdString();
    EXPECT_TRUE(window.controller()->isPaused());
    EXPECT_EQ(window.runStore()->count(), 0) << "still in progress";

    QSignalSpy finished(window.controller(), &TrainingController::finished);
    window.trainingActions()->stop()->trigger();
    ASSERT_TRUE(finished.wait(30000));
}

TEST(MainWindow, ContinueRunFollowsTheCurrentRun)
{
    MainWindow window;
    window.show();
    mlps::ui::TrainingActions* actions = window.trainingActions();
    QAction* continueRun = actions->continueRun();
    EXPECT_EQ(continueRun->objectName(), QStringLiteral("actionContinue"));
    EXPECT_EQ(continueRun->text(), QStringLiteral("&Continue Run"));
    EXPECT_EQ(continueRun->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    // In the Run menu and the toolbar, after Train.
    QMenu* runMenu = window.menuBar()->actions().at(2)->menu();
    ASSERT_NE(runMenu, nullptr);
    EXPECT_EQ(runMenu->actions(), (QList<QAction*>{actions->train(), continueRun, actions->pause(), actions->stop()}));
    const QList<QAction*> tools = window.findChild<QToolBar*>()->actions();
    ASSERT_TRUE(tools.contains(actions->train()));
    EXPECT_EQ(tools.value(tools.indexOf(actions->train()) + 1), continueRun);
    // No shortcut of the window's is taken twice.
    QList<QKeySequence> keys;
    for (QAction* action : window.findChildren<QAction*>()) {
        for (const QKeySequence& key : action->shortcuts()) {
            EXPECT_FALSE(keys.contains(key)) << key.toString().toStdString() << " is taken twice";
            keys << key;
        }
    }

    EXPECT_FALSE(continueRun->isEnabled());
    EXPECT_EQ(continueRun->toolTip(), QStringLiteral("Cannot continue: select a stopped run in the run list"));
    prepare(window, 1);
    ASSERT_NE(trainToTheEnd(window), nullptr);
    EXPECT_FALSE(continueRun->isEnabled());
    EXPECT_EQ(continueRun->toolTip(), QStringLiteral("Cannot continue: run 1 has finished: there is nothing left to train"));

    ASSERT_TRUE(startLongRun(window));
    EXPECT_FALSE(continueRun->isEnabled());
    EXPECT_EQ(continueRun->toolTip(), QStringLiteral("Cannot continue: a run is in progress"));
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    actions->stop()->trigger();
    ASSERT_TRUE(finished.wait(30000));
    const auto stopped = window.runStore()->current();
    ASSERT_EQ(stopped->id, 2);
    ASSERT_TRUE(stopped->canContinue());
    EXPECT_TRUE(continueRun->isEnabled());
    EXPECT_EQ(continueRun->toolTip(), QStringLiteral("Continue run 2 from step %1, exactly where it stopped (Ctrl+Shift+Return)")
                                          .arg(QLocale().toString(qint64(stopped->result.stepsDone))));
    EXPECT_TRUE(window.dashboard()->resultBanner()->isVisibleTo(window.dashboard()));

    // The selection decides.
    window.runListPanel()->selectRuns({1});
    EXPECT_FALSE(continueRun->isEnabled());
    window.runListPanel()->selectRuns({2});
    EXPECT_TRUE(continueRun->isEnabled());

    // Compared with run 1, the comparison follows the continued run's new record.
    window.runListPanel()->selectRuns({1, 2});
    window.runListPanel()->compareAction()->trigger();
    ASSERT_EQ(window.comparisonView()->secondRun(), stopped);
    window.runListPanel()->selectRuns({2});

    // Continued: the dashboard starts with the epochs done before; stopped again, still one record.
    const int epochsBefore = int(stopped->result.history.size());
    finished.clear();
    continueRun->trigger();
    ASSERT_TRUE(window.controller()->isRunning());
    const auto* info = window.runListPanel()->findChild<QLabel*>(QStringLiteral("selectionInfo"));
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->text(), QStringLiteral("Run 2 is training on; the list shows it as it was"));
    EXPECT_TRUE(QTest::qWaitFor([&] { return window.dashboard()->epochPointCount() >= epochsBefore; }, 20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.controller()->stepsDone() > stopped->result.stepsDone + 10; }, 20000));
    actions->stop()->trigger();
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_EQ(window.runStore()->count(), 2);
    const auto again = window.runStore()->current();
    EXPECT_EQ(again->id, 2);
    EXPECT_NE(again, stopped) << "a new record in its place";
    EXPECT_GT(again->result.stepsDone, stopped->result.stepsDone);
    EXPECT_GE(again->result.history.size(), stopped->result.history.size());
    EXPECT_GT(again->result.trainSeconds, stopped->result.trainSeconds);
    EXPECT_TRUE(again->canContinue());
    EXPECT_TRUE(info->text().startsWith(QStringLiteral("Run 2 can continue from step "))) << info->text().toStdString();
    EXPECT_EQ(window.runListPanel()->selectedRuns(), QList<mlps::ui::RunStore::RunPointer>{again});
    EXPECT_EQ(window.comparisonView()->secondRun(), again);
    EXPECT_EQ(window.comparisonView()->firstRun(), window.runStore()->run(0));
}

// What the dashboard shows, to compare a run shown live with the same run selected later.
struct DashboardView {
    QString name;
    int epochs = 0;
    int batchPoints = 0;
    QString loss, accuracy, batch, status, title, details, progress;
    bool active = false;
    bool operator==(const DashboardView&) const = default;
};

void PrintTo(const DashboardView& view, std::ostream* out)
{
    *out << view.name.toStdString() << ": " << view.epochs << " epochs, " << view.batchPoints << " batch points; "
         << view.loss.toStdString() << "; " << view.batch.toStdString() << "; " << view.status.toStdString();
}

DashboardView viewOf(const mlps::ui::TrainingDashboard& dashboard)
{
    using Chart = mlps::ui::TrainingDashboard::Chart;
    DashboardView view;
    view.name = dashboard.findChild<QLabel*>(QStringLiteral("runName"))->text();
    view.epochs = dashboard.epochPointCount();
    view.batchPoints = dashboard.batchPointCount();
    view.loss = dashboard.chartStatsText(Chart::Loss);
    view.accuracy = dashboard.chartStatsText(Chart::Accuracy);
    view.batch = dashboard.chartStatsText(Chart::BatchLoss);
    view.status = dashboard.statusText();
    view.title = dashboard.resultBanner()->title();
    view.details = dashboard.resultBanner()->details();
    view.progress = dashboard.progressText();
    view.active = dashboard.isRunActive();
    return view;
}

TEST(MainWindow, TheDashboardShowsTheSelectedRun)
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    mlps::ui::TrainingDashboard* dashboard = window.dashboard();
    prepare(window, 2);
    const auto first = trainToTheEnd(window);
    const DashboardView firstLive = viewOf(*dashboard);
    prepare(window, 3);
    const auto second = trainToTheEnd(window);
    const DashboardView secondLive = viewOf(*dashboard);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(firstLive.epochs, 2);
    EXPECT_EQ(secondLive.epochs, 3);
    EXPECT_EQ(std::size_t(firstLive.batchPoints), first->result.batchLosses.size());
    EXPECT_FALSE(firstLive.active);

    // Selected in the run list, each run shows as it ended: its curves, statistics and banner.
    window.runListPanel()->selectRuns({first->id});
    ASSERT_EQ(window.runStore()->current(), first);
    EXPECT_EQ(viewOf(*dashboard), firstLive);
    EXPECT_EQ(dashboard->chart(mlps::ui::TrainingDashboard::Chart::BatchLoss)
                  ->drawnPoints(mlps::ui::TrainingDashboard::kRawBatchSeries)
                  .size(),
              firstLive.batchPoints);
    const QString accuracy = QLocale().toString(first->test()->scores.accuracy * 100.0, 'f', 1);
    EXPECT_TRUE(dashboard->statusText().startsWith(QStringLiteral("Finished: test accuracy %1 %").arg(accuracy)))
        << dashboard->statusText().toStdString();
    window.runListPanel()->selectRuns({second->id});
    EXPECT_EQ(viewOf(*dashboard), secondLive);
    window.runListPanel()->selectRuns({first->id});
    EXPECT_EQ(viewOf(*dashboard), firstLive);

    // A run training keeps the dashboard, whatever is selected or deleted meanwhile.
    ASSERT_TRUE(startLongRun(window));
    const std::shared_ptr<const RunRecord> training = window.launcher()->running();
    ASSERT_NE(training, nullptr);
    window.runListPanel()->selectRuns({second->id});
    ASSERT_EQ(window.runStore()->current(), second);
    DashboardView during = viewOf(*dashboard);
    EXPECT_TRUE(during.active);
    EXPECT_EQ(during.name, training->name);
    EXPECT_TRUE(during.status.isEmpty());
    window.runStore()->remove(second->id);
    EXPECT_TRUE(dashboard->isRunActive());
    EXPECT_EQ(viewOf(*dashboard).name, training->name);
    window.trainingActions()->pause()->trigger(); // paused, still its run
    window.runListPanel()->selectRuns({first->id});
    EXPECT_TRUE(dashboard->isRunActive());
    EXPECT_EQ(viewOf(*dashboard).name, training->name);
    QSignalSpy finished(window.controller(), &TrainingController::finished);
    window.trainingActions()->stop()->trigger();
    ASSERT_TRUE(finished.wait(30000));
    // It ends as the current run, on the dashboard with its result.
    const auto stopped = window.runStore()->current();
    ASSERT_EQ(stopped->id, training->id);
    EXPECT_FALSE(dashboard->isRunActive());
    EXPECT_EQ(dashboard->resultBanner()->title(), QStringLiteral("Stopped by the user"));
    EXPECT_EQ(std::size_t(dashboard->batchPointCount()), stopped->result.batchLosses.size());
    window.runListPanel()->selectRuns({first->id});
    EXPECT_EQ(viewOf(*dashboard), firstLive);

    // Deleting the run shown shows the one that becomes current; none left, an empty dashboard.
    window.runStore()->remove(first->id);
    EXPECT_EQ(viewOf(*dashboard).name, stopped->name);
    EXPECT_EQ(dashboard->resultBanner()->title(), QStringLiteral("Stopped by the user"));
    window.runStore()->remove(stopped->id);
    EXPECT_EQ(dashboard->epochPointCount(), 0);
    EXPECT_EQ(dashboard->batchPointCount(), 0);
    EXPECT_TRUE(dashboard->statusText().isEmpty());
    EXPECT_TRUE(dashboard->findChild<QLabel*>(QStringLiteral("emptyHint"))->isVisible());
}

TEST(MainWindow, RunStatusClock)
{
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(0), QStringLiteral("0:00"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(42.4), QStringLiteral("0:42"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(3909), QStringLiteral("1:05:09"));
    EXPECT_EQ(mlps::ui::RunStatusWidget::clock(-1), QStringLiteral("0:00"));
}

} // namespace
