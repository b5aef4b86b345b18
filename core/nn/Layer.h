#pragma once

#include "nn/Types.h"

#include <cstdint>

namespace mlps {

// What a layer needs to know about the pass it runs in. Dropout masks are
// drawn from (seed, step, layer, sample), so they do not depend on how a batch
// is split between threads.
struct PassContext {
    Mode mode = Mode::Infer;
    std::uint64_t seed = 0;
    std::uint64_t step = 0;
    Index firstSample = 0;  // position of column 0 of this chunk within the batch
    int layerIndex = 0;
};

// The layer contract (after mlpack's): a layer does not own its parameters.
// The network owns one flat parameter buffer and one flat gradient buffer and
// binds each layer to its slice of both. Inputs and outputs are features x n.
class Layer {
public:
    virtual ~Layer() = default;

    virtual int inputSize() const = 0;
    virtual int outputSize() const = 0;
    virtual Index parameterCount() const { return 0; }
    // Points the layer at its parameterCount() floats of each buffer.
    virtual void bind(float* /*parameters*/, float* /*gradients*/) {}
    // Makes room for batches of up to n columns (called before forward/backward).
    virtual void reserve(Index /*n*/) {}

    // out = layer(in).
    virtual void forward(ConstMatrixRef in, MatrixRef out, const PassContext& context) = 0;
    // Given the in and out of the last forward and gradOut = dL/dout (which the
    // layer may overwrite), writes the parameter gradients into the bound
    // gradient slice and, when needGradIn is set, dL/din into gradIn.
    virtual void backward(ConstMatrixRef in, ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn,
                          bool needGradIn) = 0;
};

} // namespace mlps
