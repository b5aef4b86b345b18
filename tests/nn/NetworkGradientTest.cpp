// Network::computeGradient against central differences of BatchResult::loss()
// (mean cross-entropy + L2 penalty, what Keras reports), and agreement between
// thread counts.

#include "GradientCheck.h"

#include "nn/Network.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::randomMatrix;

struct Problem {
    Eigen::MatrixXf batch;             // features x n, values in [0, 1]
    std::vector<std::int32_t> labels;
};

Problem makeProblem(int features, int classes, Index n, std::uint64_t seed)
{
    Rng rng(seed, 77);
    Problem p;
    p.batch = randomMatrix(features, n, 0.0f, 1.0f, rng);
    for (Index j = 0; j < n; ++j)
        p.labels.push_back(std::int32_t(rng.below(std::uint64_t(classes))));
    return p;
}

PassContext context(Mode mode, std::uint64_t seed = 5, std::uint64_t step = 3)
{
    PassContext c;
    c.mode = mode;
    c.seed = seed;
    c.step = step;
    return c;
}

// Compares gradient() after computeGradient() with central differences of
// loss() over every parameter of the network.
void expectGradientMatchesFiniteDifferences(Network& network, const Problem& p, const PassContext& c)
{
    const BatchResult result = network.computeGradient(p.batch, p.labels.data(), c);
    ASSERT_TRUE(std::isfinite(result.loss()));
    const Eigen::VectorXf analytic = network.gradient();
    const Eigen::VectorXd numeric = centralDifferences(network.parameters().data(), network.parameterCount(), [&] {
        return network.computeGradient(p.batch, p.labels.data(), c).loss();
    });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
    EXPECT_GT(analytic.cwiseAbs().maxCoeff(), 1e-3f) << "a vanishing gradient would make the check vacuous";
}

// Two hidden layers of one activation, every layer with its own L2 factor.
NetworkSpec smallSpec(Activation activation)
{
    NetworkSpec spec;
    spec.inputSize = 6;
    spec.classes = 3;
    spec.hidden = {DenseSpec{5, activation, 0.01f}, DenseSpec{4, activation, 0.02f}};
    spec.outputL2 = 0.005f;
    return spec;
}

class NetworkGradientTest : public ::testing::TestWithParam<std::tuple<Activation, int>> {};

TEST_P(NetworkGradientTest, GradientWithL2MatchesCentralDifferences)
{
    const auto [activation, threads] = GetParam();
    Network network(smallSpec(activation), threads);
    network.initialize(11);
    const Problem p = makeProblem(6, 3, 5, 12);
    const BatchResult result = network.computeGradient(p.batch, p.labels.data(), context(Mode::Train));
    EXPECT_GT(result.penalty, 0.0) << "the check must include the L2 term";
    expectGradientMatchesFiniteDifferences(network, p, context(Mode::Train));
}

INSTANTIATE_TEST_SUITE_P(
    ActivationsAndThreads, NetworkGradientTest,
    ::testing::Combine(::testing::Values(Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                                         Activation::LeakyRelu, Activation::Elu, Activation::Linear),
                       ::testing::Values(1, 2)),
    [](const ::testing::TestParamInfo<std::tuple<Activation, int>>& paramInfo) {
        return std::string(activationName(std::get<0>(paramInfo.param))) + "_threads"
               + std::to_string(std::get<1>(paramInfo.param));
    });

NetworkSpec dropoutSpec(float rate)
{
    NetworkSpec spec;
    spec.inputSize = 6;
    spec.classes = 4;
    spec.hidden = {DenseSpec{7, Activation::Tanh, 0.01f}, DropoutSpec{rate}, DenseSpec{5, Activation::Elu, 0.0f}};
    spec.outputL2 = 0.003f;
    return spec;
}

class NetworkDropoutGradientTest : public ::testing::TestWithParam<int> {};

TEST_P(NetworkDropoutGradientTest, RateZeroInTrainMode)
{
    Network network(dropoutSpec(0.0f), GetParam());
    network.initialize(21);
    expectGradientMatchesFiniteDifferences(network, makeProblem(6, 4, 6, 22), context(Mode::Train));
}

