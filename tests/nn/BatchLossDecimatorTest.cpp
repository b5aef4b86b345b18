// BatchLossDecimator: how a run keeps its batch losses, and how a continued
// run's two parts and a file's steps come back to the same buckets.
#include "nn/BatchLossDecimator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

using mlps::BatchLossDecimator;
using mlps::BatchLossPoint;

// One loss per step, 1..steps, of a noisy falling curve.
std::vector<BatchLossPoint> lossesOf(std::int64_t first, std::int64_t last)
{
    std::vector<BatchLossPoint> points;
    for (std::int64_t step = first; step <= last; ++step)
        points.push_back({step, 2.0 / (1.0 + double(step) / 300.0) + 0.1 * std::sin(double(step)), 1});
    return points;
}

void expectSamePoints(const std::vector<BatchLossPoint>& expected, const std::vector<BatchLossPoint>& actual,
                      double tolerance = 1e-12)
{
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(expected[i].step, actual[i].step) << "point " << i;
        EXPECT_EQ(expected[i].span, actual[i].span) << "point " << i;
        EXPECT_NEAR(expected[i].loss, actual[i].loss, tolerance) << "point " << i;
    }
}

TEST(BatchLossDecimator, AShortRunKeepsEveryStep)
{
    BatchLossDecimator kept;
    kept.reset(500);
    for (const BatchLossPoint& point : lossesOf(1, 500))
        kept.add(point);
    EXPECT_EQ(kept.stepsPerBucket(), 1);
    expectSamePoints(lossesOf(1, 500), kept.points());
}

TEST(BatchLossDecimator, ALongRunKeepsTheMeanOfEachBucketAtItsLastStep)
{
    BatchLossDecimator kept;
    kept.reset(100000); // 50 steps a bucket
    const std::vector<BatchLossPoint> losses = lossesOf(1, 100000);
    for (const BatchLossPoint& point : losses)
        kept.add(point);
    EXPECT_EQ(kept.stepsPerBucket(), 50);
    const std::vector<BatchLossPoint> points = kept.points();
    ASSERT_EQ(points.size(), 2000u);
    EXPECT_EQ(kept.lossCount(), 100000);
    double mean = 0.0;
    for (std::size_t i = 0; i < 50; ++i)
        mean += losses[i].loss / 50.0;
    EXPECT_EQ(points[0].step, 50);
    EXPECT_EQ(points[0].span, 50);
    EXPECT_NEAR(points[0].loss, mean, 1e-12);
    EXPECT_EQ(points.back().step, 100000);
    EXPECT_DOUBLE_EQ(kept.buckets()[0].meanStep(), 25.5);
}

TEST(BatchLossDecimator, APointOfManyStepsCountsAsThatManySteps)
{
    BatchLossDecimator singles;
    BatchLossDecimator spans;
    singles.reset(10000);
    spans.reset(10000); // 5 steps a bucket
    for (std::int64_t step = 1; step <= 10000; ++step)
        singles.add({step, 0.5 + double((step - 1) / 5), 1});
    for (std::int64_t step = 5; step <= 10000; step += 5)
        spans.add({step, 0.5 + double((step - 1) / 5), 5});
    ASSERT_EQ(singles.buckets().size(), spans.buckets().size());
    for (std::size_t i = 0; i < singles.buckets().size(); ++i) {
        EXPECT_DOUBLE_EQ(singles.buckets()[i].meanStep(), spans.buckets()[i].meanStep());
        EXPECT_DOUBLE_EQ(singles.buckets()[i].meanLoss(), spans.buckets()[i].meanLoss());
        EXPECT_EQ(singles.buckets()[i].count, spans.buckets()[i].count);
    }
    expectSamePoints(singles.points(), spans.points());
}

TEST(BatchLossDecimator, KeptPointsDecimateToThemselves)
{
    const std::vector<BatchLossPoint> kept = BatchLossDecimator::decimate(lossesOf(1, 31260), 31260);
    EXPECT_LE(kept.size(), 2000u);
    expectSamePoints(kept, BatchLossDecimator::decimate(kept, 31260));
}

TEST(BatchLossDecimator, AContinuedRunJoinsAsIfTrainedInOneGo)
{
    const std::int64_t planned = 31260; // 16 steps a bucket
    const std::vector<BatchLossPoint> oneGo = BatchLossDecimator::decimate(lossesOf(1, planned), planned);
    // Stopped at step 12,345 (mid-bucket), continued to the end; the first
    // part kept losses a little past the checkpoint that must not count.
    const std::vector<BatchLossPoint> before = BatchLossDecimator::decimate(lossesOf(1, 12345), planned);
    const std::vector<BatchLossPoint> after = BatchLossDecimator::decimate(lossesOf(12346, planned), planned);
    expectSamePoints(oneGo, BatchLossDecimator::joined(before, 12345, after, planned), 1e-9);
    // Joining what a pause saved (up to its step) with nothing yet keeps it.
    expectSamePoints(before, BatchLossDecimator::joined(before, 12345, {}, planned), 1e-9);
    // Points past the step it went on from are left out.
    const std::vector<BatchLossPoint> longer = BatchLossDecimator::decimate(lossesOf(1, 20000), planned);
    const std::vector<BatchLossPoint> joined = BatchLossDecimator::joined(longer, 12336, {}, planned);
    ASSERT_FALSE(joined.empty());
    EXPECT_EQ(joined.back().step, 12336);
}

TEST(BatchLossDecimator, RunsThatOutgrowTheirPlanStayUnderTheCap)
{
    BatchLossDecimator kept;
    kept.reset(1000);
    for (const BatchLossPoint& point : lossesOf(1, 100000)) {
        kept.add(point);
        ASSERT_LE(kept.buckets().size(), 2000u) << "at step " << point.step;
    }
    EXPECT_GE(kept.buckets().size(), 1000u);
    EXPECT_EQ(kept.lossCount(), 100000);
}

TEST(BatchLossDecimator, SpansComeBackFromTheSteps)
{
    // What a file keeps: steps and losses; the spans come from the steps.
    // Buckets of 16 steps, the last of 1.
    std::vector<BatchLossPoint> kept = BatchLossDecimator::decimate(lossesOf(1, 30001), 30001);
    const std::vector<BatchLossPoint> original = kept;
    for (BatchLossPoint& point : kept)
        point.span = 1;
    BatchLossDecimator::restoreSpans(kept);
    expectSamePoints(original, kept);
    EXPECT_EQ(kept.front().span, 16);
    EXPECT_EQ(kept.back().span, 1);

    std::vector<BatchLossPoint> one{{7, 1.0, 1}};
    BatchLossDecimator::restoreSpans(one);
    EXPECT_EQ(one[0].span, 7);
    // Without the losses before (a run continued from a file that had none):
    // the first point stands for as many steps as the next one, not for all before it.
    std::vector<BatchLossPoint> late{{1000, 1.0, 1}, {1010, 1.0, 1}, {1020, 1.0, 1}};
    BatchLossDecimator::restoreSpans(late);
    EXPECT_EQ(late[0].span, 10);
    std::vector<BatchLossPoint> none;
    BatchLossDecimator::restoreSpans(none);
    EXPECT_TRUE(none.empty());
}

} // namespace
