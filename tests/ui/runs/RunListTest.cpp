#include "RunFixtures.h"
#include "RunListModel.h"
#include "RunListPanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

namespace {

using namespace mlps::ui;
using mlps::ui::test::fakeRun;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

TEST(RunListModel, FollowsTheStore)
{
    RunStore store;
    RunListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), RunListModel::ColumnCount);

    store.add(fakeRun(1, s("Logistic regression"), 0.86, 3, 12.34));
    store.add(fakeRun(2, s("Lab network"), 0.894, 5, 125.0));
    store.add(fakeRun(3, s("Lab + L2"), 0.91, 2, 4000.0));
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(cell(model, 0, RunListModel::Number), s("1"));
    EXPECT_EQ(cell(model, 0, RunListModel::Name), s("Logistic regression"));
    EXPECT_EQ(cell(model, 0, RunListModel::Status), s("Finished"));
    EXPECT_EQ(cell(model, 0, RunListModel::TestAccuracy), s("86.00 %"));
    EXPECT_EQ(cell(model, 1, RunListModel::TestAccuracy), s("89.40 %"));
    EXPECT_EQ(cell(model, 1, RunListModel::WeightedF1), s("0.8851"));
    EXPECT_EQ(cell(model, 0, RunListModel::Epochs), s("3"));
    EXPECT_EQ(cell(model, 0, RunListModel::Time), s("12.3 s"));
    EXPECT_EQ(cell(model, 1, RunListModel::Time), s("2 min 05 s"));
    EXPECT_EQ(cell(model, 2, RunListModel::Time), s("1 h 06 min"));
    EXPECT_EQ(cell(model, 2, RunListModel::SamplesPerSecond), s("3,000"));
    EXPECT_FALSE(cell(model, 0, RunListModel::Started).isEmpty());
    EXPECT_EQ(model.headerData(RunListModel::TestAccuracy, Qt::Horizontal).toString(), s("Acc."));
    EXPECT_TRUE(model.headerData(RunListModel::TestAccuracy, Qt::Horizontal, Qt::ToolTipRole).toString().startsWith(s("Test accuracy")));
    EXPECT_TRUE(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(s("Run 1 · Logistic regression")));
    EXPECT_EQ(model.index(2, RunListModel::Name).data(RunListModel::RunIdRole).toInt(), 3);

    // The current run (the last added) is bold, the others are not.
    EXPECT_TRUE(model.index(2, 1).data(Qt::FontRole).value<QFont>().bold());
    EXPECT_FALSE(model.index(0, 1).data(Qt::FontRole).isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    store.setCurrent(1);
    EXPECT_EQ(changed.size(), 2); // the old and the new current row
    EXPECT_TRUE(model.index(0, 1).data(Qt::FontRole).value<QFont>().bold());

    store.remove(2);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(cell(model, 1, RunListModel::Name), s("Lab + L2"));
    store.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(RunListModel, ShowsStoppedAndFailedRuns)
{
    RunStore store;
    RunListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto stopped = std::const_pointer_cast<RunRecord>(fakeRun(1, s("stopped"), 0.5, 3));
    stopped->job.config.epochs = 10;
    stopped->result.status = TrainingStatus::Stopped;
    auto failed = std::const_pointer_cast<RunRecord>(fakeRun(2, s("failed"), 0.0, 0));
    failed->result.status = TrainingStatus::Failed;
    failed->result.test.reset();
    failed->result.samplesPerSecond = 0.0;
    failed->result.message = s("The data has no training samples.");
    store.add(stopped);
    store.add(failed);
    EXPECT_EQ(cell(model, 0, RunListModel::Status), s("Stopped"));
    EXPECT_EQ(cell(model, 0, RunListModel::Epochs), s("3 / 10"));
    EXPECT_EQ(cell(model, 1, RunListModel::Status), s("Failed"));
    EXPECT_EQ(cell(model, 1, RunListModel::TestAccuracy), s("—"));
    EXPECT_EQ(cell(model, 1, RunListModel::SamplesPerSecond), s("—"));
    EXPECT_TRUE(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(s("no training samples")));
    EXPECT_TRUE(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(s("Status: Failed")));
    // A mark by the name of a run that did not finish; none for a finished one.
    EXPECT_FALSE(model.index(0, RunListModel::Name).data(Qt::DecorationRole).value<QIcon>().isNull());
    EXPECT_FALSE(model.index(1, RunListModel::Name).data(Qt::DecorationRole).value<QIcon>().isNull());
    store.add(fakeRun(3, s("fine"), 0.9, 2));
    EXPECT_FALSE(model.index(2, RunListModel::Name).data(Qt::DecorationRole).isValid());
}

// A stopped run with a checkpoint at `step` of 10 epochs of 5 steps (40 samples, batch 8).
std::shared_ptr<RunRecord> continuableRun(int id, std::int64_t step)
{
    auto run = std::const_pointer_cast<RunRecord>(fakeRun(id, s("paused"), 0.5, int(step / 5)));
    run->job.config.epochs = 10;
    run->job.config.batchSize = 8;
    run->job.split.train.resize(40);
    run->result.status = TrainingStatus::Stopped;
    auto checkpoint = std::make_shared<mlps::TrainerState>();
    checkpoint->step = step;
    checkpoint->positionInEpoch = step % 5;
    checkpoint->order.resize(40);
    run->result.checkpoint = checkpoint;
    run->result.stepsDone = step;
    return run;
}

TEST(RunListModel, SaysWhichStoppedRunsCanBeContinued)
{
    RunStore store;
    RunListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto stopped = std::const_pointer_cast<RunRecord>(fakeRun(1, s("stopped"), 0.5, 3));
    stopped->result.status = TrainingStatus::Stopped; // no checkpoint: it cannot go on
    store.add(stopped);
    store.add(continuableRun(2, 17));
    EXPECT_EQ(cell(model, 0, RunListModel::Status), s("Stopped"));
    EXPECT_EQ(cell(model, 1, RunListModel::Status), s("Stopped at step 17 of 50 – can be continued"));
    EXPECT_EQ(cell(model, 1, RunListModel::Epochs), s("3 / 10"));
    const QString tip = model.index(1, 0).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(s("Status: Stopped at step 17 of 50 – can be continued"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(s("Continue Run"))) << tip.toStdString();
    EXPECT_FALSE(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(s("Continue Run")));
    // Its mark differs from a run that cannot go on.
    const QIcon stopMark = model.index(0, RunListModel::Name).data(Qt::DecorationRole).value<QIcon>();
    const QIcon pauseMark = model.index(1, RunListModel::Name).data(Qt::DecorationRole).value<QIcon>();
    ASSERT_FALSE(pauseMark.isNull());
    EXPECT_NE(pauseMark.pixmap(16).toImage(), stopMark.pixmap(16).toImage());
}

TEST(RunListModel, AContinuedRunReplacesItsRow)
{
    RunStore store;
    RunListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    store.add(continuableRun(1, 17));
    store.add(fakeRun(2, s("other"), 0.9, 2));
    ASSERT_EQ(store.current()->id, 2);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy replaced(&store, &RunStore::runReplaced);
    QSignalSpy current(&store, &RunStore::currentChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    auto continued = std::const_pointer_cast<RunRecord>(fakeRun(1, s("paused"), 0.93, 10));
    continued->job.config.epochs = 10;
    EXPECT_TRUE(store.replace(continued));
    EXPECT_EQ(replaced.size(), 1);
    EXPECT_EQ(replaced.front().front().toInt(), 0);
    EXPECT_EQ(current.size(), 1);
    EXPECT_EQ(store.current(), continued) << "the continued run is the current one";
    EXPECT_EQ(store.count(), 2);
    EXPECT_EQ(inserted.size(), 0);
    EXPECT_GE(changed.size(), 1);
    EXPECT_EQ(cell(model, 0, RunListModel::Status), s("Finished"));
    EXPECT_EQ(cell(model, 0, RunListModel::Epochs), s("10"));
    EXPECT_EQ(cell(model, 0, RunListModel::TestAccuracy), s("93.00 %"));
    EXPECT_TRUE(model.index(0, 1).data(Qt::FontRole).value<QFont>().bold());

    EXPECT_FALSE(store.replace(fakeRun(7, s("unknown"), 0.5, 1))) << "no run with that id";
    EXPECT_EQ(store.count(), 2);
}

TEST(RunListModel, SortsByValueThroughAProxy)
{
    RunStore store;
    RunListModel model(&store);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(RunListModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    store.add(fakeRun(1, s("b"), 0.9, 3, 100.0));
    store.add(fakeRun(2, s("a"), 0.1, 12, 9.0)); // "10.00 %" would sort before "90.00 %" as text anyway
    store.add(fakeRun(3, s("c"), 0.95, 2, 70.0));
    proxy.sort(RunListModel::TestAccuracy, Qt::DescendingOrder);
    EXPECT_EQ(cell(proxy, 0, RunListModel::Number), s("3"));
    EXPECT_EQ(cell(proxy, 2, RunListModel::Number), s("2"));
    proxy.sort(RunListModel::Epochs, Qt::AscendingOrder); // 2 < 3 < 12, not "12" < "2"
    EXPECT_EQ(cell(proxy, 0, RunListModel::Number), s("3"));
    EXPECT_EQ(cell(proxy, 2, RunListModel::Number), s("2"));
    proxy.sort(RunListModel::Time, Qt::AscendingOrder); // 9 s < 1 min 10 s < 1 min 40 s
    EXPECT_EQ(cell(proxy, 0, RunListModel::Number), s("2"));
    EXPECT_EQ(cell(proxy, 1, RunListModel::Number), s("3"));
    proxy.sort(RunListModel::Name, Qt::AscendingOrder);
    EXPECT_EQ(cell(proxy, 0, RunListModel::Name), s("a"));
    // A new run lands in its sorted place.
    store.add(fakeRun(4, s("0 first"), 0.5, 1));
    EXPECT_EQ(cell(proxy, 0, RunListModel::Number), s("4"));
}

// The panel in a window of the dock's size, shown so that clicks land.
struct PanelFixture {
    explicit PanelFixture(int runs)
        : panel(&store)
    {
        for (int id = 1; id <= runs; ++id)
            store.add(fakeRun(id, QStringLiteral("Run number %1").arg(id), 0.5 + 0.1 * id, id));
        panel.resize(380, 250);
        panel.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&panel));
    }
    QTableView* table() const { return qobject_cast<QTableView*>(panel.view()); }
    QRect rowRect(int row) const
    {
        return table()->visualRect(table()->model()->index(row, RunListModel::Name));
    }
    void click(int row, Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, modifiers, rowRect(row).center());
    }
    QPushButton* button(const char* name) const { return panel.findChild<QPushButton*>(QString::fromLatin1(name)); }

    RunStore store;
    RunListPanel panel;
};

TEST(RunListPanel, ShowsAMessageUntilThereAreRuns)
{
    QSettings().clear();
    RunStore store;
    RunListPanel panel(&store);
    panel.resize(380, 250);
    panel.show();
    auto* stack = panel.findChild<QStackedWidget*>();
    auto* placeholder = panel.findChild<QLabel*>(s("placeholder"));
    ASSERT_TRUE(stack && placeholder);
    EXPECT_EQ(stack->currentWidget(), placeholder);
    EXPECT_TRUE(placeholder->text().contains(s("No runs yet")));
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty())
        panel.grab().save(dir + QStringLiteral("/runs-list-empty.png"));
    EXPECT_FALSE(panel.findChild<QPushButton*>(s("compareButton"))->isEnabled());
    EXPECT_FALSE(panel.findChild<QPushButton*>(s("deleteButton"))->isEnabled());
    store.add(fakeRun(1, s("first"), 0.8, 2));
    EXPECT_EQ(stack->currentWidget(), panel.view());
    // The new run is selected and current.
    EXPECT_EQ(panel.selectedRuns().size(), 1);
    EXPECT_TRUE(panel.findChild<QPushButton*>(s("deleteButton"))->isEnabled());
    store.clear();
    EXPECT_EQ(stack->currentWidget(), placeholder);
    EXPECT_FALSE(panel.findChild<QPushButton*>(s("deleteButton"))->isEnabled());
}

