#pragma once

#include "nn/Metrics.h"
#include "nn/Network.h"
#include "nn/Optimizer.h"
#include "nn/Rng.h"
#include "nn/SampleView.h"
#include "nn/Schedule.h"
#include "nn/TrainConfig.h"

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

// One epoch of history. Training figures are the means over the epoch's
// batches, as Keras reports them (with dropout active); the loss includes L2.
struct EpochRecord {
    int epoch = 0;                  // 1-based
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    std::optional<double> validationLoss;
    std::optional<double> validationAccuracy;
    double learningRate = 0.0;      // of the epoch's last step
    double seconds = 0.0;           // wall time of the epoch, evaluation included
    double evaluationSeconds = 0.0; // the part of it spent evaluating the validation set
};

// Trains a network one mini-batch per step(), so that a caller (the CLI, a
// worker thread) can report progress, pause or stop between steps. Batches
// come from a shuffled order drawn from the seed's shuffle stream and, with
// config.augment, are augmented on the fly (never the evaluation's).
class Trainer {
public:
    Trainer(const NetworkSpec& spec, const TrainConfig& config, const SampleView& train,
            const SampleView& validation = {});

    StepStatus step();

    // Steps done so far, counted over the whole run.
    std::int64_t stepsDone() const { return m_step; }
    std::int64_t stepsPerEpoch() const { return m_stepsPerEpoch; }
    std::int64_t totalSteps() const { return m_stepsPerEpoch * m_config.epochs; }
    int epochsDone() const { return int(m_history.size()); }
    bool done() const { return m_done; }

    const BatchResult& lastBatch() const { return m_lastBatch; }
    // The learning rate the next step will use.
    double learningRate() const;
    const std::vector<EpochRecord>& history() const { return m_history; }
    // Why the run ended early (divergence, early stopping); empty otherwise.
    const std::string& message() const { return m_message; }

    const TrainConfig& config() const { return m_config; }
    Network& network() { return m_network; }
    const Network& network() const { return m_network; }

    // Class probabilities and scores on a labelled set, with the current weights.
    Evaluation evaluate(const SampleView& data);
    // The validation set's evaluation at the last epoch end (with the weights
    // of that epoch, before any early-stopping restore); null without a
    // validation set or before the first epoch end.
    std::shared_ptr<const Evaluation> lastValidation() const { return m_lastValidation; }

private:
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
};

} // namespace mlps