TEST_P(NetworkDropoutGradientTest, InferModeIgnoresDropout)
{
    Network network(dropoutSpec(0.5f), GetParam());
    network.initialize(23);
    const Problem p = makeProblem(6, 4, 6, 24);
    expectGradientMatchesFiniteDifferences(network, p, context(Mode::Infer));

    // Same dense layers without the dropout layer: the same gradient.
    NetworkSpec plainSpec = dropoutSpec(0.5f);
    plainSpec.hidden.erase(plainSpec.hidden.begin() + 1);
    Network plain(plainSpec, GetParam());
    ASSERT_EQ(plain.parameterCount(), network.parameterCount());
    plain.parameters() = network.parameters();
    const BatchResult a = network.computeGradient(p.batch, p.labels.data(), context(Mode::Infer));
    const BatchResult b = plain.computeGradient(p.batch, p.labels.data(), context(Mode::Train));
    EXPECT_NEAR(a.loss(), b.loss(), 1e-9);
    EXPECT_TRUE(network.gradient().isApprox(plain.gradient(), 1e-6f));
}

TEST_P(NetworkDropoutGradientTest, ActiveDropoutWithFixedSeedAndStep)
{
    // The mask is a function of (seed, step, layer, sample), so repeated passes
    // with one context see one mask and the finite differences are valid.
    Network network(dropoutSpec(0.4f), GetParam());
    network.initialize(25);
    const Problem p = makeProblem(6, 4, 8, 26);
    expectGradientMatchesFiniteDifferences(network, p, context(Mode::Train, 9, 14));
    // Dropout really is active: the training loss differs from the inference one.
    const double train = network.computeGradient(p.batch, p.labels.data(), context(Mode::Train, 9, 14)).loss();
    const double infer = network.computeGradient(p.batch, p.labels.data(), context(Mode::Infer)).loss();
    EXPECT_GT(std::abs(train - infer), 1e-4);
}

INSTANTIATE_TEST_SUITE_P(Threads, NetworkDropoutGradientTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& paramInfo) {
                             return "threads" + std::to_string(paramInfo.param);
                         });

// threads = 1 and threads = 2 on the same parameters and batch: the gradients
// differ only by the order of float sums, and the dropout masks are the same.
class NetworkThreadAgreementTest : public ::testing::TestWithParam<Index> {};

TEST_P(NetworkThreadAgreementTest, OneAndTwoThreadsAgree)
{
    const Index n = GetParam();
    NetworkSpec spec;
    spec.inputSize = 50;
    spec.classes = 10;
    spec.hidden = {DenseSpec{32, Activation::Relu, 0.001f}, DropoutSpec{0.5f}, DenseSpec{16, Activation::Tanh, 0.0f},
                   DropoutSpec{0.2f}};
    spec.outputL2 = 0.002f;
    Network one(spec, 1);
    Network two(spec, 2);
    one.initialize(31);
    two.parameters() = one.parameters();
    const Problem p = makeProblem(50, 10, n, 32);
    for (std::uint64_t step : {0u, 1u, 1000u}) {
        const PassContext c = context(Mode::Train, 33, step);
        const BatchResult a = one.computeGradient(p.batch, p.labels.data(), c);
        const BatchResult b = two.computeGradient(p.batch, p.labels.data(), c);
        EXPECT_EQ(a.size, n);
        EXPECT_EQ(b.size, n);
        EXPECT_EQ(a.correct, b.correct);
        EXPECT_NEAR(a.meanLoss, b.meanLoss, 1e-6 * std::max(1.0, a.meanLoss));
        EXPECT_NEAR(a.penalty, b.penalty, 1e-9);
        const float diff = (one.gradient() - two.gradient()).cwiseAbs().maxCoeff();
        EXPECT_LE(diff, 1e-5f) << "batch " << n << ", step " << step;
        EXPECT_GT(one.gradient().cwiseAbs().maxCoeff(), 1e-3f);
    }
}

// 1 leaves the first thread without samples; 7 splits unevenly.
INSTANTIATE_TEST_SUITE_P(BatchSizes, NetworkThreadAgreementTest, ::testing::Values(1, 2, 7, 64),
                         [](const ::testing::TestParamInfo<Index>& paramInfo) {
                             return "batch" + std::to_string(paramInfo.param);
                         });

