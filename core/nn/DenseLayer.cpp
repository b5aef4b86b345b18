#include "nn/DenseLayer.h"

#include "nn/Rng.h"
#include "nn/kernels/KernelTable.h"

#include <cassert>
#include <cmath>

namespace mlps {

DenseLayer::DenseLayer(int inputs, const DenseSpec& spec)
    : m_inputs(inputs)
    , m_spec(spec)
{
}

Index DenseLayer::parameterCount() const
{
    return weightCount() + m_spec.units;
}

void DenseLayer::bind(float* parameters, float* gradients)
{
    m_weights = parameters;
    m_gradients = gradients;
}

void DenseLayer::forward(ConstMatrixRef in, MatrixRef out, const PassContext&)
{
    assert(in.rows() == m_inputs && out.rows() == m_spec.units && in.cols() == out.cols());
    assert(in.outerStride() == in.rows() && out.outerStride() == out.rows());
    activeKernels().denseForward(m_weights, m_weights + weightCount(), in.data(), out.data(),
                                 m_spec.units, m_inputs, int(in.cols()), m_spec.activation);
}

void DenseLayer::backwardInput(ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn,
                       const PassContext&)
{
    assert(gradOut.outerStride() == gradOut.rows() && out.outerStride() == out.rows());
    assert(!needGradIn || gradIn.outerStride() == gradIn.rows());
    activeKernels().denseBackwardInput(m_weights, out.data(), gradOut.data(), needGradIn ? gradIn.data() : nullptr,
                                       m_spec.units, m_inputs, int(out.cols()), m_spec.activation);
}

void DenseLayer::parameterGradient(ConstMatrixRef in, ConstMatrixRef delta, int first, int last, bool withBias)
{
    assert(in.outerStride() == in.rows() && delta.outerStride() == delta.rows());
    activeKernels().denseWeightGradient(delta.data(), in.data(), m_gradients,
                                        withBias ? m_gradients + weightCount() : nullptr, m_spec.units, m_inputs,
                                        int(in.cols()), first, last);
}

void DenseLayer::initialize(float* weights, float* bias, int outputs, int inputs, Init init, Rng& rng)
{
    // He et al. 2015 (Keras he_uniform / he_normal): variance 2 / fan_in.
    // Glorot & Bengio 2010 (glorot_uniform / glorot_normal): variance 2 / (fan_in + fan_out).
    // A uniform on [-l, l] has variance l^2 / 3, so l = sqrt(3 * variance).
    const bool he = init == Init::HeUniform || init == Init::HeNormal;
    const double variance = he ? 2.0 / inputs : 2.0 / (inputs + outputs);
    const Index count = Index(outputs) * inputs;
    if (init == Init::HeUniform || init == Init::GlorotUniform) {
        const float limit = float(std::sqrt(3.0 * variance));
        for (Index i = 0; i < count; ++i)
            weights[i] = rng.uniform(-limit, limit);
    } else {
        // Keras draws "normal" initial weights from a normal truncated at two
        // standard deviations, with its stddev divided by 0.8796 to keep the variance.
        const float stddev = float(std::sqrt(variance) / 0.87962566103423978);
        for (Index i = 0; i < count; ++i) {
            float z;
            do {
                z = rng.normal();
            } while (std::abs(z) > 2.0f);
            weights[i] = stddev * z;
        }
    }
    for (int i = 0; i < outputs; ++i)
        bias[i] = 0.0f;
}

} // namespace mlps
