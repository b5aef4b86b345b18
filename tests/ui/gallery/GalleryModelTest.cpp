// GalleryModel: contents, order, filters, captions, and thumbnails drawn only
// when seen; the CSV and grid image made from its rows.

#include "GalleryExport.h"
#include "GalleryModel.h"
#include "GalleryTestData.h"

#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QAbstractItemModelTester>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QListView>
#include <QLocale>
#include <QPixmap>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

using mlps::ui::GalleryModel;
using mlps::ui::SampleSet;

std::vector<qint64> allSamples(const mlps::Evaluation& evaluation)
{
    std::vector<qint64> all(std::size_t(evaluation.count()));
    std::iota(all.begin(), all.end(), 0);
    return all;
}

TEST(GalleryModel, HoldsTheGivenSamplesWithTheirAnswers)
{
    const auto run = mlps::test::trainedRun(1);
    const mlps::Evaluation& evaluation = *run->test();
    GalleryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    // Unknown indices are skipped.
    model.setSamples(run, SampleSet::Test, {3, 0, 7, -1, evaluation.count(), 5});
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.totalCount(), 4);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const qint64 sample = index.data(GalleryModel::SampleRole).toLongLong();
        EXPECT_EQ(index.data(GalleryModel::TrueClassRole).toInt(), evaluation.trueLabels[std::size_t(sample)]);
        EXPECT_EQ(index.data(GalleryModel::PredictedRole).toInt(), evaluation.predicted[std::size_t(sample)]);
        const int predicted = evaluation.predicted[std::size_t(sample)];
        EXPECT_DOUBLE_EQ(index.data(GalleryModel::ConfidenceRole).toDouble(),
                         double(evaluation.probabilities(predicted, sample)));
        const qint64 image = index.data(GalleryModel::DatasetIndexRole).toLongLong();
        EXPECT_EQ(image, run->testSampleIndex(sample));
        EXPECT_EQ(index.data(GalleryModel::SourceRole).toString(),
                  QString::fromStdString(run->job.data->sampleNames[std::size_t(image)]));
    }
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(GalleryModel, SortsByConfidenceOrLossWorstFirst)
{
    const auto run = mlps::test::trainedRun(1);
    GalleryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSamples(run, SampleSet::Test, allSamples(*run->test()));
    ASSERT_GT(model.rowCount(), 10);
    EXPECT_EQ(model.order(), GalleryModel::Order::Confidence);
    for (int row = 1; row < model.rowCount(); ++row)
        ASSERT_GE(model.sampleAt(row - 1).confidence, model.sampleAt(row).confidence) << row;
    model.setOrder(GalleryModel::Order::Loss);
    for (int row = 1; row < model.rowCount(); ++row)
        ASSERT_GE(model.sampleAt(row - 1).loss, model.sampleAt(row).loss) << row;
    // The loss is -log p(true), as the evaluation's log-loss counts it.
    double sum = 0.0;
    for (int row = 0; row < model.rowCount(); ++row)
        sum += model.sampleAt(row).loss;
    EXPECT_NEAR(sum / model.rowCount(), run->test()->logLoss, 1e-5);
}

TEST(GalleryModel, FiltersByTrueAndPredictedClass)
{
    const auto run = mlps::test::trainedRun(1);
    const mlps::Evaluation& evaluation = *run->test();
    GalleryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSamples(run, SampleSet::Test, allSamples(evaluation));
    const std::vector<int> trueCounts = model.trueClassCounts();
    ASSERT_EQ(trueCounts.size(), 4u);
    model.setTrueFilter(2);
    EXPECT_EQ(model.rowCount(), trueCounts[2]);
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_EQ(model.sampleAt(row).trueClass, 2);
    model.setPredictedFilter(1);
    EXPECT_EQ(model.rowCount(), evaluation.confusion(2, 1));
    EXPECT_EQ(model.totalCount(), evaluation.count()); // the filters do not change the total
    model.setTrueFilter(GalleryModel::kAllClasses);
    EXPECT_EQ(model.rowCount(), evaluation.confusion.col(1).sum());
    // New samples reset the filters.
    model.setSamples(run, SampleSet::Test, {0, 1, 2});
    EXPECT_EQ(model.trueFilter(), GalleryModel::kAllClasses);
    EXPECT_EQ(model.predictedFilter(), GalleryModel::kAllClasses);
    EXPECT_EQ(model.rowCount(), 3);
}

