#include "TrainingPlan.h"

#include "nn/Trainer.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace mlps;
using mlps::ui::describeTraining;
using mlps::ui::plannedLearningRates;

// Steps per epoch as a real Trainer counts them on `samples` tiny samples.
std::int64_t trainerSteps(std::int64_t samples, int batchSize)
{
    NetworkSpec spec;
    spec.inputSize = 4;
    spec.classes = 2;
    std::vector<std::uint8_t> pixels(std::size_t(samples) * 4, 100);
    std::vector<std::int32_t> labels(std::size_t(samples), 0);
    for (std::size_t i = 0; i < labels.size(); i += 2)
        labels[i] = 1;
    SampleView train{pixels.data(), labels.data(), nullptr, samples, 4, 2};
    TrainConfig config;
    config.batchSize = batchSize;
    Trainer trainer(spec, config, train);
    return trainer.stepsPerEpoch();
}

TEST(StepsPerEpoch, MatchesTheTrainer)
{
    EXPECT_EQ(ui::stepsPerEpoch(1000, 128), 8);
    EXPECT_EQ(ui::stepsPerEpoch(1024, 128), 8);
    EXPECT_EQ(ui::stepsPerEpoch(1025, 128), 9);
    EXPECT_EQ(ui::stepsPerEpoch(5, 128), 1);
    EXPECT_EQ(ui::stepsPerEpoch(1, 1), 1);
    for (const auto& [samples, batch] : {std::pair{1000, 128}, {1024, 128}, {1025, 128}, {5, 128}, {7, 1}})
        EXPECT_EQ(ui::stepsPerEpoch(samples, batch), trainerSteps(samples, batch)) << samples << " / " << batch;
}

TEST(StepsPerEpoch, UnknownOrImpossibleIsZero)
{
    EXPECT_EQ(ui::stepsPerEpoch(0, 128), 0);
    EXPECT_EQ(ui::stepsPerEpoch(1000, 0), 0);
    EXPECT_EQ(ui::stepsPerEpoch(-3, 128), 0);
}

TEST(DescribeTraining, DecayingMomentumSgd)
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Momentum;
    config.optimizer.learningRate = 0.1f;
    config.optimizer.momentum = 0.9f;
    config.schedule.kind = ScheduleKind::InverseTime;
    config.schedule.decay = 0.005;
    config.epochs = 20;
    config.batchSize = 128;
    config.seed = 1;
    config.threads = 2;
    // 20,000 samples: 157 steps per epoch; the last step is 3139: 0.1 / (1 + 0.005 * 3139) = 0.00599.
    EXPECT_EQ(describeTraining(config, Init::HeUniform, 20000).toStdString(),
              "SGD with momentum 0.9, learning rate 0.1 with inverse-time decay 0.005 per step (0.00599 at the "
              "last step); 20 epochs of 157 steps (batch 128), seed 1, 2 threads; He uniform init; no augmentation; "
              "no early stopping");
}

TEST(DescribeTraining, AdamWithWarmupAugmentationAndEarlyStopping)
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = 0.001f;
    config.schedule.kind = ScheduleKind::Cosine;
    config.schedule.warmupEpochs = 1.0;
    config.epochs = 1;
    config.batchSize = 64;
    config.seed = 42;
    config.threads = 1;
    config.earlyStoppingPatience = 3;
    config.augment.maxShift = 2.0f;
    config.augment.maxRotation = 10.0f;
    config.augment.probability = 0.5f;
    config.augment.width = 28;
    config.augment.height = 28;
    EXPECT_EQ(describeTraining(config, Init::GlorotNormal, 5).toStdString(),
              "Adam (beta1 0.9, beta2 0.999, epsilon 1e-07), learning rate 0.001 after a linear warm-up of 1 epoch, "
              "then a cosine decay towards 0 (0.001 at the last step); 1 epoch of 1 step (batch 64), seed 42, "
              "1 thread; Glorot normal init; augmenting a share 0.5 of the training images (shift up to 2 px, "
              "rotation up to 10°); early stopping after 3 epochs without a validation-loss improvement, restoring "
              "the best epoch");
}

