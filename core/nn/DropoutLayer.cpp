#include "nn/DropoutLayer.h"

#include "nn/Rng.h"

namespace mlps {

DropoutLayer::DropoutLayer(int size, float rate)
    : m_size(size)
    , m_rate(rate)
{
}

void DropoutLayer::reserve(Index n)
{
    if (!m_fixedMask && m_mask.cols() < n)
        m_mask.resize(m_size, n);
}

void DropoutLayer::setFixedMask(const Eigen::MatrixXf& mask)
{
    m_mask = mask;
    m_fixedMask = true;
}

void DropoutLayer::forward(ConstMatrixRef in, MatrixRef out, const PassContext& context)
{
    const Index n = in.cols();
    const bool training = context.mode == Mode::Train && m_rate > 0.0f;
    m_lastWasTraining.store(training, std::memory_order_relaxed);
    if (!training) {
        out = in;
        return;
    }
    if (!m_fixedMask) {
        const float keep = 1.0f - m_rate;
        const float scale = 1.0f / keep;
        for (Index j = 0; j < n; ++j) {
            const std::uint64_t sample = std::uint64_t(context.firstSample + j);
            const std::uint64_t id = (context.step << 24) ^ (std::uint64_t(context.layerIndex) << 56) ^ sample;
            Rng rng = Rng::derive(context.seed, static_cast<std::uint64_t>(RngStream::Dropout), id);
            float* column = m_mask.col(context.firstSample + j).data();
            for (int i = 0; i < m_size; ++i)
                column[i] = rng.uniform() < keep ? scale : 0.0f;
        }
    }
    out = in.cwiseProduct(m_mask.middleCols(context.firstSample, n));
}

void DropoutLayer::backwardInput(ConstMatrixRef, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn,
                                 const PassContext& context)
{
    if (!needGradIn)
        return;
    const Index n = gradOut.cols();
    if (m_lastWasTraining.load(std::memory_order_relaxed))
        gradIn = gradOut.cwiseProduct(m_mask.middleCols(context.firstSample, n));
    else
        gradIn = gradOut;
}

} // namespace mlps
