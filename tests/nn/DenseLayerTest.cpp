// DenseLayer: gradient checks for every activation and the weight initializers.

#include "GradientCheck.h"

#include "nn/DenseLayer.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::probeLoss;
using test::randomMatrix;

constexpr Activation kAllActivations[] = {Activation::Relu,      Activation::Sigmoid, Activation::Tanh,
                                          Activation::LeakyRelu, Activation::Elu,     Activation::Linear};

// A small dense layer bound to its own buffers, with an input batch and a
// probe (the upstream gradient dL/dout of the loss sum(probe .* out)).
struct DenseFixture {
    static constexpr int kInputs = 4;
    static constexpr int kUnits = 5;
    static constexpr int kBatch = 3;
    // Every pre-activation is at least this far from 0, so that a step of
    // 1e-3 in a weight or an input never crosses the kink of (leaky) ReLU.
    static constexpr double kKinkMargin = 0.05;

    explicit DenseFixture(Activation activation, std::uint64_t seed = 7)
        : layer(kInputs, DenseSpec{kUnits, activation, 0.0f})
    {
        parameters.resize(layer.parameterCount());
        gradients.setZero(layer.parameterCount());
        layer.bind(parameters.data(), gradients.data());
        Rng rng(seed, 100);
        // Redraw until no pre-activation is near 0 (a "grad_expect"-style guard).
        for (int attempt = 0;; ++attempt) {
            parameters = randomMatrix(layer.parameterCount(), 1, -1.0f, 1.0f, rng);
            input = randomMatrix(kInputs, kBatch, -1.0f, 1.0f, rng);
            if (minAbsPreActivation() >= kKinkMargin)
                break;
            EXPECT_LT(attempt, 1000) << "could not draw a problem away from the kinks";
        }
        probe = randomMatrix(kUnits, kBatch, -1.0f, 1.0f, rng);
        output.resize(kUnits, kBatch);
    }

    double minAbsPreActivation() const
    {
        const Eigen::Map<const Eigen::MatrixXf> w(parameters.data(), kUnits, kInputs);
        const Eigen::Map<const Eigen::VectorXf> b(parameters.data() + kUnits * kInputs, kUnits);
        const Eigen::MatrixXd z = (w.cast<double>() * input.cast<double>()).colwise() + b.cast<double>();
        return z.cwiseAbs().minCoeff();
    }

    double loss()
    {
        layer.forward(input, output, PassContext{});
        return probeLoss(probe, output);
    }

    // Runs forward and backward; returns dL/din and leaves dL/dparameters in `gradients`.
    Eigen::MatrixXf backward(bool needGradIn = true)
    {
        layer.forward(input, output, PassContext{});
        Eigen::MatrixXf gradOut = probe;
        Eigen::MatrixXf gradIn = Eigen::MatrixXf::Constant(kInputs, kBatch, 123.0f);
        layer.backward(input, output, gradOut, gradIn, needGradIn);
        return gradIn;
    }

    DenseLayer layer;
    Eigen::VectorXf parameters;
    Eigen::VectorXf gradients;
    Eigen::MatrixXf input;
    Eigen::MatrixXf probe;
    Eigen::MatrixXf output;
};

class DenseLayerGradientTest : public ::testing::TestWithParam<Activation> {};

TEST_P(DenseLayerGradientTest, ParameterGradientMatchesCentralDifferences)
{
    DenseFixture f(GetParam());
    f.backward();
    const Eigen::VectorXf analytic = f.gradients;
    const Eigen::VectorXd numeric = centralDifferences(f.parameters.data(), f.parameters.size(), [&] { return f.loss(); });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
    // Not vacuous: the gradient has entries of a sensible size.
    EXPECT_GT(analytic.cwiseAbs().maxCoeff(), 1e-2f);
}

TEST_P(DenseLayerGradientTest, InputGradientMatchesCentralDifferences)
{
    DenseFixture f(GetParam());
    const Eigen::MatrixXf analytic = f.backward();
    const Eigen::VectorXd numeric = centralDifferences(f.input.data(), f.input.size(), [&] { return f.loss(); });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
    EXPECT_GT(analytic.cwiseAbs().maxCoeff(), 1e-2f);
}

TEST_P(DenseLayerGradientTest, BackwardWritesRatherThanAccumulates)
{
    DenseFixture f(GetParam());
    const Eigen::MatrixXf gradIn1 = f.backward();
    const Eigen::VectorXf first = f.gradients;
    const Eigen::MatrixXf gradIn2 = f.backward();
    EXPECT_EQ(f.gradients, first) << "a second backward pass must overwrite the gradient, not add to it";
    EXPECT_EQ(gradIn2, gradIn1);
}

TEST_P(DenseLayerGradientTest, ParameterGradientDoesNotNeedInputGradient)
{
    DenseFixture f(GetParam());
    f.backward(true);
    const Eigen::VectorXf withGradIn = f.gradients;
    f.gradients.setZero();
    const Eigen::MatrixXf untouched = f.backward(false);
    EXPECT_EQ(f.gradients, withGradIn);
    EXPECT_TRUE((untouched.array() == 123.0f).all()) << "gradIn must not be written when needGradIn is false";
}

INSTANTIATE_TEST_SUITE_P(AllActivations, DenseLayerGradientTest, ::testing::ValuesIn(kAllActivations),
                         [](const ::testing::TestParamInfo<Activation>& paramInfo) {
                             return std::string(activationName(paramInfo.param));
                         });

