// Rng: xoshiro256** streams, uniform / normal / below conversions.

#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

namespace mlps {
namespace {

std::vector<std::uint64_t> draw(Rng rng, int n)
{
    std::vector<std::uint64_t> v;
    for (int i = 0; i < n; ++i)
        v.push_back(rng.next());
    return v;
}

TEST(RngTest, SameSeedAndStreamGiveTheSameSequence)
{
    EXPECT_EQ(draw(Rng(42, 3), 1000), draw(Rng(42, 3), 1000));
    EXPECT_EQ(draw(Rng(42, RngStream::Dropout), 100), draw(Rng(42, 3), 100));
}

TEST(RngTest, DifferentStreamsAndSeedsDiffer)
{
    const auto base = draw(Rng(42, 1), 100);
    for (std::uint64_t stream : {0u, 2u, 3u, 4u, 5u}) {
        const auto other = draw(Rng(42, stream), 100);
        int equal = 0;
        for (int i = 0; i < 100; ++i)
            equal += base[std::size_t(i)] == other[std::size_t(i)];
        EXPECT_EQ(equal, 0) << "stream " << stream;
    }
    EXPECT_NE(draw(Rng(43, 1), 100), base);
    EXPECT_NE(draw(Rng(0, 0), 10), draw(Rng(1, 0), 10));
    // Swapping seed and stream does not give the same generator.
    EXPECT_NE(draw(Rng(1, 2), 10), draw(Rng(2, 1), 10));
}

TEST(RngTest, DeriveIsReproducibleAndDependsOnTheId)
{
    EXPECT_EQ(draw(Rng::derive(7, 3, 11), 50), draw(Rng::derive(7, 3, 11), 50));
    EXPECT_NE(draw(Rng::derive(7, 3, 11), 50), draw(Rng::derive(7, 3, 12), 50));
    EXPECT_NE(draw(Rng::derive(7, 3, 11), 50), draw(Rng::derive(8, 3, 11), 50));
    EXPECT_NE(draw(Rng::derive(7, 3, 11), 50), draw(Rng::derive(7, 4, 11), 50));
}

TEST(RngTest, UniformIsInTheUnitIntervalWithTheRightMoments)
{
    // 100,000 draws: the mean of U(0,1) has standard deviation 0.29 / 316 = 0.0009.
    Rng rng(2024, 1);
    constexpr int n = 100000;
    double sum = 0.0, squares = 0.0;
    std::array<int, 10> bins{};
    for (int i = 0; i < n; ++i) {
        const float u = rng.uniform();
        ASSERT_GE(u, 0.0f);
        ASSERT_LT(u, 1.0f);
        sum += u;
        squares += double(u) * u;
        ++bins[std::size_t(u * 10.0f)];
    }
    const double mean = sum / n;
    EXPECT_NEAR(mean, 0.5, 0.005);
    EXPECT_NEAR(squares / n - mean * mean, 1.0 / 12.0, 0.002);
    for (int count : bins)
        EXPECT_NEAR(count, n / 10, 500); // each bin: 10,000 +- 95 (one sigma)
    // uniform(lo, hi) maps onto [lo, hi).
    for (int i = 0; i < 1000; ++i) {
        const float v = rng.uniform(-2.0f, 3.0f);
        ASSERT_GE(v, -2.0f);
        ASSERT_LT(v, 3.0f);
    }
}

TEST(RngTest, NormalHasMeanZeroAndVarianceOne)
{
    // 100,000 draws: the sample mean has standard deviation 0.0032, the sample variance 0.0045.
    Rng rng(99, 2);
    constexpr int n = 100000;
    double sum = 0.0, squares = 0.0;
    int beyondTwo = 0;
    for (int i = 0; i < n; ++i) {
        const float z = rng.normal();
        ASSERT_TRUE(std::isfinite(z));
        sum += z;
        squares += double(z) * z;
        beyondTwo += std::abs(z) > 2.0f;
    }
    const double mean = sum / n;
    EXPECT_NEAR(mean, 0.0, 0.02);
    EXPECT_NEAR(squares / n - mean * mean, 1.0, 0.03);
    // P(|Z| > 2) = 0.0455.
    EXPECT_NEAR(double(beyondTwo) / n, 0.0455, 0.004);
}

TEST(RngTest, BelowStaysInRangeAndCoversIt)
{
    Rng rng(5, 5);
    std::array<int, 7> counts{};
    for (int i = 0; i < 70000; ++i) {
        const std::uint64_t v = rng.below(7);
        ASSERT_LT(v, 7u);
        ++counts[std::size_t(v)];
    }
    for (int c : counts)
        EXPECT_NEAR(c, 10000, 500);
    for (int i = 0; i < 1000; ++i)
        ASSERT_EQ(rng.below(1), 0u);
    const std::uint64_t big = std::uint64_t(1) << 32;
    std::uint64_t largest = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t v = rng.below(big);
        ASSERT_LT(v, big);
        largest = std::max(largest, v);
    }
    EXPECT_GT(largest, big / 2); // the whole range is reachable
}

} // namespace
} // namespace mlps
