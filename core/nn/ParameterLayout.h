#pragma once

#include "nn/Types.h"

#include <string>
#include <vector>

namespace mlps {

// Where one dense layer's parameters sit in the network's flat buffer:
// `outputs x inputs` weights (column-major) at weightOffset, then `outputs`
// biases at biasOffset = weightOffset + outputs * inputs.
struct DenseBlock {
    std::string name;   // "dense_1", ..., "output"
    int layerIndex = 0; // position among all layers (hidden ones, then the output)
    int inputs = 0;
    int outputs = 0;
    Index weightOffset = 0;
    Index biasOffset = 0;
    float l2 = 0.0f;

    Index weightCount() const { return Index(outputs) * inputs; }
};

struct ParameterLayout {
    std::vector<DenseBlock> blocks;
    Index total = 0;
};

} // namespace mlps
