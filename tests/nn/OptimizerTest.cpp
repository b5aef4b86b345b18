// Optimizers: golden values from the published update rules, range splitting, state.

#include "nn/Optimizer.h"
#include "nn/Optimizers.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace mlps {
namespace {

// Two steps on five weights with a learning rate that changes between the
// steps (as a schedule would), which tells Keras' momentum form (lr inside the
// velocity) apart from PyTorch's (lr outside).
constexpr std::array<double, 5> kW0 = {0.5, -1.2, 0.0, 2.0, -0.3};
constexpr std::array<double, 5> kG1 = {0.1, -0.4, 0.25, -2.0, 0.0};
constexpr std::array<double, 5> kG2 = {-0.2, 0.3, 0.25, 1.5, 0.05};
constexpr float kLr1 = 0.1f;
constexpr float kLr2 = 0.05f;

using Weights = std::array<double, 5>;

struct Golden {
    OptimizerSpec spec;
    Weights afterStep1;
    Weights afterStep2;
};

OptimizerSpec specOf(OptimizerKind kind)
{
    OptimizerSpec spec; // Keras defaults: momentum 0.9, beta1 0.9, beta2 0.999, rho 0.9, epsilon 1e-7
    spec.kind = kind;
    return spec;
}

// Expected weights, worked out by hand from the formulas (and re-checked with a
// few lines of Python in double precision), with the Keras defaults above:
//  SGD:      w -= lr g
//  Momentum: v = 0.9 v - lr g; w += v                 (tf.keras.optimizers.SGD(momentum=0.9))
//            e.g. w[1]: v1 = 0.04, w = -1.16; v2 = 0.036 - 0.015 = 0.021, w = -1.139
//  Nesterov: v = 0.9 v - lr g; w += 0.9 v - lr g      (nesterov=True)
//            e.g. w[0]: v1 = -0.01, w = 0.5 - 0.009 - 0.01 = 0.481
//  Adam:     m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2;
//            w -= lr (m / (1 - 0.9^t)) / (sqrt(v / (1 - 0.999^t)) + 1e-7)   (torch.optim.Adam docs)
//            step 1 is w -= lr g / (|g| + 1e-7), e.g. w[0] = 0.5 - 0.1 * 0.1 / 0.1000001 = 0.4000001
//  RMSprop:  v = 0.9 v + 0.1 g^2; w -= lr g / (sqrt(v) + 1e-7)
//            step 1 is w -= lr g / (sqrt(0.1) |g| + 1e-7), e.g. w[0] = 0.5 - 0.1 / sqrt(0.1) = 0.18377
std::vector<Golden> goldens()
{
    return {
        {specOf(OptimizerKind::Sgd),
         {0.49, -1.16, -0.025, 2.2, -0.3},
         {0.5, -1.175, -0.0375, 2.125, -0.3025}},
        {specOf(OptimizerKind::Momentum),
         {0.49, -1.16, -0.025, 2.2, -0.3},
         {0.491, -1.139, -0.06, 2.305, -0.3025}},
        {specOf(OptimizerKind::Nesterov),
         {0.481, -1.124, -0.0475, 2.38, -0.3},
         {0.4919, -1.1201, -0.0915, 2.3995, -0.30475}},
        {specOf(OptimizerKind::Adam),
         {0.4000001, -1.10000002, -0.09999996, 2.1, -0.3},
         {0.418305265, -1.09553378, -0.14999994, 2.10446625, -0.337206736}},
        {specOf(OptimizerKind::RmsProp),
         {0.183773234, -0.883772484, -0.316227366, 2.31622772, -0.3},
         {0.326630173, -0.981830487, -0.430935128, 2.21816966, -0.458112883}},
    };
}

Eigen::VectorXf toFloat(const Weights& w)
{
    Eigen::VectorXf v(5);
    for (int i = 0; i < 5; ++i)
        v[i] = float(w[std::size_t(i)]);
    return v;
}

class OptimizerGoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(OptimizerGoldenTest, TwoStepsMatchThePublishedFormula)
{
    const Golden& golden = GetParam();
    auto optimizer = makeOptimizer(golden.spec);
    ASSERT_NE(optimizer, nullptr);
    optimizer->reset(5);
    Eigen::VectorXf w = toFloat(kW0);
    optimizer->step(w, toFloat(kG1), kLr1);
    for (int i = 0; i < 5; ++i)
        EXPECT_NEAR(w[i], golden.afterStep1[std::size_t(i)], 2e-6) << "step 1, weight " << i;
    optimizer->step(w, toFloat(kG2), kLr2);
    for (int i = 0; i < 5; ++i)
        EXPECT_NEAR(w[i], golden.afterStep2[std::size_t(i)], 2e-6) << "step 2, weight " << i;
    EXPECT_EQ(optimizer->steps(), 2);
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerGoldenTest, ::testing::ValuesIn(goldens()),
                         [](const ::testing::TestParamInfo<Golden>& paramInfo) {
                             return std::string(optimizerName(paramInfo.param.spec.kind));
                         });

// A double-precision transcription of the same formulas, for longer runs with
// non-default hyper-parameters.
struct ReferenceOptimizer {
    OptimizerSpec spec;
    std::vector<double> v, m, s;
    long long t = 0;

