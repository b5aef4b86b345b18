// MisclassifiedGallery: from a confusion cell to exactly its samples, filters,
// the inspector following the current thumbnail, Copy and Export.

#include "GalleryModel.h"
#include "GalleryTestData.h"
#include "MisclassifiedGallery.h"
#include "SampleInspector.h"

#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QSettings>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using mlps::ui::GalleryModel;
using mlps::ui::MisclassifiedGallery;
using Set = MisclassifiedGallery::Set;

// The off-diagonal cell with the most samples: (true, predicted).
std::pair<int, int> busiestMistake(const mlps::Evaluation& evaluation)
{
    std::pair<int, int> best {0, 1};
    std::int64_t most = -1;
    for (int t = 0; t < evaluation.confusion.rows(); ++t)
        for (int p = 0; p < evaluation.confusion.cols(); ++p)
            if (t != p && evaluation.confusion(t, p) > most) {
                most = evaluation.confusion(t, p);
                best = {t, p};
            }
    return best;
}

QLabel* countLabel(const MisclassifiedGallery& gallery)
{
    const auto labels = gallery.findChildren<QLabel*>();
    for (QLabel* label : labels)
        if (label->accessibleName() == QStringLiteral("Samples shown"))
            return label;
    return nullptr;
}

// Clicks the thumbnail in `row` as a user would.
void clickRow(MisclassifiedGallery& gallery, int row, Qt::KeyboardModifiers modifiers = {})
{
    QAbstractItemView* view = gallery.view();
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

class GalleryFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().clear(); // every test starts from the defaults
        run = mlps::test::trainedRun(1);
        gallery = std::make_unique<MisclassifiedGallery>();
        tester = std::make_unique<QAbstractItemModelTester>(gallery->model(),
                                                            QAbstractItemModelTester::FailureReportingMode::Fatal);
        gallery->resize(1000, 640);
        gallery->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(gallery.get()));
    }

    std::shared_ptr<const mlps::ui::RunRecord> run;
    std::unique_ptr<MisclassifiedGallery> gallery;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

TEST_F(GalleryFixture, StartsEmptyWithAHint)
{
    EXPECT_EQ(gallery->count(), 0);
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("confusion-matrix cell")));
    EXPECT_FALSE(gallery->copyAction()->isEnabled());
    EXPECT_FALSE(gallery->exportButton()->isEnabled());
    EXPECT_FALSE(gallery->inspector()->hasSample());
}

TEST_F(GalleryFixture, OneCellShowsExactlyItsSamplesMostConfidentFirst)
{
    const mlps::Evaluation& evaluation = *run->test();
    const auto [t, p] = busiestMistake(evaluation);
    ASSERT_GE(evaluation.confusion(t, p), 3) << "the test run should make a few mistakes of one kind";
    gallery->showSamples(run, Set::Test, {QPoint(p, t)});
    const std::vector<qint64> expected = mlps::test::samplesOfCell(evaluation, t, p);
    ASSERT_EQ(gallery->count(), int(expected.size()));
    QList<qint64> shown = gallery->shownIndices();
    // Most confident wrong answer first.
    for (qsizetype k = 1; k < shown.size(); ++k)
        EXPECT_GE(evaluation.probabilities(p, shown[k - 1]), evaluation.probabilities(p, shown[k])) << k;
    std::sort(shown.begin(), shown.end());
    EXPECT_EQ(std::vector<qint64>(shown.begin(), shown.end()), expected);
    const QString a = QString::fromStdString(run->classNames()[std::size_t(t)]);
    const QString b = QString::fromStdString(run->classNames()[std::size_t(p)]);
    EXPECT_EQ(countLabel(*gallery)->text(),
              QStringLiteral("%1 samples: true %2, predicted %3 (test set)").arg(expected.size()).arg(a, b));
    // The most confident mistake is in the inspector already.
    EXPECT_EQ(gallery->inspector()->sample(), gallery->shownIndices().front());
    EXPECT_TRUE(gallery->exportButton()->isEnabled());
    EXPECT_FALSE(gallery->copyAction()->isEnabled()) << "nothing is selected yet";
}

TEST_F(GalleryFixture, NoCellsMeansEveryMistake)
{
    const mlps::Evaluation& evaluation = *run->test();
    gallery->showSamples(run, Set::Test, {});
    const std::int64_t mistakes = evaluation.confusion.sum() - evaluation.confusion.trace();
    ASSERT_GT(mistakes, 0);
    EXPECT_EQ(gallery->count(), mistakes);
    for (const qint64 i : gallery->shownIndices())
        EXPECT_NE(evaluation.trueLabels[std::size_t(i)], evaluation.predicted[std::size_t(i)]);
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("every mistake")));
}