TEST(RunListPanel, CurrentRunFollowsTheSelectionAndBack)
{
    QSettings().clear();
    PanelFixture f(3);
    EXPECT_EQ(f.store.current()->id, 3); // the last added
    f.click(0);
    EXPECT_EQ(f.store.current()->id, 1);
    QTest::keyClick(f.table(), Qt::Key_Down);
    EXPECT_EQ(f.store.current()->id, 2);
    f.store.setCurrent(3);
    ASSERT_EQ(f.panel.selectedRuns().size(), 1);
    EXPECT_EQ(f.panel.selectedRuns().first()->id, 3);
}

TEST(RunListPanel, CompareNeedsExactlyTwoRunsAndPutsTheOlderFirst)
{
    QSettings().clear();
    PanelFixture f(3);
    QPushButton* compare = f.button("compareButton");
    QSignalSpy requested(&f.panel, &RunListPanel::compareRequested);
    f.click(2);
    EXPECT_FALSE(compare->isEnabled());
    f.click(0, Qt::ControlModifier); // the newer one first, then the older
    EXPECT_TRUE(compare->isEnabled());
    EXPECT_EQ(f.panel.findChild<QLabel*>(s("selectionInfo"))->text(), s("Run 1 vs run 3"));
    QTest::mouseClick(compare, Qt::LeftButton);
    ASSERT_EQ(requested.size(), 1);
    EXPECT_EQ(requested[0][0].value<std::shared_ptr<const RunRecord>>()->id, 1);
    EXPECT_EQ(requested[0][1].value<std::shared_ptr<const RunRecord>>()->id, 3);

    f.click(1, Qt::ControlModifier); // three selected
    EXPECT_FALSE(compare->isEnabled());
    f.click(1, Qt::ControlModifier); // two again
    EXPECT_TRUE(compare->isEnabled());
    f.click(1); // one
    EXPECT_FALSE(compare->isEnabled());
    EXPECT_FALSE(f.panel.compareAction()->isEnabled());
    f.panel.compareAction()->trigger(); // nothing to compare: nothing asked
    EXPECT_EQ(requested.size(), 1);
}