    void step(std::vector<double>& w, const std::vector<double>& g, double lr)
    {
        const std::size_t n = w.size();
        v.resize(n, 0.0);
        m.resize(n, 0.0);
        s.resize(n, 0.0);
        ++t;
        for (std::size_t i = 0; i < n; ++i) {
            switch (spec.kind) {
            case OptimizerKind::Sgd:
                w[i] -= lr * g[i];
                break;
            case OptimizerKind::Momentum:
                v[i] = spec.momentum * v[i] - lr * g[i];
                w[i] += v[i];
                break;
            case OptimizerKind::Nesterov:
                v[i] = spec.momentum * v[i] - lr * g[i];
                w[i] += spec.momentum * v[i] - lr * g[i];
                break;
            case OptimizerKind::Adam: {
                m[i] = spec.beta1 * m[i] + (1.0 - spec.beta1) * g[i];
                s[i] = spec.beta2 * s[i] + (1.0 - spec.beta2) * g[i] * g[i];
                const double mHat = m[i] / (1.0 - std::pow(double(spec.beta1), double(t)));
                const double sHat = s[i] / (1.0 - std::pow(double(spec.beta2), double(t)));
                w[i] -= lr * mHat / (std::sqrt(sHat) + spec.epsilon);
                break;
            }
            case OptimizerKind::RmsProp:
                s[i] = spec.rho * s[i] + (1.0 - spec.rho) * g[i] * g[i];
                w[i] -= lr * g[i] / (std::sqrt(s[i]) + spec.epsilon);
                break;
            }
        }
    }
};

class OptimizerReferenceTest : public ::testing::TestWithParam<OptimizerKind> {};

TEST_P(OptimizerReferenceTest, TwentyStepsFollowTheDoubleReference)
{
    OptimizerSpec spec;
    spec.kind = GetParam();
    spec.momentum = 0.5f;
    spec.beta1 = 0.8f;
    spec.beta2 = 0.99f;
    spec.rho = 0.7f;
    spec.epsilon = 1e-4f;
    ReferenceOptimizer reference{spec, {}, {}, {}, 0};
    auto optimizer = makeOptimizer(spec);
    constexpr int n = 9;
    optimizer->reset(n);
    Rng rng(71);
    std::vector<double> wRef(n);
    Eigen::VectorXf w(n);
    for (int i = 0; i < n; ++i)
        w[i] = float(wRef[std::size_t(i)] = rng.uniform(-1.0f, 1.0f));
    for (int step = 0; step < 20; ++step) {
        const float lr = 0.05f / float(1 + step); // a decaying rate
        std::vector<double> g(n);
        Eigen::VectorXf gf(n);
        for (int i = 0; i < n; ++i)
            gf[i] = float(g[std::size_t(i)] = rng.uniform(-1.0f, 1.0f));
        reference.step(wRef, g, lr);
        optimizer->step(w, gf, lr);
    }
    for (int i = 0; i < n; ++i)
        EXPECT_NEAR(w[i], wRef[std::size_t(i)], 1e-5) << optimizerName(spec.kind) << " weight " << i;
}

constexpr OptimizerKind kAllKinds[] = {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                       OptimizerKind::Adam, OptimizerKind::RmsProp};

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerReferenceTest, ::testing::ValuesIn(kAllKinds),
                         [](const ::testing::TestParamInfo<OptimizerKind>& paramInfo) {
                             return std::string(optimizerName(paramInfo.param));
                         });

class OptimizerRangeTest : public ::testing::TestWithParam<OptimizerKind> {};

TEST_P(OptimizerRangeTest, DisjointRangesEqualOneWholeUpdate)
{
    // What Network::trainStep relies on: threads update disjoint slices between one
    // beginStep() and the next, and the result is the whole-vector update, bit for bit.
    const OptimizerSpec spec = specOf(GetParam());
    auto whole = makeOptimizer(spec);
    auto split = makeOptimizer(spec);
    constexpr int n = 37;
    whole->reset(n);
    split->reset(n);
    Rng rng(81);
    Eigen::VectorXf a(n);
    for (int i = 0; i < n; ++i)
        a[i] = rng.uniform(-1.0f, 1.0f);
    Eigen::VectorXf b = a;
    for (int step = 0; step < 5; ++step) {
        Eigen::VectorXf g(n);
        for (int i = 0; i < n; ++i)
            g[i] = rng.uniform(-1.0f, 1.0f);
        whole->step(a, g, 0.03f);
        split->beginStep();
        split->update(b.data(), g.data(), 16, n, 0.03f); // order of the slices does not matter
        split->update(b.data(), g.data(), 0, 16, 0.03f);
        EXPECT_EQ(a, b) << "step " << step;
    }
    EXPECT_EQ(whole->steps(), split->steps());
}

