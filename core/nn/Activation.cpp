#include "nn/Activation.h"

#include <cmath>

namespace mlps {

const char* activationName(Activation activation)
{
    switch (activation) {
    case Activation::Relu: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::LeakyRelu: return "leaky_relu";
    case Activation::Elu: return "elu";
    case Activation::Linear: return "linear";
    }
    return "?";
}

std::optional<Activation> parseActivation(std::string_view name)
{
    for (Activation a : {Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                         Activation::LeakyRelu, Activation::Elu, Activation::Linear}) {
        if (name == activationName(a))
            return a;
    }
    if (name == "leaky-relu" || name == "leakyrelu")
        return Activation::LeakyRelu;
    if (name == "none" || name == "identity")
        return Activation::Linear;
    return std::nullopt;
}

float activate(Activation activation, float x)
{
    switch (activation) {
    case Activation::Relu: return x > 0.0f ? x : 0.0f;
    case Activation::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case Activation::Tanh: return std::tanh(x);
    case Activation::LeakyRelu: return x > 0.0f ? x : kLeakyReluSlope * x;
    case Activation::Elu: return x > 0.0f ? x : kEluAlpha * std::expm1(x);
    case Activation::Linear: return x;
    }
    return x;
}

float activationDerivativeFromOutput(Activation activation, float y)
{
    switch (activation) {
    case Activation::Relu: return y > 0.0f ? 1.0f : 0.0f;
    case Activation::Sigmoid: return y * (1.0f - y);
    case Activation::Tanh: return 1.0f - y * y;
    case Activation::LeakyRelu: return y > 0.0f ? 1.0f : kLeakyReluSlope;
    // ELU: for x <= 0, y = a(e^x - 1) and y' = a e^x = y + a.
    case Activation::Elu: return y > 0.0f ? 1.0f : y + kEluAlpha;
    case Activation::Linear: return 1.0f;
    }
    return 1.0f;
}

} // namespace mlps