TEST_F(GalleryFixture, SeveralCellsIncludingADiagonalOne)
{
    const mlps::Evaluation& evaluation = *run->test();
    gallery->showSamples(run, Set::Test, {QPoint(1, 0), QPoint(2, 2), QPoint(1, 0), QPoint(9, 0), QPoint(-1, 2)});
    // The repeated cell counts once; cells outside the matrix are ignored.
    EXPECT_EQ(gallery->count(), evaluation.confusion(0, 1) + evaluation.confusion(2, 2));
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("2 confusion cells")));
}

TEST_F(GalleryFixture, ValidationSetSamples)
{
    const mlps::Evaluation& evaluation = *run->validation();
    gallery->showSamples(run, Set::Validation, {});
    EXPECT_EQ(gallery->count(), evaluation.confusion.sum() - evaluation.confusion.trace());
    EXPECT_TRUE(countLabel(*gallery)->text().endsWith(QStringLiteral("(validation set)")));
    const qint64 first = gallery->shownIndices().front();
    EXPECT_EQ(gallery->model()->index(0).data(GalleryModel::DatasetIndexRole).toLongLong(),
              run->validationSampleIndex(first));
}

TEST_F(GalleryFixture, ShowIndicesShowsExactlyThoseWithTheTitle)
{
    gallery->showIndices(run, Set::Test, {5, 9, 2, 2000, -3}, QStringLiteral("fixed by run 2"));
    QList<qint64> shown = gallery->shownIndices();
    std::sort(shown.begin(), shown.end());
    EXPECT_EQ(shown, (QList<qint64> {2, 5, 9}));
    EXPECT_EQ(countLabel(*gallery)->text(), QStringLiteral("3 samples: fixed by run 2 (test set)"));
}

TEST_F(GalleryFixture, ARunWithoutTheEvaluationShowsNothingAndSaysWhy)
{
    auto bare = std::make_shared<mlps::ui::RunRecord>(*run);
    bare->result.test.reset();
    gallery->showSamples(bare, Set::Test, {QPoint(1, 0)});
    EXPECT_EQ(gallery->count(), 0);
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("no test set evaluation")));
    EXPECT_FALSE(gallery->inspector()->hasSample());
    gallery->showSamples(nullptr, Set::Test, {});
    EXPECT_EQ(gallery->count(), 0);
}

TEST_F(GalleryFixture, SortComboOrdersByLoss)
{
    gallery->showSamples(run, Set::Test, {});
    gallery->orderBox()->setFocus();
    QTest::keyClick(gallery->orderBox(), Qt::Key_Down);
    ASSERT_EQ(gallery->model()->order(), GalleryModel::Order::Loss);
    const mlps::Evaluation& evaluation = *run->test();
    const QList<qint64> shown = gallery->shownIndices();
    ASSERT_GT(shown.size(), 2);
    for (qsizetype k = 1; k < shown.size(); ++k) {
        const auto pTrue = [&](qint64 i) { return evaluation.probabilities(evaluation.trueLabels[std::size_t(i)], i); };
        EXPECT_LE(pTrue(shown[k - 1]), pTrue(shown[k])) << k;
    }
    // The choice is kept for the next gallery.
    MisclassifiedGallery next;
    EXPECT_EQ(next.model()->order(), GalleryModel::Order::Loss);
    QTest::keyClick(gallery->orderBox(), Qt::Key_Up);
    EXPECT_EQ(gallery->model()->order(), GalleryModel::Order::Confidence);
}

TEST_F(GalleryFixture, FilterCombosNarrowTheSamples)
{
    const mlps::Evaluation& evaluation = *run->test();
    gallery->showSamples(run, Set::Test, {});
    const int total = gallery->count();
    QComboBox* trueBox = gallery->trueFilterBox();
    ASSERT_TRUE(trueBox->isEnabled());
    EXPECT_EQ(trueBox->itemText(0), QStringLiteral("All classes"));
    // Pick the first class listed, by keyboard.
    trueBox->setFocus();
    QTest::keyClick(trueBox, Qt::Key_Down);
    const int cls = trueBox->currentData().toInt();
    ASSERT_GE(cls, 0);
    const std::int64_t expected = evaluation.confusion.row(cls).sum() - evaluation.confusion(cls, cls);
    EXPECT_EQ(gallery->count(), expected);
    EXPECT_EQ(trueBox->currentText(),
              QStringLiteral("%1 (%2)").arg(QString::fromStdString(run->classNames()[std::size_t(cls)])).arg(expected));
    for (const qint64 i : gallery->shownIndices())
        EXPECT_EQ(evaluation.trueLabels[std::size_t(i)], cls);
    EXPECT_TRUE(countLabel(*gallery)->text().startsWith(QStringLiteral("%1 of %2 samples").arg(expected).arg(total)));
    // And by predicted class as well.
    QComboBox* predictedBox = gallery->predictedFilterBox();
    predictedBox->setFocus();
    QTest::keyClick(predictedBox, Qt::Key_Down);
    const int predicted = predictedBox->currentData().toInt();
    EXPECT_EQ(gallery->count(), cls == predicted ? 0 : evaluation.confusion(cls, predicted));
    // A new set of samples starts unfiltered.
    gallery->showSamples(run, Set::Test, {});
    EXPECT_EQ(gallery->count(), total);
    EXPECT_EQ(trueBox->currentIndex(), 0);
    EXPECT_EQ(predictedBox->currentIndex(), 0);
}

