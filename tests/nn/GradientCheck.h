#pragma once

// Shared helpers of the nn test suite: central-difference gradient checks and
// reproducible random matrices.

#include "nn/Rng.h"
#include "nn/Types.h"

#include <gtest/gtest.h>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mlps::test {

// The step and tolerances of the checks: the engine computes in float, so a
// step much below 1e-3 drowns the difference in rounding noise (float has
// ~7 digits), and much above it lets the O(h^2) truncation error of the
// central difference grow. A gradient entry passes when
// |analytic - numeric| <= kRelTolerance * max(|analytic|, |numeric|) + kAbsTolerance.
inline constexpr float kFiniteDifferenceStep = 1e-3f;
inline constexpr double kRelTolerance = 1e-2;
inline constexpr double kAbsTolerance = 2e-4;

// Central differences d loss / d x[i] ~ (loss(x + h e_i) - loss(x - h e_i)) / (2h)
// for i in [0, n). `loss` is a callable returning double that reads x; every
// entry is restored after it has been perturbed. The divisor is the step that
// float actually represents, (x + h) - (x - h), not 2h.
template <class LossFunction>
Eigen::VectorXd centralDifferences(float* x, Index n, LossFunction&& loss, float h = kFiniteDifferenceStep)
{
    Eigen::VectorXd gradient(n);
    for (Index i = 0; i < n; ++i) {
        const float saved = x[i];
        const float plus = saved + h;
        const float minus = saved - h;
        x[i] = plus;
        const double up = loss();
        x[i] = minus;
        const double down = loss();
        x[i] = saved;
        gradient[i] = (up - down) / (double(plus) - double(minus));
    }
    return gradient;
}

// Compares an analytic gradient (float, any Eigen shape, read in storage
// order) with a numeric one entry by entry; the message names the worst entry.
template <class Derived>
::testing::AssertionResult gradientsMatch(const Eigen::DenseBase<Derived>& analytic, const Eigen::VectorXd& numeric,
                                          double relTolerance = kRelTolerance, double absTolerance = kAbsTolerance)
{
    const Eigen::MatrixXd a = analytic.derived().template cast<double>();
    if (a.size() != numeric.size())
        return ::testing::AssertionFailure() << "sizes differ: analytic " << a.size() << ", numeric " << numeric.size();
    Index worst = -1;
    double worstExcess = 0.0;
    Index failures = 0;
    for (Index i = 0; i < numeric.size(); ++i) {
        const double ai = a.data()[i];
        const double ni = numeric[i];
        const double allowed = relTolerance * std::max(std::abs(ai), std::abs(ni)) + absTolerance;
        const double error = std::abs(ai - ni);
        if (!(error <= allowed)) { // also catches NaN
            ++failures;
            const double excess = std::isnan(error) ? HUGE_VAL : error / allowed;
            if (worst < 0 || excess > worstExcess) {
                worst = i;
                worstExcess = excess;
            }
        }
    }
    if (failures == 0)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << failures << " of " << numeric.size()
                                         << " gradient entries differ; worst is entry " << worst << ": analytic "
                                         << a.data()[worst] << ", numeric " << numeric[worst];
}

// A rows x cols matrix of uniform values in [lo, hi) from `rng`.
inline Eigen::MatrixXf randomMatrix(Index rows, Index cols, float lo, float hi, Rng& rng)
{
    Eigen::MatrixXf m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = rng.uniform(lo, hi);
    return m;
}

// sum_ij probe(i, j) * out(i, j) in double: a scalar "loss" whose gradient
// with respect to `out` is exactly `probe`, used to test a layer on its own.
inline double probeLoss(const Eigen::MatrixXf& probe, const Eigen::MatrixXf& out)
{
    return (probe.cast<double>().array() * out.cast<double>().array()).sum();
}

} // namespace mlps::test
