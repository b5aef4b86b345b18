#include "nn/Optimizers.h"

#include <cmath>

namespace mlps {

void Optimizer::step(Eigen::Ref<Eigen::VectorXf> w, Eigen::Ref<const Eigen::VectorXf> g, float lr)
{
    beginStep();
    update(w.data(), g.data(), 0, w.size(), lr);
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec)
{
    switch (spec.kind) {
    case OptimizerKind::Sgd: return std::make_unique<SgdOptimizer>();
    case OptimizerKind::Momentum: return std::make_unique<MomentumOptimizer>(spec.momentum, false);
    case OptimizerKind::Nesterov: return std::make_unique<MomentumOptimizer>(spec.momentum, true);
    case OptimizerKind::Adam: return std::make_unique<AdamOptimizer>(spec.beta1, spec.beta2, spec.epsilon);
    case OptimizerKind::RmsProp: return std::make_unique<RmsPropOptimizer>(spec.rho, spec.epsilon);
    }
    return nullptr;
}

void SgdOptimizer::update(float* w, const float* g, Index begin, Index end, float lr)
{
    for (Index i = begin; i < end; ++i)
        w[i] -= lr * g[i];
}

void MomentumOptimizer::reset(Index n)
{
    m_velocity.setZero(n);
    m_steps = 0;
}

void MomentumOptimizer::update(float* w, const float* g, Index begin, Index end, float lr)
{
    float* v = m_velocity.data();
    const float mu = m_momentum;
    if (m_nesterov) {
        for (Index i = begin; i < end; ++i) {
            v[i] = mu * v[i] - lr * g[i];
            w[i] += mu * v[i] - lr * g[i];
        }
    } else {
        for (Index i = begin; i < end; ++i) {
            v[i] = mu * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }
}

void AdamOptimizer::reset(Index n)
{
    m_m.setZero(n);
    m_v.setZero(n);
    m_steps = 0;
}

void AdamOptimizer::update(float* w, const float* g, Index begin, Index end, float lr)
{
    const double t = double(m_steps);
    const float correction1 = float(1.0 - std::pow(double(m_beta1), t));
    const float correction2 = float(1.0 - std::pow(double(m_beta2), t));
    const float stepSize = lr / correction1;
    const float invSqrtCorrection2 = 1.0f / std::sqrt(correction2);
    float* m = m_m.data();
    float* v = m_v.data();
    for (Index i = begin; i < end; ++i) {
        m[i] = m_beta1 * m[i] + (1.0f - m_beta1) * g[i];
        v[i] = m_beta2 * v[i] + (1.0f - m_beta2) * g[i] * g[i];
        w[i] -= stepSize * m[i] / (std::sqrt(v[i]) * invSqrtCorrection2 + m_epsilon);
    }
}

void RmsPropOptimizer::reset(Index n)
{
    m_v.setZero(n);
    m_steps = 0;
}

void RmsPropOptimizer::update(float* w, const float* g, Index begin, Index end, float lr)
{
    float* v = m_v.data();
    for (Index i = begin; i < end; ++i) {
        v[i] = m_rho * v[i] + (1.0f - m_rho) * g[i] * g[i];
        w[i] -= lr * g[i] / (std::sqrt(v[i]) + m_epsilon);
    }
}

} // namespace mlps
