// The dashboard's pure helpers: axis bounds, the decimated batch-loss curve
// with its smoothing, and the planned learning-rate curve.
#include "BatchLossCurve.h"
#include "ChartScale.h"
#include "LearningRatePlan.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using mlps::ui::AxisBounds;
using mlps::ui::BatchLossCurve;
namespace ChartScale = mlps::ui::ChartScale;

TEST(ChartScale, NiceSteps)
{
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(0.13), 0.2);
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(0.2), 0.2);
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(2.2), 2.5);
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(3.0), 5.0);
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(7.0), 10.0);
    EXPECT_DOUBLE_EQ(ChartScale::niceStep(0.0), 1.0); // no step of 0
}

TEST(ChartScale, LossRangeStartsAtZeroWithPaddingAndRoundBounds)
{
    const AxisBounds bounds = ChartScale::linear(0.182, 1.204, true);
    EXPECT_DOUBLE_EQ(bounds.min, 0.0);
    EXPECT_GE(bounds.max, 1.204 * 1.05 - 1e-12); // some room above the highest point
    EXPECT_LE(bounds.max, 1.6);
    const double ticks = bounds.max / bounds.step;
    EXPECT_NEAR(ticks, std::round(ticks), 1e-9); // ends on a tick
    EXPECT_GE(bounds.tickCount(), 3);
    EXPECT_LE(bounds.tickCount(), 8);
}

TEST(ChartScale, EqualValuesNeverCollapse)
{
    for (double value : {0.0, 0.5, 42.0, -3.0}) {
        const AxisBounds fitted = ChartScale::linear(value, value, false);
        EXPECT_LT(fitted.min, value) << value;
        EXPECT_GT(fitted.max, value) << value;
        const AxisBounds fromZero = ChartScale::linear(value, value, true);
        EXPECT_GT(fromZero.max, fromZero.min) << value;
        EXPECT_GE(fromZero.max, value) << value;
    }
    const AxisBounds log = ChartScale::logarithmic(0.3, 0.3);
    EXPECT_LT(log.min, 0.3);
    EXPECT_GT(log.max, 0.3);
}

TEST(ChartScale, AccuracyStaysWithinItsLimits)
{
    const AxisBounds bounds = ChartScale::linear(85.3, 99.6, false, 0.0, 100.0);
    EXPECT_LE(bounds.max, 100.0);
    EXPECT_GE(bounds.max, 99.6);
    EXPECT_LE(bounds.min, 85.3);
    EXPECT_GE(bounds.min, 70.0); // zoomed in, not 0..100
    const AxisBounds perfect = ChartScale::linear(100.0, 100.0, false, 0.0, 100.0);
    EXPECT_DOUBLE_EQ(perfect.max, 100.0);
    EXPECT_LT(perfect.min, 100.0);
}

TEST(ChartScale, LogarithmicBoundsAreRoundNumbers)
{
    const AxisBounds bounds = ChartScale::logarithmic(0.034, 2.3);
    EXPECT_DOUBLE_EQ(bounds.min, 0.02);
    EXPECT_DOUBLE_EQ(bounds.max, 5.0);
    const AxisBounds exact = ChartScale::logarithmic(0.1, 1.0);
    EXPECT_DOUBLE_EQ(exact.min, 0.1);
    EXPECT_DOUBLE_EQ(exact.max, 1.0);
}

TEST(ChartScale, EpochAxisCoversThePlanWithWholeEpochTicks)
{
    const AxisBounds twenty = ChartScale::epochs(20);
    EXPECT_DOUBLE_EQ(twenty.min, 0.0);
    EXPECT_DOUBLE_EQ(twenty.max, 20.0);
    EXPECT_DOUBLE_EQ(std::fmod(twenty.step, 1.0), 0.0);
    const AxisBounds three = ChartScale::epochs(3);
    EXPECT_DOUBLE_EQ(three.max, 3.0);
    EXPECT_DOUBLE_EQ(three.step, 1.0);
    const AxisBounds one = ChartScale::epochs(1);
    EXPECT_DOUBLE_EQ(one.max, 1.0);
    EXPECT_LT(one.step, 1.0); // fractions of the only epoch
}

TEST(BatchLossCurve, KeepsEveryStepOfAShortRun)
{
    BatchLossCurve curve(2000);
    curve.reset(100, 1.0); // window 1: no smoothing
    for (int step = 1; step <= 100; ++step)
        curve.add(step, double(step));
    EXPECT_EQ(curve.pointCount(), 100);
    const QList<QPointF> raw = curve.rawPoints(10.0);
    EXPECT_DOUBLE_EQ(raw.first().x(), 0.1);
    EXPECT_DOUBLE_EQ(raw.last().x(), 10.0);
    EXPECT_DOUBLE_EQ(raw.last().y(), 100.0);
    EXPECT_DOUBLE_EQ(curve.smoothedLoss(), 100.0);
}

