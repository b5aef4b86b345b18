#include "nn/SampleView.h"

namespace mlps {

void gatherBatch(const SampleView& view, const std::int64_t* order, Index n, MatrixRef out,
                 std::int32_t* labelsOut)
{
    constexpr float scale = 1.0f / 255.0f;
    const int features = view.features;
    for (Index j = 0; j < n; ++j) {
        const std::int64_t i = order ? order[j] : j;
        const std::uint8_t* src = view.image(i);
        float* dst = out.col(j).data();
        for (int k = 0; k < features; ++k)
            dst[k] = float(src[k]) * scale;
        if (labelsOut)
            labelsOut[j] = view.label(i);
    }
}

} // namespace mlps