TEST(RunListPanel, CompareByKeyboard)
{
    QSettings().clear();
    PanelFixture f(3);
    QApplication::setActiveWindow(&f.panel);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&f.panel));
    QSignalSpy requested(&f.panel, &RunListPanel::compareRequested);
    f.table()->setFocus();
    QTest::keyClick(f.table(), Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(f.table(), Qt::Key_Down, Qt::ShiftModifier); // runs 1 and 2
    EXPECT_TRUE(f.button("compareButton")->isEnabled());
    // Tab leaves the table for the Compare button; Space presses it.
    QTest::keyClick(f.table(), Qt::Key_Tab);
    EXPECT_TRUE(f.button("compareButton")->hasFocus());
    QTest::keyClick(f.button("compareButton"), Qt::Key_Space);
    ASSERT_EQ(requested.size(), 1);
    EXPECT_EQ(requested[0][0].value<std::shared_ptr<const RunRecord>>()->id, 1);
    EXPECT_EQ(requested[0][1].value<std::shared_ptr<const RunRecord>>()->id, 2);
    // And the mnemonic, Alt+C (a mnemonic animates the click: the signal comes a moment later).
    f.table()->setFocus();
    QTest::keyClick(f.table(), Qt::Key_C, Qt::AltModifier);
    EXPECT_TRUE(QTest::qWaitFor([&requested] { return requested.size() == 2; }, 2000));
}

