// Activation functions: values, derivatives from the output, names.

#include "nn/Activation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace mlps {
namespace {

constexpr Activation kAllActivations[] = {Activation::Relu,      Activation::Sigmoid, Activation::Tanh,
                                          Activation::LeakyRelu, Activation::Elu,     Activation::Linear};

TEST(ActivationTest, ValuesAtKnownPoints)
{
    // Reference values: the textbook definitions evaluated in double
    // (sigmoid(2) = 1 / (1 + e^-2), tanh(0.5), elu(-1) = e^-1 - 1).
    EXPECT_EQ(activate(Activation::Relu, -2.0f), 0.0f);
    EXPECT_EQ(activate(Activation::Relu, 3.5f), 3.5f);
    EXPECT_FLOAT_EQ(activate(Activation::Sigmoid, 0.0f), 0.5f);
    EXPECT_NEAR(activate(Activation::Sigmoid, 2.0f), 0.8807970779778823, 1e-6);
    EXPECT_NEAR(activate(Activation::Sigmoid, -3.0f), 0.04742587317756678, 1e-7);
    EXPECT_NEAR(activate(Activation::Tanh, 0.5f), 0.46211715726000974, 1e-6);
    EXPECT_NEAR(activate(Activation::Tanh, -2.0f), -0.9640275800758169, 1e-6);
    // Leaky ReLU slope 0.01 (PyTorch's default negative_slope).
    EXPECT_FLOAT_EQ(activate(Activation::LeakyRelu, -2.0f), -0.02f);
    EXPECT_EQ(activate(Activation::LeakyRelu, 1.25f), 1.25f);
    // ELU with alpha = 1 (Keras and PyTorch).
    EXPECT_NEAR(activate(Activation::Elu, -1.0f), -0.6321205588285577, 1e-6);
    EXPECT_EQ(activate(Activation::Elu, 0.75f), 0.75f);
    EXPECT_EQ(activate(Activation::Linear, -4.25f), -4.25f);
}

TEST(ActivationTest, SaturatesWithoutNan)
{
    EXPECT_NEAR(activate(Activation::Sigmoid, 100.0f), 1.0f, 1e-7);
    EXPECT_NEAR(activate(Activation::Sigmoid, -100.0f), 0.0f, 1e-7);
    EXPECT_NEAR(activate(Activation::Elu, -100.0f), -1.0f, 1e-7);
    EXPECT_NEAR(activate(Activation::Tanh, 50.0f), 1.0f, 1e-7);
}

class ActivationDerivativeTest : public ::testing::TestWithParam<Activation> {};

TEST_P(ActivationDerivativeTest, DerivativeFromOutputMatchesCentralDifference)
{
    const Activation activation = GetParam();
    // Points away from 0, where ReLU and leaky ReLU have their kink.
    for (float x : {-3.0f, -1.1f, -0.4f, -0.05f, 0.05f, 0.3f, 0.9f, 2.2f}) {
        const float h = 1e-3f;
        const double numeric = (double(activate(activation, x + h)) - double(activate(activation, x - h)))
                               / (double(x + h) - double(x - h));
        const double analytic = activationDerivativeFromOutput(activation, activate(activation, x));
        EXPECT_NEAR(analytic, numeric, 1e-3 + 1e-2 * std::abs(numeric))
            << activationName(activation) << " at x = " << x;
    }
}

TEST_P(ActivationDerivativeTest, NameRoundTrip)
{
    const Activation activation = GetParam();
    const auto parsed = parseActivation(activationName(activation));
    ASSERT_TRUE(parsed.has_value()) << activationName(activation);
    EXPECT_EQ(*parsed, activation);
}

INSTANTIATE_TEST_SUITE_P(AllActivations, ActivationDerivativeTest, ::testing::ValuesIn(kAllActivations),
                         [](const ::testing::TestParamInfo<Activation>& paramInfo) {
                             return std::string(activationName(paramInfo.param));
                         });

TEST(ActivationTest, NamesAreTheKerasOnes)
{
    EXPECT_STREQ(activationName(Activation::Relu), "relu");
    EXPECT_STREQ(activationName(Activation::Sigmoid), "sigmoid");
    EXPECT_STREQ(activationName(Activation::Tanh), "tanh");
    EXPECT_STREQ(activationName(Activation::LeakyRelu), "leaky_relu");
    EXPECT_STREQ(activationName(Activation::Elu), "elu");
    EXPECT_STREQ(activationName(Activation::Linear), "linear");
}

TEST(ActivationTest, ParseAcceptsAliasesAndRejectsUnknownNames)
{
    EXPECT_EQ(parseActivation("leaky-relu"), Activation::LeakyRelu);
    EXPECT_EQ(parseActivation("leakyrelu"), Activation::LeakyRelu);
    EXPECT_EQ(parseActivation("identity"), Activation::Linear);
    EXPECT_EQ(parseActivation("none"), Activation::Linear);
    EXPECT_FALSE(parseActivation("softplus").has_value());
    EXPECT_FALSE(parseActivation("").has_value());
    EXPECT_FALSE(parseActivation("RELU").has_value());
}

} // namespace
} // namespace mlps