TEST(DenseLayerTest, SizesAndParameterCount)
{
    const DenseLayer layer(784, DenseSpec{128, Activation::Relu, 0.0f});
    EXPECT_EQ(layer.inputSize(), 784);
    EXPECT_EQ(layer.outputSize(), 128);
    EXPECT_EQ(layer.weightCount(), 784 * 128);
    // Keras: 784 * 128 weights + 128 biases = 100,480.
    EXPECT_EQ(layer.parameterCount(), 100480);
}

TEST(DenseLayerTest, ForwardIsWxPlusBThenActivation)
{
    // W = [[1, 2], [-3, 0.5]] (column-major: 1, -3, 2, 0.5), b = [0.5, -1], x = [1, 2]:
    // z = [1 + 4 + 0.5, -3 + 1 - 1] = [5.5, -3]; relu -> [5.5, 0], linear -> z.
    Eigen::VectorXf parameters(6);
    parameters << 1.0f, -3.0f, 2.0f, 0.5f, 0.5f, -1.0f;
    Eigen::VectorXf gradients(6);
    Eigen::MatrixXf x(2, 1);
    x << 1.0f, 2.0f;
    Eigen::MatrixXf y(2, 1);
    DenseLayer relu(2, DenseSpec{2, Activation::Relu, 0.0f});
    relu.bind(parameters.data(), gradients.data());
    relu.forward(x, y, PassContext{});
    EXPECT_FLOAT_EQ(y(0, 0), 5.5f);
    EXPECT_FLOAT_EQ(y(1, 0), 0.0f);
    DenseLayer linear(2, DenseSpec{2, Activation::Linear, 0.0f});
    linear.bind(parameters.data(), gradients.data());
    linear.forward(x, y, PassContext{});
    EXPECT_FLOAT_EQ(y(0, 0), 5.5f);
    EXPECT_FLOAT_EQ(y(1, 0), -3.0f);
}

// The initializers, checked on a 784 -> 256 layer (200,704 weights): bounds and variance.
class DenseInitTest : public ::testing::TestWithParam<Init> {};

TEST_P(DenseInitTest, VarianceAndBoundsFollowTheScheme)
{
    constexpr int inputs = 784;
    constexpr int outputs = 256;
    const Init init = GetParam();
    const bool he = init == Init::HeUniform || init == Init::HeNormal;
    const bool uniform = init == Init::HeUniform || init == Init::GlorotUniform;
    // He et al. 2015: Var(w) = 2 / fan_in; Glorot & Bengio 2010: Var(w) = 2 / (fan_in + fan_out).
    const double variance = he ? 2.0 / inputs : 2.0 / (inputs + outputs);
    // Uniform on [-sqrt(3 var), sqrt(3 var)]; Keras' truncated normal with
    // stddev sqrt(var) / 0.87962566 cut at two of its standard deviations.
    const double bound = uniform ? std::sqrt(3.0 * variance) : 2.0 * std::sqrt(variance) / 0.87962566103423978;

    Eigen::VectorXf weights(Index(inputs) * outputs);
    Eigen::VectorXf bias = Eigen::VectorXf::Constant(outputs, 9.0f);
    Rng rng(42, RngStream::Init);
    DenseLayer::initialize(weights.data(), bias.data(), outputs, inputs, init, rng);

    EXPECT_TRUE((bias.array() == 0.0f).all());
    EXPECT_LE(weights.cwiseAbs().maxCoeff(), bound * (1.0 + 1e-6));
    // The largest weight is close to the bound (the full range is used).
    EXPECT_GT(weights.cwiseAbs().maxCoeff(), 0.95 * bound);
    const double mean = weights.cast<double>().mean();
    const double var = (weights.cast<double>().array() - mean).square().mean();
    EXPECT_NEAR(mean, 0.0, 0.02 * std::sqrt(variance));
    EXPECT_NEAR(var / variance, 1.0, 0.02) << initName(init);
}

INSTANTIATE_TEST_SUITE_P(AllInits, DenseInitTest,
                         ::testing::Values(Init::HeUniform, Init::HeNormal, Init::GlorotUniform, Init::GlorotNormal),
                         [](const ::testing::TestParamInfo<Init>& paramInfo) { return std::string(initName(paramInfo.param)); });

TEST(DenseLayerTest, InitializationIsReproducible)
{
    Eigen::VectorXf a(50), b(50), bias(10);
    Rng rng1(3, RngStream::Init), rng2(3, RngStream::Init), rng3(4, RngStream::Init);
    DenseLayer::initialize(a.data(), bias.data(), 10, 5, Init::HeNormal, rng1);
    DenseLayer::initialize(b.data(), bias.data(), 10, 5, Init::HeNormal, rng2);
    EXPECT_EQ(a, b);
    DenseLayer::initialize(b.data(), bias.data(), 10, 5, Init::HeNormal, rng3);
    EXPECT_NE(a, b);
}

TEST(DenseLayerTest, InitNamesRoundTrip)
{
    for (Init init : {Init::HeUniform, Init::HeNormal, Init::GlorotUniform, Init::GlorotNormal}) {
        Init parsed = Init::HeUniform == init ? Init::GlorotNormal : Init::HeUniform;
        ASSERT_TRUE(parseInit(initName(init), parsed)) << initName(init);
        EXPECT_EQ(parsed, init);
    }
    Init out = Init::HeNormal;
    EXPECT_FALSE(parseInit("lecun", out));
    EXPECT_EQ(out, Init::HeNormal) << "a failed parse must leave the output alone";
    EXPECT_TRUE(parseInit("xavier", out));
    EXPECT_EQ(out, Init::GlorotUniform);
}

} // namespace
} // namespace mlps
