// The evaluation tab: figures, per-class table, set switch, live validation,
// a real run, the request for samples, the empty states and persistence.
#include "CellSamples.h"
#include "ConfusionHeatmap.h"
#include "ConfusionMatrixModel.h"
#include "EvaluationFixtures.h"
#include "EvaluationView.h"
#include "ClassHeaderView.h"
#include "HeatmapTableView.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

namespace {

using mlps::ui::ConfusionHeatmap;
using mlps::ui::EvaluationView;
using mlps::ui::RunRecord;
using namespace mlps::ui::testing;

// What samplesRequested carried, last time.
struct Request {
    std::shared_ptr<const RunRecord> run;
    EvaluationView::Set set = EvaluationView::Set::Test;
    QList<QPoint> cells;
};

class EvaluationViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().clear();
        view = std::make_unique<EvaluationView>();
        QObject::connect(view.get(), &EvaluationView::samplesRequested, view.get(),
                         [this](std::shared_ptr<const RunRecord> run, EvaluationView::Set set,
                                const QList<QPoint>& cells) {
                             ++requests;
                             last = Request{std::move(run), set, cells};
                         });
        view->resize(800, 600);
        view->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(view.get()));
    }
    void TearDown() override { QSettings().clear(); }

    QString text(const char* objectName) const
    {
        auto* label = view->findChild<QLabel*>(QString::fromLatin1(objectName));
        return label && label->isVisible() ? label->text() : QString();
    }
    QAbstractButton* button(const QString& label) const
    {
        for (QAbstractButton* candidate : view->findChildren<QAbstractButton*>()) {
            if (candidate->text() == label)
                return candidate;
        }
        return nullptr;
    }
    // The class names down the per-class table, as shown.
    QStringList classOrder() const
    {
        QStringList order;
        QAbstractItemModel* model = view->perClassView()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            order.append(model->index(row, 0).data().toString());
        return order;
    }
    void clickHeader(int column) const
    {
        auto* table = static_cast<QTableView*>(view->perClassView());
        QHeaderView* header = table->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    }
    std::shared_ptr<const RunRecord> exampleRun()
    {
        auto test = std::make_shared<const mlps::Evaluation>(evaluationFrom(exampleConfusion(), 0.4567));
        mlps::ConfusionMatrix validation(3, 3);
        validation << 3, 0, 0, 0, 3, 0, 0, 1, 2;
        return runWith(QStringLiteral("Lab network"), test,
                       std::make_shared<const mlps::Evaluation>(evaluationFrom(validation, 0.25)), exampleNames());
    }

    std::unique_ptr<EvaluationView> view;
    int requests = 0;
    Request last;
};

TEST_F(EvaluationViewTest, ShowsTheFiguresOfTheTestSet)
{
    view->showRun(exampleRun());
    EXPECT_EQ(view->titleText(), QStringLiteral("Lab network"));
    EXPECT_EQ(view->subtitleText(), QStringLiteral("Test set · 39 samples · 7 errors · Hand-made"));
    EXPECT_EQ(text("accuracyValue"), QStringLiteral("82.1 %")); // 32 / 39
    EXPECT_EQ(text("logLossValue"), QStringLiteral("0.457"));
    const mlps::ClassificationScores scores = mlps::scoresFromConfusion(exampleConfusion());
    EXPECT_EQ(text("weightedF1Value"), QString::number(scores.f1Weighted, 'f', 3));
    EXPECT_EQ(text("macroF1Value"), QString::number(scores.f1Macro, 'f', 3));
    EXPECT_EQ(text("macroF1Value"), QStringLiteral("0.774")); // (0.824 + 0.588 + 0.909) / 3
    EXPECT_EQ(view->set(), EvaluationView::Set::Test);
    EXPECT_EQ(view->heatmap()->cellText(1, 2), QStringLiteral("4"));
    EXPECT_TRUE(view->emptyText().isEmpty());
}