TEST(RunListPanel, CompareFollowsStoreOrderWhateverTheSorting)
{
    QSettings().clear();
    PanelFixture f(3);
    f.table()->sortByColumn(RunListModel::Number, Qt::DescendingOrder); // newest on top
    QSignalSpy requested(&f.panel, &RunListPanel::compareRequested);
    f.click(0);                       // run 3
    f.click(1, Qt::ControlModifier);  // run 2
    QTest::mouseClick(f.button("compareButton"), Qt::LeftButton);
    ASSERT_EQ(requested.size(), 1);
    EXPECT_EQ(requested[0][0].value<std::shared_ptr<const RunRecord>>()->id, 2);
    EXPECT_EQ(requested[0][1].value<std::shared_ptr<const RunRecord>>()->id, 3);
}

TEST(RunListPanel, DeleteAsksFirst)
{
    QSettings().clear();
    PanelFixture f(3);
    QStringList questions;
    bool answer = false;
    f.panel.setConfirmation([&](QWidget*, const QString&, const QString& text) {
        questions.append(text);
        return answer;
    });
    f.click(1);
    f.table()->setFocus();
    QTest::keyClick(f.table(), Qt::Key_Delete);
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions[0].contains(s("Delete run 2 · Run number 2?"))) << questions[0].toStdString();
    EXPECT_EQ(f.store.count(), 3); // declined: nothing lost

    answer = true;
    QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
    EXPECT_EQ(questions.size(), 2);
    EXPECT_EQ(f.store.count(), 2);
    EXPECT_FALSE(f.store.find(2));
    EXPECT_EQ(f.table()->model()->rowCount(), 2);

    // Several at once.
    f.panel.selectRuns({1, 3});
    QTest::keyClick(f.table(), Qt::Key_Delete);
    EXPECT_TRUE(questions.last().contains(s("Delete these 2 runs?"))) << questions.last().toStdString();
    EXPECT_EQ(f.store.count(), 0);
}