TEST_F(GalleryFixture, ClickingAThumbnailInspectsIt)
{
    gallery->showSamples(run, Set::Test, {});
    ASSERT_GT(gallery->count(), 3);
    clickRow(*gallery, 2);
    const qint64 sample = gallery->shownIndices()[2];
    EXPECT_EQ(gallery->inspector()->sample(), sample);
    // Arrow keys move on, and the inspector follows.
    QTest::keyClick(gallery->view(), Qt::Key_Right);
    EXPECT_EQ(gallery->inspector()->sample(), gallery->shownIndices()[3]);
    EXPECT_TRUE(gallery->copyAction()->isEnabled());
}

TEST_F(GalleryFixture, ExportWritesThePngGridAndTheCsv)
{
    const mlps::Evaluation& evaluation = *run->test();
    gallery->showSamples(run, Set::Test, {});
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // Nothing selected: every shown sample.
    QString error;
    ASSERT_TRUE(
        gallery->exportTo(dir.filePath(QStringLiteral("all.png")), dir.filePath(QStringLiteral("all.csv")), &error))
        << error.toStdString();
    QFile csv(dir.filePath(QStringLiteral("all.csv")));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), gallery->count() + 1);
    EXPECT_EQ(lines[0], QStringLiteral("index,source,true,predicted,confidence,loss"));
    const QList<qint64> shown = gallery->shownIndices();
    for (int row = 0; row < gallery->count(); ++row) {
        const QStringList fields = lines[row + 1].split(QLatin1Char(','));
        ASSERT_EQ(fields.size(), 6) << lines[row + 1].toStdString();
        const qint64 sample = shown[row];
        const qint64 image = run->testSampleIndex(sample);
        EXPECT_EQ(fields[0].toLongLong(), image);
        EXPECT_EQ(fields[1], QString::fromStdString(run->job.data->sampleName(image)));
        EXPECT_EQ(fields[2],
                  QString::fromStdString(run->classNames()[std::size_t(evaluation.trueLabels[std::size_t(sample)])]));
        const int predicted = evaluation.predicted[std::size_t(sample)];
        EXPECT_EQ(fields[3], QString::fromStdString(run->classNames()[std::size_t(predicted)]));
        EXPECT_NEAR(fields[4].toDouble(), evaluation.probabilities(predicted, sample), 1e-6);
    }
    const QImage grid(dir.filePath(QStringLiteral("all.png")));
    ASSERT_FALSE(grid.isNull());
    const int scale = gallery->model()->thumbnailScale();
    const int columns = std::min(10, gallery->count());
    const int lineCount = (gallery->count() + 9) / 10;
    EXPECT_GE(grid.width(), columns * 8 * scale);
    EXPECT_GE(grid.height(), lineCount * 8 * scale);

    // Two thumbnails selected (click, then Ctrl+click): just those two, in display order.
    clickRow(*gallery, 3);
    clickRow(*gallery, 1, Qt::ControlModifier);
    ASSERT_EQ(gallery->exportRows(), (QList<int> {1, 3}));
    ASSERT_TRUE(
        gallery->exportTo(dir.filePath(QStringLiteral("two.png")), dir.filePath(QStringLiteral("two.csv")), &error));
    QFile two(dir.filePath(QStringLiteral("two.csv")));
    ASSERT_TRUE(two.open(QIODevice::ReadOnly));
    const QStringList twoLines = QString::fromUtf8(two.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(twoLines.size(), 3);
    EXPECT_EQ(twoLines[1].section(QLatin1Char(','), 0, 0).toLongLong(), run->testSampleIndex(shown[1]));
    EXPECT_EQ(twoLines[2].section(QLatin1Char(','), 0, 0).toLongLong(), run->testSampleIndex(shown[3]));
}

