#include "ProjectCompare.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>

namespace mlps::testing {

namespace {

void expectBits(double expected, double actual, const std::string& what)
{
    EXPECT_EQ(std::bit_cast<std::uint64_t>(expected), std::bit_cast<std::uint64_t>(actual))
        << what << ": expected " << expected << ", got " << actual;
}

void expectBits(const std::optional<double>& expected, const std::optional<double>& actual, const std::string& what)
{
    ASSERT_EQ(expected.has_value(), actual.has_value()) << what;
    if (expected)
        expectBits(*expected, *actual, what);
}

template <typename Matrix>
void expectSameMemory(const Matrix& expected, const Matrix& actual, const std::string& what)
{
    ASSERT_EQ(expected.rows(), actual.rows()) << what;
    ASSERT_EQ(expected.cols(), actual.cols()) << what;
    EXPECT_EQ(0, std::memcmp(expected.data(), actual.data(), std::size_t(expected.size()) * sizeof(*expected.data())))
        << what << " differs";
}

void expectSameEvaluation(const std::optional<StoredEvaluation>& expected,
                          const std::optional<StoredEvaluation>& actual, const std::string& what)
{
    ASSERT_EQ(expected.has_value(), actual.has_value()) << what;
    if (!expected)
        return;
    const StoredEvaluation& e = *expected;
    const StoredEvaluation& a = *actual;
    expectBits(e.logLoss, a.logLoss, what + ".logLoss");
    expectBits(e.scores.accuracy, a.scores.accuracy, what + ".accuracy");
    expectBits(e.scores.f1Macro, a.scores.f1Macro, what + ".f1Macro");
    expectBits(e.scores.f1Weighted, a.scores.f1Weighted, what + ".f1Weighted");
    ASSERT_EQ(e.scores.perClass.size(), a.scores.perClass.size()) << what;
    for (std::size_t c = 0; c < e.scores.perClass.size(); ++c) {
        const std::string at = what + ".perClass[" + std::to_string(c) + "]";
        expectBits(e.scores.perClass[c].precision, a.scores.perClass[c].precision, at + ".precision");
        expectBits(e.scores.perClass[c].recall, a.scores.perClass[c].recall, at + ".recall");
        expectBits(e.scores.perClass[c].f1, a.scores.perClass[c].f1, at + ".f1");
        EXPECT_EQ(e.scores.perClass[c].support, a.scores.perClass[c].support) << at;
    }
    EXPECT_EQ(e.confusion, a.confusion) << what << ".confusion";
    EXPECT_EQ(e.trueLabels, a.trueLabels) << what << ".trueLabels";
    EXPECT_EQ(e.predicted, a.predicted) << what << ".predicted";
    expectSameMemory(e.probabilities, a.probabilities, what + ".probabilities");
}

void expectSameCheckpoint(const TrainerState& e, const TrainerState& a, const std::string& what)
{
    EXPECT_EQ(e.step, a.step) << what;
    EXPECT_EQ(e.positionInEpoch, a.positionInEpoch) << what;
    EXPECT_EQ(e.order, a.order) << what << ".order";
    EXPECT_EQ(e.syntheticOrder, a.syntheticOrder) << what << ".syntheticOrder";
    EXPECT_EQ(e.syntheticNext, a.syntheticNext) << what;
    EXPECT_EQ(e.shuffle.words, a.shuffle.words) << what << ".shuffle";
    EXPECT_EQ(std::bit_cast<std::uint32_t>(e.shuffle.spareNormal), std::bit_cast<std::uint32_t>(a.shuffle.spareNormal))
        << what << ".shuffle.spareNormal";
    EXPECT_EQ(e.shuffle.hasSpare, a.shuffle.hasSpare) << what;
    expectBits(e.epochLossSum, a.epochLossSum, what + ".epochLossSum");
    EXPECT_EQ(e.epochCorrect, a.epochCorrect) << what;
    EXPECT_EQ(e.epochSamples, a.epochSamples) << what;
    expectBits(e.epochSeconds, a.epochSeconds, what + ".epochSeconds");
    ASSERT_EQ(e.history.size(), a.history.size()) << what;
    for (std::size_t i = 0; i < e.history.size(); ++i) {
        expectBits(e.history[i].trainLoss, a.history[i].trainLoss, what + ".history.trainLoss");
        expectBits(e.history[i].validationLoss, a.history[i].validationLoss, what + ".history.validationLoss");
        expectBits(e.history[i].seconds, a.history[i].seconds, what + ".history.seconds");
        EXPECT_EQ(e.history[i].epoch, a.history[i].epoch) << what;
    }
    expectBits(e.plateau.best, a.plateau.best, what + ".plateau.best");
    EXPECT_EQ(e.plateau.hasBest, a.plateau.hasBest) << what;
    EXPECT_EQ(e.plateau.badEpochs, a.plateau.badEpochs) << what;
    EXPECT_EQ(e.plateau.reductions, a.plateau.reductions) << what;
    expectBits(e.bestValidationLoss, a.bestValidationLoss, what + ".bestValidationLoss");
    EXPECT_EQ(e.epochsSinceBest, a.epochsSinceBest) << what;
    expectBits(e.lastBatch.meanLoss, a.lastBatch.meanLoss, what + ".lastBatch.meanLoss");
    expectBits(e.lastBatch.penalty, a.lastBatch.penalty, what + ".lastBatch.penalty");
    EXPECT_EQ(e.lastBatch.correct, a.lastBatch.correct) << what;
    EXPECT_EQ(e.lastBatch.size, a.lastBatch.size) << what;
    EXPECT_EQ(e.done, a.done) << what;
    EXPECT_EQ(e.message, a.message) << what;
    ASSERT_EQ(e.members.size(), a.members.size()) << what;
    for (std::size_t k = 0; k < e.members.size(); ++k) {
        const std::string at = what + ".members[" + std::to_string(k) + "]";
        const MemberState& m = e.members[k];
        const MemberState& n = a.members[k];
        expectSameMemory(m.parameters, n.parameters, at + ".parameters");
        ASSERT_EQ(m.optimizer.size(), n.optimizer.size()) << at;
        for (std::size_t i = 0; i < m.optimizer.size(); ++i) {
            EXPECT_EQ(m.optimizer[i].first, n.optimizer[i].first) << at;
            expectSameMemory(m.optimizer[i].second, n.optimizer[i].second, at + "." + m.optimizer[i].first);
        }
        EXPECT_EQ(m.optimizerSteps, n.optimizerSteps) << at;
        expectSameMemory(m.average, n.average, at + ".average");
        expectSameMemory(m.best, n.best, at + ".best");
    }
}

} // namespace

void expectSameRun(const StoredRun& e, const StoredRun& a)
{
    const std::string what = "run " + std::to_string(e.id);
    EXPECT_EQ(e.id, a.id);
    EXPECT_EQ(e.name, a.name) << what;
    EXPECT_EQ(e.planText, a.planText) << what;
    EXPECT_EQ(e.dataName, a.dataName) << what;
    EXPECT_EQ(e.startedAt, a.startedAt) << what;
    EXPECT_EQ(e.status, a.status) << what;
    EXPECT_EQ(e.message, a.message) << what;
    EXPECT_EQ(e.network, a.network) << what; // floats compared with ==: exact
    EXPECT_EQ(e.config, a.config) << what;
    EXPECT_EQ(e.data, a.data) << what;
    EXPECT_EQ(e.split, a.split) << what;
    EXPECT_EQ(e.trainIndices, a.trainIndices) << what;
    EXPECT_EQ(e.validationIndices, a.validationIndices) << what;
    EXPECT_EQ(e.testIndices, a.testIndices) << what;
    ASSERT_EQ(e.history.size(), a.history.size()) << what;
    for (std::size_t i = 0; i < e.history.size(); ++i) {
        const EpochRecord& r = e.history[i];
        const EpochRecord& s = a.history[i];
        const std::string at = what + ".history[" + std::to_string(i) + "]";
        EXPECT_EQ(r.epoch, s.epoch) << at;
        expectBits(r.trainLoss, s.trainLoss, at + ".trainLoss");
        expectBits(r.trainAccuracy, s.trainAccuracy, at + ".trainAccuracy");
        expectBits(r.validationLoss, s.validationLoss, at + ".validationLoss");
        expectBits(r.validationAccuracy, s.validationAccuracy, at + ".validationAccuracy");
        expectBits(r.learningRate, s.learningRate, at + ".learningRate");
        expectBits(r.seconds, s.seconds, at + ".seconds");
        expectBits(r.evaluationSeconds, s.evaluationSeconds, at + ".evaluationSeconds");
    }
    EXPECT_EQ(e.batchSteps, a.batchSteps) << what;
    ASSERT_EQ(e.batchLosses.size(), a.batchLosses.size()) << what;
    EXPECT_EQ(std::memcmp(e.batchLosses.data(), a.batchLosses.data(), e.batchLosses.size() * sizeof(float)), 0)
        << what << ".batchLosses";
    expectSameEvaluation(e.test, a.test, what + ".test");
    expectSameEvaluation(e.validation, a.validation, what + ".validation");
    expectSameMemory(e.parameters, a.parameters, what + ".parameters");
    EXPECT_EQ(e.stepsDone, a.stepsDone) << what;
    expectBits(e.trainSeconds, a.trainSeconds, what + ".trainSeconds");
    expectBits(e.samplesPerSecond, a.samplesPerSecond, what + ".samplesPerSecond");
    ASSERT_EQ(e.checkpoint != nullptr, a.checkpoint != nullptr) << what << ".checkpoint";
    if (e.checkpoint)
        expectSameCheckpoint(*e.checkpoint, *a.checkpoint, what + ".checkpoint");
}

void expectSameProject(const Project& e, const Project& a)
{
    EXPECT_EQ(a.formatVersion, kProjectFormatVersion);
    EXPECT_EQ(e.data, a.data);
    EXPECT_EQ(e.split, a.split);
    EXPECT_EQ(e.network, a.network);
    EXPECT_EQ(e.training, a.training);
    ASSERT_EQ(e.runs.size(), a.runs.size());
    for (std::size_t k = 0; k < e.runs.size(); ++k)
        expectSameRun(e.runs[k], a.runs[k]);
}

} // namespace mlps::testing
