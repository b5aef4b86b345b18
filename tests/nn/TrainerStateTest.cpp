// Trainer::state() / restore(): a run cut at any step and continued in a new
// Trainer ends bit-identical to the run done in one go, for every kind of
// state a run carries (optimizer moments, schedules, plateau and early
// stopping, weight averaging, ensembles, synthetic mixing, augmentation).

#include "nn/Trainer.h"

#include "LabelledImages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlps {
namespace {

constexpr int kSide = 4;
constexpr int kPixels = kSide * kSide;
constexpr int kClasses = 4;

using Images = LabelledImages<kPixels, kClasses>;

// Noisy copies of four fixed prototypes: learnable, but not at once.
Images images(int count, std::uint64_t seed)
{
    Rng prototypeRng(7, 9);
    std::uint8_t prototypes[kClasses][kPixels];
    for (auto& prototype : prototypes)
        for (auto& p : prototype)
            p = prototypeRng.uniform() < 0.5f ? 60 : 195;
    Rng rng(seed, 10);
    Images result;
    for (int i = 0; i < count; ++i) {
        const int label = int(rng.below(kClasses));
        result.labels.push_back(label);
        for (int k = 0; k < kPixels; ++k)
            result.pixels.push_back(std::uint8_t(std::clamp(prototypes[label][k] + rng.uniform(-70.0f, 70.0f), 0.0f, 255.0f)));
    }
    return result;
}

NetworkSpec spec()
{
    NetworkSpec result;
    result.inputSize = kPixels;
    result.classes = kClasses;
    result.hidden.push_back(DenseSpec{12, Activation::Relu, 1e-4f});
    result.hidden.push_back(DropoutSpec{0.25f});
    result.hidden.push_back(DenseSpec{8, Activation::Tanh, 0.0f});
    return result;
}

struct Variant {
    const char* name;
    TrainConfig config;
};

void PrintTo(const Variant& variant, std::ostream* out) { *out << variant.name; }

TrainConfig base(OptimizerKind optimizer, float learningRate, int threads)
{
    TrainConfig config;
    config.optimizer.kind = optimizer;
    config.optimizer.learningRate = learningRate;
    config.epochs = 5;
    config.batchSize = 13; // 97 samples: a short last batch in every epoch
    config.threads = threads;
    config.seed = 42;
    return config;
}

std::vector<Variant> variants()
{
    std::vector<Variant> result;
    {
        TrainConfig c = base(OptimizerKind::Adam, 0.01f, 1);
        result.push_back({"AdamConstant", c});
    }
    {
        TrainConfig c = base(OptimizerKind::Nesterov, 0.05f, 2);
        c.schedule.kind = ScheduleKind::Cosine;
        c.schedule.warmupEpochs = 1.0;
        c.schedule.minFraction = 0.1;
        c.augment.maxShift = 1.0f;
        c.augment.maxRotation = 10.0f;
        c.augment.width = kSide;
        c.augment.height = kSide;
        result.push_back({"NesterovCosineAugmented2Threads", c});
    }
    {
        TrainConfig c = base(OptimizerKind::RmsProp, 0.02f, 1);
        c.epochs = 8;
        c.schedule.kind = ScheduleKind::Plateau;
        c.schedule.patience = 1;
        c.schedule.gamma = 0.5;
        c.schedule.minDelta = 0.05; // fires often on this small set
        c.earlyStoppingPatience = 3;
        c.weightAverageDecay = 0.9f;
        result.push_back({"RmsPropPlateauEarlyStoppingAverage", c});
    }
    {
        TrainConfig c = base(OptimizerKind::Sgd, 0.1f, 2);
        c.schedule.kind = ScheduleKind::InverseTime;
        c.schedule.decay = 0.01;
        c.ensembleSize = 3;
        c.syntheticShare = 0.3f;
        c.labelSmoothing = 0.1f;
        result.push_back({"SgdEnsembleSyntheticSmoothing", c});
    }
    {
        TrainConfig c = base(OptimizerKind::Momentum, 0.05f, 2);
        c.schedule.kind = ScheduleKind::Step;
        c.schedule.stepSize = 2;
        c.schedule.gamma = 0.5;
        c.weightAverageDecay = 0.8f;
        c.ensembleSize = 2;
        result.push_back({"MomentumStepAveragedEnsemble", c});
    }
    return result;
}

bool bitwiseEqual(const Eigen::VectorXf& a, const Eigen::VectorXf& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0;
}

class TrainerStateTest : public ::testing::TestWithParam<Variant> {
protected:
    Images m_train = images(97, 1);
    Images m_validation = images(40, 2);
    Images m_synthetic = images(30, 3);

