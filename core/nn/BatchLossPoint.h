#pragma once

#include <cstdint>

namespace mlps {

// One point of a run's batch-loss curve: a single step's loss, as the worker
// sends it while it trains, or the mean loss of `span` consecutive steps
// ending at `step`, as a run keeps its losses (BatchLossDecimator).
struct BatchLossPoint {
    std::int64_t step = 0; // 1-based over the whole run: the (last) step that produced it
    double loss = 0.0;     // the batch's loss, L2 included (as Keras reports it); or the steps' mean
    std::int64_t span = 1; // the steps it stands for: step - span + 1 .. step
};

} // namespace mlps