TEST(RunListPanel, DeleteWithTheRealMessageBox)
{
    QSettings().clear();
    PanelFixture f(2);
    f.click(0);
    // Answer the question box once it is up: first "Cancel", then "Yes".
    auto answerWith = [](QMessageBox::StandardButton which) {
        QTimer::singleShot(0, qApp, [which] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            ASSERT_TRUE(box);
            EXPECT_TRUE(box->text().contains(QStringLiteral("Delete run 1")));
            QTest::mouseClick(box->button(which), Qt::LeftButton);
        });
    };
    answerWith(QMessageBox::Cancel);
    QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
    EXPECT_EQ(f.store.count(), 2);
    answerWith(QMessageBox::Yes);
    QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
    EXPECT_EQ(f.store.count(), 1);
    EXPECT_EQ(f.store.run(0)->id, 2);
    EXPECT_EQ(f.store.current()->id, 2);
}

TEST(RunListPanel, ColumnsAndSortingPersist)
{
    QSettings().clear();
    {
        PanelFixture f(3);
        // By default the narrow dock leaves out status, throughput and start time.
        EXPECT_FALSE(f.panel.isColumnShown(RunListModel::Status));
        EXPECT_FALSE(f.panel.isColumnShown(RunListModel::SamplesPerSecond));
        EXPECT_FALSE(f.panel.isColumnShown(RunListModel::Started));
        EXPECT_TRUE(f.panel.isColumnShown(RunListModel::TestAccuracy));
        f.panel.setColumnShown(RunListModel::Started, true);
        f.panel.setColumnShown(RunListModel::Time, false);
        f.panel.setColumnShown(RunListModel::Name, false); // refused: a run always shows its name
        EXPECT_TRUE(f.panel.isColumnShown(RunListModel::Name));
        // Sort by clicking the accuracy header twice: descending.
        QHeaderView* header = f.table()->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(RunListModel::TestAccuracy) + 5, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        if (header->sortIndicatorOrder() != Qt::DescendingOrder)
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        EXPECT_EQ(cell(*f.table()->model(), 0, RunListModel::Number), s("3"));
    }
    PanelFixture again(3);
    EXPECT_TRUE(again.panel.isColumnShown(RunListModel::Started));
    EXPECT_FALSE(again.panel.isColumnShown(RunListModel::Time));
    EXPECT_EQ(again.table()->horizontalHeader()->sortIndicatorSection(), RunListModel::TestAccuracy);
    EXPECT_EQ(cell(*again.table()->model(), 0, RunListModel::Number), s("3"));
    QSettings().clear();
}