TEST(NetworkGradientTest, L2AddsTwiceL2TimesTheWeightsAndNothingToBiases)
{
    // Keras' kernel_regularizer l2(c) adds c * sum(W^2) to the loss: gradient 2 c W.
    NetworkSpec withL2 = smallSpec(Activation::Tanh);
    NetworkSpec without = withL2;
    for (LayerSpec& layer : without.hidden)
        std::get<DenseSpec>(layer).l2 = 0.0f;
    without.outputL2 = 0.0f;
    Network a(withL2, 1), b(without, 1);
    a.initialize(41);
    Rng rng(42);
    for (const DenseBlock& block : a.layout().blocks) // non-zero biases, which must not be penalised
        for (int i = 0; i < block.outputs; ++i)
            a.parameters()[block.biasOffset + i] = rng.uniform(-0.5f, 0.5f);
    b.parameters() = a.parameters();
    const Problem p = makeProblem(6, 3, 4, 43);
    const BatchResult ra = a.computeGradient(p.batch, p.labels.data(), context(Mode::Train));
    const BatchResult rb = b.computeGradient(p.batch, p.labels.data(), context(Mode::Train));
    EXPECT_EQ(ra.meanLoss, rb.meanLoss);
    EXPECT_EQ(rb.penalty, 0.0);

    double expectedPenalty = 0.0;
    const float l2s[] = {0.01f, 0.02f, 0.005f};
    ASSERT_EQ(a.layout().blocks.size(), 3u);
    for (std::size_t k = 0; k < 3; ++k) {
        const DenseBlock& block = a.layout().blocks[k];
        EXPECT_EQ(block.l2, l2s[k]);
        for (Index i = 0; i < block.weightCount(); ++i) {
            const Index at = block.weightOffset + i;
            const double w = a.parameters()[at];
            expectedPenalty += double(l2s[k]) * w * w;
            EXPECT_NEAR(a.gradient()[at] - b.gradient()[at], 2.0 * l2s[k] * w, 1e-6) << "weight " << at;
        }
        for (int i = 0; i < block.outputs; ++i) {
            const Index at = block.biasOffset + i;
            EXPECT_EQ(a.gradient()[at], b.gradient()[at]) << "bias " << at;
        }
    }
    // Relative 1e-6: the engine squares float weights (l2Penalty() even sums them in float).
    EXPECT_NEAR(ra.penalty, expectedPenalty, 1e-6 * expectedPenalty);
    EXPECT_NEAR(a.l2Penalty(), expectedPenalty, 1e-6 * expectedPenalty);
    EXPECT_GT(expectedPenalty, 1e-3);
    EXPECT_DOUBLE_EQ(ra.loss(), ra.meanLoss + ra.penalty);
}

TEST(NetworkGradientTest, TheCheckRejectsSlightlyWrongGradients)
{
    // The tolerances of GradientCheck.h are tight enough to catch the usual
    // mistakes: a gradient 5% off, a forgotten L2 term, a bias gradient left out.
    Network network(smallSpec(Activation::Tanh), 1);
    network.initialize(45);
    const Problem p = makeProblem(6, 3, 5, 46);
    const PassContext c = context(Mode::Train);
    network.computeGradient(p.batch, p.labels.data(), c);
    const Eigen::VectorXf analytic = network.gradient();
    const Eigen::VectorXd numeric = centralDifferences(network.parameters().data(), network.parameterCount(), [&] {
        return network.computeGradient(p.batch, p.labels.data(), c).loss();
    });
    ASSERT_TRUE(gradientsMatch(analytic, numeric));
    EXPECT_FALSE(gradientsMatch(Eigen::VectorXf(1.05f * analytic), numeric));
    Eigen::VectorXf withoutL2 = analytic;
    Eigen::VectorXf withoutBias = analytic;
    for (const DenseBlock& block : network.layout().blocks) {
        for (Index i = 0; i < block.weightCount(); ++i)
            withoutL2[block.weightOffset + i] -= 2.0f * block.l2 * network.parameters()[block.weightOffset + i];
        withoutBias.segment(block.biasOffset, block.outputs).setZero();
    }
    EXPECT_FALSE(gradientsMatch(withoutL2, numeric));
    EXPECT_FALSE(gradientsMatch(withoutBias, numeric));
    Eigen::VectorXf withNan = analytic;
    withNan[3] = std::nanf("");
    EXPECT_FALSE(gradientsMatch(withNan, numeric));
}

TEST(NetworkGradientTest, MeanLossIsTheMeanCrossEntropy)
{
    // A network whose weights are all zero predicts 1/classes for every class:
    // the mean cross-entropy is log(classes) whatever the labels.
    NetworkSpec spec;
    spec.inputSize = 3;
    spec.classes = 5;
    spec.hidden = {DenseSpec{4, Activation::Relu, 0.0f}};
    Network network(spec, 2);
    network.parameters().setZero();
    const Problem p = makeProblem(3, 5, 9, 44);
    const BatchResult r = network.computeGradient(p.batch, p.labels.data(), context(Mode::Train));
    EXPECT_NEAR(r.meanLoss, std::log(5.0), 1e-6);
    EXPECT_EQ(r.penalty, 0.0);
    EXPECT_EQ(r.size, 9);
}

} // namespace
} // namespace mlps
