#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <memory>
#include <string>

namespace mlps::test {

// How the quadrant images look: pixel values of the bright quadrant in
// [brightMin, brightMin + brightSpan), of the rest in [0, darkSpan).
struct QuadrantStyle {
    int brightMin = 140;
    int brightSpan = 116;
    int darkSpan = 110;
    // One label in `wrongOneIn` is another class on purpose (0: none), for
    // confident mistakes to look at.
    int wrongOneIn = 0;
    // Name each sample "<class>/<index>.png", as a folder of images would.
    bool fileNames = false;
    std::string format = "generated";
    std::string source;
};

// `count` 8x8 images of 4 classes "A".."D": class k is bright in quadrant k,
// seeded. With the default style they are easy to learn.
std::shared_ptr<const Dataset> quadrantData(std::int64_t count, std::uint64_t seed = 7, const QuadrantStyle& style = {});

} // namespace mlps::test