TEST_F(EvaluationViewTest, PerClassTableSortsByClickedColumn)
{
    QAbstractItemModelTester tester(view->perClassView()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    view->showRun(exampleRun());
    EXPECT_EQ(classOrder(), (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
    clickHeader(3); // F1: the weakest first
    EXPECT_EQ(classOrder(), (QStringList{QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("C")}));
    clickHeader(3);
    EXPECT_EQ(classOrder(), (QStringList{QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B")}));
    clickHeader(4); // support 9 < 10 < 20, as numbers
    EXPECT_EQ(classOrder(), (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}));
    clickHeader(4);
    EXPECT_EQ(classOrder(), (QStringList{QStringLiteral("C"), QStringLiteral("B"), QStringLiteral("A")}));
    EXPECT_EQ(view->perClassView()->model()->index(0, 4).data().toString(), QStringLiteral("20"));
}

TEST_F(EvaluationViewTest, SwitchesToTheValidationSet)
{
    view->showRun(exampleRun());
    QAbstractButton* validation = button(QStringLiteral("Validation"));
    ASSERT_NE(validation, nullptr);
    QTest::mouseClick(validation, Qt::LeftButton);
    EXPECT_EQ(view->set(), EvaluationView::Set::Validation);
    EXPECT_EQ(view->subtitleText(), QStringLiteral("Validation set · 9 samples · 1 errors · Hand-made"));
    EXPECT_EQ(text("accuracyValue"), QStringLiteral("88.9 %"));
    EXPECT_EQ(text("logLossValue"), QStringLiteral("0.250"));
    // A click on a cell asks for the validation samples.
    ConfusionHeatmap* heatmap = view->heatmap();
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, heatmap->cellRect(2, 1).center());
    ASSERT_EQ(requests, 1);
    EXPECT_EQ(last.set, EvaluationView::Set::Validation);
    EXPECT_EQ(last.cells, QList<QPoint>{QPoint(1, 2)});
    // The choice is kept for the next view.
    EvaluationView next;
    next.showRun(exampleRun());
    EXPECT_EQ(next.set(), EvaluationView::Set::Validation);
}

TEST_F(EvaluationViewTest, ClickingACellRequestsExactlyThoseSamples)
{
    const auto run = exampleRun();
    view->showRun(run);
    ConfusionHeatmap* heatmap = view->heatmap();
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, heatmap->cellRect(1, 2).center());
    ASSERT_EQ(requests, 1);
    EXPECT_EQ(last.run, run);
    EXPECT_EQ(last.set, EvaluationView::Set::Test);
    ASSERT_EQ(last.cells, QList<QPoint>{QPoint(2, 1)});
    // The cell stands for the 4 test samples that are B and were read as C.
    const mlps::Evaluation& test = *run->test();
    const std::vector<std::int64_t> samples = mlps::ui::samplesInCells(test, last.cells);
    ASSERT_EQ(samples.size(), 4u);
    for (std::int64_t i : samples) {
        EXPECT_EQ(test.trueLabels[std::size_t(i)], 1);
        EXPECT_EQ(test.predicted[std::size_t(i)], 2);
    }
    int matching = 0;
    for (std::int64_t i = 0; i < test.count(); ++i)
        matching += test.trueLabels[std::size_t(i)] == 1 && test.predicted[std::size_t(i)] == 2;
    EXPECT_EQ(matching, 4);
    EXPECT_EQ(heatmap->cellText(1, 2), QString::number(matching));
}

TEST_F(EvaluationViewTest, DoubleClickOnAClassRequestsItsErrors)
{
    view->showRun(exampleRun());
    auto* table = static_cast<QTableView*>(view->perClassView());
    const QRect b = table->visualRect(table->model()->index(1, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, b.center()); // a double-click as a user makes it
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, b.center());
    ASSERT_EQ(requests, 1);
    EXPECT_EQ(last.cells, (QList<QPoint>{QPoint(0, 1), QPoint(2, 1)}));
    // C was never misclassified: nothing to open, and the heatmap says so.
    const QRect c = table->visualRect(table->model()->index(2, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, c.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, c.center());
    EXPECT_EQ(requests, 1);
    EXPECT_EQ(view->heatmap()->infoText(), QStringLiteral("No C was misclassified."));
    // Enter on a row does the same as a double-click.
    QTest::keyClick(table, Qt::Key_Up); // back to B
    QTest::keyClick(table, Qt::Key_Return);
    EXPECT_EQ(requests, 2);
    EXPECT_EQ(last.cells, (QList<QPoint>{QPoint(0, 1), QPoint(2, 1)}));
}

TEST_F(EvaluationViewTest, LiveValidationIsLabelledAndNotBrowsable)
{
    const mlps::Evaluation live = evaluationFrom(exampleConfusion(), 0.9);
    view->showLiveValidation(live, exampleNames(), 7);
    EXPECT_TRUE(view->isLive());
    EXPECT_EQ(view->set(), EvaluationView::Set::Validation);
    EXPECT_EQ(view->titleText(), QStringLiteral("Training in progress"));
    EXPECT_EQ(view->subtitleText(), QStringLiteral("Validation · epoch 7, live · 39 samples"));
    EXPECT_EQ(text("accuracyValue"), QStringLiteral("82.1 %"));
    EXPECT_FALSE(button(QStringLiteral("Test"))->isEnabled());
    ConfusionHeatmap* heatmap = view->heatmap();
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, heatmap->cellRect(1, 2).center());
    EXPECT_EQ(requests, 0);
    EXPECT_EQ(heatmap->infoText(), QStringLiteral("The samples can be browsed when the run has ended."));

    // The next epoch updates the same cells in place: the selection survives.
    mlps::ConfusionMatrix better = exampleConfusion();
    better(1, 2) = 2;
    better(1, 1) = 7;
    view->showLiveValidation(evaluationFrom(better, 0.5), exampleNames(), 8);
    EXPECT_EQ(view->subtitleText(), QStringLiteral("Validation · epoch 8, live · 39 samples"));
    EXPECT_EQ(heatmap->selectedCells(), QList<QPoint>{QPoint(2, 1)});
    EXPECT_EQ(heatmap->cellText(1, 2), QStringLiteral("2"));

    // When the run ends it is browsable again.
    view->showRun(exampleRun());
    EXPECT_FALSE(view->isLive());
    EXPECT_TRUE(button(QStringLiteral("Test"))->isEnabled());
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {}, heatmap->cellRect(1, 2).center());
    EXPECT_EQ(requests, 1);
}

TEST_F(EvaluationViewTest, EmptyStatesSayWhy)
{
    EXPECT_TRUE(view->emptyText().startsWith(QStringLiteral("No results yet\n\n")));
    EXPECT_EQ(view->evaluation(), nullptr);
    view->showRun(exampleRun());
    EXPECT_TRUE(view->emptyText().isEmpty());
    view->showRun(nullptr);
    EXPECT_TRUE(view->emptyText().startsWith(QStringLiteral("No results yet\n\n")));

    auto failed =
        std::const_pointer_cast<RunRecord>(runWith(QStringLiteral("Too fast"), nullptr, nullptr, exampleNames()));
    failed->result.status = mlps::ui::TrainingStatus::Diverged;
    failed->result.message = QStringLiteral("The loss became NaN at epoch 2.");
    view->showRun(failed);
    EXPECT_EQ(view->emptyText(),
              QStringLiteral("“Too fast” has no results to show\n\nThe loss became NaN at epoch 2."));
}

TEST_F(EvaluationViewTest, RunWithoutTestSetShowsValidation)
{
    auto validation = std::make_shared<const mlps::Evaluation>(evaluationFrom(exampleConfusion(), 0.3));
    view->showRun(runWith(QStringLiteral("No test"), nullptr, validation, exampleNames()));
    EXPECT_EQ(view->set(), EvaluationView::Set::Validation);
    EXPECT_FALSE(button(QStringLiteral("Test"))->isEnabled());
    EXPECT_EQ(text("accuracyValue"), QStringLiteral("82.1 %"));
    // The preference stays Test: the next run with a test set shows it.
    view->showRun(exampleRun());
    EXPECT_EQ(view->set(), EvaluationView::Set::Test);
}

TEST_F(EvaluationViewTest, ATinyRealRun)
{
    const auto run = tinyRealRun();
    const mlps::Evaluation& test = *run->test();
    ASSERT_EQ(test.count(), 120);
    view->showRun(run);
    EXPECT_EQ(view->titleText(), QStringLiteral("Tiny softmax"));
    EXPECT_EQ(text("accuracyValue"), QString::number(test.scores.accuracy * 100.0, 'f', 1) + QStringLiteral(" %"));
    EXPECT_EQ(text("logLossValue"), QString::number(test.logLoss, 'f', 3));
    EXPECT_EQ(view->perClassView()->model()->rowCount(), 4);
    EXPECT_EQ(view->heatmap()->model()->rowCount(), 4);
    // The probabilities the engine gave sum to 1 per sample.
    for (Eigen::Index j = 0; j < test.probabilities.cols(); ++j)
        EXPECT_NEAR(test.probabilities.col(j).sum(), 1.0f, 1e-4f);

    // The biggest error cell of the run, clicked, asks for exactly its samples.
    std::optional<QPoint> worst;
    std::int64_t most = 0;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c)
            if (r != c && test.confusion(r, c) > most) {
                most = test.confusion(r, c);
                worst = QPoint(c, r);
            }
    ASSERT_TRUE(worst.has_value()) << "the tiny run should still make mistakes";
    ConfusionHeatmap* heatmap = view->heatmap();
    EXPECT_EQ(heatmap->cellText(worst->y(), worst->x()), QString::number(most));
    QTest::mouseClick(heatmap->view()->viewport(), Qt::LeftButton, {},
                      heatmap->cellRect(worst->y(), worst->x()).center());
    ASSERT_EQ(requests, 1);
    EXPECT_EQ(last.run, run);
    EXPECT_EQ(last.cells, QList<QPoint>{*worst});
    EXPECT_EQ(std::int64_t(mlps::ui::samplesInCells(test, last.cells).size()), most);
    EXPECT_EQ(heatmap->infoText().section(QLatin1Char('\n'), 0, 0),
              QStringLiteral("True %1 → predicted %2: %3 (%4 % of the %1s)")
                  .arg(QString::fromStdString(run->classNames()[std::size_t(worst->y())]),
                       QString::fromStdString(run->classNames()[std::size_t(worst->x())]))
                  .arg(most)
                  .arg(QString::number(100.0 * double(most) / double(test.confusion.row(worst->y()).sum()), 'f', 1)));
}

TEST_F(EvaluationViewTest, TabReachesEveryControlInOrder)
{
    view->showRun(exampleRun());
    view->activateWindow();
    QAbstractButton* test = button(QStringLiteral("Test"));
    test->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(test->hasFocus());
    QStringList chain;
    for (int i = 0; i < 5; ++i) {
        QWidget* focused = QApplication::focusWidget();
        chain.append(focused ? focused->accessibleName() : QStringLiteral("(none)"));
        QTest::keyClick(focused, Qt::Key_Tab);
    }
    // The two toggles are exclusive groups: Tab stops at the checked button,
    // the arrow keys switch (as with radio buttons). "Show samples" is
    // skipped while nothing is selected.
    EXPECT_EQ(chain, (QStringList{QStringLiteral("Show the test set"), QStringLiteral("Scores per class"),
                                  QStringLiteral("Show counts"), QStringLiteral("Show all errors"),
                                  QStringLiteral("Confusion matrix cells")}));
    QAbstractButton* counts = button(QStringLiteral("Counts"));
    counts->setFocus(Qt::TabFocusReason);
    QTest::keyClick(counts, Qt::Key_Right);
    EXPECT_EQ(view->heatmap()->mode(), ConfusionHeatmap::Mode::RowNormalized);
    EXPECT_EQ(view->heatmap()->cellText(1, 2), QStringLiteral("40"));
    test->setFocus(Qt::TabFocusReason);
    QTest::keyClick(test, Qt::Key_Right);
    EXPECT_EQ(view->set(), EvaluationView::Set::Validation);
}

TEST_F(EvaluationViewTest, SplitterPositionPersists)
{
    view->showRun(exampleRun());
    auto* splitter = view->findChild<QSplitter*>();
    ASSERT_NE(splitter, nullptr);
    QSplitterHandle* handle = splitter->handle(1);
    const int before = splitter->sizes().at(0);
    const QPoint grip = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, grip);
    QTest::mouseMove(handle, grip + QPoint(60, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, grip + QPoint(60, 0));
    const int after = splitter->sizes().at(0);
    ASSERT_GT(after, before + 30); // the table got wider

    EvaluationView next;
    next.resize(800, 600);
    next.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&next));
    next.showRun(exampleRun());
    QApplication::processEvents();
    EXPECT_EQ(next.findChild<QSplitter*>()->sizes().at(0), after);
}

