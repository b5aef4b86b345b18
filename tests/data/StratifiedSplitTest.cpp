#include "data/StratifiedSplit.h"

#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace mlps {
namespace {

std::vector<std::int32_t> labelsWithCounts(const std::vector<int>& counts)
{
    // Interleaved rather than grouped, so that the indices of a class are spread out.
    std::vector<std::int32_t> labels;
    std::vector<int> left = counts;
    bool any = true;
    while (any) {
        any = false;
        for (std::size_t c = 0; c < left.size(); ++c) {
            if (left[c] > 0) {
                labels.push_back(std::int32_t(c));
                --left[c];
                any = true;
            }
        }
    }
    return labels;
}

// Every property the split promises: exact sizes, each index exactly once,
// and per class and part a count within 1 of the exact share.
void checkSplit(const Split& split, const std::vector<std::int32_t>& labels, int classes, std::int64_t validation,
                std::int64_t test)
{
    const auto total = std::int64_t(labels.size());
    ASSERT_EQ(std::int64_t(split.validation.size()), validation);
    ASSERT_EQ(std::int64_t(split.test.size()), test);
    ASSERT_EQ(std::int64_t(split.train.size()), total - validation - test);

    std::vector<int> seen(labels.size(), 0);
    std::vector<std::int64_t> classTotal(std::size_t(classes), 0);
    for (const std::int32_t label : labels)
        ++classTotal[std::size_t(label)];
    const std::array<const std::vector<std::int64_t>*, 3> parts{&split.train, &split.validation, &split.test};
    const std::array<std::int64_t, 3> sizes{total - validation - test, validation, test};
    for (std::size_t p = 0; p < parts.size(); ++p) {
        std::vector<std::int64_t> perClass(std::size_t(classes), 0);
        for (const std::int64_t index : *parts[p]) {
            ASSERT_GE(index, 0);
            ASSERT_LT(index, total);
            ++seen[std::size_t(index)];
            ++perClass[std::size_t(labels[std::size_t(index)])];
        }
        for (std::size_t c = 0; c < perClass.size() && total > 0; ++c) {
            // |perClass - classTotal * size / total| < 1, in integers.
            const std::int64_t exactTimesTotal = classTotal[c] * sizes[p];
            EXPECT_LT(std::abs(perClass[c] * total - exactTimesTotal), total)
                << "part " << p << " class " << c << ": " << perClass[c] << " of " << classTotal[c];
        }
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
        ASSERT_EQ(seen[i], 1) << "index " << i;
}

TEST(StratifiedSplitTest, ExactSizesDisjointAndProportional)
{
    const std::vector<int> counts = {684, 681, 667, 666, 651, 685, 674, 667, 591, 657};
    const auto labels = labelsWithCounts(counts);
    const Split split = stratifiedSplit(labels, 10, 993, 662, 42);
    checkSplit(split, labels, 10, 993, 662);
}

TEST(StratifiedSplitTest, DeterministicForASeed)
{
    const auto labels = labelsWithCounts({50, 30, 20, 7});
    const Split a = stratifiedSplit(labels, 4, 20, 15, 7);
    const Split b = stratifiedSplit(labels, 4, 20, 15, 7);
    EXPECT_EQ(a.train, b.train);
    EXPECT_EQ(a.validation, b.validation);
    EXPECT_EQ(a.test, b.test);

    const Split c = stratifiedSplit(labels, 4, 20, 15, 8);
    checkSplit(c, labels, 4, 20, 15);
    EXPECT_NE(a.validation, c.validation);
    EXPECT_NE(a.train, c.train);
}

TEST(StratifiedSplitTest, PartsAreShuffled)
{
    const auto labels = labelsWithCounts({500, 500});
    const Split split = stratifiedSplit(labels, 2, 100, 100, 1);
    EXPECT_FALSE(std::is_sorted(split.train.begin(), split.train.end()));
    EXPECT_FALSE(std::is_sorted(split.validation.begin(), split.validation.end()));
    EXPECT_FALSE(std::is_sorted(split.test.begin(), split.test.end()));
}

TEST(StratifiedSplitTest, NothingHeldOutOrEverything)
{
    const auto labels = labelsWithCounts({5, 3, 1});
    checkSplit(stratifiedSplit(labels, 3, 0, 0, 3), labels, 3, 0, 0);
    checkSplit(stratifiedSplit(labels, 3, 9, 0, 3), labels, 3, 9, 0);
    checkSplit(stratifiedSplit(labels, 3, 0, 9, 3), labels, 3, 0, 9);
    checkSplit(stratifiedSplit(labels, 3, 4, 5, 3), labels, 3, 4, 5);
    const Split empty = stratifiedSplit({}, 0, 0, 0, 1);
    EXPECT_TRUE(empty.train.empty() && empty.validation.empty() && empty.test.empty());
}

TEST(StratifiedSplitTest, ImpossibleSizesThrow)
{
    const auto labels = labelsWithCounts({5, 5});
    EXPECT_THROW(stratifiedSplit(labels, 2, -1, 0, 1), std::invalid_argument);
    EXPECT_THROW(stratifiedSplit(labels, 2, 0, -1, 1), std::invalid_argument);
    EXPECT_THROW(stratifiedSplit(labels, 2, 6, 5, 1), std::invalid_argument);
    EXPECT_THROW(stratifiedSplit(labels, 2, 11, 0, 1), std::invalid_argument);
    EXPECT_THROW(stratifiedSplit(labels, 2, std::int64_t(1) << 62, std::int64_t(1) << 62, 1), std::invalid_argument);
    EXPECT_THROW(stratifiedSplit({0, 1, 2}, 2, 1, 1, 1), std::invalid_argument); // label 2 of 2 classes
    EXPECT_THROW(stratifiedSplit({0, -1}, 2, 1, 0, 1), std::invalid_argument);
}

TEST(StratifiedSplitTest, ClassesWithFewSamples)
{
    // Classes of 1..3 samples with 10 % + 10 % held out: the rare classes'
    // shares are all fractions, and still every part gets its exact size.
    std::vector<int> counts = {1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 2, 3, 1, 1, 1, 1, 100};
    const auto labels = labelsWithCounts(counts);
    const auto total = std::int64_t(labels.size());
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        checkSplit(stratifiedSplit(labels, int(counts.size()), total / 10, total / 10, seed), labels,
                   int(counts.size()), total / 10, total / 10);
}

TEST(StratifiedSplitTest, TiesDoNotFavourLowClassNumbers)
{
    // 100 classes of one sample each, 10 to validation: which classes go
    // there depends on the seed, not on their numbers.
    std::vector<std::int32_t> labels(100);
    for (int i = 0; i < 100; ++i)
        labels[std::size_t(i)] = i;
    int lowClasses = 0;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const Split split = stratifiedSplit(labels, 100, 10, 10, seed);
        checkSplit(split, labels, 100, 10, 10);
        for (const std::int64_t index : split.validation)
            lowClasses += index < 10 ? 1 : 0;
    }
    // About 10 % of 200 picks by chance; all 200 if the lowest always won.
    EXPECT_LT(lowClasses, 60);
}

TEST(StratifiedSplitTest, RandomConfigurations)
{
    Rng rng(2024, 99);
    for (int round = 0; round < 300; ++round) {
        const int classes = 1 + int(rng.below(12));
        std::vector<int> counts(static_cast<std::size_t>(classes));
        for (int& count : counts)
            count = int(rng.below(rng.below(2) ? 8 : 60));
        const auto labels = labelsWithCounts(counts);
        const auto total = std::int64_t(labels.size());
        const auto validation = std::int64_t(rng.below(std::uint64_t(total) + 1));
        const auto test = std::int64_t(rng.below(std::uint64_t(total - validation) + 1));
        SCOPED_TRACE("round " + std::to_string(round));
        checkSplit(stratifiedSplit(labels, classes, validation, test, rng.next()), labels, classes, validation, test);
    }
}

} // namespace
} // namespace mlps
