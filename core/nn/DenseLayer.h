#pragma once

#include "nn/Layer.h"
#include "nn/LayerSpec.h"

namespace mlps {

class Rng;

// y = f(W x + b), W: units x inputs (column-major), followed by b in the flat buffer.
class DenseLayer final : public Layer {
public:
    DenseLayer(int inputs, const DenseSpec& spec);

    int inputSize() const override { return m_inputs; }
    int outputSize() const override { return m_spec.units; }
    Index parameterCount() const override;
    void bind(float* parameters, float* gradients) override;

    void forward(ConstMatrixRef in, MatrixRef out, const PassContext& context) override;
    void backwardInput(ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn,
                       const PassContext& context) override;
    void parameterGradient(ConstMatrixRef in, ConstMatrixRef delta, int first, int last, bool withBias) override;
    int gradientColumns() const override { return m_inputs; }

    const DenseSpec& spec() const { return m_spec; }
    Index weightCount() const { return Index(m_spec.units) * m_inputs; }

    // Weights from `init` (He: fan-in, Glorot: fan-in + fan-out), biases zero.
    static void initialize(float* weights, float* bias, int outputs, int inputs, Init init, Rng& rng);

private:
    int m_inputs;
    DenseSpec m_spec;
    float* m_weights = nullptr;
    float* m_gradients = nullptr;
};

} // namespace mlps
