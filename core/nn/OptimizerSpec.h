#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlps {

enum class OptimizerKind { Sgd, Momentum, Nesterov, Adam, RmsProp };

const char* optimizerName(OptimizerKind kind);
std::optional<OptimizerKind> parseOptimizer(std::string_view name);

// The optimizer and its hyper-parameters; the defaults are Keras'.
struct OptimizerSpec {
    OptimizerKind kind = OptimizerKind::Sgd;
    float learningRate = 0.01f;
    float momentum = 0.9f;   // Momentum, Nesterov
    float beta1 = 0.9f;      // Adam
    float beta2 = 0.999f;    // Adam
    float rho = 0.9f;        // RMSprop: decay of the squared-gradient average
    float epsilon = 1e-7f;   // Adam, RMSprop
    bool operator==(const OptimizerSpec&) const = default;

    // Empty when valid; otherwise the first problem, for the user.
    std::string validate() const;
};

} // namespace mlps