TEST_P(OptimizerRangeTest, ResetClearsTheState)
{
    const OptimizerSpec spec = specOf(GetParam());
    auto used = makeOptimizer(spec);
    auto fresh = makeOptimizer(spec);
    used->reset(5);
    fresh->reset(5);
    Eigen::VectorXf w = toFloat(kW0);
    used->step(w, toFloat(kG1), 0.1f);
    used->step(w, toFloat(kG2), 0.1f);
    used->reset(5);
    EXPECT_EQ(used->steps(), 0);
    Eigen::VectorXf a = toFloat(kW0), b = toFloat(kW0);
    used->step(a, toFloat(kG2), 0.1f);
    fresh->step(b, toFloat(kG2), 0.1f);
    EXPECT_EQ(a, b);
}

TEST_P(OptimizerRangeTest, UpdateTouchesOnlyItsRange)
{
    auto optimizer = makeOptimizer(specOf(GetParam()));
    optimizer->reset(6);
    Eigen::VectorXf w = Eigen::VectorXf::Constant(6, 1.0f);
    const Eigen::VectorXf g = Eigen::VectorXf::Constant(6, 0.5f);
    optimizer->beginStep();
    optimizer->update(w.data(), g.data(), 2, 4, 0.1f);
    EXPECT_EQ(w[0], 1.0f);
    EXPECT_EQ(w[1], 1.0f);
    EXPECT_LT(w[2], 1.0f);
    EXPECT_LT(w[3], 1.0f);
    EXPECT_EQ(w[4], 1.0f);
    EXPECT_EQ(w[5], 1.0f);
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerRangeTest, ::testing::ValuesIn(kAllKinds),
                         [](const ::testing::TestParamInfo<OptimizerKind>& paramInfo) {
                             return std::string(optimizerName(paramInfo.param));
                         });

TEST(OptimizerTest, StateVectorsAreNamedForCheckpoints)
{
    auto names = [](OptimizerKind kind) {
        auto optimizer = makeOptimizer(specOf(kind));
        optimizer->reset(3);
        std::vector<std::string> result;
        for (auto& [name, vector] : optimizer->state()) {
            EXPECT_EQ(vector->size(), 3) << name;
            result.push_back(name);
        }
        return result;
    };
    EXPECT_TRUE(names(OptimizerKind::Sgd).empty());
    EXPECT_EQ(names(OptimizerKind::Momentum), std::vector<std::string>{"velocity"});
    EXPECT_EQ(names(OptimizerKind::Adam), (std::vector<std::string>{"m", "v"}));
    EXPECT_EQ(names(OptimizerKind::RmsProp), std::vector<std::string>{"v"});
}

TEST(OptimizerTest, MomentumVelocityIsKerasSign)
{
    // Keras keeps v = mu v - lr g (negative along the gradient), PyTorch keeps +g.
    auto optimizer = makeOptimizer(specOf(OptimizerKind::Momentum));
    optimizer->reset(1);
    Eigen::VectorXf w(1), g(1);
    w << 0.0f;
    g << 2.0f;
    optimizer->step(w, g, 0.1f);
    EXPECT_FLOAT_EQ((*optimizer->state()[0].second)[0], -0.2f);
    EXPECT_FLOAT_EQ(w[0], -0.2f);
}

TEST(OptimizerSpecTest, NamesRoundTrip)
{
    for (OptimizerKind kind : kAllKinds)
        EXPECT_EQ(parseOptimizer(optimizerName(kind)), kind);
    EXPECT_FALSE(parseOptimizer("adagrad").has_value());
}

TEST(OptimizerSpecTest, ValidateRejectsBadValues)
{
    EXPECT_EQ(OptimizerSpec{}.validate(), "");
    auto rejects = [](OptimizerKind kind, auto change) {
        OptimizerSpec spec;
        spec.kind = kind;
        EXPECT_EQ(spec.validate(), "") << optimizerName(kind);
        change(spec);
        EXPECT_NE(spec.validate(), "") << optimizerName(kind);
    };
    rejects(OptimizerKind::Sgd, [](OptimizerSpec& s) { s.learningRate = 0.0f; });
    rejects(OptimizerKind::Sgd, [](OptimizerSpec& s) { s.learningRate = -0.1f; });
    rejects(OptimizerKind::Sgd, [](OptimizerSpec& s) { s.learningRate = std::nanf(""); });
    rejects(OptimizerKind::Momentum, [](OptimizerSpec& s) { s.momentum = 1.0f; });
    rejects(OptimizerKind::Nesterov, [](OptimizerSpec& s) { s.momentum = -0.1f; });
    rejects(OptimizerKind::Adam, [](OptimizerSpec& s) { s.beta1 = 1.0f; });
    rejects(OptimizerKind::Adam, [](OptimizerSpec& s) { s.beta2 = 1.5f; });
    rejects(OptimizerKind::Adam, [](OptimizerSpec& s) { s.epsilon = 0.0f; });
    rejects(OptimizerKind::RmsProp, [](OptimizerSpec& s) { s.rho = 1.0f; });
    rejects(OptimizerKind::RmsProp, [](OptimizerSpec& s) { s.epsilon = -1e-7f; });
    // Hyper-parameters of other optimizers are not checked.
    OptimizerSpec sgd;
    sgd.momentum = 5.0f;
    EXPECT_EQ(sgd.validate(), "");
}

} // namespace
} // namespace mlps
