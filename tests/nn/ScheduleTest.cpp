// Learning-rate schedules: tables of steps for each kind, the plateau rule, validation.

#include "nn/Schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace mlps {
namespace {

struct Row {
    std::int64_t step;
    double expected;
};

void expectTable(const ScheduleSpec& spec, double baseRate, std::int64_t stepsPerEpoch, std::int64_t totalSteps,
                 const std::vector<Row>& rows)
{
    for (const Row& row : rows) {
        const SchedulePosition at{row.step, stepsPerEpoch, totalSteps, 0};
        EXPECT_NEAR(learningRateAt(spec, baseRate, at), row.expected, 1e-12 * std::max(1.0, row.expected))
            << scheduleName(spec.kind) << " at step " << row.step;
    }
}

TEST(ScheduleTest, Constant)
{
    ScheduleSpec spec;
    expectTable(spec, 0.01, 100, 2000, {{0, 0.01}, {1, 0.01}, {999, 0.01}, {1999, 0.01}});
}

TEST(ScheduleTest, InverseTimeIsTheLegacyKerasDecay)
{
    // The reference lab: SGD(lr=0.1, decay=0.1/epochs) with epochs = 20, so
    // decay = 0.005 and Keras 2 uses lr / (1 + decay * iterations), where
    // iterations counts the batches done before this one (100 per epoch here).
    ScheduleSpec spec;
    spec.kind = ScheduleKind::InverseTime;
    spec.decay = 0.1 / 20.0;
    expectTable(spec, 0.1, 100, 2000,
                {{0, 0.1},
                 {1, 0.1 / 1.005},
                 {2, 0.1 / 1.01},
                 {99, 0.1 / 1.495},
                 {100, 0.1 / 1.5},    // first step of epoch 2
                 {1000, 0.1 / 6.0},
                 {1999, 0.1 / 10.995}}); // the last step
}

TEST(ScheduleTest, StepMultipliesByGammaEveryStepSizeEpochs)
{
    // torch.optim.lr_scheduler.StepLR(step_size=2, gamma=0.5), stepped per epoch: epoch e uses lr * 0.5^floor(e/2).
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Step;
    spec.stepSize = 2;
    spec.gamma = 0.5;
    expectTable(spec, 0.2, 10, 100,
                {{0, 0.2}, {9, 0.2}, {10, 0.2}, {19, 0.2}, {20, 0.1}, {39, 0.1}, {40, 0.05}, {99, 0.0125}});
}

TEST(ScheduleTest, ExponentialDecaysOncePerEpoch)
{
    // ExponentialLR(gamma=0.9), stepped per epoch: lr * 0.9^epoch, constant within an epoch.
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Exponential;
    spec.gamma = 0.9;
    expectTable(spec, 1.0, 10, 100, {{0, 1.0}, {9, 1.0}, {10, 0.9}, {19, 0.9}, {25, 0.81}, {99, std::pow(0.9, 9)}});
}

TEST(ScheduleTest, CosineWithWarmup)
{
    // Warm-up W = 1 epoch = 10 steps: step s < W uses lr (s + 1) / W (llm.c);
    // then lr_min + (lr - lr_min) (1 + cos(pi p)) / 2 with p = (s - W) / (total - W).
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Cosine;
    spec.warmupEpochs = 1.0;
    spec.minFraction = 0.1;
    const double lr = 0.5;
    const double floorRate = 0.05;
    auto cosine = [&](double progress) {
        return floorRate + 0.5 * (lr - floorRate) * (1.0 + std::cos(std::numbers::pi * progress));
    };
    expectTable(spec, lr, 10, 100,
                {{0, lr * 1.0 / 10.0},
                 {1, lr * 2.0 / 10.0},
                 {4, lr * 5.0 / 10.0},
                 {9, lr},              // the last warm-up step reaches the full rate
                 {10, lr},             // progress 0
                 {55, 0.5 * (lr + floorRate)}, // progress 1/2: half way between lr and the floor
                 {32, cosine(22.0 / 90.0)},
                 {100, floorRate}});   // the end of the run: minFraction * lr
    // The last step (99) is within a hair of the floor (p = 89/90, as in llm.c):
    // 0.45 * (1 + cos(pi 89/90)) / 2 = 1.37e-4 above it.
    const double last = learningRateAt(spec, lr, {99, 10, 100, 0});
    EXPECT_NEAR(last, cosine(89.0 / 90.0), 1e-12);
    EXPECT_GT(last, floorRate);
    EXPECT_NEAR(last, floorRate, 1.5e-4);
    // Monotone decreasing after the warm-up.
    for (std::int64_t s = 10; s < 100; ++s)
        EXPECT_LT(learningRateAt(spec, lr, {s + 1, 10, 100, 0}), learningRateAt(spec, lr, {s, 10, 100, 0}) + 1e-15);
}

TEST(ScheduleTest, CosineWithoutWarmupStartsAtTheFullRate)
{
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Cosine;
    expectTable(spec, 1.0, 5, 40, {{0, 1.0}, {20, 0.5}, {10, 0.5 * (1.0 + std::cos(std::numbers::pi / 4.0))}, {40, 0.0}});
}

TEST(ScheduleTest, CosineFractionalWarmupRoundsToSteps)
{
    // 0.25 epochs of 10 steps = 2.5 -> 3 warm-up steps (std::round).
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Cosine;
    spec.warmupEpochs = 0.25;
    expectTable(spec, 0.3, 10, 50, {{0, 0.1}, {1, 0.2}, {2, 0.3}, {3, 0.3}});
}

TEST(ScheduleTest, PlateauUsesTheReductionCount)
{
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Plateau;
    spec.gamma = 0.5;
    for (int reductions = 0; reductions < 4; ++reductions)
        EXPECT_DOUBLE_EQ(learningRateAt(spec, 0.08, {123, 10, 1000, reductions}), 0.08 * std::pow(0.5, reductions));
}

TEST(PlateauTrackerTest, KerasReduceLrOnPlateauSemantics)
{
    // Keras' ReduceLROnPlateau(mode='min', patience=2, min_delta=0.01, cooldown=0):
    // an epoch improves when loss < best - min_delta; after `patience`
    // consecutive epochs without improvement the rate is reduced and the wait resets.
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Plateau;
    spec.patience = 2;
    spec.minDelta = 0.01;
    PlateauTracker tracker(spec);
    struct Epoch {
        double loss;
        bool reduce;
        int reductions;
    };
    const std::vector<Epoch> epochs = {
        {1.000, false, 0}, // first epoch: the best so far
        {0.995, false, 0}, // better, but not by min_delta: wait 1
        {0.980, false, 0}, // 0.98 < 1.0 - 0.01: improvement, best 0.98, wait 0
        {0.975, false, 0}, // wait 1
        {0.990, true, 1},  // wait 2 = patience: reduce, wait 0
        {0.979, false, 1}, // wait 1 (still measured against best 0.98)
        {0.971, true, 2},  // wait 2: reduce again (0.971 is not below 0.97)
        {0.500, false, 2}, // improvement
        {0.600, false, 2}, // wait 1
        {0.400, false, 2}, // improvement resets the wait
        {0.395, false, 2}, // wait 1
        {0.399, true, 3},  // wait 2: reduce
    };
    for (std::size_t e = 0; e < epochs.size(); ++e) {
        EXPECT_EQ(tracker.observe(epochs[e].loss), epochs[e].reduce) << "epoch " << e + 1;
        EXPECT_EQ(tracker.reductions(), epochs[e].reductions) << "epoch " << e + 1;
    }
}

TEST(PlateauTrackerTest, PatienceOneReducesOnEveryFlatEpoch)
{
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Plateau;
    spec.patience = 1;
    spec.minDelta = 0.0;
    PlateauTracker tracker(spec);
    EXPECT_FALSE(tracker.observe(1.0));
    EXPECT_TRUE(tracker.observe(1.0)); // equal is not an improvement
    EXPECT_TRUE(tracker.observe(1.5));
    EXPECT_FALSE(tracker.observe(0.9));
    EXPECT_EQ(tracker.reductions(), 2);
}

TEST(ScheduleSpecTest, ValidateRejectsBadValues)
{
    for (ScheduleKind kind : {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                              ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau}) {
        ScheduleSpec spec;
        spec.kind = kind;
        EXPECT_EQ(spec.validate(), "") << "the defaults are valid for " << scheduleName(kind);
    }
    auto rejects = [](ScheduleKind kind, auto change) {
        ScheduleSpec spec;
        spec.kind = kind;
        change(spec);
        EXPECT_NE(spec.validate(), "") << scheduleName(kind);
    };
    rejects(ScheduleKind::InverseTime, [](ScheduleSpec& s) { s.decay = -0.1; });
    rejects(ScheduleKind::InverseTime, [](ScheduleSpec& s) { s.decay = std::nan(""); });
    rejects(ScheduleKind::Step, [](ScheduleSpec& s) { s.stepSize = 0; });
    rejects(ScheduleKind::Step, [](ScheduleSpec& s) { s.gamma = 0.0; });
    rejects(ScheduleKind::Step, [](ScheduleSpec& s) { s.gamma = 1.5; });
    rejects(ScheduleKind::Exponential, [](ScheduleSpec& s) { s.gamma = -0.5; });
    rejects(ScheduleKind::Exponential, [](ScheduleSpec& s) { s.gamma = std::nan(""); });
    rejects(ScheduleKind::Plateau, [](ScheduleSpec& s) { s.gamma = 2.0; });
    rejects(ScheduleKind::Plateau, [](ScheduleSpec& s) { s.patience = -1; });
    rejects(ScheduleKind::Cosine, [](ScheduleSpec& s) { s.warmupEpochs = -1.0; });
    rejects(ScheduleKind::Cosine, [](ScheduleSpec& s) { s.minFraction = 1.5; });
    rejects(ScheduleKind::Cosine, [](ScheduleSpec& s) { s.minFraction = -0.1; });
    // Values that belong to another kind are not checked.
    ScheduleSpec constant;
    constant.gamma = 7.0;
    EXPECT_EQ(constant.validate(), "");
}

TEST(ScheduleSpecTest, NamesRoundTrip)
{
    for (ScheduleKind kind : {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                              ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau})
        EXPECT_EQ(parseSchedule(scheduleName(kind)), kind);
    EXPECT_EQ(parseSchedule("inverse-time"), ScheduleKind::InverseTime);
    EXPECT_FALSE(parseSchedule("linear").has_value());
}

} // namespace
} // namespace mlps
