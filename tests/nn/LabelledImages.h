#pragma once

#include "nn/SampleView.h"

#include <cstdint>
#include <vector>

namespace mlps {

// Small labelled uint8 "images" that own their storage, for the engine's
// tests: Features pixels each, labels in 0..Classes-1.
template <int Features, int Classes>
struct LabelledImages {
    std::vector<std::uint8_t> pixels;
    std::vector<std::int32_t> labels;

    SampleView view() const
    {
        return SampleView{pixels.data(), labels.data(), nullptr, std::int64_t(labels.size()), Features, Classes};
    }
};

} // namespace mlps
