// Not a check: renders the gallery and the inspector on letters drawn from
// the installed fonts, trained for a moment, and saves screenshots to look at.
// Run with --gtest_also_run_disabled_tests --gtest_filter='*Screenshot*';
// MLPS_SCREENSHOT_DIR chooses the folder (default /tmp).

#include "MisclassifiedGallery.h"
#include "SampleInspector.h"

#include "data/FontLetters.h"
#include "data/StratifiedSplit.h"
#include "nn/Trainer.h"

#include <QDir>
#include <QListView>
#include <QSettings>
#include <QTest>

#include <gtest/gtest.h>

namespace {

void screenshots(const mlps::FontLetters::Options& options, const QString& prefix)
{
    auto data = std::make_shared<mlps::Dataset>(mlps::FontLetters::render(options).data);
    data->source = "font-letters";
    auto run = std::make_shared<mlps::ui::RunRecord>();
    run->id = 1;
    run->job.data = data;
    const std::int64_t test = data->count() / 4;
    run->job.split = mlps::stratifiedSplit(data->labels, data->classes(), data->count() / 10, test, 3);
    run->job.network = mlps::labNetworkSpec();
    run->job.network.hidden.resize(1);
    run->job.network.classes = data->classes();
    run->job.config.epochs = 3;
    run->job.config.batchSize = 64;
    run->job.config.optimizer.kind = mlps::OptimizerKind::Adam;
    run->job.config.optimizer.learningRate = 0.002f;
    const mlps::Split& split = run->job.split;
    mlps::Trainer trainer(run->job.network, run->job.config, data->view(split.train), data->view(split.validation));
    for (;;) {
        const mlps::StepStatus status = trainer.step();
        if (status == mlps::StepStatus::Finished || status == mlps::StepStatus::Diverged)
            break;
    }
    run->result.test = std::make_shared<mlps::Evaluation>(trainer.evaluate(data->view(split.test)));
    run->result.parameters = trainer.network().parameters();
    std::printf("test accuracy %.3f on %lld samples\n", run->result.test->scores.accuracy, (long long)test);

    const QString folder = qEnvironmentVariable("MLPS_SCREENSHOT_DIR", QStringLiteral("/tmp"));
    mlps::ui::MisclassifiedGallery gallery;
    gallery.resize(1100, 700);
    gallery.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&gallery));
    gallery.showSamples(run, mlps::ui::MisclassifiedGallery::Set::Test, {});
    QTest::qWait(50);
    gallery.grab().save(QDir(folder).filePath(prefix + QStringLiteral("-1.png")));
    gallery.exportTo(QDir(folder).filePath(prefix + QStringLiteral("-export.png")),
                     QDir(folder).filePath(prefix + QStringLiteral("-export.csv")));
    gallery.inspector()->setOverlayShown(true);
    gallery.inspector()->setExplain(mlps::ui::SampleInspector::Explain::PredictedOverTrue);
    gallery.resize(800, 900);
    const QModelIndex second = gallery.view()->model()->index(1, 0);
    gallery.view()->selectionModel()->select(QItemSelection(second, gallery.view()->model()->index(3, 0)),
                                             QItemSelectionModel::Select);
    gallery.view()->setFocus();
    gallery.view()->selectionModel()->setCurrentIndex(second, QItemSelectionModel::NoUpdate);
    QTest::qWait(50);
    gallery.grab().save(QDir(folder).filePath(prefix + QStringLiteral("-2.png")));
    gallery.inspector()->setColouring(mlps::ui::SaliencyColouring::Magnitude);
    gallery.inspector()->setOverlayShown(false);
    gallery.inspector()->setParent(nullptr);
    gallery.inspector()->resize(300, 700);
    gallery.inspector()->show();
    QTest::qWait(50);
    gallery.inspector()->grab().save(QDir(folder).filePath(prefix + QStringLiteral("-3.png")));
    QSettings().clear();
}

TEST(GalleryScreenshot, DISABLED_FontLetters)
{
    mlps::FontLetters::Options options;
    options.families = {"BRK", "Sans"};
    screenshots(options, QStringLiteral("gallery"));
}

TEST(GalleryScreenshot, DISABLED_FortySevenClasses)
{
    mlps::FontLetters::Options options;
    options.families = {"Sans", "Serif", "Mono"};
    options.classes = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt"; // EMNIST balanced
    screenshots(options, QStringLiteral("gallery47"));
}

} // namespace
