#pragma once

#include "nn/AugmentSpec.h"
#include "nn/OptimizerSpec.h"
#include "nn/Schedule.h"

#include <cstdint>
#include <string>

namespace mlps {

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
    bool operator==(const TrainConfig&) const = default;

    std::string validate() const;
};

} // namespace mlps
