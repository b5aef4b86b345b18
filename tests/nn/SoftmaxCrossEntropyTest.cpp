// Fused softmax + cross-entropy: values, gradient w.r.t. the logits, stability.

#include "GradientCheck.h"

#include "nn/SoftmaxCrossEntropy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::randomMatrix;

TEST(SoftmaxCrossEntropyTest, HandExample)
{
    // Logits (0, ln 2, ln 3): softmax = (1, 2, 3) / 6; with label 2 the loss is
    // -ln(3/6) = ln 2, and d/dz = p - onehot(2) = (1/6, 1/3, -1/2).
    Eigen::MatrixXf logits(3, 1);
    logits << 0.0f, float(std::log(2.0)), float(std::log(3.0));
    const std::int32_t labels[] = {2};
    Eigen::MatrixXf p(3, 1), grad(3, 1);
    const LossSums sums = softmaxCrossEntropy(logits, labels, p, grad, 1.0f);
    EXPECT_NEAR(sums.loss, std::log(2.0), 1e-6);
    EXPECT_EQ(sums.correct, 1);
    EXPECT_NEAR(p(0), 1.0 / 6.0, 1e-7);
    EXPECT_NEAR(p(1), 2.0 / 6.0, 1e-7);
    EXPECT_NEAR(p(2), 3.0 / 6.0, 1e-7);
    EXPECT_NEAR(grad(0), 1.0 / 6.0, 1e-7);
    EXPECT_NEAR(grad(1), 1.0 / 3.0, 1e-7);
    EXPECT_NEAR(grad(2), -0.5, 1e-7);
}

TEST(SoftmaxCrossEntropyTest, LossIsTheSumOverColumnsAndCountsArgMaxHits)
{
    // Column 0: logits (2, 0), label 0 -> -log(e^2 / (e^2 + 1)) = log(1 + e^-2), a hit.
    // Column 1: logits (0.5, 0), label 1 -> log(1 + e^0.5), a miss.
    // Column 2: logits (1, 3), label 0 -> log(1 + e^2), a miss.
    Eigen::MatrixXf logits(2, 3);
    logits << 2, 0.5, 1,
              0, 0, 3;
    const std::int32_t labels[] = {0, 1, 0};
    Eigen::MatrixXf p(2, 3), grad(2, 3);
    const LossSums sums = softmaxCrossEntropy(logits, labels, p, grad, 1.0f);
    const double expected = std::log1p(std::exp(-2.0)) + std::log1p(std::exp(0.5)) + std::log1p(std::exp(2.0));
    EXPECT_NEAR(sums.loss, expected, 1e-6);
    EXPECT_EQ(sums.correct, 1);
}

TEST(SoftmaxCrossEntropyTest, GradientMatchesCentralDifferences)
{
    Rng rng(21);
    Eigen::MatrixXf logits = randomMatrix(5, 4, -3.0f, 3.0f, rng);
    const std::int32_t labels[] = {0, 3, 4, 1};
    Eigen::MatrixXf p(5, 4), grad(5, 4);
    softmaxCrossEntropy(logits, labels, p, grad, 1.0f);
    const Eigen::MatrixXf analytic = grad;
    Eigen::MatrixXf scratchP(5, 4);
    Eigen::MatrixXf noGradient;
    const Eigen::VectorXd numeric = centralDifferences(logits.data(), logits.size(), [&] {
        return softmaxCrossEntropy(logits, labels, scratchP, noGradient, 1.0f).loss;
    });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
    // Each column of p - onehot sums to zero.
    EXPECT_NEAR(analytic.colwise().sum().cwiseAbs().maxCoeff(), 0.0f, 1e-6f);
}

TEST(SoftmaxCrossEntropyTest, GradScaleScalesTheGradientOnly)
{
    Rng rng(22);
    const Eigen::MatrixXf logits = randomMatrix(4, 6, -2.0f, 2.0f, rng);
    const std::int32_t labels[] = {0, 1, 2, 3, 0, 1};
    Eigen::MatrixXf p1(4, 6), g1(4, 6), p2(4, 6), g2(4, 6);
    const LossSums a = softmaxCrossEntropy(logits, labels, p1, g1, 1.0f);
    const LossSums b = softmaxCrossEntropy(logits, labels, p2, g2, 0.25f);
    EXPECT_EQ(a.loss, b.loss);
    EXPECT_EQ(p1, p2);
    EXPECT_TRUE(g2.isApprox(0.25f * g1, 1e-6f));
}

TEST(SoftmaxCrossEntropyTest, EmptyGradientMatrixSkipsTheGradient)
{
    Eigen::MatrixXf logits(3, 2);
    logits << 1, 2,
              2, 0,
              3, -1;
    const std::int32_t labels[] = {2, 0};
    Eigen::MatrixXf p(3, 2);
    Eigen::MatrixXf none;
    const LossSums sums = softmaxCrossEntropy(logits, labels, p, none, 1.0f);
    EXPECT_EQ(none.size(), 0);
    EXPECT_EQ(sums.correct, 2);
    Eigen::MatrixXf reference(3, 2);
    softmax(logits, reference);
    EXPECT_TRUE(p.isApprox(reference, 1e-6f));
}

