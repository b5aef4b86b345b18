#pragma once

#include "nn/Activation.h"

#include <string>
#include <variant>
#include <vector>

namespace mlps {

// A fully connected layer followed by its activation: y = f(W x + b).
struct DenseSpec {
    int units = 128;
    Activation activation = Activation::Relu;
    // Keras' kernel_regularizer=l2(l2): adds l2 * sum(W^2) to the loss; biases are not regularized.
    float l2 = 0.0f;
    bool operator==(const DenseSpec&) const = default;
};

// Inverted dropout: in training each input is zeroed with probability `rate`
// and the survivors are scaled by 1 / (1 - rate); at inference it is the identity.
struct DropoutSpec {
    float rate = 0.5f;
    bool operator==(const DropoutSpec&) const = default;
};

using LayerSpec = std::variant<DenseSpec, DropoutSpec>;

enum class Init { HeUniform, HeNormal, GlorotUniform, GlorotNormal };

const char* initName(Init init);
bool parseInit(const std::string& name, Init& out);

// The whole network: input size, hidden layers, and a dense softmax output with
// `classes` units whose cross-entropy loss is fused with it.
struct NetworkSpec {
    int inputSize = 784;
    int classes = 10;
    std::vector<LayerSpec> hidden;
    float outputL2 = 0.0f;
    Init init = Init::HeUniform;
    bool operator==(const NetworkSpec&) const = default;

    // Empty when the spec can be built; otherwise the first problem, for the user.
    std::string validate() const;
};

// The reference lab's network: 784-128-256-128-64-10, ReLU hidden layers,
// each with the given L2 factor and, after the first `dropoutsAfter` of them,
// Dropout(dropoutRate). 175,306 parameters.
NetworkSpec labNetworkSpec(float l2 = 0.0f, float dropoutRate = 0.0f, int dropoutsAfter = 0);

} // namespace mlps