TEST(BatchLossCurve, BucketsHoldTheMeanOfTheirSteps)
{
    BatchLossCurve curve(10);
    curve.reset(100, 1.0); // 10 steps per bucket
    EXPECT_EQ(curve.stepsPerBucket(), 10);
    for (int step = 1; step <= 100; ++step)
        curve.add(step, double(step));
    ASSERT_EQ(curve.pointCount(), 10);
    const QList<QPointF> raw = curve.rawPoints();
    EXPECT_DOUBLE_EQ(raw[0].x(), 5.5); // mean of steps 1..10
    EXPECT_DOUBLE_EQ(raw[0].y(), 5.5);
    EXPECT_DOUBLE_EQ(raw[9].y(), 95.5);
    EXPECT_DOUBLE_EQ(curve.minLoss(), 1.0);
    EXPECT_DOUBLE_EQ(curve.maxLoss(), 100.0);
    EXPECT_DOUBLE_EQ(curve.lastLoss(), 100.0);
}

TEST(BatchLossCurve, StaysUnderTheCapWhenTheRunOutgrowsItsPlan)
{
    BatchLossCurve curve(2000);
    curve.reset(1000, 10.0); // planned 1,000 steps, then 100,000 arrive
    double sum = 0.0;
    for (int step = 1; step <= 100000; ++step) {
        const double loss = 1.0 + (step % 7) * 0.1;
        sum += loss;
        curve.add(step, loss);
        ASSERT_LE(curve.pointCount(), 2000) << "at step " << step;
    }
    EXPECT_GE(curve.pointCount(), 1000); // merging halves, it does not collapse
    // The buckets together still average every loss.
    double weighted = 0.0;
    const QList<QPointF> raw = curve.rawPoints();
    // Buckets are equal-sized except the last: compare means loosely.
    for (const QPointF& point : raw)
        weighted += point.y();
    EXPECT_NEAR(weighted / double(raw.size()), sum / 100000.0, 1e-3);
    EXPECT_EQ(curve.lossCount(), 100000);
}

TEST(BatchLossCurve, SmoothingIsDebiasedExponentialAverage)
{
    BatchLossCurve curve;
    curve.reset(10, 2.0); // weight 0.5
    EXPECT_DOUBLE_EQ(curve.smoothingWeight(), 0.5);
    curve.add(1, 4.0);
    EXPECT_DOUBLE_EQ(curve.smoothedLoss(), 4.0); // debiased: the first value itself
    curve.add(2, 1.0);
    // biased: 0.5*(0.5*4) + 0.5*1 = 1.5; debias 1 - 0.25 = 0.75 -> 2.0
    EXPECT_DOUBLE_EQ(curve.smoothedLoss(), 2.0);
    const QList<QPointF> smoothed = curve.smoothedPoints();
    ASSERT_EQ(smoothed.size(), 2);
    EXPECT_DOUBLE_EQ(smoothed[1].x(), 2.0);
    EXPECT_DOUBLE_EQ(smoothed[1].y(), 2.0);
}

TEST(LearningRatePlan, InverseTimeDecayFirstAndLastStep)
{
    mlps::ScheduleSpec schedule;
    schedule.kind = mlps::ScheduleKind::InverseTime;
    schedule.decay = 0.01;
    const QList<QPointF> plan = mlps::ui::plannedLearningRate(schedule, 0.5, 10, 50);
    ASSERT_EQ(plan.size(), 50);
    EXPECT_DOUBLE_EQ(plan.first().x(), 0.1);
    EXPECT_DOUBLE_EQ(plan.first().y(), 0.5);
    EXPECT_DOUBLE_EQ(plan.last().x(), 5.0);
    EXPECT_DOUBLE_EQ(plan.last().y(), 0.5 / (1.0 + 0.01 * 49));
}

TEST(LearningRatePlan, LongRunsAreSampledButKeepEveryJump)
{
    mlps::ScheduleSpec schedule;
    schedule.kind = mlps::ScheduleKind::Step;
    schedule.stepSize = 3;
    schedule.gamma = 0.5;
    const std::int64_t perEpoch = 1563, epochs = 10;
    const QList<QPointF> plan = mlps::ui::plannedLearningRate(schedule, 0.1, perEpoch, perEpoch * epochs, 500);
    EXPECT_LE(plan.size(), 500 + 2 * epochs);
    EXPECT_DOUBLE_EQ(plan.first().y(), 0.1);
    EXPECT_DOUBLE_EQ(plan.last().y(), 0.1 * 0.125); // epochs 9..10 are 3 decays in
    // Both sides of the first drop (after epoch 3) are in the curve.
    bool before = false, after = false;
    for (const QPointF& point : plan) {
        before = before || (std::abs(point.x() - 3.0) < 1e-9 && point.y() == 0.1);
        after = after || (std::abs(point.x() - (3.0 + 1.0 / perEpoch)) < 1e-9 && point.y() == 0.05);
    }
    EXPECT_TRUE(before);
    EXPECT_TRUE(after);
    for (qsizetype i = 1; i < plan.size(); ++i)
        ASSERT_LT(plan[i - 1].x(), plan[i].x());
}

} // namespace