TEST(DescribeTraining, UnknownTrainingSetLeavesOutTheSteps)
{
    TrainConfig config; // plain SGD at 0.01, 10 epochs of batch 128
    const QString text = describeTraining(config, Init::HeNormal, 0);
    EXPECT_EQ(text.toStdString(),
              "SGD, constant learning rate 0.01; 10 epochs (batch 128; the steps per epoch follow from the "
              "training set's size), seed 1, 1 thread; He normal init; no augmentation; no early stopping");
}

TEST(DescribeTraining, OtherSchedulesNameTheirParameters)
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::RmsProp;
    config.schedule.kind = ScheduleKind::Step;
    config.schedule.stepSize = 10;
    config.schedule.gamma = 0.5;
    config.epochs = 30;
    EXPECT_TRUE(describeTraining(config, Init::HeUniform, 1280).startsWith(
        QStringLiteral("RMSprop (rho 0.9, epsilon 1e-07), learning rate 0.01 multiplied by 0.5 every 10 epochs "
                       "(0.0025 in the last epoch); 30 epochs of 10 steps")));
    config.schedule.kind = ScheduleKind::Plateau;
    config.schedule.patience = 1;
    EXPECT_TRUE(describeTraining(config, Init::HeUniform, 1280).contains(
        QStringLiteral("multiplied by 0.5 after 1 epoch without a validation-loss improvement of more than 0.0001")));
}

TEST(PlannedLearningRates, EveryStepOfAShortRun)
{
    TrainConfig config;
    config.schedule.kind = ScheduleKind::InverseTime;
    config.schedule.decay = 0.1;
    config.epochs = 3;
    config.batchSize = 10;
    const QList<QPointF> points = plannedLearningRates(config, 95, 1000); // 10 steps per epoch
    ASSERT_EQ(points.size(), 30);
    for (int i = 0; i < points.size(); ++i) {
        EXPECT_EQ(points[i].x(), i);
        EXPECT_DOUBLE_EQ(points[i].y(), double(0.01f) / (1.0 + 0.1 * i));
    }
}

TEST(PlannedLearningRates, LongRunsAreDecimatedButKeepTheEndsAndTheJumps)
{
    TrainConfig config;
    config.schedule.kind = ScheduleKind::Step;
    config.schedule.stepSize = 5;
    config.schedule.gamma = 0.1;
    config.epochs = 20;
    config.batchSize = 128;
    const std::int64_t perEpoch = ui::stepsPerEpoch(200000, 128); // 1563
    const QList<QPointF> points = plannedLearningRates(config, 200000, 1000);
    ASSERT_LE(points.size(), 1000);
    ASSERT_GE(points.size(), 900);
    EXPECT_EQ(points.first().x(), 0.0);
    EXPECT_EQ(points.last().x(), double(perEpoch * 20 - 1));
    // Both sides of the jump after epoch 5 are drawn, so the step is vertical.
    const auto at = [&](double step) {
        for (const QPointF& p : points)
            if (p.x() == step)
                return p.y();
        return -1.0;
    };
    EXPECT_DOUBLE_EQ(at(double(5 * perEpoch - 1)), double(0.01f));
    EXPECT_NEAR(at(double(5 * perEpoch)), double(0.01f) * 0.1, 1e-12);
}

TEST(PlannedLearningRates, NothingWhenTheRunIsUnknownOrImpossible)
{
    TrainConfig config;
    EXPECT_TRUE(plannedLearningRates(config, 0).isEmpty());
    config.optimizer.learningRate = 0.0f;
    EXPECT_TRUE(plannedLearningRates(config, 1000).isEmpty());
}

} // namespace
