#pragma once

#include <cstdint>

namespace mlps {

// How the loaded data was divided into training, validation and test sets:
// stratified, seeded, after the optional removal of duplicates and overlap.
struct SplitSettings {
    std::int64_t validation = 10000;
    std::int64_t test = 19000;
    std::uint64_t seed = 1;
    bool dropDuplicates = false;
    bool removeOverlap = false;
    bool operator==(const SplitSettings&) const = default;
};

} // namespace mlps
