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
    // Training passes: the loss's label smoothing (TrainConfig::labelSmoothing).
    float labelSmoothing = 0.0f;
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
    // It is backwardInput() followed by parameterGradient() on all columns.
    void backward(ConstMatrixRef in, ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn);

    // The two halves of backward(), so that a network can share the work of a
    // batch between threads: backwardInput() on each thread's own columns, then
    // parameterGradient() on each thread's own share of the parameters.
    //
    // Turns gradOut (dL/dout) into the layer's delta in place and writes dL/din
    // for these columns when needGradIn is set. `context` is the forward's.
    virtual void backwardInput(ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn,
                       const PassContext& context) = 0;
    // From the whole batch's input and delta, writes the gradient of the weight
    // columns [first, last) (0 <= first <= last <= gradientColumns()) and, with
    // withBias, of the bias.
    virtual void parameterGradient(ConstMatrixRef /*in*/, ConstMatrixRef /*delta*/, int /*first*/, int /*last*/,
                                   bool /*withBias*/) {}
    // How many weight columns parameterGradient() can be split into.
    virtual int gradientColumns() const { return 0; }
};

} // namespace mlps
