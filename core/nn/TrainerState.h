#pragma once

#include "nn/Network.h"
#include "nn/Rng.h"
#include "nn/Schedule.h"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlps {

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
    bool operator==(const EpochRecord&) const = default;
};

// One network of a run (an ensemble has several): its weights and what its
// optimizer, weight averaging and early stopping keep about them.
struct MemberState {
    Eigen::VectorXf parameters;
    // The optimizer's state vectors by name (Optimizer::state(): "velocity",
    // "m", "v"), each as long as the parameters; none for plain SGD.
    std::vector<std::pair<std::string, Eigen::VectorXf>> optimizer;
    std::int64_t optimizerSteps = 0; // Adam's bias correction counts them
    Eigen::VectorXf average;         // the weights' moving average; empty when not averaging
    Eigen::VectorXf best;            // early stopping's best weights; empty before the first
};

// Everything a Trainer changes while it trains, taken between two steps
// (Trainer::state()): a Trainer made again with the same network, settings,
// data and thread count and given this state (Trainer::restore()) goes on
// exactly as the first would have, to the last bit of the weights. What is
// drawn per step (dropout masks, augmentations) comes from (seed, step), so
// the one random stream with a position is the shuffle's.
struct TrainerState {
    std::int64_t step = 0;            // steps done over the whole run
    std::int64_t positionInEpoch = 0; // steps done in the current epoch; 0 at an epoch end
    // The current epoch's order of the training samples (indices into the
    // trainer's training view: the real samples, then the synthetic ones).
    std::vector<std::int64_t> order;
    // Mixing in synthetic samples: their shuffled order and the next one to take.
    std::vector<std::int64_t> syntheticOrder;
    std::int64_t syntheticNext = 0;
    Rng::State shuffle;

    // The current epoch's running sums and the wall time it has taken so far.
    double epochLossSum = 0.0;
    std::int64_t epochCorrect = 0;
    std::int64_t epochSamples = 0;
    double epochSeconds = 0.0;

    std::vector<EpochRecord> history;
    PlateauTracker::State plateau;
    double bestValidationLoss = 0.0;
    int epochsSinceBest = 0;
    BatchResult lastBatch;
    bool done = false;
    std::string message;

    // Member 0 is the trainer's network(); an ensemble's others follow.
    std::vector<MemberState> members;
};

} // namespace mlps
