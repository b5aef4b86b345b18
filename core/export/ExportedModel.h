#pragma once

#include "nn/LayerSpec.h"
#include "nn/ParameterLayout.h"
#include "nn/TrainConfig.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace mlps {

// What an exporter writes: a trained network with everything needed to use it
// elsewhere (its class names and image size) and to train it on (its config).
// `parameters` is the engine's flat buffer (Network::parameters()): for each
// dense layer, in order, the `units x inputs` weights column-major, then the
// `units` biases. Read row-major, the weights are the `inputs x units` kernel
// of Keras (y = x K + b), which is how every export stores them.
// Inputs are pixels scaled as the studio scales them: uint8 value / 255.
struct ExportedModel {
    NetworkSpec network;
    Eigen::VectorXf parameters;
    TrainConfig config;
    std::vector<std::string> classNames; // one per class; empty: "0", "1", ...
    int imageWidth = 28;
    int imageHeight = 28;
    std::string name = "model";

    // Empty when the model can be exported; otherwise the first problem.
    std::string validate() const;
    // Where each dense layer's weights and biases are in `parameters`
    // ("dense_1", ..., "output"), as Network lays them out.
    ParameterLayout layout() const;
    // The activation after each block of layout() (Linear for the output,
    // whose softmax the exporters add).
    std::vector<Activation> activations() const;
    // classNames, or "0".."classes-1" when it is empty.
    std::vector<std::string> effectiveClassNames() const;
};

} // namespace mlps