    std::unique_ptr<Trainer> makeTrainer() const
    {
        return std::make_unique<Trainer>(spec(), GetParam().config, m_train.view(), m_validation.view(),
                                         m_synthetic.view());
    }

    static StepStatus stepTo(Trainer& trainer, std::int64_t steps)
    {
        StepStatus status = StepStatus::Running;
        while (trainer.stepsDone() < steps && !trainer.done())
            status = trainer.step();
        return status;
    }

    static void runToEnd(Trainer& trainer)
    {
        for (int guard = 0; guard < 100000 && !trainer.done(); ++guard)
            trainer.step();
        ASSERT_TRUE(trainer.done());
    }

    static void expectSameRun(Trainer& continued, Trainer& oneGo)
    {
        ASSERT_EQ(continued.ensembleSize(), oneGo.ensembleSize());
        for (int k = 0; k < oneGo.ensembleSize(); ++k)
            EXPECT_TRUE(bitwiseEqual(continued.member(k).parameters(), oneGo.member(k).parameters())) << "member " << k;
        EXPECT_EQ(continued.stepsDone(), oneGo.stepsDone());
        EXPECT_EQ(continued.message(), oneGo.message());
        ASSERT_EQ(continued.history().size(), oneGo.history().size());
        for (std::size_t e = 0; e < oneGo.history().size(); ++e) {
            const EpochRecord& a = continued.history()[e];
            const EpochRecord& b = oneGo.history()[e];
            EXPECT_EQ(a.epoch, b.epoch);
            EXPECT_EQ(a.trainLoss, b.trainLoss) << "epoch " << b.epoch;
            EXPECT_EQ(a.trainAccuracy, b.trainAccuracy) << "epoch " << b.epoch;
            EXPECT_EQ(a.validationLoss, b.validationLoss) << "epoch " << b.epoch;
            EXPECT_EQ(a.validationAccuracy, b.validationAccuracy) << "epoch " << b.epoch;
            EXPECT_EQ(a.learningRate, b.learningRate) << "epoch " << b.epoch;
        }
    }
};

TEST_P(TrainerStateTest, ContinuingFromAnyCutEqualsTheRunInOneGo)
{
    std::unique_ptr<Trainer> oneGo = makeTrainer();
    runToEnd(*oneGo);
    const std::int64_t perEpoch = oneGo->stepsPerEpoch();
    ASSERT_GT(perEpoch, 2);
    // Before the first step, mid-epoch, at an epoch end, one step into an
    // epoch, and one step before the end.
    for (const std::int64_t cut : {std::int64_t(0), perEpoch / 2, perEpoch * 2, perEpoch * 2 + 1,
                                   oneGo->stepsDone() - 1}) {
        SCOPED_TRACE("cut at step " + std::to_string(cut));
        std::unique_ptr<Trainer> first = makeTrainer();
        stepTo(*first, cut);
        ASSERT_EQ(first->stepsDone(), cut);
        const TrainerState state = first->state();
        first.reset(); // nothing of the first trainer survives but its state

        std::unique_ptr<Trainer> continued = makeTrainer();
        continued->restore(state);
        EXPECT_EQ(continued->stepsDone(), cut);
        EXPECT_EQ(continued->epochsDone(), int(state.history.size()));
        EXPECT_EQ(continued->learningRate(), [&] {
            std::unique_ptr<Trainer> probe = makeTrainer();
            stepTo(*probe, cut);
            return probe->learningRate();
        }());
        runToEnd(*continued);
        expectSameRun(*continued, *oneGo);
    }
}

TEST_P(TrainerStateTest, CuttingTwiceEqualsTheRunInOneGo)
{
    std::unique_ptr<Trainer> oneGo = makeTrainer();
    runToEnd(*oneGo);
    std::unique_ptr<Trainer> trainer = makeTrainer();
    for (const std::int64_t cut : {oneGo->stepsPerEpoch() + 3, oneGo->stepsPerEpoch() * 3 + 1}) {
        stepTo(*trainer, cut);
        const TrainerState state = trainer->state();
        trainer = makeTrainer();
        trainer->restore(state);
    }
    runToEnd(*trainer);
    expectSameRun(*trainer, *oneGo);
}

TEST_P(TrainerStateTest, StateOfAnEndedRunRestoresAnEndedRun)
{
    std::unique_ptr<Trainer> oneGo = makeTrainer();
    runToEnd(*oneGo);
    std::unique_ptr<Trainer> restored = makeTrainer();
    restored->restore(oneGo->state());
    EXPECT_TRUE(restored->done());
    EXPECT_EQ(restored->step(), StepStatus::Finished);
    expectSameRun(*restored, *oneGo);
}

INSTANTIATE_TEST_SUITE_P(Variants, TrainerStateTest, ::testing::ValuesIn(variants()),
                         [](const ::testing::TestParamInfo<Variant>& tested) { return std::string(tested.param.name); });

// --- states that do not fit -------------------------------------------------

class TrainerStateMismatchTest : public ::testing::Test {
protected:
    Images m_train = images(97, 1);
    Images m_validation = images(40, 2);

