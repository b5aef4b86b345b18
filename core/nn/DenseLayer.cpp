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

void DenseLayer::backward(ConstMatrixRef in, ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn,
                          bool needGradIn)
{
    assert(gradOut.outerStride() == gradOut.rows());
    activeKernels().denseBackward(m_weights, in.data(), out.data(), gradOut.data(), m_gradients,
                                  m_gradients + weightCount(), needGradIn ? gradIn.data() : nullptr,
                                  m_spec.units, m_inputs, int(in.cols()), m_spec.activation);
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
