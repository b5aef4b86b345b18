// Saliency: the gradient of a class's logit with respect to the input,
// checked against the weights of a linear model and against central differences.

#include "GradientCheck.h"

#include "nn/Network.h"
#include "nn/Rng.h"
#include "nn/Saliency.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::randomMatrix;

// log p_a - log p_b of one input, in double: the softmax's normalizer cancels,
// so this is exactly z_a - z_b, the logits' difference, computed through the
// public predict() (the network does not expose its logits).
double logitDifference(Network& network, const Eigen::VectorXf& x, int a, int b)
{
    Eigen::MatrixXf p(network.spec().classes, 1);
    network.predict(x, p);
    return std::log(double(p(a, 0))) - std::log(double(p(b, 0)));
}

NetworkSpec smoothSpec()
{
    NetworkSpec spec;
    spec.inputSize = 7;
    spec.classes = 4;
    spec.hidden = {DenseSpec {9, Activation::Tanh, 0.01f}, DropoutSpec {0.5f}, DenseSpec {6, Activation::Elu, 0.0f},
                   DenseSpec {5, Activation::Sigmoid, 0.0f}};
    return spec;
}

TEST(SaliencyTest, LogisticRegressionGradientIsTheClassWeightRow)
{
    // Without hidden layers z = W x + b, so d z_c / dx is row c of W.
    NetworkSpec spec;
    spec.inputSize = 6;
    spec.classes = 3;
    Network network(spec, 1);
    network.initialize(3);
    const DenseBlock& output = network.layout().blocks.back();
    const Eigen::Map<const Eigen::MatrixXf> weights(network.parameters().data() + output.weightOffset, 3, 6);
    Rng rng(4);
    const Eigen::VectorXf x = randomMatrix(6, 1, 0.0f, 1.0f, rng);
    for (int c = 0; c < 3; ++c) {
        const Eigen::VectorXf g = classScoreGradient(network, x.data(), 6, c);
        ASSERT_EQ(g.size(), 6);
        for (Index i = 0; i < 6; ++i)
            EXPECT_FLOAT_EQ(g[i], weights(c, i)) << "class " << c << ", input " << i;
    }
}

// For every pair of classes (a, b): d z_a/dx - d z_b/dx equals the central
// differences of z_a - z_b (read as log p_a - log p_b).
void expectMatchesCentralDifferences(const NetworkSpec& spec, std::uint64_t seed)
{
    Network network(spec, 1);
    network.initialize(seed);
    Rng rng(seed + 1);
    for (int sample = 0; sample < 3; ++sample) {
        Eigen::VectorXf x = randomMatrix(spec.inputSize, 1, 0.05f, 0.95f, rng);
        std::vector<Eigen::VectorXf> gradients;
        for (int c = 0; c < spec.classes; ++c)
            gradients.push_back(classScoreGradient(network, x.data(), spec.inputSize, c));
        for (int a = 0; a < spec.classes; ++a) {
            for (int b = 0; b < spec.classes; ++b) {
                if (a == b)
                    continue;
                const Eigen::VectorXd numeric
                    = centralDifferences(x.data(), x.size(), [&] { return logitDifference(network, x, a, b); });
                const Eigen::VectorXf analytic = gradients[std::size_t(a)] - gradients[std::size_t(b)];
                EXPECT_TRUE(gradientsMatch(analytic, numeric))
                    << "sample " << sample << ", classes " << a << " - " << b;
                // The contrast form is the same difference, in one backward pass.
                const Eigen::VectorXf contrast = classContrastGradient(network, x.data(), spec.inputSize, a, b);
                EXPECT_TRUE(contrast.isApprox(analytic, 1e-5f) || (contrast - analytic).norm() < 1e-6f);
            }
        }
    }
}

TEST(SaliencyTest, MatchesCentralDifferencesOfTheLogitsOnASmoothNetwork)
{
    expectMatchesCentralDifferences(smoothSpec(), 11);
}

TEST(SaliencyTest, MatchesCentralDifferencesOfTheLogitsOnAReluNetwork)
{
    // ReLU is piecewise linear; with these seeds no unit sits within the
    // step of its kink, so the differences are exact up to rounding.
    NetworkSpec spec;
    spec.inputSize = 8;
    spec.classes = 3;
    spec.hidden = {DenseSpec {10, Activation::Relu, 0.0f}, DenseSpec {6, Activation::LeakyRelu, 0.0f}};
    expectMatchesCentralDifferences(spec, 21);
}

TEST(SaliencyTest, BatchFormEqualsOneSampleAtATime)
{
    const NetworkSpec spec = smoothSpec();
    Network network(spec, 1);
    network.initialize(31);
    Rng rng(32);
    const Eigen::MatrixXf batch = randomMatrix(spec.inputSize, 5, 0.0f, 1.0f, rng);
    const std::vector<std::int32_t> classes = {0, 3, 1, 1, 2};
    const Eigen::MatrixXf all = classScoreGradients(network, batch, classes);
    ASSERT_EQ(all.rows(), spec.inputSize);
    ASSERT_EQ(all.cols(), 5);
    for (Index j = 0; j < 5; ++j) {
        const Eigen::VectorXf x = batch.col(j);
        const Eigen::VectorXf one = classScoreGradient(network, x.data(), spec.inputSize, classes[std::size_t(j)]);
        EXPECT_TRUE(all.col(j).isApprox(one, 1e-6f)) << "column " << j;
    }
    // Dropout is off (Infer mode): asking again gives the same answer.
    EXPECT_EQ(classScoreGradients(network, batch, classes), all);
}

TEST(SaliencyTest, LeavesTheParameterGradientAlone)
{
    const NetworkSpec spec = smoothSpec();
    Network network(spec, 1);
    network.initialize(41);
    const Eigen::VectorXf before = network.gradient();
    const Eigen::VectorXf parameters = network.parameters();
    Rng rng(42);
    const Eigen::VectorXf x = randomMatrix(spec.inputSize, 1, 0.0f, 1.0f, rng);
    classScoreGradient(network, x.data(), spec.inputSize, 2);
    EXPECT_EQ(network.gradient(), before);
    EXPECT_EQ(network.parameters(), parameters);
}

TEST(SaliencyTest, RefusesABadClassOrInputSize)
{
    const NetworkSpec spec = smoothSpec();
    Network network(spec, 1);
    network.initialize(51);
    const Eigen::VectorXf x = Eigen::VectorXf::Constant(spec.inputSize, 0.5f);
    EXPECT_THROW(classScoreGradient(network, x.data(), spec.inputSize, spec.classes), std::invalid_argument);
    EXPECT_THROW(classScoreGradient(network, x.data(), spec.inputSize, -1), std::invalid_argument);
    EXPECT_THROW(classScoreGradient(network, x.data(), spec.inputSize - 1, 0), std::invalid_argument);
    EXPECT_THROW(classContrastGradient(network, x.data(), spec.inputSize, 0, 9), std::invalid_argument);
    const Eigen::MatrixXf batch = Eigen::MatrixXf::Constant(spec.inputSize, 2, 0.5f);
    EXPECT_THROW(classScoreGradients(network, batch, {0}), std::invalid_argument);
}

} // namespace
} // namespace mlps
