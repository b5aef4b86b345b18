// SampleInspector: probabilities as the engine computes them, the saliency
// of the right class, the origin of the sample, and what it says when it cannot.

#include "ColorLegend.h"
#include "GalleryTestData.h"
#include "PixelImageView.h"
#include "ProbabilityBars.h"
#include "SampleInspector.h"

#include "data/Dataset.h"
#include "nn/Metrics.h"
#include "nn/Network.h"
#include "nn/Saliency.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSettings>
#include <QTest>

#include <gtest/gtest.h>

#include <numeric>

namespace {

using mlps::ui::SampleInspector;
using mlps::ui::SampleSet;

// The image of a test sample as the network reads it (features x 1, in [0, 1]).
Eigen::MatrixXf input(const mlps::ui::RunRecord& run, qint64 sample)
{
    const mlps::Dataset& data = run.testData();
    Eigen::MatrixXf x(data.features(), 1);
    const std::uint8_t* pixels = data.pixels.data() + run.testSampleIndex(sample) * data.features();
    for (int i = 0; i < data.features(); ++i)
        x(i, 0) = float(pixels[i]) / 255.0f;
    return x;
}

std::unique_ptr<mlps::Network> networkOf(const mlps::ui::RunRecord& run)
{
    auto network = std::make_unique<mlps::Network>(run.job.network, 1);
    network->parameters() = run.result.parameters;
    return network;
}

int fontMetricsHeight(const QWidget& widget)
{
    return widget.fontMetrics().height();
}

qint64 firstMistake(const mlps::Evaluation& evaluation)
{
    for (qint64 i = 0; i < evaluation.count(); ++i)
        if (evaluation.trueLabels[std::size_t(i)] != evaluation.predicted[std::size_t(i)])
            return i;
    return -1;
}

class InspectorFixture : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().clear(); // every test starts from the defaults
        run = mlps::test::trainedRun(1);
        inspector = std::make_unique<SampleInspector>();
        inspector->setExplain(SampleInspector::Explain::Predicted);
        inspector->setOverlayShown(false);
        inspector->resize(480, 720);
        inspector->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(inspector.get()));
    }

    std::shared_ptr<const mlps::ui::RunRecord> run;
    std::unique_ptr<SampleInspector> inspector;
};

TEST_F(InspectorFixture, ProbabilitiesSumToOneAndMatchTheEngine)
{
    const mlps::Evaluation& evaluation = *run->test();
    const qint64 sample = firstMistake(evaluation);
    ASSERT_GE(sample, 0);
    inspector->showSample(run, SampleSet::Test, sample);
    const QVector<double> p = inspector->probabilities();
    ASSERT_EQ(p.size(), 4);
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-5);
    auto network = networkOf(*run);
    Eigen::MatrixXf fresh(4, 1);
    network->predict(input(*run, sample), fresh);
    for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(p[k], double(evaluation.probabilities(k, sample))) << k;
        EXPECT_NEAR(p[k], double(fresh(k, 0)), 1e-6) << k;
    }
    // The bars show the same numbers, the answer and the true class marked.
    EXPECT_EQ(inspector->probabilityBars()->probabilities(), p);
    EXPECT_EQ(inspector->probabilityBars()->predicted(), evaluation.predicted[std::size_t(sample)]);
    EXPECT_EQ(inspector->probabilityBars()->trueClass(), evaluation.trueLabels[std::size_t(sample)]);
}

TEST_F(InspectorFixture, HeadlineAndOriginSayWhatAndWhere)
{
    const mlps::Evaluation& evaluation = *run->test();
    const qint64 sample = firstMistake(evaluation);
    inspector->showSample(run, SampleSet::Test, sample);
    const int t = evaluation.trueLabels[std::size_t(sample)];
    const int p = evaluation.predicted[std::size_t(sample)];
    EXPECT_TRUE(inspector->headline().startsWith(QStringLiteral("True %1, predicted %2 (")
                                                     .arg(QString::fromStdString(run->classNames()[std::size_t(t)]),
                                                          QString::fromStdString(run->classNames()[std::size_t(p)]))))
        << inspector->headline().toStdString();
    const std::string file = run->job.data->sampleName(run->testSampleIndex(sample));
    EXPECT_EQ(inspector->origin(),
              QStringLiteral("From %1 (test set, sample %2)").arg(QString::fromStdString(file)).arg(sample));
    // The enlarged image is the sample's own.
    const QImage image = inspector->imageView()->image();
    ASSERT_EQ(image.size(), QSize(8, 8));
    const Eigen::MatrixXf x = input(*run, sample);
    EXPECT_EQ(qGray(image.pixel(5, 3)), int(std::lround(x(3 * 8 + 5, 0) * 255.0f)));
}