TEST_F(GalleryFixture, ExportToAnUnwritablePlaceSaysWhichFile)
{
    gallery->showSamples(run, Set::Test, {});
    QString error;
    const QString png = QStringLiteral("/nonexistent-folder/for/sure/samples.png");
    EXPECT_FALSE(gallery->exportTo(png, QStringLiteral("/nonexistent-folder/for/sure/samples.csv"), &error));
    EXPECT_TRUE(error.contains(png)) << error.toStdString();
    // Nothing to export is refused with a reason too.
    gallery->showIndices(run, Set::Test, {}, QStringLiteral("nothing"));
    EXPECT_FALSE(gallery->exportTo(QStringLiteral("/tmp/x.png"), QStringLiteral("/tmp/x.csv"), &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_FALSE(gallery->exportButton()->isEnabled());
}

TEST_F(GalleryFixture, CtrlCCopiesTheSelectionAsPictureAndCsv)
{
    gallery->showSamples(run, Set::Test, {});
    QApplication::clipboard()->clear();
    clickRow(*gallery, 0);
    clickRow(*gallery, 2, Qt::ShiftModifier); // rows 0..2
    ASSERT_EQ(gallery->view()->selectionModel()->selectedIndexes().size(), 3);
    gallery->view()->setFocus();
    QTest::keySequence(gallery->view(), QKeySequence::Copy);
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    ASSERT_NE(mime, nullptr);
    ASSERT_TRUE(mime->hasImage());
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    EXPECT_FALSE(image.isNull());
    const QStringList lines = mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 4);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("index,source")));
    EXPECT_EQ(mime->data(QStringLiteral("text/csv")), mime->text().toUtf8());
    // The thumbnails' context menu offers the same Copy, and Export.
    const QList<QAction*> menu = gallery->view()->actions();
    ASSERT_EQ(menu.size(), 2);
    EXPECT_EQ(menu[0], gallery->copyAction());
    EXPECT_TRUE(menu[1]->isEnabled());
    EXPECT_EQ(gallery->view()->contextMenuPolicy(), Qt::ActionsContextMenu);
}

TEST_F(GalleryFixture, SplitterPositionIsKept)
{
    auto* splitter = gallery->findChild<QSplitter*>();
    ASSERT_NE(splitter, nullptr);
    const QList<int> sizes = splitter->sizes();
    ASSERT_EQ(sizes.size(), 2);
    // Drag the handle 60 pixels to the left.
    QSplitterHandle* handle = splitter->handle(1);
    const QPoint start = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, start);
    QTest::mouseMove(handle, start - QPoint(60, 0));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, start - QPoint(60, 0));
    const QList<int> moved = splitter->sizes();
    ASSERT_NE(moved, sizes);
    MisclassifiedGallery next;
    next.resize(gallery->size());
    next.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&next));
    EXPECT_EQ(next.findChild<QSplitter*>()->sizes(), moved);
}

} // namespace

namespace {

TEST_F(GalleryFixture, AnEvaluationThatDoesNotFitTheDataShowsNothing)
{
    // A test evaluation with more samples than the run's test split.
    auto mismatched = std::make_shared<mlps::ui::RunRecord>(*run);
    mismatched->job.split.test.resize(mismatched->job.split.test.size() / 2);
    gallery->showSamples(mismatched, Set::Test, {});
    EXPECT_EQ(gallery->count(), 0);
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("no test set evaluation")));
    gallery->inspector()->showSample(mismatched, Set::Test, 0);
    EXPECT_FALSE(gallery->inspector()->hasSample());
    // And one without its data.
    auto dataless = std::make_shared<mlps::ui::RunRecord>(*run);
    dataless->job.data.reset();
    gallery->showSamples(dataless, Set::Validation, {});
    EXPECT_EQ(gallery->count(), 0);
}

} // namespace

namespace {

TEST_F(GalleryFixture, ShowIndicesOfARunWithoutTheEvaluationSaysSo)
{
    auto bare = std::make_shared<mlps::ui::RunRecord>(*run);
    bare->result.validation.reset();
    gallery->showIndices(bare, Set::Validation, {1, 2}, QStringLiteral("fixed by run 2"));
    EXPECT_EQ(gallery->count(), 0);
    EXPECT_EQ(countLabel(*gallery)->text(), QStringLiteral("This run has no validation set evaluation to show."));
    gallery->clear();
    EXPECT_TRUE(countLabel(*gallery)->text().contains(QStringLiteral("confusion-matrix cell")));
}

} // namespace