    TrainConfig config() const
    {
        TrainConfig c = base(OptimizerKind::Adam, 0.01f, 1);
        return c;
    }
    TrainerState midRunState() const
    {
        Trainer trainer(spec(), config(), m_train.view(), m_validation.view());
        for (int i = 0; i < 10; ++i)
            trainer.step();
        return trainer.state();
    }
    // Restoring `state` fails with a message containing `expected`, and leaves the trainer as it was.
    void expectRefused(const TrainerState& state, const std::string& expected, const TrainConfig& trainerConfig,
                       const NetworkSpec& trainerSpec = spec()) const
    {
        Trainer trainer(trainerSpec, trainerConfig, m_train.view(), m_validation.view());
        trainer.step();
        const Eigen::VectorXf before = trainer.network().parameters();
        try {
            trainer.restore(state);
            ADD_FAILURE() << "restored a state that does not fit (expected: " << expected << ")";
        } catch (const std::invalid_argument& error) {
            EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
        }
        EXPECT_EQ(trainer.stepsDone(), 1);
        EXPECT_TRUE(bitwiseEqual(trainer.network().parameters(), before));
    }
};

TEST_F(TrainerStateMismatchTest, AnotherNetworkIsRefused)
{
    NetworkSpec wider = spec();
    wider.hidden[0] = DenseSpec{13, Activation::Relu, 1e-4f};
    expectRefused(midRunState(), "weights in the checkpoint", config(), wider);
}

TEST_F(TrainerStateMismatchTest, AnotherOptimizerIsRefused)
{
    TrainConfig momentum = config();
    momentum.optimizer.kind = OptimizerKind::Momentum;
    expectRefused(midRunState(), "optimizer's state", momentum);
}

TEST_F(TrainerStateMismatchTest, AnotherEnsembleSizeIsRefused)
{
    TrainConfig ensemble = config();
    ensemble.ensembleSize = 2;
    expectRefused(midRunState(), "networks", ensemble);
}

TEST_F(TrainerStateMismatchTest, DamagedCursorsAreRefused)
{
    {
        TrainerState state = midRunState();
        state.order.pop_back();
        expectRefused(state, "samples", config());
    }
    {
        TrainerState state = midRunState();
        state.order[1] = state.order[0];
        expectRefused(state, "twice", config());
    }
    {
        TrainerState state = midRunState();
        state.order[0] = 97;
        expectRefused(state, "refers to sample 97", config());
    }
    {
        TrainerState state = midRunState();
        state.step += 1;
        expectRefused(state, "does not match", config());
    }
    {
        TrainerState state = midRunState();
        state.positionInEpoch = 100;
        expectRefused(state, "not below", config());
    }
    {
        TrainerState state = midRunState();
        state.shuffle.words = {};
        expectRefused(state, "all zero", config());
    }
    {
        TrainerState state = midRunState();
        state.members[0].optimizer[0].second.resize(3);
        expectRefused(state, "optimizer's state 'm'", config());
    }
}

TEST(RngStateTest, RestoredGeneratorContinuesTheSequence)
{
    Rng a(5, RngStream::Shuffle);
    a.next();
    a.normal(); // leaves a spare normal
    const Rng::State state = a.state();
    EXPECT_TRUE(state.hasSpare);
    Rng b(99, RngStream::Init);
    b.restore(state);
    EXPECT_EQ(b.normal(), a.normal()); // the spare
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(b.next(), a.next());
    EXPECT_THROW(b.restore(Rng::State{}), std::invalid_argument);
}

TEST(PlateauStateTest, RestoredTrackerContinuesCounting)
{
    ScheduleSpec spec;
    spec.kind = ScheduleKind::Plateau;
    spec.patience = 2;
    PlateauTracker a(spec);
    a.observe(1.0);
    a.observe(1.0);
    PlateauTracker b(spec);
    b.restore(a.state());
    EXPECT_EQ(b.state(), a.state());
    EXPECT_TRUE(b.observe(1.0)); // the second bad epoch in a row
    EXPECT_EQ(b.reductions(), 1);
}

} // namespace
} // namespace mlps
