// Metrics: scikit-learn's precision/recall/F1 definitions (zero_division=0), log-loss, confusion.

#include "nn/Metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mlps {
namespace {

ConfusionMatrix confusionOf(std::initializer_list<std::initializer_list<std::int64_t>> rows)
{
    ConfusionMatrix m(Index(rows.size()), Index(rows.size()));
    Index i = 0;
    for (const auto& row : rows) {
        Index j = 0;
        for (std::int64_t v : row)
            m(i, j++) = v;
        ++i;
    }
    return m;
}

TEST(MetricsTest, HandBuiltConfusionWithAnUnpredictedClassAndAnAbsentClass)
{
    // Rows: true class, columns: predicted class.
    //   class 0: support 6, predicted 8 times (tp 5)
    //   class 1: support 6, predicted 4 times (tp 3)
    //   class 2: support 0 (never present), predicted twice
    //   class 3: support 2, never predicted
    const ConfusionMatrix c = confusionOf({{5, 1, 0, 0},
                                           {2, 3, 1, 0},
                                           {0, 0, 0, 0},
                                           {1, 0, 1, 0}});
    const ClassificationScores s = scoresFromConfusion(c);
    ASSERT_EQ(s.perClass.size(), 4u);
    // Accuracy = trace / total = 8 / 14.
    EXPECT_NEAR(s.accuracy, 8.0 / 14.0, 1e-12);
    // Class 0: P = 5/8, R = 5/6, F1 = 2 tp / (predicted + support) = 10/14.
    EXPECT_NEAR(s.perClass[0].precision, 5.0 / 8.0, 1e-12);
    EXPECT_NEAR(s.perClass[0].recall, 5.0 / 6.0, 1e-12);
    EXPECT_NEAR(s.perClass[0].f1, 10.0 / 14.0, 1e-12);
    EXPECT_EQ(s.perClass[0].support, 6);
    // Class 1: P = 3/4, R = 3/6, F1 = 6/10.
    EXPECT_NEAR(s.perClass[1].precision, 0.75, 1e-12);
    EXPECT_NEAR(s.perClass[1].recall, 0.5, 1e-12);
    EXPECT_NEAR(s.perClass[1].f1, 0.6, 1e-12);
    EXPECT_EQ(s.perClass[1].support, 6);
    // Class 2: P = 0/2 = 0, R undefined -> 0 (zero_division=0), F1 = 0.
    EXPECT_EQ(s.perClass[2].precision, 0.0);
    EXPECT_EQ(s.perClass[2].recall, 0.0);
    EXPECT_EQ(s.perClass[2].f1, 0.0);
    EXPECT_EQ(s.perClass[2].support, 0);
    // Class 3: P undefined -> 0, R = 0/2 = 0, F1 = 0.
    EXPECT_EQ(s.perClass[3].precision, 0.0);
    EXPECT_EQ(s.perClass[3].recall, 0.0);
    EXPECT_EQ(s.perClass[3].f1, 0.0);
    EXPECT_EQ(s.perClass[3].support, 2);
    for (const ClassMetrics& m : s.perClass) {
        EXPECT_FALSE(std::isnan(m.precision));
        EXPECT_FALSE(std::isnan(m.recall));
        EXPECT_FALSE(std::isnan(m.f1));
    }
    // f1_score(average='macro') = (10/14 + 6/10 + 0 + 0) / 4 = 23/70.
    EXPECT_NEAR(s.f1Macro, 23.0 / 70.0, 1e-12);
    // f1_score(average='weighted') = (10/14 * 6 + 6/10 * 6 + 0 * 0 + 0 * 2) / 14 = 138/245.
    EXPECT_NEAR(s.f1Weighted, 138.0 / 245.0, 1e-12);
}

TEST(MetricsTest, PerfectAndBinaryCases)
{
    const ClassificationScores perfect = scoresFromConfusion(confusionOf({{3, 0, 0}, {0, 1, 0}, {0, 0, 6}}));
    EXPECT_EQ(perfect.accuracy, 1.0);
    EXPECT_EQ(perfect.f1Macro, 1.0);
    EXPECT_EQ(perfect.f1Weighted, 1.0);

    // Binary: tn 50, fp 10, fn 5, tp 35. Positive class 1: P = 35/45, R = 35/40,
    // F1 = 70/85; class 0: P = 50/55, R = 50/60, F1 = 100/115.
    const ClassificationScores binary = scoresFromConfusion(confusionOf({{50, 10}, {5, 35}}));
    EXPECT_NEAR(binary.accuracy, 0.85, 1e-12);
    EXPECT_NEAR(binary.perClass[1].precision, 35.0 / 45.0, 1e-12);
    EXPECT_NEAR(binary.perClass[1].recall, 35.0 / 40.0, 1e-12);
    EXPECT_NEAR(binary.perClass[1].f1, 70.0 / 85.0, 1e-12);
    EXPECT_NEAR(binary.perClass[0].f1, 100.0 / 115.0, 1e-12);
    EXPECT_NEAR(binary.f1Macro, (70.0 / 85.0 + 100.0 / 115.0) / 2.0, 1e-12);
    EXPECT_NEAR(binary.f1Weighted, (70.0 / 85.0 * 40.0 + 100.0 / 115.0 * 60.0) / 100.0, 1e-12);
}

TEST(MetricsTest, EmptyConfusionGivesZerosNotNan)
{
    const ClassificationScores s = scoresFromConfusion(ConfusionMatrix::Zero(3, 3));
    EXPECT_EQ(s.accuracy, 0.0);
    EXPECT_EQ(s.f1Macro, 0.0);
    EXPECT_EQ(s.f1Weighted, 0.0);
}

TEST(MetricsTest, EvaluatePredictionsOnAHandExample)
{
    // Probabilities (classes x samples) and true labels:
    //   s0 (0.7, 0.2, 0.1) true 0 -> predicted 0, -log 0.7
    //   s1 (0.1, 0.6, 0.3) true 2 -> predicted 1, -log 0.3
    //   s2 (0.2, 0.2, 0.6) true 2 -> predicted 2, -log 0.6
    //   s3 (0.5, 0.25, 0.25) true 1 -> predicted 0, -log 0.25
    // sklearn.metrics.log_loss = mean = 0.8644419332876374.
    Eigen::MatrixXf p(3, 4);
    p << 0.7f, 0.1f, 0.2f, 0.5f,
         0.2f, 0.6f, 0.2f, 0.25f,
         0.1f, 0.3f, 0.6f, 0.25f;
    const std::int32_t labels[] = {0, 2, 2, 1};
    const std::uint8_t pixels[4] = {};
    const SampleView view{pixels, labels, nullptr, 4, 1, 3};
    const Evaluation e = evaluatePredictions(p, view);
    EXPECT_NEAR(e.logLoss, 0.8644419332876374, 1e-6);
    EXPECT_EQ(e.count(), 4);
    EXPECT_EQ(e.trueLabels, (std::vector<std::int32_t>{0, 2, 2, 1}));
    EXPECT_EQ(e.predicted, (std::vector<std::int32_t>{0, 1, 2, 0}));
    // confusion(true, predicted).
    ConfusionMatrix expected = ConfusionMatrix::Zero(3, 3);
    expected(0, 0) = 1;
    expected(2, 1) = 1;
    expected(2, 2) = 1;
    expected(1, 0) = 1;
    EXPECT_EQ(e.confusion, expected);
    EXPECT_NEAR(e.scores.accuracy, 0.5, 1e-12);
    EXPECT_EQ(e.probabilities, p);
    // Scores are those of the confusion matrix.
    EXPECT_EQ(e.scores.f1Macro, scoresFromConfusion(expected).f1Macro);
}

TEST(MetricsTest, EvaluatePredictionsFollowsTheViewIndicesAndClipsZeros)
{
    // A view of rows {2, 0} of three labelled rows; the true class of the
    // second sample gets probability 0, clipped to 1e-15 as in sklearn.
    const std::int32_t labels[] = {1, 0, 0};
    const std::int64_t indices[] = {2, 0};
    const std::uint8_t pixels[3] = {};
    const SampleView view{pixels, labels, indices, 2, 1, 2};
    Eigen::MatrixXf p(2, 2);
    p << 0.8f, 1.0f,
         0.2f, 0.0f;
    const Evaluation e = evaluatePredictions(p, view);
    EXPECT_EQ(e.trueLabels, (std::vector<std::int32_t>{0, 1}));
    EXPECT_NEAR(e.logLoss, (-std::log(double(0.8f)) - std::log(1e-15)) / 2.0, 1e-9);
    EXPECT_TRUE(std::isfinite(e.logLoss));
    EXPECT_EQ(e.confusion(0, 0), 1);
    EXPECT_EQ(e.confusion(1, 0), 1);
    EXPECT_EQ(e.confusion.sum(), 2);
}

} // namespace
} // namespace mlps
