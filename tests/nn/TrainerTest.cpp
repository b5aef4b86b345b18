// Trainer: determinism, learning, divergence, early stopping, epochs and batches, schedules.

#include "nn/Trainer.h"

#include "LabelledImages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlps {
namespace {

constexpr int kPixels = 16;
constexpr int kClasses = 4;

using Images = LabelledImages<kPixels, kClasses>;

// Four well-separated prototypes (each pixel 40 or 215, drawn once from a
// fixed seed), and samples = prototype + uniform noise in [-30, 30].
Images separableImages(int count, std::uint64_t seed)
{
    Rng prototypeRng(2024, 9);
    std::uint8_t prototypes[kClasses][kPixels];
    for (auto& prototype : prototypes)
        for (auto& p : prototype)
            p = prototypeRng.uniform() < 0.5f ? 40 : 215;
    Rng rng(seed, 10);
    Images images;
    for (int i = 0; i < count; ++i) {
        const int label = int(rng.below(kClasses));
        images.labels.push_back(label);
        for (int k = 0; k < kPixels; ++k) {
            const float v = float(prototypes[label][k]) + rng.uniform(-30.0f, 30.0f);
            images.pixels.push_back(std::uint8_t(std::clamp(v, 0.0f, 255.0f)));
        }
    }
    return images;
}

// Uniform noise with random labels: nothing to learn, everything to memorise.
Images noiseImages(int count, std::uint64_t seed)
{
    Rng rng(seed, 11);
    Images images;
    for (int i = 0; i < count; ++i) {
        images.labels.push_back(std::int32_t(rng.below(kClasses)));
        for (int k = 0; k < kPixels; ++k)
            images.pixels.push_back(std::uint8_t(rng.below(256)));
    }
    return images;
}

NetworkSpec smallSpec(bool dropout = false)
{
    NetworkSpec spec;
    spec.inputSize = kPixels;
    spec.classes = kClasses;
    spec.hidden.push_back(DenseSpec{32, Activation::Relu, 0.0f});
    if (dropout)
        spec.hidden.push_back(DropoutSpec{0.2f});
    return spec;
}

TrainConfig adamConfig(int epochs, int batchSize, int threads = 1, std::uint64_t seed = 1)
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = 0.01f;
    config.epochs = epochs;
    config.batchSize = batchSize;
    config.threads = threads;
    config.seed = seed;
    return config;
}

// Runs until the trainer reports Finished or Diverged; returns that status.
StepStatus runToEnd(Trainer& trainer, int maxSteps = 100000)
{
    for (int i = 0; i < maxSteps; ++i) {
        const StepStatus status = trainer.step();
        if (status == StepStatus::Finished || status == StepStatus::Diverged)
            return status;
    }
    ADD_FAILURE() << "the run did not end within " << maxSteps << " steps";
    return StepStatus::Running;
}

bool bitwiseEqual(const Eigen::VectorXf& a, const Eigen::VectorXf& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0;
}

TEST(TrainerTest, LearnsASeparableProblem)
{
    const Images train = separableImages(400, 1);
    const Images validation = separableImages(200, 2);
    Trainer trainer(smallSpec(), adamConfig(5, 16, 2), train.view(), validation.view());
    EXPECT_EQ(runToEnd(trainer), StepStatus::Finished);
    ASSERT_EQ(trainer.history().size(), 5u);
    const EpochRecord& last = trainer.history().back();
    ASSERT_TRUE(last.validationAccuracy.has_value());
    EXPECT_GT(*last.validationAccuracy, 0.95);
    EXPECT_GT(last.trainAccuracy, 0.95);
    EXPECT_LT(*last.validationLoss, trainer.history().front().validationLoss.value());
    EXPECT_LT(last.trainLoss, std::log(double(kClasses)));
    // evaluate() on the validation set is what the history recorded.
    const Evaluation evaluation = trainer.evaluate(validation.view());
    EXPECT_EQ(evaluation.scores.accuracy, *last.validationAccuracy);
    EXPECT_EQ(evaluation.count(), 200);
}

