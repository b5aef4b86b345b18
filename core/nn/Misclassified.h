#pragma once

#include "nn/Metrics.h"

#include <cstdint>
#include <vector>

namespace mlps {

// A sample the model got wrong, and how sure it was.
struct Misclassified {
    std::int64_t sample = 0;      // index in the evaluation's order
    std::int32_t trueClass = 0;
    std::int32_t predicted = 0;
    float confidence = 0.0f;      // the probability of the (wrong) predicted class
    float trueProbability = 0.0f; // the probability of the true class
};

// Every misclassified sample of an evaluation, the most confident mistakes
// first (ties: lower sample index first, so the order is reproducible).
std::vector<Misclassified> misclassified(const Evaluation& evaluation);

} // namespace mlps
