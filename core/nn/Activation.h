#pragma once

#include <optional>
#include <string_view>

namespace mlps {

enum class Activation { Relu, Sigmoid, Tanh, LeakyRelu, Elu, Linear };

// Negative slope of leaky ReLU (PyTorch's default) and alpha of ELU (Keras' and PyTorch's).
inline constexpr float kLeakyReluSlope = 0.01f;
inline constexpr float kEluAlpha = 1.0f;

const char* activationName(Activation activation);
std::optional<Activation> parseActivation(std::string_view name);

// y = f(x), element by element.
float activate(Activation activation, float x);
// f'(x) written in terms of y = f(x): every activation here allows it, so the
// backward pass needs only the layer's output, never its pre-activation.
float activationDerivativeFromOutput(Activation activation, float y);

} // namespace mlps
