#pragma once

#include "nn/Layer.h"

#include <atomic>

namespace mlps {

// Inverted dropout (Srivastava et al. 2014, as in Keras and PyTorch): in
// training, out = in * m / (1 - rate) with m ~ Bernoulli(1 - rate); at
// inference out = in. The mask of a sample is drawn from (seed, step, layer,
// sample) so it is the same whatever the thread count; threads may run
// forward() and backwardInput() on disjoint columns at the same time.
class DropoutLayer final : public Layer {
public:
    DropoutLayer(int size, float rate);

    int inputSize() const override { return m_size; }
    int outputSize() const override { return m_size; }
    void reserve(Index n) override;

    void forward(ConstMatrixRef in, MatrixRef out, const PassContext& context) override;
    void backwardInput(ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn,
                       const PassContext& context) override;

    float rate() const { return m_rate; }
    // The scaled mask of the last training forward pass (0 or 1 / (1 - rate)).
    const Eigen::MatrixXf& mask() const { return m_mask; }
    // For tests: use this mask (size x n) instead of drawing one.
    void setFixedMask(const Eigen::MatrixXf& mask);

private:
    int m_size;
    float m_rate;
    // Written by every thread of a pass with the same value.
    std::atomic<bool> m_lastWasTraining = false;
    bool m_fixedMask = false;
    Eigen::MatrixXf m_mask;
};

} // namespace mlps
