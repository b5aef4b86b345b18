#pragma once

#include "nn/AugmentSpec.h"
#include "nn/OptimizerSpec.h"
#include "nn/Schedule.h"

#include <cstdint>
#include <string>

namespace mlps {

inline constexpr int kMaxEnsembleSize = 16;

// How to train: everything but the network and the data.
struct TrainConfig {
    OptimizerSpec optimizer;
    ScheduleSpec schedule;
    int epochs = 10;
    int batchSize = 128;
    std::uint64_t seed = 1;
    int threads = 1;
    // Stop when the validation loss has not improved for this many epochs
    // (0 = never), and then go back to the weights of the best epoch.
    int earlyStoppingPatience = 0;
    // On-the-fly augmentation of the training batches (off by default).
    AugmentSpec augment;
    // Label smoothing e in [0, 1): the loss's target is (1 - e) onehot + e / classes
    // instead of the one-hot label (0 = off, the plain cross-entropy).
    float labelSmoothing = 0.0f;
    // Exponential moving average of the weights (Polyak averaging): after every
    // step avg = d * avg + (1 - d) * w, from the initial weights. With d > 0 the
    // validation figures and the final network use the averaged weights, which
    // replace the trained ones when the run ends. d in [0, 1); 0 = off.
    float weightAverageDecay = 0.0f;
    // Mixing in a second, synthetic training set (e.g. the built-in font
    // letters) given to the Trainer apart: each epoch is every real training
    // sample once plus as many synthetic ones (drawn without replacement,
    // cycling through a shuffled order) as make up this share of the epoch.
    // In [0, 0.95]; 0 = off (the synthetic set, if any, is not used).
    float syntheticShare = 0.0f;
    // An ensemble of this many networks of the same spec, trained side by side
    // on the same batches, each from its own seed (initial weights, dropout
    // masks, augmentation draws); the validation and test figures and the
    // predictions average their class probabilities. 1..16; 1 = one network.
    int ensembleSize = 1;
    bool operator==(const TrainConfig&) const = default;

    std::string validate() const;
};

} // namespace mlps