TEST_F(EvaluationViewTest, HeatmapModePersists)
{
    view->showRun(exampleRun());
    QTest::mouseClick(button(QStringLiteral("Row %")), Qt::LeftButton);
    EvaluationView next;
    EXPECT_EQ(next.heatmap()->mode(), ConfusionHeatmap::Mode::RowNormalized);
}

} // namespace

namespace {

// The tab at the size it gets in the studio (1280x800 window), with a
// notMNIST-sized test set, 47 classes, and the difference of two runs: each
// state must paint something (and lands in $MLPS_SCREENSHOT_DIR when set, to
// look at).
TEST(EvaluationViewLook, RealisticStatesPaint)
{
    QSettings().clear();
    QStringList letters;
    for (QChar c : QStringLiteral("ABCDEFGHIJ"))
        letters.append(QString(c));
    mlps::ConfusionMatrix tenClasses = largeConfusion(10) * 1;
    const auto run = runWith(QStringLiteral("Lab network + L2 + dropout"),
                             std::make_shared<const mlps::Evaluation>(evaluationFrom(tenClasses, 0.312)),
                             nullptr, letters);
    QStringList emnist;
    for (QChar c : QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt"))
        emnist.append(QString(c));
    const auto big = runWith(QStringLiteral("EMNIST balanced"),
                             std::make_shared<const mlps::Evaluation>(evaluationFrom(largeConfusion(47), 0.52)),
                             nullptr, emnist);

    EvaluationView view;
    view.resize(800, 600);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    const QString dir = qEnvironmentVariable("MLPS_SCREENSHOT_DIR");
    auto shoot = [&](QWidget& widget, const QString& name) {
        QApplication::processEvents(); // pending layouts, as on screen
        const QImage image = widget.grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        EXPECT_GT(colours.size(), 8) << name.toStdString();
        if (!dir.isEmpty())
            image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    };
    shoot(view, QStringLiteral("evaluation-empty"));
    view.showRun(run);
    QTest::mouseMove(view.heatmap()->view()->viewport(), view.heatmap()->cellRect(8, 9).center());
    shoot(view, QStringLiteral("evaluation-10"));
    view.heatmap()->setMode(ConfusionHeatmap::Mode::RowNormalized);
    view.heatmap()->selectCells({QPoint(9, 8), QPoint(3, 8)});
    shoot(view, QStringLiteral("evaluation-10-rows"));
    view.heatmap()->setMode(ConfusionHeatmap::Mode::Counts);
    view.showRun(big);
    shoot(view, QStringLiteral("evaluation-47"));

    // Long names (Fashion-MNIST): column labels turn upright.
    const QStringList fashion{QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
                              QStringLiteral("Dress"), QStringLiteral("Coat"), QStringLiteral("Sandal"),
                              QStringLiteral("Shirt"), QStringLiteral("Sneaker"), QStringLiteral("Bag"),
                              QStringLiteral("Ankle boot")};
    view.showRun(runWith(QStringLiteral("Fashion"),
                         std::make_shared<const mlps::Evaluation>(evaluationFrom(tenClasses, 0.4)), nullptr,
                         fashion));
    EXPECT_TRUE(static_cast<mlps::ui::ClassHeaderView*>(view.heatmap()->view()->horizontalHeader())->isRotated());
    shoot(view, QStringLiteral("evaluation-fashion"));

    ConfusionHeatmap difference;
    difference.resize(520, 480);
    mlps::ConfusionMatrix after = tenClasses;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            after(r, c) = r == c ? after(r, c) + 6 : std::max<std::int64_t>(0, after(r, c) - (r + c) % 4 + 1);
    difference.setDifference(tenClasses, after, letters, QStringLiteral("Logistic regression"),
                             QStringLiteral("Lab network"));
    difference.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&difference));
    shoot(difference, QStringLiteral("evaluation-diff"));
}

} // namespace
