#include "nn/OptimizerSpec.h"

#include <cmath>

namespace mlps {

const char* optimizerName(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Nesterov: return "nesterov";
    case OptimizerKind::Adam: return "adam";
    case OptimizerKind::RmsProp: return "rmsprop";
    }
    return "?";
}

std::optional<OptimizerKind> parseOptimizer(std::string_view name)
{
    for (auto kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                      OptimizerKind::Adam, OptimizerKind::RmsProp}) {
        if (name == optimizerName(kind))
            return kind;
    }
    return std::nullopt;
}

std::string OptimizerSpec::validate() const
{
    auto bad = [](float v) { return !std::isfinite(v); };
    if (bad(learningRate) || learningRate <= 0.0f)
        return "learning rate must be a positive number, got " + std::to_string(learningRate);
    if ((kind == OptimizerKind::Momentum || kind == OptimizerKind::Nesterov)
        && (bad(momentum) || momentum < 0.0f || momentum >= 1.0f))
        return "momentum must be in [0, 1), got " + std::to_string(momentum);
    if (kind == OptimizerKind::Adam && (bad(beta1) || bad(beta2) || beta1 < 0.0f || beta1 >= 1.0f
                                        || beta2 < 0.0f || beta2 >= 1.0f))
        return "Adam's beta1 and beta2 must be in [0, 1)";
    if (kind == OptimizerKind::RmsProp && (bad(rho) || rho < 0.0f || rho >= 1.0f))
        return "RMSprop's rho must be in [0, 1), got " + std::to_string(rho);
    if (bad(epsilon) || epsilon <= 0.0f)
        return "epsilon must be a positive number, got " + std::to_string(epsilon);
    return {};
}

} // namespace mlps
