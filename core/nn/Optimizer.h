#pragma once

#include "nn/OptimizerSpec.h"
#include "nn/Types.h"

#include <memory>
#include <string>
#include <vector>

namespace mlps {

// Updates a flat parameter vector from its gradient. State (velocity, moments)
// lives in dense vectors indexed like the parameters. The learning rate comes
// in with every step, from the schedule; nothing changes it behind the
// optimizer's back. update() may be called on disjoint ranges from several
// threads between one beginStep() and the next.
class Optimizer {
public:
    virtual ~Optimizer() = default;

    // Sizes and clears the state for n parameters.
    virtual void reset(Index n) = 0;
    // Once per step, before the update()s of that step.
    virtual void beginStep() { ++m_steps; }
    // w[i] -= ... for i in [begin, end).
    virtual void update(float* w, const float* g, Index begin, Index end, float lr) = 0;

    // The whole step on all parameters.
    void step(Eigen::Ref<Eigen::VectorXf> w, Eigen::Ref<const Eigen::VectorXf> g, float lr);

    long long steps() const { return m_steps; }
    // For restoring a checkpoint: the steps done (Adam's bias correction uses them).
    void setSteps(long long steps) { m_steps = steps; }
    // The state vectors by name (for checkpoints).
    virtual std::vector<std::pair<std::string, Eigen::VectorXf*>> state() { return {}; }

protected:
    long long m_steps = 0;
};

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerSpec& spec);

} // namespace mlps