TEST(SoftmaxCrossEntropyTest, HugeLogitsStayFinite)
{
    // The max-shift keeps exp() in range; -log p_y = z_max - z_y exactly here.
    Eigen::MatrixXf logits(3, 2);
    logits << 1000, -500,
              0, 400,
              -1000, 0;
    const std::int32_t labels[] = {2, 1};
    Eigen::MatrixXf p(3, 2), grad(3, 2);
    const LossSums sums = softmaxCrossEntropy(logits, labels, p, grad, 1.0f);
    EXPECT_TRUE(std::isfinite(sums.loss));
    EXPECT_NEAR(sums.loss, 2000.0, 1e-3);
    EXPECT_TRUE(p.allFinite());
    EXPECT_TRUE(grad.allFinite());
    EXPECT_NEAR(p(0, 0), 1.0f, 1e-7f);
    EXPECT_NEAR(grad(2, 0), -1.0f, 1e-7f);
    EXPECT_EQ(sums.correct, 1);
}

TEST(SoftmaxCrossEntropyTest, LabelSmoothingHandExample)
{
    // Logits (0, ln 2, ln 3): p = (1, 2, 3) / 6. With e = 0.3 over K = 3 the
    // target of label 2 is q = (0.1, 0.1, 0.8): the loss is -sum q log p and
    // the gradient p - q = (1/6 - 0.1, 1/3 - 0.1, 1/2 - 0.8).
    Eigen::MatrixXf logits(3, 1);
    logits << 0.0f, float(std::log(2.0)), float(std::log(3.0));
    const std::int32_t labels[] = {2};
    Eigen::MatrixXf p(3, 1), grad(3, 1);
    const LossSums sums = softmaxCrossEntropy(logits, labels, p, grad, 1.0f, 0.3f);
    const double expected = -(0.1 * std::log(1.0 / 6.0) + 0.1 * std::log(2.0 / 6.0) + 0.8 * std::log(3.0 / 6.0));
    EXPECT_NEAR(sums.loss, expected, 1e-6);
    EXPECT_EQ(sums.correct, 1);
    EXPECT_NEAR(grad(0), 1.0 / 6.0 - 0.1, 1e-6);
    EXPECT_NEAR(grad(1), 1.0 / 3.0 - 0.1, 1e-6);
    EXPECT_NEAR(grad(2), 0.5 - 0.8, 1e-6);
}

TEST(SoftmaxCrossEntropyTest, LabelSmoothingGradientMatchesCentralDifferences)
{
    Rng rng(24);
    Eigen::MatrixXf logits = randomMatrix(5, 4, -3.0f, 3.0f, rng);
    const std::int32_t labels[] = {0, 3, 4, 1};
    Eigen::MatrixXf p(5, 4), grad(5, 4);
    softmaxCrossEntropy(logits, labels, p, grad, 0.5f, 0.2f);
    const Eigen::MatrixXf analytic = grad;
    Eigen::MatrixXf scratchP(5, 4);
    Eigen::MatrixXf noGradient;
    const Eigen::VectorXd numeric = centralDifferences(logits.data(), logits.size(), [&] {
        return 0.5 * softmaxCrossEntropy(logits, labels, scratchP, noGradient, 1.0f, 0.2f).loss;
    });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
    EXPECT_NEAR(analytic.colwise().sum().cwiseAbs().maxCoeff(), 0.0f, 1e-6f);
}

TEST(SoftmaxCrossEntropyTest, ZeroLabelSmoothingIsThePlainLossBitForBit)
{
    Rng rng(25);
    const Eigen::MatrixXf logits = randomMatrix(6, 7, -4.0f, 4.0f, rng);
    const std::int32_t labels[] = {0, 1, 2, 3, 4, 5, 0};
    Eigen::MatrixXf p1(6, 7), g1(6, 7), p2(6, 7), g2(6, 7);
    const LossSums a = softmaxCrossEntropy(logits, labels, p1, g1, 0.125f);
    const LossSums b = softmaxCrossEntropy(logits, labels, p2, g2, 0.125f, 0.0f);
    EXPECT_EQ(a.loss, b.loss);
    EXPECT_EQ(g1, g2);
    EXPECT_EQ(p1, p2);
}

TEST(SoftmaxTest, ColumnsSumToOneAndShiftInvariance)
{
    Rng rng(23);
    const Eigen::MatrixXf logits = randomMatrix(7, 5, -4.0f, 4.0f, rng);
    Eigen::MatrixXf p(7, 5), shifted(7, 5);
    softmax(logits, p);
    softmax((logits.array() + 50.0f).matrix(), shifted);
    for (Index j = 0; j < 5; ++j)
        EXPECT_NEAR(p.col(j).sum(), 1.0f, 1e-6f);
    EXPECT_TRUE((p.array() > 0.0f).all());
    EXPECT_TRUE(p.isApprox(shifted, 1e-5f));
    // Independent reference: exp(z_i) / sum_k exp(z_k) in double.
    for (Index j = 0; j < 5; ++j) {
        const Eigen::VectorXd e = logits.col(j).cast<double>().array().exp();
        for (Index i = 0; i < 7; ++i)
            EXPECT_NEAR(p(i, j), e(i) / e.sum(), 1e-6);
    }
}

} // namespace
} // namespace mlps