// In a dock of its usual size the default columns fit without scrolling and
// the buttons are whole; a picture is saved when MLPS_SCREENSHOT_DIR is set.
TEST(RunListPanel, FitsItsDock)
{
    QSettings().clear();
    PanelFixture f(4);
    f.panel.selectRuns({2, 4});
    QApplication::processEvents();
    EXPECT_FALSE(f.table()->horizontalScrollBar()->isVisible());
    // The name keeps room for a name like "Lab network + L2".
    EXPECT_GE(f.table()->columnWidth(RunListModel::Name), f.table()->fontMetrics().horizontalAdvance(s("Lab network")));
    for (const char* name : {"compareButton", "deleteButton"})
        EXPECT_GE(f.button(name)->width(), f.button(name)->sizeHint().width()) << name;
    if (const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR"); !dir.isEmpty())
        f.panel.grab().save(dir + QStringLiteral("/runs-list.png"));
}

TEST(RunListPanel, RunActionsComeFirstInTheContextMenu)
{
    PanelFixture f(2);
    QAction first(s("&Continue Run"));
    QAction second(s("Something Else"));
    f.panel.addRunAction(&first);
    f.panel.addRunAction(&second);
    const QList<QAction*> actions = f.table()->actions();
    ASSERT_EQ(actions.size(), 5);
    EXPECT_EQ(actions[0], &first);
    EXPECT_EQ(actions[1], &second);
    EXPECT_TRUE(actions[2]->isSeparator());
    EXPECT_EQ(actions[3], f.panel.compareAction());
    EXPECT_EQ(actions[4], f.panel.deleteAction());
    EXPECT_EQ(f.table()->contextMenuPolicy(), Qt::ActionsContextMenu);
}

TEST(RunListPanel, ARunThatCanBeContinuedSaysSoUnderTheList)
{
    PanelFixture f(1);
    f.store.add(continuableRun(2, 17));
    auto* info = f.panel.findChild<QLabel*>(s("selectionInfo"));
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->text(), s("Run 2 can continue from step 17"));
    f.panel.selectRuns({1});
    EXPECT_EQ(info->text(), s("Ctrl+click two runs to compare them"));
    f.panel.selectRuns({2});
    // Continued to its end: the list says so at once.
    auto finished = std::const_pointer_cast<RunRecord>(fakeRun(2, s("paused"), 0.9, 10));
    f.store.replace(finished);
    EXPECT_EQ(info->text(), s("Ctrl+click two runs to compare them"));
}

TEST(RunListPanel, ControlsHaveAccessibleNames)
{
    QSettings().clear();
    PanelFixture f(1);
    for (QWidget* widget : f.panel.findChildren<QWidget*>()) {
        if (qobject_cast<QPushButton*>(widget) || qobject_cast<QTableView*>(widget)) {
            EXPECT_FALSE(widget->accessibleName().isEmpty()) << widget->objectName().toStdString();
        }
    }
}

} // namespace