class TrainerDeterminismTest : public ::testing::TestWithParam<int> {};

TEST_P(TrainerDeterminismTest, SameSeedAndThreadsGiveBitIdenticalRuns)
{
    const int threads = GetParam();
    const Images train = separableImages(150, 3);
    const Images validation = separableImages(60, 4);
    TrainConfig config = adamConfig(3, 16, threads, 77);
    config.optimizer.kind = OptimizerKind::Nesterov;
    config.optimizer.learningRate = 0.05f;
    config.schedule.kind = ScheduleKind::InverseTime;
    config.schedule.decay = 0.01;
    Trainer a(smallSpec(true), config, train.view(), validation.view());
    Trainer b(smallSpec(true), config, train.view(), validation.view());
    ASSERT_EQ(runToEnd(a), StepStatus::Finished);
    ASSERT_EQ(runToEnd(b), StepStatus::Finished);
    EXPECT_TRUE(bitwiseEqual(a.network().parameters(), b.network().parameters()));
    ASSERT_EQ(a.history().size(), b.history().size());
    for (std::size_t e = 0; e < a.history().size(); ++e) {
        const EpochRecord& x = a.history()[e];
        const EpochRecord& y = b.history()[e];
        EXPECT_EQ(x.epoch, y.epoch);
        EXPECT_EQ(x.trainLoss, y.trainLoss) << "epoch " << e + 1;
        EXPECT_EQ(x.trainAccuracy, y.trainAccuracy);
        EXPECT_EQ(x.validationLoss, y.validationLoss);
        EXPECT_EQ(x.validationAccuracy, y.validationAccuracy);
        EXPECT_EQ(x.learningRate, y.learningRate);
    }

    // Another seed: other initial weights, shuffles and masks.
    config.seed = 78;
    Trainer c(smallSpec(true), config, train.view(), validation.view());
    ASSERT_EQ(runToEnd(c), StepStatus::Finished);
    EXPECT_FALSE(bitwiseEqual(a.network().parameters(), c.network().parameters()));
    EXPECT_GT((a.network().parameters() - c.network().parameters()).cwiseAbs().maxCoeff(), 1e-2f);
}

INSTANTIATE_TEST_SUITE_P(Threads, TrainerDeterminismTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& paramInfo) {
                             return "threads" + std::to_string(paramInfo.param);
                         });

