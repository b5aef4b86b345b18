// DropoutLayer: inverted dropout (Srivastava et al. 2014; Keras/PyTorch semantics).

#include "GradientCheck.h"

#include "nn/DropoutLayer.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::probeLoss;
using test::randomMatrix;

PassContext trainContext(std::uint64_t seed, std::uint64_t step, int layerIndex = 0, Index firstSample = 0)
{
    PassContext context;
    context.mode = Mode::Train;
    context.seed = seed;
    context.step = step;
    context.layerIndex = layerIndex;
    context.firstSample = firstSample;
    return context;
}

// A 4 x 3 mask of 0 and 1 / (1 - 0.5) = 2.
Eigen::MatrixXf fixedMask()
{
    Eigen::MatrixXf mask(4, 3);
    mask << 2, 0, 2,
            0, 2, 2,
            2, 2, 0,
            0, 0, 2;
    return mask;
}

TEST(DropoutLayerTest, FixedMaskForwardAndBackward)
{
    DropoutLayer layer(4, 0.5f);
    layer.setFixedMask(fixedMask());
    Rng rng(1);
    const Eigen::MatrixXf in = randomMatrix(4, 3, -1.0f, 1.0f, rng);
    Eigen::MatrixXf out(4, 3);
    layer.reserve(3);
    layer.forward(in, out, trainContext(1, 0));
    EXPECT_EQ(out, in.cwiseProduct(fixedMask()));
    Eigen::MatrixXf gradOut = randomMatrix(4, 3, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf expected = gradOut.cwiseProduct(fixedMask());
    Eigen::MatrixXf gradIn(4, 3);
    layer.backward(in, out, gradOut, gradIn, true);
    EXPECT_EQ(gradIn, expected);
}

TEST(DropoutLayerTest, FixedMaskGradientMatchesCentralDifferences)
{
    DropoutLayer layer(4, 0.5f);
    layer.setFixedMask(fixedMask());
    Rng rng(2);
    Eigen::MatrixXf in = randomMatrix(4, 3, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf probe = randomMatrix(4, 3, -1.0f, 1.0f, rng);
    Eigen::MatrixXf out(4, 3);
    const PassContext context = trainContext(5, 9);
    layer.forward(in, out, context);
    Eigen::MatrixXf gradOut = probe;
    Eigen::MatrixXf gradIn(4, 3);
    layer.backward(in, out, gradOut, gradIn, true);
    const Eigen::VectorXd numeric = centralDifferences(in.data(), in.size(), [&] {
        layer.forward(in, out, context);
        return probeLoss(probe, out);
    });
    EXPECT_TRUE(gradientsMatch(gradIn, numeric));
    // The dropped entries get exactly zero gradient.
    EXPECT_TRUE(((fixedMask().array() == 0.0f) == (gradIn.array() == 0.0f)).all());
}

TEST(DropoutLayerTest, InferModeIsTheIdentity)
{
    DropoutLayer layer(6, 0.5f);
    layer.reserve(5);
    Rng rng(3);
    const Eigen::MatrixXf in = randomMatrix(6, 5, -1.0f, 1.0f, rng);
    Eigen::MatrixXf out(6, 5);
    PassContext context = trainContext(1, 2);
    context.mode = Mode::Infer;
    layer.forward(in, out, context);
    EXPECT_EQ(out, in);
    Eigen::MatrixXf gradOut = randomMatrix(6, 5, -1.0f, 1.0f, rng);
    Eigen::MatrixXf gradIn(6, 5);
    layer.backward(in, out, gradOut, gradIn, true);
    EXPECT_EQ(gradIn, gradOut);
}

TEST(DropoutLayerTest, RateZeroInTrainModeIsTheIdentity)
{
    DropoutLayer layer(6, 0.0f);
    layer.reserve(5);
    Rng rng(4);
    const Eigen::MatrixXf in = randomMatrix(6, 5, -1.0f, 1.0f, rng);
    Eigen::MatrixXf out(6, 5);
    layer.forward(in, out, trainContext(1, 2));
    EXPECT_EQ(out, in);
}

TEST(DropoutLayerTest, DropsAboutRateAndScalesSurvivors)
{
    // 400 x 250 = 100,000 Bernoulli draws: the fraction of zeros has standard
    // deviation sqrt(0.3 * 0.7 / 1e5) = 0.0014, so +-0.01 is a 7-sigma band.
    constexpr int size = 400;
    constexpr int n = 250;
    constexpr float rate = 0.3f;
    DropoutLayer layer(size, rate);
    layer.reserve(n);
    Rng rng(5);
    const Eigen::MatrixXf in = randomMatrix(size, n, 0.5f, 1.5f, rng); // no zeros of its own
    Eigen::MatrixXf out(size, n);
    layer.forward(in, out, trainContext(11, 3));
    const double zeros = double((out.array() == 0.0f).count()) / double(out.size());
    EXPECT_NEAR(zeros, rate, 0.01);
    // Survivors are in / (1 - rate) (inverted dropout keeps the expectation).
    const float scale = 1.0f / (1.0f - rate);
    Index survivors = 0;
    for (Index i = 0; i < out.size(); ++i) {
        if (out.data()[i] != 0.0f) {
            ++survivors;
            ASSERT_NEAR(out.data()[i], in.data()[i] * scale, 1e-6f * std::abs(in.data()[i] * scale));
        }
    }
    EXPECT_EQ(survivors + (out.array() == 0.0f).count(), out.size());
    // The mask holds 0 or 1 / (1 - rate) and is what was applied.
    const Eigen::MatrixXf mask = layer.mask().leftCols(n);
    EXPECT_TRUE(((mask.array() == 0.0f) || (mask.array() == scale)).all());
    EXPECT_EQ(out, in.cwiseProduct(mask));
    // The expectation is kept: mean(out) ~ mean(in) within 1%.
    EXPECT_NEAR(out.cast<double>().mean() / in.cast<double>().mean(), 1.0, 0.01);
}

TEST(DropoutLayerTest, MaskDependsOnSeedStepAndLayerOnly)
{
    constexpr int size = 32;
    constexpr int n = 8;
    DropoutLayer layer(size, 0.5f);
    layer.reserve(n);
    const Eigen::MatrixXf in = Eigen::MatrixXf::Ones(size, n);
    Eigen::MatrixXf out(size, n);
    auto maskFor = [&](const PassContext& context) {
        layer.forward(in, out, context);
        return Eigen::MatrixXf(layer.mask().leftCols(n));
    };
    const Eigen::MatrixXf base = maskFor(trainContext(7, 12, 1));
    EXPECT_EQ(maskFor(trainContext(7, 12, 1)), base) << "same (seed, step, layer) must give the same mask";
    EXPECT_NE(maskFor(trainContext(8, 12, 1)), base) << "another seed";
    EXPECT_NE(maskFor(trainContext(7, 13, 1)), base) << "another step";
    EXPECT_NE(maskFor(trainContext(7, 12, 2)), base) << "another layer";
    // Each sample has its own mask.
    for (Index j = 1; j < n; ++j)
        EXPECT_NE(base.col(j), base.col(0)) << "column " << j;
}

TEST(DropoutLayerTest, MaskOfASampleDoesNotDependOnTheChunking)
{
    // What lets Network split a batch between threads: the chunk that starts at
    // sample 5 draws for samples 5.. exactly what the whole batch draws there,
    // in the forward and in the backward pass.
    constexpr int size = 16;
    constexpr int n = 9;
    Rng rng(6);
    const Eigen::MatrixXf in = randomMatrix(size, n, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf gradOut = randomMatrix(size, n, -1.0f, 1.0f, rng);
    DropoutLayer whole(size, 0.4f);
    whole.reserve(n);
    Eigen::MatrixXf outWhole(size, n), gradInWhole(size, n);
    whole.forward(in, outWhole, trainContext(3, 4, 2, 0));
    Eigen::MatrixXf scratch = gradOut;
    whole.backwardInput(outWhole, scratch, gradInWhole, true, trainContext(3, 4, 2, 0));
    EXPECT_GT((outWhole.array() == 0.0f).count(), 0);

    DropoutLayer chunked(size, 0.4f);
    chunked.reserve(n);
    Eigen::MatrixXf out(size, n), gradIn(size, n);
    scratch = gradOut;
    // The second chunk first, as another thread might.
    for (auto [begin, count] : {std::pair<Index, Index>{5, 4}, std::pair<Index, Index>{0, 5}}) {
        const PassContext context = trainContext(3, 4, 2, begin);
        chunked.forward(in.middleCols(begin, count), out.middleCols(begin, count), context);
        chunked.backwardInput(out.middleCols(begin, count), scratch.middleCols(begin, count),
                              gradIn.middleCols(begin, count), true, context);
    }
    EXPECT_EQ(out, outWhole);
    EXPECT_EQ(gradIn, gradInWhole);
    EXPECT_EQ(gradIn, gradOut.cwiseProduct(whole.mask().leftCols(n)));
}

TEST(DropoutLayerTest, BackwardUsesTheMaskOfTheLastTrainingForward)
{
    DropoutLayer layer(10, 0.5f);
    layer.reserve(4);
    Rng rng(7);
    const Eigen::MatrixXf in = randomMatrix(10, 4, 0.5f, 1.0f, rng);
    Eigen::MatrixXf out(10, 4);
    layer.forward(in, out, trainContext(1, 1));
    Eigen::MatrixXf gradOut = Eigen::MatrixXf::Ones(10, 4);
    Eigen::MatrixXf gradIn(10, 4);
    layer.backward(in, out, gradOut, gradIn, true);
    EXPECT_EQ(gradIn, layer.mask().leftCols(4));
    EXPECT_GT((gradIn.array() == 0.0f).count(), 0);
}

} // namespace
} // namespace mlps