TEST(GalleryModel, CaptionsNameTheClassesAndTheConfidence)
{
    const auto run = mlps::test::trainedRun(1);
    const mlps::Evaluation& evaluation = *run->test();
    GalleryModel model;
    model.setSamples(run, SampleSet::Test, allSamples(evaluation));
    bool sawWrong = false, sawRight = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const mlps::ui::GallerySample& s = model.sampleAt(row);
        const QString percent = QLocale().toString(double(s.confidence) * 100.0, 'f', 0);
        const QString caption = model.index(row).data().toString();
        const QString trueName = QString::fromStdString(run->classNames()[std::size_t(s.trueClass)]);
        const QString predictedName = QString::fromStdString(run->classNames()[std::size_t(s.predicted)]);
        if (s.trueClass != s.predicted) {
            sawWrong = true;
            EXPECT_EQ(caption, trueName + QStringLiteral("\u2192") + predictedName + QLatin1Char(' ') + percent
                                   + QStringLiteral(" %"));
        } else {
            sawRight = true;
            EXPECT_EQ(caption, trueName + QLatin1Char(' ') + percent + QStringLiteral(" %"));
        }
    }
    EXPECT_TRUE(sawWrong);
    EXPECT_TRUE(sawRight);
}

TEST(GalleryModel, ThumbnailsAreTheImagesEnlargedAndCached)
{
    const auto run = mlps::test::trainedRun(1);
    GalleryModel model;
    model.setThumbnailScale(3, 1.0);
    model.setSamples(run, SampleSet::Test, {4});
    EXPECT_EQ(model.thumbnailsMade(), 0);
    const QPixmap pixmap = model.index(0).data(Qt::DecorationRole).value<QPixmap>();
    ASSERT_EQ(pixmap.size(), QSize(24, 24));
    EXPECT_EQ(model.thumbnailSize(), QSize(24, 24));
    // Nearest neighbour: every 3x3 block is one image pixel, as stored.
    const QImage image = pixmap.toImage();
    const mlps::Dataset& data = *run->job.data;
    const std::uint8_t* pixels = data.pixels.data() + run->testSampleIndex(4) * 64;
    for (int y = 0; y < 24; ++y)
        for (int x = 0; x < 24; ++x)
            ASSERT_EQ(qGray(image.pixel(x, y)), pixels[(y / 3) * 8 + x / 3]) << x << "," << y;
    model.index(0).data(Qt::DecorationRole);
    EXPECT_EQ(model.thumbnailsMade(), 1) << "the second request comes from the cache";
    // A high-DPI screen gets more physical pixels, the same logical size.
    model.setThumbnailScale(3, 2.0);
    const QPixmap sharp = model.index(0).data(Qt::DecorationRole).value<QPixmap>();
    EXPECT_EQ(sharp.size(), QSize(48, 48));
    EXPECT_EQ(sharp.deviceIndependentSize().toSize(), QSize(24, 24));
}

TEST(GalleryModel, ThousandsOfSamplesDrawOnlyTheVisibleThumbnails)
{
    const auto run = mlps::test::untrainedRun(1, 6000);
    GalleryModel model;
    model.setThumbnailScale(4, 1.0);
    model.setSamples(run, SampleSet::Test, allSamples(*run->test()));
    ASSERT_EQ(model.rowCount(), 6000);
    QListView view;
    view.setViewMode(QListView::IconMode);
    view.setUniformItemSizes(true);
    view.setResizeMode(QListView::Adjust);
    view.setIconSize(model.thumbnailSize());
    view.setGridSize(QSize(64, 64));
    view.setModel(&model);
    view.resize(640, 480);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.grab();
    // 10 columns x 8 rows fit; a few more may be asked for at the edges.
    EXPECT_GT(model.thumbnailsMade(), 0);
    EXPECT_LT(model.thumbnailsMade(), 200);
    view.scrollToBottom();
    view.grab();
    EXPECT_LT(model.thumbnailsMade(), 400);
}

} // namespace

namespace {

TEST(GalleryExport, CsvQuotesNamesWithCommasAndQuotes)
{
    const auto trained = mlps::test::trainedRun(1);
    auto data = std::make_shared<mlps::Dataset>(*trained->job.data);
    const std::int64_t image = trained->testSampleIndex(0);
    data->sampleNames[std::size_t(image)] = "odd, \"quoted\" name.png";
    auto run = std::make_shared<mlps::ui::RunRecord>(*trained);
    run->job.data = data;
    GalleryModel model;
    model.setSamples(run, SampleSet::Test, {0});
    const QString csv = mlps::ui::samplesCsv(model, {0});
    const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("%1,\"odd, \"\"quoted\"\" name.png\",").arg(image)))
        << lines[1].toStdString();
    EXPECT_TRUE(csv.endsWith(QLatin1Char('\n')));
    // The grid of one sample is one cell: the image over its caption.
    const QImage grid = mlps::ui::sampleGridImage(model, {0}, 3);
    EXPECT_GE(grid.width(), 24);
    EXPECT_GE(grid.height(), 24 + QFontMetrics(QGuiApplication::font()).height());
    EXPECT_TRUE(mlps::ui::sampleGridImage(model, {}).isNull());
}

} // namespace