TEST(TrainerTest, OneAndTwoThreadsTrainAlike)
{
    // Same seed, different thread counts: the same shuffles, masks and initial
    // weights; only the order of float sums differs, so after one epoch the
    // weights agree closely (but need not be bit-identical).
    const Images train = separableImages(120, 5);
    TrainConfig config = adamConfig(1, 16, 1, 5);
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.learningRate = 0.05f;
    Trainer one(smallSpec(true), config, train.view());
    config.threads = 2;
    Trainer two(smallSpec(true), config, train.view());
    ASSERT_EQ(runToEnd(one), StepStatus::Finished);
    ASSERT_EQ(runToEnd(two), StepStatus::Finished);
    EXPECT_LE((one.network().parameters() - two.network().parameters()).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_NEAR(one.history()[0].trainLoss, two.history()[0].trainLoss, 1e-6);
}

TEST(TrainerTest, HugeLearningRateDiverges)
{
    // Saturated images (every pixel 255 -> 1.0) and SGD with lr = 1e6 through
    // two linear hidden layers: each step multiplies the weights by ~lr (the
    // gradient of one layer is proportional to the others), so they overflow
    // float within a few steps and the loss becomes inf or NaN. (With ReLU the
    // first step would kill every unit and the loss would stay finite.)
    Images images = separableImages(64, 6);
    std::fill(images.pixels.begin(), images.pixels.end(), std::uint8_t(255));
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.learningRate = 1e6f;
    config.epochs = 50;
    config.batchSize = 8;
    NetworkSpec spec;
    spec.inputSize = kPixels;
    spec.classes = kClasses;
    spec.hidden = {DenseSpec{32, Activation::Linear, 0.0f}, DenseSpec{32, Activation::Linear, 0.0f}};
    Trainer trainer(spec, config, images.view());
    EXPECT_EQ(runToEnd(trainer), StepStatus::Diverged);
    EXPECT_TRUE(trainer.done());
    EXPECT_EQ(trainer.message().rfind("Diverged", 0), 0u) << trainer.message();
    EXPECT_LT(trainer.stepsDone(), trainer.totalSteps());
    EXPECT_FALSE(std::isfinite(trainer.lastBatch().loss()));
    // Once diverged, the trainer stays so and trains no more.
    const std::int64_t steps = trainer.stepsDone();
    EXPECT_EQ(trainer.step(), StepStatus::Diverged);
    EXPECT_EQ(trainer.stepsDone(), steps);
}

TEST(TrainerTest, EarlyStoppingStopsAndRestoresTheBestWeights)
{
    // Random labels: the network memorises the training set and the validation
    // loss, after at most a brief dip, only grows.
    const Images train = noiseImages(64, 7);
    const Images validation = noiseImages(64, 8);
    NetworkSpec spec = smallSpec();
    spec.hidden.push_back(DenseSpec{64, Activation::Relu, 0.0f});
    TrainConfig config = adamConfig(60, 8, 1, 9);
    config.optimizer.learningRate = 0.02f;
    config.earlyStoppingPatience = 3;
    Trainer trainer(spec, config, train.view(), validation.view());
    EXPECT_EQ(runToEnd(trainer), StepStatus::Finished);
    const auto& history = trainer.history();
    ASSERT_LT(history.size(), 60u) << "early stopping did not stop the run";
    EXPECT_EQ(trainer.message().rfind("Early stopping", 0), 0u) << trainer.message();

    // Keras' EarlyStopping(patience=3): the run ends 3 epochs after the best one.
    std::size_t best = 0;
    for (std::size_t e = 1; e < history.size(); ++e)
        if (*history[e].validationLoss < *history[best].validationLoss)
            best = e;
    EXPECT_EQ(history.size(), best + 1 + 3);
    EXPECT_NE(trainer.message().find("epoch " + std::to_string(best + 1)), std::string::npos) << trainer.message();

    // restore_best_weights: the network now scores the best epoch's validation loss.
    const Evaluation evaluation = trainer.evaluate(validation.view());
    EXPECT_DOUBLE_EQ(evaluation.logLoss + trainer.network().l2Penalty(), *history[best].validationLoss);
    EXPECT_DOUBLE_EQ(evaluation.scores.accuracy, *history[best].validationAccuracy);
    EXPECT_EQ(trainer.step(), StepStatus::Finished);
}

TEST(TrainerTest, FinishesAfterTheConfiguredEpochs)
{
    const Images train = separableImages(40, 10);
    Trainer trainer(smallSpec(), adamConfig(3, 16), train.view());
    EXPECT_EQ(trainer.stepsPerEpoch(), 3); // ceil(40 / 16)
    EXPECT_EQ(trainer.totalSteps(), 9);
    std::vector<StepStatus> statuses;
    while (!trainer.done())
        statuses.push_back(trainer.step());
    const std::vector<StepStatus> expected = {
        StepStatus::Running, StepStatus::Running, StepStatus::EpochEnd,
        StepStatus::Running, StepStatus::Running, StepStatus::EpochEnd,
        StepStatus::Running, StepStatus::Running, StepStatus::Finished};
    EXPECT_EQ(statuses, expected);
    EXPECT_EQ(trainer.history().size(), 3u);
    EXPECT_EQ(trainer.epochsDone(), 3);
    EXPECT_EQ(trainer.stepsDone(), 9);
    EXPECT_TRUE(trainer.message().empty());
    for (int e = 0; e < 3; ++e) {
        EXPECT_EQ(trainer.history()[std::size_t(e)].epoch, e + 1);
        EXPECT_FALSE(trainer.history()[std::size_t(e)].validationLoss.has_value()) << "no validation set";
        EXPECT_GE(trainer.history()[std::size_t(e)].seconds, 0.0);
    }
    // After the end, step() does nothing more.
    EXPECT_EQ(trainer.step(), StepStatus::Finished);
    EXPECT_EQ(trainer.stepsDone(), 9);
}

TEST(TrainerTest, StepsPerEpochIsCeilAndThePartialBatchIsUsed)
{
    // 10 samples in batches of 4: 4 + 4 + 2.
    const Images train = separableImages(10, 11);
    Trainer trainer(smallSpec(), adamConfig(2, 4), train.view());
    EXPECT_EQ(trainer.stepsPerEpoch(), 3);
    for (int epoch = 0; epoch < 2; ++epoch) {
        double lossSum = 0.0;
        std::int64_t correct = 0, samples = 0;
        for (Index expectedSize : {4, 4, 2}) {
            trainer.step();
            ASSERT_EQ(trainer.lastBatch().size, expectedSize);
            lossSum += trainer.lastBatch().loss() * double(trainer.lastBatch().size);
            correct += trainer.lastBatch().correct;
            samples += trainer.lastBatch().size;
        }
        EXPECT_EQ(samples, 10);
        ASSERT_EQ(trainer.history().size(), std::size_t(epoch + 1));
        // The epoch's figures are sample-weighted means over all its batches, partial one included.
        EXPECT_NEAR(trainer.history().back().trainLoss, lossSum / 10.0, 1e-12);
        EXPECT_DOUBLE_EQ(trainer.history().back().trainAccuracy, double(correct) / 10.0);
    }
    EXPECT_TRUE(trainer.done());

    // A batch larger than the data set: one step per epoch, with every sample.
    Trainer whole(smallSpec(), adamConfig(1, 128), train.view());
    EXPECT_EQ(whole.stepsPerEpoch(), 1);
    EXPECT_EQ(whole.step(), StepStatus::Finished);
    EXPECT_EQ(whole.lastBatch().size, 10);
}

class TrainerScheduleTest : public ::testing::TestWithParam<ScheduleKind> {};

TEST_P(TrainerScheduleTest, RunsAndFollowsTheSchedule)
{
    const Images train = separableImages(50, 12);
    const Images validation = separableImages(20, 13);
    TrainConfig config = adamConfig(4, 16);
    config.optimizer.kind = OptimizerKind::Momentum;
    config.optimizer.learningRate = 0.05f;
    config.schedule.kind = GetParam();
    config.schedule.decay = 0.05;
    config.schedule.stepSize = 2;
    config.schedule.gamma = 0.5;
    config.schedule.warmupEpochs = 1.0;
    config.schedule.minFraction = 0.1;
    config.schedule.patience = 1;
    config.schedule.minDelta = 10.0; // for Plateau: no epoch ever counts as an improvement
    Trainer trainer(smallSpec(), config, train.view(), validation.view());
    const std::int64_t perEpoch = trainer.stepsPerEpoch();
    ASSERT_EQ(perEpoch, 4);
    const double baseRate = double(config.optimizer.learningRate); // 0.05f, as the trainer sees it
    StepStatus status = StepStatus::Running;
    while (!trainer.done()) {
        const int reductions = GetParam() == ScheduleKind::Plateau ? std::max(0, trainer.epochsDone() - 1) : 0;
        const SchedulePosition at{trainer.stepsDone(), perEpoch, trainer.totalSteps(), reductions};
        // The rate of the coming step is the schedule's (for Plateau: one
        // reduction per epoch after the first, which sets the best loss).
        ASSERT_DOUBLE_EQ(trainer.learningRate(), learningRateAt(config.schedule, baseRate, at))
            << scheduleName(GetParam()) << " at step " << trainer.stepsDone();
        status = trainer.step();
    }
    EXPECT_EQ(status, StepStatus::Finished);
    ASSERT_EQ(trainer.history().size(), 4u);
    for (std::size_t e = 0; e < 4; ++e) {
        const EpochRecord& record = trainer.history()[e];
        EXPECT_TRUE(std::isfinite(record.trainLoss));
        EXPECT_TRUE(std::isfinite(*record.validationLoss));
        const int reductions = GetParam() == ScheduleKind::Plateau ? std::max(0, int(e) - 1) : 0;
        const SchedulePosition lastStep{std::int64_t(e + 1) * perEpoch - 1, perEpoch, 16, reductions};
        EXPECT_DOUBLE_EQ(record.learningRate, learningRateAt(config.schedule, baseRate, lastStep)) << "epoch " << e + 1;
    }
    if (GetParam() != ScheduleKind::Constant && GetParam() != ScheduleKind::Cosine) {
        EXPECT_LT(trainer.history().back().learningRate, baseRate * 0.99) << "the rate must have decayed";
    }
}

INSTANTIATE_TEST_SUITE_P(AllSchedules, TrainerScheduleTest,
                         ::testing::Values(ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                                           ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau),
                         [](const ::testing::TestParamInfo<ScheduleKind>& paramInfo) {
                             std::string name = scheduleName(paramInfo.param);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(TrainerTest, RejectsInvalidConfigurationsAndData)
{
    const Images train = separableImages(20, 14);
    TrainConfig bad = adamConfig(0, 16);
    EXPECT_THROW(Trainer(smallSpec(), bad, train.view()), std::invalid_argument);
    bad = adamConfig(1, 0);
    EXPECT_THROW(Trainer(smallSpec(), bad, train.view()), std::invalid_argument);
    bad = adamConfig(1, 16);
    bad.optimizer.learningRate = -1.0f;
    EXPECT_THROW(Trainer(smallSpec(), bad, train.view()), std::invalid_argument);
    bad = adamConfig(1, 16);
    bad.schedule.kind = ScheduleKind::Step;
    bad.schedule.stepSize = 0;
    EXPECT_THROW(Trainer(smallSpec(), bad, train.view()), std::invalid_argument);

    SampleView empty = train.view();
    empty.count = 0;
    EXPECT_THROW(Trainer(smallSpec(), adamConfig(1, 16), empty), std::invalid_argument);
    NetworkSpec wider = smallSpec();
    wider.inputSize = kPixels + 1;
    EXPECT_THROW(Trainer(wider, adamConfig(1, 16), train.view()), std::invalid_argument);
    SampleView badValidation = train.view();
    badValidation.features = kPixels - 1;
    EXPECT_THROW(Trainer(smallSpec(), adamConfig(1, 16), train.view(), badValidation), std::invalid_argument);
}

TEST(TrainerTest, WeightAverageFollowsTheRecurrenceAndEndsInTheNetwork)
{
    const Images train = separableImages(64, 20);
    const Images validation = separableImages(32, 21);
    TrainConfig config = adamConfig(3, 16);
    Trainer plain(smallSpec(), config, train.view(), validation.view()); // the same trained weights, unaveraged
    config.weightAverageDecay = 0.9f;
    Trainer trainer(smallSpec(), config, train.view(), validation.view());
    Eigen::VectorXf expected = trainer.network().parameters(); // the average starts at the initial weights
    while (!trainer.done()) {
        trainer.step();
        plain.step();
        // avg += (1 - d) (w - avg) (up to rounding: the compiler may fuse it differently here).
        expected += (1.0f - 0.9f) * (plain.network().parameters() - expected);
        if (!trainer.done()) {
            ASSERT_TRUE(trainer.averagedParameters().isApprox(expected, 1e-6f)) << "step " << trainer.stepsDone();
            ASSERT_TRUE(bitwiseEqual(trainer.network().parameters(), plain.network().parameters()));
        }
    }
    // At the end the averaged weights replace the trained ones.
    EXPECT_EQ(trainer.averagedParameters().size(), 0);
    EXPECT_TRUE(trainer.network().parameters().isApprox(expected, 1e-6f));
    EXPECT_FALSE(trainer.network().parameters().isApprox(plain.network().parameters(), 1e-3f));
    // The last epoch's validation figures are those of the final (averaged) network.
    const Evaluation evaluation = trainer.evaluate(validation.view());
    EXPECT_EQ(evaluation.scores.accuracy, trainer.history().back().validationAccuracy.value());
    EXPECT_NE(trainer.history().back().validationLoss, plain.history().back().validationLoss);
}

TEST(TrainerTest, WeightAverageIsEvaluatedDuringTheRunWithoutTouchingTheTrainedWeights)
{
    const Images train = separableImages(64, 22);
    const Images validation = separableImages(32, 23);
    TrainConfig config = adamConfig(2, 16);
    config.weightAverageDecay = 0.99f;
    Trainer averaged(smallSpec(), config, train.view(), validation.view());
    Trainer plain(smallSpec(), adamConfig(2, 16), train.view(), validation.view());
    for (int i = 0; i < 4; ++i) { // the first epoch
        averaged.step();
        plain.step();
    }
    ASSERT_EQ(averaged.epochsDone(), 1);
    // The same training steps: averaging only reads the weights.
    EXPECT_TRUE(bitwiseEqual(averaged.network().parameters(), plain.network().parameters()));
    // evaluate() mid-run uses the average, then puts the trained weights back.
    Network reference(smallSpec());
    reference.parameters() = averaged.averagedParameters();
    const Evaluation expected = evaluatePredictions(reference.predict(validation.view()), validation.view());
    const Evaluation got = averaged.evaluate(validation.view());
    EXPECT_EQ(got.logLoss, expected.logLoss);
    EXPECT_EQ(averaged.history().back().validationAccuracy.value(), expected.scores.accuracy);
    EXPECT_TRUE(bitwiseEqual(averaged.network().parameters(), plain.network().parameters()));
}

TEST(TrainerTest, LabelSmoothingChangesTheStepsAndZeroIsBitIdentical)
{
    const Images train = separableImages(48, 24);
    TrainConfig config = adamConfig(2, 16);
    Trainer plain(smallSpec(), config, train.view());
    config.labelSmoothing = 0.0f;
    Trainer zero(smallSpec(), config, train.view());
    config.labelSmoothing = 0.1f;
    Trainer smoothed(smallSpec(), config, train.view());
    runToEnd(plain);
    runToEnd(zero);
    runToEnd(smoothed);
    EXPECT_TRUE(bitwiseEqual(plain.network().parameters(), zero.network().parameters()));
    EXPECT_FALSE(bitwiseEqual(plain.network().parameters(), smoothed.network().parameters()));
    // The smoothed target keeps the loss above the target's entropy.
    EXPECT_GT(smoothed.history().back().trainLoss, plain.history().back().trainLoss);
}

// Synthetic samples: the separable prototypes, marked by their first pixel = 1
// (the real images' first pixels are >= 10), so that a batch's origin can be told.
Images markedSynthetic(int count, std::uint64_t seed)
{
    Images images = separableImages(count, seed);
    for (std::size_t i = 0; i < images.labels.size(); ++i)
        images.pixels[i * kPixels] = 1;
    return images;
}

TEST(TrainerTest, SyntheticShareMixesEveryRealSampleWithSyntheticOnes)
{
    Images train = separableImages(30, 25);
    for (std::size_t i = 0; i < train.labels.size(); ++i)
        train.pixels[i * kPixels] = std::max<std::uint8_t>(train.pixels[i * kPixels], 10);
    const Images synthetic = markedSynthetic(25, 26);
    TrainConfig config = adamConfig(4, 8);
    config.syntheticShare = 0.4f; // 30 real -> 20 synthetic per epoch: 50 samples, 7 steps
    Trainer trainer(smallSpec(), config, train.view(), {}, synthetic.view());
    EXPECT_EQ(trainer.syntheticPerEpoch(), 20);
    EXPECT_EQ(trainer.samplesPerEpoch(), 50);
    EXPECT_EQ(trainer.stepsPerEpoch(), 7);
    EXPECT_EQ(runToEnd(trainer), StepStatus::Finished);
    EXPECT_EQ(trainer.history().size(), 4u);

    // Without a synthetic set a share is an error; a share of 0 ignores the set
    // and trains exactly as without it.
    EXPECT_THROW(Trainer(smallSpec(), config, train.view()), std::invalid_argument);
    TrainConfig off = adamConfig(2, 8);
    Trainer ignoring(smallSpec(), off, train.view(), {}, synthetic.view());
    Trainer without(smallSpec(), off, train.view());
    EXPECT_EQ(ignoring.stepsPerEpoch(), 4);
    runToEnd(ignoring);
    runToEnd(without);
    EXPECT_TRUE(bitwiseEqual(ignoring.network().parameters(), without.network().parameters()));
    // Labels beyond the network's classes and other image sizes are refused.
    Images wrongLabels = synthetic;
    wrongLabels.labels[3] = kClasses;
    EXPECT_THROW(Trainer(smallSpec(), config, train.view(), {}, wrongLabels.view()), std::invalid_argument);
    SampleView narrow = synthetic.view();
    narrow.features = kPixels - 1;
    EXPECT_THROW(Trainer(smallSpec(), config, train.view(), {}, narrow), std::invalid_argument);
}

TEST(TrainerTest, SyntheticShareIsDeterministicAndDependsOnTheSeed)
{
    const Images train = separableImages(40, 27);
    const Images synthetic = markedSynthetic(33, 28);
    TrainConfig config = adamConfig(3, 16, 2);
    config.syntheticShare = 0.25f;
    Trainer a(smallSpec(), config, train.view(), {}, synthetic.view());
    Trainer b(smallSpec(), config, train.view(), {}, synthetic.view());
    config.seed = 2;
    Trainer c(smallSpec(), config, train.view(), {}, synthetic.view());
    runToEnd(a);
    runToEnd(b);
    runToEnd(c);
    EXPECT_TRUE(bitwiseEqual(a.network().parameters(), b.network().parameters()));
    EXPECT_FALSE(bitwiseEqual(a.network().parameters(), c.network().parameters()));
}

TEST(TrainerTest, EnsembleTrainsMembersSideBySideAndAveragesTheirProbabilities)
{
    const Images train = separableImages(60, 29);
    const Images validation = separableImages(30, 30);
    TrainConfig config = adamConfig(2, 16, 2);
    config.augment = AugmentSpec{};
    Trainer single(smallSpec(true), config, train.view(), validation.view());
    config.ensembleSize = 3;
    Trainer ensemble(smallSpec(true), config, train.view(), validation.view());
    EXPECT_EQ(ensemble.ensembleSize(), 3);
    EXPECT_EQ(ensemble.stepsPerEpoch(), single.stepsPerEpoch());
    runToEnd(single);
    runToEnd(ensemble);
    // Member 0 is the single network's run, bit for bit; the others differ.
    EXPECT_TRUE(bitwiseEqual(ensemble.member(0).parameters(), single.network().parameters()));
    EXPECT_EQ(ensemble.history().back().trainLoss, single.history().back().trainLoss);
    EXPECT_FALSE(bitwiseEqual(ensemble.member(1).parameters(), ensemble.member(0).parameters()));
    EXPECT_FALSE(bitwiseEqual(ensemble.member(2).parameters(), ensemble.member(1).parameters()));
    EXPECT_EQ(Trainer::memberSeed(7, 0), 7u);
    EXPECT_NE(Trainer::memberSeed(7, 1), Trainer::memberSeed(7, 2));

    // Predictions and the validation figures are the members' mean probabilities.
    Eigen::MatrixXf mean = ensemble.member(0).predict(validation.view());
    mean += ensemble.member(1).predict(validation.view());
    mean += ensemble.member(2).predict(validation.view());
    mean /= 3.0f;
    const Eigen::MatrixXf predicted = ensemble.predict(validation.view());
    EXPECT_TRUE(predicted.isApprox(mean, 1e-6f));
    const Evaluation evaluation = ensemble.evaluate(validation.view());
    EXPECT_EQ(evaluation.scores.accuracy, ensemble.history().back().validationAccuracy.value());
    EXPECT_NEAR(evaluation.logLoss, evaluatePredictions(mean, validation.view()).logLoss, 1e-5);

    // Reproducible.
    Trainer again(smallSpec(true), config, train.view(), validation.view());
    runToEnd(again);
    for (int k = 0; k < 3; ++k)
        EXPECT_TRUE(bitwiseEqual(again.member(k).parameters(), ensemble.member(k).parameters())) << k;
}

TEST(TrainerTest, EnsembleWithWeightAveragingAndEarlyStopping)
{
    const Images train = separableImages(60, 31);
    const Images validation = separableImages(30, 32);
    TrainConfig config = adamConfig(6, 16);
    config.ensembleSize = 2;
    config.weightAverageDecay = 0.5f;
    config.earlyStoppingPatience = 1;
    config.optimizer.learningRate = 0.05f;
    Trainer trainer(smallSpec(), config, train.view(), validation.view());
    EXPECT_NE(runToEnd(trainer), StepStatus::Diverged);
    // Whether it stopped early or not, the ensemble is left in a state that
    // evaluates to a valid result.
    const Evaluation evaluation = trainer.evaluate(validation.view());
    EXPECT_GT(evaluation.scores.accuracy, 0.9);
    EXPECT_EQ(trainer.averagedParameters().size(), 0);
}

TEST(TrainConfigTest, ValidateRejectsBadValues)
{
    TrainConfig config;
    EXPECT_EQ(config.validate(), "");
    config.threads = 0;
    EXPECT_NE(config.validate(), "");
    config = TrainConfig{};
    config.earlyStoppingPatience = -1;
    EXPECT_NE(config.validate(), "");
    config = TrainConfig{};
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.beta2 = 1.0f;
    EXPECT_NE(config.validate(), "");
    config = TrainConfig{};
    config.schedule.kind = ScheduleKind::Cosine;
    config.schedule.minFraction = 2.0;
    EXPECT_NE(config.validate(), "");
    for (float bad : {-0.1f, 1.0f, std::nanf("")}) {
        config = TrainConfig{};
        config.labelSmoothing = bad;
        EXPECT_NE(config.validate(), "") << bad;
        config = TrainConfig{};
        config.weightAverageDecay = bad;
        EXPECT_NE(config.validate(), "") << bad;
        config = TrainConfig{};
        config.syntheticShare = bad;
        EXPECT_NE(config.validate(), "") << bad;
    }
    for (int bad : {0, -1, kMaxEnsembleSize + 1}) {
        config = TrainConfig{};
        config.ensembleSize = bad;
        EXPECT_NE(config.validate(), "") << bad;
    }
    config = TrainConfig{};
    config.ensembleSize = kMaxEnsembleSize;
    config.labelSmoothing = 0.1f;
    config.weightAverageDecay = 0.999f;
    config.syntheticShare = 0.95f;
    EXPECT_EQ(config.validate(), "");
}

} // namespace
} // namespace mlps