TEST_F(InspectorFixture, IdxDataIsNamedByIndex)
{
    auto data = std::make_shared<mlps::Dataset>(*run->job.data);
    data->sampleNames.clear();
    data->source = "/data/t10k-images-idx3-ubyte.gz";
    auto idxRun = std::make_shared<mlps::ui::RunRecord>(*run);
    idxRun->job.data = data;
    inspector->showSample(idxRun, SampleSet::Test, 0);
    EXPECT_EQ(
        inspector->origin(),
        QStringLiteral("Image #%1 of t10k-images-idx3-ubyte.gz (test set, sample 0)").arg(idxRun->testSampleIndex(0)));
}

TEST_F(InspectorFixture, SaliencyIsTheGradientOfTheChosenScore)
{
    const mlps::Evaluation& evaluation = *run->test();
    const qint64 sample = firstMistake(evaluation);
    const int t = evaluation.trueLabels[std::size_t(sample)];
    const int p = evaluation.predicted[std::size_t(sample)];
    inspector->showSample(run, SampleSet::Test, sample);
    auto network = networkOf(*run);
    const Eigen::MatrixXf x = input(*run, sample);
    const Eigen::VectorXf forPredicted = mlps::classScoreGradient(*network, x.data(), 64, p);
    ASSERT_EQ(inspector->saliency().size(), 64);
    EXPECT_TRUE(inspector->saliency().isApprox(forPredicted, 1e-6f));
    EXPECT_TRUE(inspector->saliencyMessage().isEmpty());
    EXPECT_EQ(inspector->saliencyView()->image().size(), QSize(8, 8));
    // The legend spans the largest magnitude on both sides.
    const QString range = QLocale().toString(double(forPredicted.cwiseAbs().maxCoeff()), 'g', 2);
    EXPECT_EQ(inspector->legend()->high(), QStringLiteral("+") + range);

    // Choose the true class, then the contrast, with the keyboard.
    QComboBox* explain = inspector->explainBox();
    explain->setFocus();
    QTest::keyClick(explain, Qt::Key_Down);
    ASSERT_EQ(inspector->explain(), SampleInspector::Explain::True);
    EXPECT_TRUE(inspector->saliency().isApprox(mlps::classScoreGradient(*network, x.data(), 64, t), 1e-6f));
    QTest::keyClick(explain, Qt::Key_Down);
    ASSERT_EQ(inspector->explain(), SampleInspector::Explain::PredictedOverTrue);
    EXPECT_TRUE(inspector->saliency().isApprox(mlps::classContrastGradient(*network, x.data(), 64, p, t), 1e-6f));
    // The network was built once for the run, not once per map.
    EXPECT_EQ(inspector->networksBuilt(), 1);
    inspector->showSample(run, SampleSet::Test, sample + 1);
    EXPECT_EQ(inspector->networksBuilt(), 1);
    inspector->showSample(mlps::test::trainedRun(2, {}, 1), SampleSet::Test, 0);
    EXPECT_EQ(inspector->networksBuilt(), 2);
}

TEST_F(InspectorFixture, ContrastOfARightAnswerSaysThereIsNone)
{
    const mlps::Evaluation& evaluation = *run->test();
    qint64 right = 0;
    while (evaluation.trueLabels[std::size_t(right)] != evaluation.predicted[std::size_t(right)])
        ++right;
    inspector->setExplain(SampleInspector::Explain::PredictedOverTrue);
    inspector->showSample(run, SampleSet::Test, right);
    EXPECT_EQ(inspector->saliency().size(), 0);
    EXPECT_TRUE(inspector->saliencyMessage().contains(QStringLiteral("right")));
    EXPECT_TRUE(inspector->headline().contains(QStringLiteral("read right")));
    inspector->setExplain(SampleInspector::Explain::Predicted);
    EXPECT_EQ(inspector->saliency().size(), 64);
}

