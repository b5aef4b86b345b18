// learningRateSampleSteps(): where the learning-rate charts sample the plan.
#include "LearningRateSampling.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using mlps::ScheduleKind;
using mlps::ScheduleSpec;
using mlps::ui::learningRateSampleSteps;

bool contains(const std::vector<std::int64_t>& steps, std::int64_t step)
{
    return std::binary_search(steps.begin(), steps.end(), step);
}

TEST(LearningRateSampling, AShortRunHasEveryStep)
{
    const auto steps = learningRateSampleSteps(ScheduleSpec{}, 10, 50, 1000);
    ASSERT_EQ(steps.size(), 50u);
    EXPECT_EQ(steps.front(), 0);
    EXPECT_EQ(steps.back(), 49);
    EXPECT_TRUE(learningRateSampleSteps(ScheduleSpec{}, 10, 0).empty());
    EXPECT_TRUE(learningRateSampleSteps(ScheduleSpec{}, 0, 10).empty());
}

TEST(LearningRateSampling, ALongSmoothRunIsSpreadEvenlyWithBothEnds)
{
    ScheduleSpec decay;
    decay.kind = ScheduleKind::InverseTime;
    decay.decay = 0.005;
    const auto steps = learningRateSampleSteps(decay, 1563, 1563 * 20, 1000);
    EXPECT_EQ(steps.size(), 1000u);
    EXPECT_EQ(steps.front(), 0);
    EXPECT_EQ(steps.back(), 1563 * 20 - 1);
    EXPECT_TRUE(std::is_sorted(steps.begin(), steps.end()));
}

TEST(LearningRateSampling, AStepScheduleKeepsBothSidesOfEveryJump)
{
    ScheduleSpec step;
    step.kind = ScheduleKind::Step;
    step.stepSize = 3;
    const std::int64_t perEpoch = 1000;
    const auto steps = learningRateSampleSteps(step, perEpoch, perEpoch * 10, 200);
    for (const std::int64_t epoch : {3, 6, 9}) {
        EXPECT_TRUE(contains(steps, epoch * perEpoch - 1)) << epoch;
        EXPECT_TRUE(contains(steps, epoch * perEpoch)) << epoch;
    }
    EXPECT_LE(steps.size(), 200u);
    EXPECT_EQ(std::adjacent_find(steps.begin(), steps.end()), steps.end()) << "no repeats";
}

TEST(LearningRateSampling, CosineKeepsTheTopOfItsWarmUp)
{
    ScheduleSpec cosine;
    cosine.kind = ScheduleKind::Cosine;
    cosine.warmupEpochs = 1.5;
    const auto steps = learningRateSampleSteps(cosine, 1000, 20000, 100);
    EXPECT_TRUE(contains(steps, 1499));
    EXPECT_TRUE(contains(steps, 1500));
}

TEST(LearningRateSampling, TooManyJumpsForTheBudgetAreNotAllKept)
{
    ScheduleSpec exponential;
    exponential.kind = ScheduleKind::Exponential;
    const auto steps = learningRateSampleSteps(exponential, 100, 100 * 500, 100);
    EXPECT_EQ(steps.size(), 100u) << "500 jumps do not fit in 100 points: spread evenly instead";
}

} // namespace
