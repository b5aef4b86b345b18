// Training with on-the-fly augmentation: determinism, independence from the
// thread count, training batches only, and learning.

#include "nn/Augmenter.h"
#include "nn/Network.h"
#include "nn/Optimizers.h"
#include "nn/Trainer.h"

#include "LabelledImages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace mlps {
namespace {

constexpr int kSide = 10;
constexpr int kPixels = kSide * kSide;
constexpr int kClasses = 4;

using Images = LabelledImages<kPixels, kClasses>;

// 10x10 images of a 2-pixel-wide bar through the middle, give or take a pixel:
// horizontal, vertical, diagonal or anti-diagonal (the class), plus noise.
Images barImages(int count, std::uint64_t seed)
{
    Rng rng(seed, 12);
    Images images;
    for (int i = 0; i < count; ++i) {
        const int label = int(rng.below(kClasses));
        const int offset = int(rng.below(3)) - 1;
        images.labels.push_back(label);
        for (int y = 0; y < kSide; ++y) {
            for (int x = 0; x < kSide; ++x) {
                const int along[kClasses] = {y - offset, x - offset, x - y - offset, x + y - (kSide - 1) - offset};
                const int d = along[label] - (label < 2 ? kSide / 2 : 0);
                const bool on = label < 2 ? (d == 0 || d == -1) : (d == 0 || d == 1);
                const float v = (on ? 220.0f : 20.0f) + rng.uniform(-20.0f, 20.0f);
                images.pixels.push_back(std::uint8_t(std::clamp(v, 0.0f, 255.0f)));
            }
        }
    }
    return images;
}

AugmentSpec mildAugmentation()
{
    AugmentSpec spec;
    spec.maxShift = 1.0f;
    spec.maxScale = 0.1f;
    spec.maxRotation = 10.0f;
    spec.elasticAlpha = 6.0f;
    spec.elasticSigma = 2.0f;
    spec.probability = 0.8f;
    spec.width = kSide;
    spec.height = kSide;
    return spec;
}

NetworkSpec barSpec()
{
    NetworkSpec spec;
    spec.inputSize = kPixels;
    spec.classes = kClasses;
    spec.hidden.push_back(DenseSpec{32, Activation::Relu, 0.0f});
    return spec;
}

TrainConfig augmentedConfig(int epochs, int threads, std::uint64_t seed = 1)
{
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.learningRate = 0.01f;
    config.epochs = epochs;
    config.batchSize = 16;
    config.threads = threads;
    config.seed = seed;
    config.augment = mildAugmentation();
    return config;
}

void runToEnd(Trainer& trainer)
{
    while (!trainer.done())
        ASSERT_NE(trainer.step(), StepStatus::Diverged) << trainer.message();
}

bool bitwiseEqual(const Eigen::VectorXf& a, const Eigen::VectorXf& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0;
}

class AugmentedDeterminismTest : public ::testing::TestWithParam<int> {};

TEST_P(AugmentedDeterminismTest, SameSeedAndThreadsGiveBitIdenticalRuns)
{
    const Images train = barImages(100, 1);
    const TrainConfig config = augmentedConfig(2, GetParam(), 21);
    Trainer a(barSpec(), config, train.view());
    Trainer b(barSpec(), config, train.view());
    runToEnd(a);
    runToEnd(b);
    EXPECT_TRUE(bitwiseEqual(a.network().parameters(), b.network().parameters()));
    EXPECT_EQ(a.history().back().trainLoss, b.history().back().trainLoss);

    // Without augmentation (same seed: same weights, shuffles) the run differs.
    TrainConfig plain = config;
    plain.augment = AugmentSpec{};
    Trainer c(barSpec(), plain, train.view());
    runToEnd(c);
    EXPECT_GT((a.network().parameters() - c.network().parameters()).cwiseAbs().maxCoeff(), 1e-3f);
    EXPECT_NE(a.history().front().trainLoss, c.history().front().trainLoss);
}

INSTANTIATE_TEST_SUITE_P(Threads, AugmentedDeterminismTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& paramInfo) {
                             return "threads" + std::to_string(paramInfo.param);
                         });