TEST_F(InspectorFixture, OverlayToggleAndColours)
{
    inspector->showSample(run, SampleSet::Test, firstMistake(*run->test()));
    EXPECT_TRUE(inspector->imageView()->overlay().isNull());
    inspector->overlayBox()->setFocus();
    QTest::keyClick(inspector->overlayBox(), Qt::Key_Space);
    ASSERT_TRUE(inspector->isOverlayShown());
    const QImage overlay = inspector->imageView()->overlay();
    ASSERT_EQ(overlay.size(), QSize(8, 8));
    // The strongest pixel is the most opaque one.
    Eigen::Index strongest = 0;
    inspector->saliency().cwiseAbs().maxCoeff(&strongest);
    int maxAlpha = 0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            maxAlpha = std::max(maxAlpha, qAlpha(overlay.pixel(x, y)));
    EXPECT_EQ(qAlpha(overlay.pixel(int(strongest % 8), int(strongest / 8))), maxAlpha);
    // Signed colours: red where the gradient is positive, blue where negative.
    const QImage map = inspector->saliencyView()->image();
    for (Eigen::Index i = 0; i < 64; ++i) {
        const QRgb c = map.pixel(int(i % 8), int(i / 8));
        const float s = inspector->saliency()[i];
        if (std::abs(s) > 0.2f * inspector->saliency().cwiseAbs().maxCoeff()) {
            if (s > 0)
                EXPECT_GT(qRed(c), qBlue(c)) << i;
            else
                EXPECT_GT(qBlue(c), qRed(c)) << i;
        }
    }
    // The choices are kept for the next inspector.
    SampleInspector next;
    EXPECT_TRUE(next.isOverlayShown());
    inspector->setColouring(mlps::ui::SaliencyColouring::Magnitude);
    SampleInspector third;
    EXPECT_EQ(third.colouring(), mlps::ui::SaliencyColouring::Magnitude);
    EXPECT_EQ(inspector->legend()->low(), QStringLiteral("0"));
    inspector->setColouring(mlps::ui::SaliencyColouring::Signed);
    QTest::mouseClick(inspector->overlayBox(), Qt::LeftButton, {},
                      QPoint(fontMetricsHeight(*inspector) / 2, inspector->overlayBox()->height() / 2));
    EXPECT_FALSE(inspector->isOverlayShown());
    EXPECT_TRUE(inspector->imageView()->overlay().isNull());
}

TEST_F(InspectorFixture, ARunWithoutWeightsShowsNoSaliencyAndSaysWhy)
{
    auto noWeights = std::make_shared<mlps::ui::RunRecord>(*run);
    noWeights->result.parameters.resize(0);
    inspector->showSample(noWeights, SampleSet::Test, 0);
    EXPECT_TRUE(inspector->hasSample());
    EXPECT_EQ(inspector->probabilities().size(), 4);
    EXPECT_EQ(inspector->saliency().size(), 0);
    EXPECT_TRUE(inspector->saliencyMessage().contains(QStringLiteral("no trained weights")));
    EXPECT_FALSE(inspector->legend()->isVisible());

    auto wrongWeights = std::make_shared<mlps::ui::RunRecord>(*run);
    wrongWeights->result.parameters = Eigen::VectorXf::Zero(10);
    inspector->showSample(wrongWeights, SampleSet::Test, 0);
    EXPECT_EQ(inspector->saliency().size(), 0);
    EXPECT_TRUE(inspector->saliencyMessage().contains(QStringLiteral("do not fit")));
}

TEST_F(InspectorFixture, AnUnknownSampleClearsTheInspector)
{
    inspector->showSample(run, SampleSet::Test, 0);
    ASSERT_TRUE(inspector->hasSample());
    inspector->showSample(run, SampleSet::Test, run->test()->count());
    EXPECT_FALSE(inspector->hasSample());
    EXPECT_TRUE(inspector->probabilities().isEmpty());
    EXPECT_EQ(inspector->saliency().size(), 0);
    inspector->showSample(run, SampleSet::Test, -1);
    EXPECT_FALSE(inspector->hasSample());
    inspector->showSample(nullptr, SampleSet::Validation, 0);
    EXPECT_FALSE(inspector->hasSample());
}

} // namespace

namespace {

TEST_F(InspectorFixture, MostLikelyFirstReordersTheBarsOnly)
{
    const qint64 sample = firstMistake(*run->test());
    inspector->showSample(run, SampleSet::Test, sample);
    // Four classes: class order until the user chooses otherwise.
    QCheckBox* box = inspector->mostLikelyFirstBox();
    EXPECT_FALSE(box->isChecked());
    EXPECT_EQ(inspector->probabilityBars()->rowClasses(), (QVector<int> {0, 1, 2, 3}));
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Space);
    const QVector<int> rows = inspector->probabilityBars()->rowClasses();
    const QVector<double> p = inspector->probabilities();
    ASSERT_EQ(rows.size(), 4);
    EXPECT_EQ(rows.front(), run->test()->predicted[std::size_t(sample)]);
    for (int k = 1; k < 4; ++k)
        EXPECT_GE(p[rows[k - 1]], p[rows[k]]);
    // probabilities() stays in class order.
    for (int k = 0; k < 4; ++k)
        EXPECT_EQ(p[k], double(run->test()->probabilities(k, sample)));
    // The choice holds for the next sample and the next inspector.
    inspector->showSample(run, SampleSet::Test, 0);
    EXPECT_TRUE(inspector->probabilityBars()->isMostLikelyFirst());
    SampleInspector next;
    next.showSample(run, SampleSet::Test, 0);
    EXPECT_TRUE(next.mostLikelyFirstBox()->isChecked());
}

} // namespace
