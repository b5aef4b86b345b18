#pragma once

#include "nn/Metrics.h"
#include "nn/Network.h"
#include "nn/Optimizer.h"
#include "nn/Rng.h"
#include "nn/SampleView.h"
#include "nn/Schedule.h"
#include "nn/TrainConfig.h"
#include "nn/TrainerState.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlps {

enum class StepStatus {
    Running,  // a batch was trained, the epoch goes on
    EpochEnd, // a batch was trained and it ended an epoch; history() has a new record
    Finished, // the last epoch ended (or early stopping ended the run)
    Diverged, // the loss became NaN or infinite; see message()
};

// Trains a network one mini-batch per step(), so that a caller (the CLI, a
// worker thread) can report progress, pause or stop between steps. Batches
// come from a shuffled order drawn from the seed's shuffle stream and, with
// config.augment, are augmented on the fly (never the evaluation's).
class Trainer {
public:
    // `synthetic`: the extra training samples config.syntheticShare mixes in
    // (needed when that share is > 0, ignored otherwise); copied, with the
    // real training samples, into a buffer the trainer owns.
    Trainer(const NetworkSpec& spec, const TrainConfig& config, const SampleView& train,
            const SampleView& validation = {}, const SampleView& synthetic = {});

    StepStatus step();

    // Steps done so far, counted over the whole run.
    std::int64_t stepsDone() const { return m_step; }
    std::int64_t stepsPerEpoch() const { return m_stepsPerEpoch; }
    std::int64_t totalSteps() const { return m_stepsPerEpoch * m_config.epochs; }
    // Samples per epoch: the real training samples plus the synthetic ones mixed in.
    std::int64_t samplesPerEpoch() const { return std::int64_t(m_order.size()); }
    std::int64_t syntheticPerEpoch() const { return m_syntheticPerEpoch; }
    int epochsDone() const { return int(m_history.size()); }
    bool done() const { return m_done; }

    const BatchResult& lastBatch() const { return m_lastBatch; }
    // The learning rate the next step will use.
    double learningRate() const;
    const std::vector<EpochRecord>& history() const { return m_history; }
    // Why the run ended early (divergence, early stopping); empty otherwise.
    const std::string& message() const { return m_message; }

    const TrainConfig& config() const { return m_config; }
    // The network (with config.ensembleSize > 1: the ensemble's first member).
    Network& network() { return m_network; }
    const Network& network() const { return m_network; }
    // Member k of the ensemble, 0 <= k < ensembleSize(); member 0 is network().
    int ensembleSize() const { return 1 + int(m_members.size()); }
    Network& member(int k) { return k == 0 ? m_network : *m_members[std::size_t(k - 1)].network; }
    // How many synthetic samples a share mixes into an epoch of `realCount`
    // training samples (0 for a share of 0), and so the steps of an epoch.
    static std::int64_t syntheticPerEpoch(std::int64_t realCount, float share);
    static std::int64_t stepsPerEpoch(std::int64_t realCount, const TrainConfig& config);
    // The seed member k draws its initial weights, dropout masks and
    // augmentations from: config.seed for member 0.
    static std::uint64_t memberSeed(std::uint64_t seed, int k);

    // Class probabilities (classes x count) of every sample of a view: the
    // mean over the ensemble's members, with their averaged weights during a
    // run with weight averaging.
    Eigen::MatrixXf predict(const SampleView& data);

    // Class probabilities and scores on a labelled set, with the current
    // weights (during a run with weight averaging: with the averaged weights).
    Evaluation evaluate(const SampleView& data);
    // The validation set's evaluation at the last epoch end (with the weights
    // of that epoch, before any early-stopping restore); null without a
    // validation set or before the first epoch end.
    std::shared_ptr<const Evaluation> lastValidation() const { return m_lastValidation; }
    // The moving average of the weights (config.weightAverageDecay > 0) of
    // network() during the run; empty otherwise and once the run has ended.
    const Eigen::VectorXf& averagedParameters() const { return m_average; }

    // Leaves `seconds` the caller spent between two steps (a pause) out of the
    // current epoch's wall time, and so out of its history record and checkpoints.
    void discountPause(double seconds);

    // A checkpoint of everything training has changed so far (TrainerState.h).
    TrainerState state() const;
    // Puts this trainer (made with the same network, settings, data and, for
    // bit-identical results, thread count as the one state() came from) where
    // that one was. Throws std::invalid_argument, changing nothing, when the
    // state does not fit this trainer (another network, data size, ensemble
    // size, optimizer, or an inconsistent cursor).
    void restore(const TrainerState& state);

private:
    // Puts `average` (when not empty) into `network` for the scope's lifetime.
    class AveragedWeights {
    public:
        AveragedWeights(Network& network, const Eigen::VectorXf& average);
        ~AveragedWeights();
        AveragedWeights(const AveragedWeights&) = delete;
        AveragedWeights& operator=(const AveragedWeights&) = delete;

    private:
        Network& m_network;
        Eigen::VectorXf m_saved;
    };
    // Members 1.. of an ensemble (member 0 is m_network, m_optimizer, m_average).
    struct Member {
        std::unique_ptr<Network> network;
        std::unique_ptr<Optimizer> optimizer;
        Eigen::VectorXf average;
        Eigen::VectorXf best;
        std::uint64_t seed = 0;
    };
    // The average of `network` (member k's), empty when not averaging.
    Eigen::VectorXf& averageOf(int k) { return k == 0 ? m_average : m_members[std::size_t(k - 1)].average; }
    void updateAverage(const Network& network, Eigen::VectorXf& average) const;

    // Why `state` cannot be restored into this trainer; empty when it can.
    std::string problemWith(const TrainerState& state) const;
    void startEpoch();
    void endEpoch();
    SchedulePosition position() const;

    TrainConfig m_config;
    SampleView m_train;
    SampleView m_validation;
    Network m_network;
    std::unique_ptr<Optimizer> m_optimizer;
    PlateauTracker m_plateau;
    Rng m_shuffleRng;

    std::vector<std::int64_t> m_order;
    // Mixing (config.syntheticShare > 0): m_train views m_mixPixels/m_mixLabels,
    // the real samples [0, m_realCount) then the synthetic ones; each epoch's
    // order takes the real ones and the next m_syntheticPerEpoch of m_syntheticOrder.
    std::vector<std::uint8_t> m_mixPixels;
    std::vector<std::int32_t> m_mixLabels;
    std::vector<std::int64_t> m_syntheticOrder;
    std::int64_t m_realCount = 0;
    std::int64_t m_syntheticPerEpoch = 0;
    std::int64_t m_syntheticNext = 0;
    std::int64_t m_stepsPerEpoch = 0;
    std::int64_t m_step = 0;
    std::int64_t m_positionInEpoch = 0;

    double m_epochLossSum = 0.0;
    std::int64_t m_epochCorrect = 0;
    std::int64_t m_epochSamples = 0;
    std::chrono::steady_clock::time_point m_epochStart;

    BatchResult m_lastBatch;
    std::vector<EpochRecord> m_history;
    std::shared_ptr<const Evaluation> m_lastValidation;
    std::string m_message;
    bool m_done = false;

    double m_bestValidationLoss = 0.0;
    int m_epochsSinceBest = 0;
    Eigen::VectorXf m_bestParameters;
    Eigen::VectorXf m_average; // weight averaging's moving average
    std::vector<Member> m_members;
};

} // namespace mlps