TEST(AugmentedTrainingTest, OneAndTwoThreadsAugmentAlike)
{
    // The threads augment their own columns, each sample from its own stream:
    // the batches are the same, so only the order of float sums differs (as
    // in TrainerTest.OneAndTwoThreadsTrainAlike). Other augmentations would
    // move the weights far more than 1e-5.
    const Images train = barImages(96, 2);
    TrainConfig config = augmentedConfig(1, 1, 5);
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.learningRate = 0.05f;
    Trainer one(barSpec(), config, train.view());
    config.threads = 2;
    Trainer two(barSpec(), config, train.view());
    runToEnd(one);
    runToEnd(two);
    EXPECT_LE((one.network().parameters() - two.network().parameters()).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_NEAR(one.history()[0].trainLoss, two.history()[0].trainLoss, 1e-6);
}

TEST(AugmentedTrainingTest, NetworkAugmentsTheGatheredColumnsOnlyInTraining)
{
    // One step of plain SGD on a linear network (no hidden layer): the output
    // layer's weight gradient is delta x^T, so the step sees the inputs.
    const Images data = barImages(24, 3);
    NetworkSpec spec;
    spec.inputSize = kPixels;
    spec.classes = kClasses;
    std::vector<std::int64_t> order(24);
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = std::int64_t(order.size() - 1 - i);
    OptimizerSpec sgd;
    sgd.learningRate = 0.1f;

    auto stepOnce = [&](int threads, Mode mode, const AugmentSpec& augment) {
        Network network(spec, threads);
        network.initialize(4);
        const std::unique_ptr<Optimizer> optimizer = makeOptimizer(sgd);
        optimizer->reset(network.parameterCount());
        PassContext context;
        context.mode = mode;
        context.seed = 8;
        context.step = 3;
        network.trainStep(data.view(), order.data(), 24, context, *optimizer, sgd.learningRate, augment);
        return Eigen::VectorXf(network.parameters());
    };
    const Eigen::VectorXf plain = stepOnce(1, Mode::Train, AugmentSpec{});
    const Eigen::VectorXf augmented = stepOnce(1, Mode::Train, mildAugmentation());
    EXPECT_GT((augmented - plain).cwiseAbs().maxCoeff(), 1e-4f);
    // Mode::Infer leaves the batch alone, as it does dropout.
    EXPECT_TRUE(bitwiseEqual(stepOnce(1, Mode::Infer, mildAugmentation()), stepOnce(1, Mode::Infer, AugmentSpec{})));

    // The expected step, from the batch gathered and augmented by hand.
    Eigen::MatrixXf batch(kPixels, 24);
    std::vector<std::int32_t> labels(24);
    gatherBatch(data.view(), order.data(), 24, batch, labels.data());
    Augmenter(mildAugmentation()).augmentColumns(batch, 8, 3, 0);
    Network reference(spec, 1);
    reference.initialize(4);
    const std::unique_ptr<Optimizer> optimizer = makeOptimizer(sgd);
    optimizer->reset(reference.parameterCount());
    PassContext context;
    context.mode = Mode::Train;
    context.seed = 8;
    context.step = 3;
    reference.trainStep(batch, labels.data(), context, *optimizer, sgd.learningRate);
    EXPECT_TRUE(bitwiseEqual(augmented, reference.parameters()));
    // Two and three threads: the same batch, up to the order of the sums in dW.
    for (int threads : {2, 3})
        EXPECT_LE((stepOnce(threads, Mode::Train, mildAugmentation()) - augmented).cwiseAbs().maxCoeff(), 1e-6f)
            << threads << " threads";

    // A spec for images of another size is refused.
    AugmentSpec wrongSize = mildAugmentation();
    wrongSize.width = 5;
    EXPECT_THROW(stepOnce(1, Mode::Train, wrongSize), std::invalid_argument);
}

TEST(AugmentedTrainingTest, LearnsWithMildAugmentation)
{
    const Images train = barImages(400, 4);
    const Images validation = barImages(200, 5);
    Trainer trainer(barSpec(), augmentedConfig(8, 1, 3), train.view(), validation.view());
    runToEnd(trainer);
    ASSERT_EQ(trainer.history().size(), 8u);
    const EpochRecord& last = trainer.history().back();
    EXPECT_GT(*last.validationAccuracy, 0.95);
    EXPECT_LT(last.trainLoss, trainer.history().front().trainLoss);
    // Evaluation is never augmented: it is the same as predicting afresh.
    const Evaluation evaluation = trainer.evaluate(validation.view());
    EXPECT_EQ(evaluation.scores.accuracy, *last.validationAccuracy);
}

TEST(AugmentedTrainingTest, RejectsBadAugmentationConfigurations)
{
    const Images train = barImages(20, 6);
    TrainConfig config = augmentedConfig(1, 1);
    config.augment.width = 0;
    config.augment.height = 0;
    EXPECT_NE(config.validate(), "");
    EXPECT_THROW(Trainer(barSpec(), config, train.view()), std::invalid_argument);
    config.augment = mildAugmentation();
    config.augment.width = 20;
    config.augment.height = 4; // 80 pixels, the images have 100
    EXPECT_EQ(config.validate(), "") << "the size fits only the data, which the config does not know";
    EXPECT_THROW(Trainer(barSpec(), config, train.view()), std::invalid_argument);
    config.augment = mildAugmentation();
    config.augment.maxRotation = -1.0f;
    EXPECT_NE(config.validate(), "");
    // A config with augmentation off needs no image size.
    config.augment = AugmentSpec{};
    EXPECT_EQ(config.validate(), "");
    EXPECT_NO_THROW(Trainer(barSpec(), config, train.view()));
}

} // namespace
} // namespace mlps
