#pragma once

#include "nn/Optimizer.h"

namespace mlps {

// Plain SGD: w -= lr * g.
class SgdOptimizer final : public Optimizer {
public:
    void reset(Index) override { m_steps = 0; }
    void update(float* w, const float* g, Index begin, Index end, float lr) override;
};

// Keras' SGD with momentum (tf.keras.optimizers.SGD, legacy and current):
//   v = momentum * v - lr * g;  w += v                       (classic)
//   v = momentum * v - lr * g;  w += momentum * v - lr * g   (nesterov)
// With a constant lr these equal PyTorch's torch.optim.SGD; with a decaying lr
// they are Keras', as in the reference lab.
class MomentumOptimizer final : public Optimizer {
public:
    MomentumOptimizer(float momentum, bool nesterov) : m_momentum(momentum), m_nesterov(nesterov) {}
    void reset(Index n) override;
    void update(float* w, const float* g, Index begin, Index end, float lr) override;
    std::vector<std::pair<std::string, Eigen::VectorXf*>> state() override { return {{"velocity", &m_velocity}}; }

private:
    float m_momentum;
    bool m_nesterov;
    Eigen::VectorXf m_velocity;
};

// Adam (Kingma & Ba 2015), as written in torch.optim.Adam's documentation:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
class AdamOptimizer final : public Optimizer {
public:
    AdamOptimizer(float beta1, float beta2, float epsilon) : m_beta1(beta1), m_beta2(beta2), m_epsilon(epsilon) {}
    void reset(Index n) override;
    void update(float* w, const float* g, Index begin, Index end, float lr) override;
    std::vector<std::pair<std::string, Eigen::VectorXf*>> state() override { return {{"m", &m_m}, {"v", &m_v}}; }

private:
    float m_beta1, m_beta2, m_epsilon;
    Eigen::VectorXf m_m, m_v;
};

// RMSprop (Hinton's lecture 6e; Keras' and PyTorch's uncentered form):
//   v = rho v + (1 - rho) g^2;  w -= lr * g / (sqrt(v) + eps)
class RmsPropOptimizer final : public Optimizer {
public:
    RmsPropOptimizer(float rho, float epsilon) : m_rho(rho), m_epsilon(epsilon) {}
    void reset(Index n) override;
    void update(float* w, const float* g, Index begin, Index end, float lr) override;
    std::vector<std::pair<std::string, Eigen::VectorXf*>> state() override { return {{"v", &m_v}}; }

private:
    float m_rho, m_epsilon;
    Eigen::VectorXf m_v;
};

} // namespace mlps
