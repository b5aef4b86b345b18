#pragma once

#include <cstdint>
#include <vector>

namespace mlps {

// Indices of a dataset cut into train / validation / test, each class in
// proportion (as sklearn's train_test_split(stratify=...) does), seeded.
struct Split {
    std::vector<std::int64_t> train;
    std::vector<std::int64_t> validation;
    std::vector<std::int64_t> test;
};

// Takes `validation` and `test` samples off `labels` (classes 0..classes-1),
// the rest is train. Per class the share is rounded so that the totals are
// exact (largest remainders); within each part the indices are in shuffled
// order. Throws std::invalid_argument when validation + test exceeds the count.
Split stratifiedSplit(const std::vector<std::int32_t>& labels, int classes, std::int64_t validation,
                      std::int64_t test, std::uint64_t seed);

} // namespace mlps
