#pragma once

#include "nn/Types.h"

#include <cstdint>

namespace mlps {

// A read-only view of labelled uint8 images, one row of `features` bytes per
// sample (0..255, scaled to 0..1 when a batch is made). With `indices`, the
// view is the subset indices[0..count) of the underlying rows, which lets a
// split refer to its samples without copying pixels.
struct SampleView {
    const std::uint8_t* pixels = nullptr;
    const std::int32_t* labels = nullptr;
    const std::int64_t* indices = nullptr;
    std::int64_t count = 0;
    int features = 0;
    int classes = 0;

    std::int64_t row(std::int64_t i) const { return indices ? indices[i] : i; }
    std::int32_t label(std::int64_t i) const { return labels[row(i)]; }
    const std::uint8_t* image(std::int64_t i) const { return pixels + row(i) * features; }
};

// Fills column j of `out` (features x n) with sample order[j] of `view`,
// scaled to [0, 1], and labelsOut[j] with its label (when labelsOut is set).
void gatherBatch(const SampleView& view, const std::int64_t* order, Index n, MatrixRef out,
                 std::int32_t* labelsOut);

} // namespace mlps
