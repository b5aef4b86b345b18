#pragma once

// Runs for the gallery tests: small real training runs on generated images,
// recorded the way the training worker records them.

#include "RunRecord.h"

#include <memory>
#include <vector>

namespace mlps::test {

// `count` 8x8 images of 4 classes ("A".."D"): class k is brighter in quadrant
// k, with enough noise (and one label in ten wrong) that a small network
// makes mistakes. Named "A/17.png".
std::shared_ptr<const Dataset> noisyQuadrants(std::int64_t count = 1000, std::uint64_t seed = 7);

// A finished run on noisyQuadrants(): `hidden` ReLU layers (none: logistic
// regression), `epochs` epochs, test and validation evaluations, weights.
std::shared_ptr<const ui::RunRecord> trainedRun(int id, std::vector<int> hidden = {12}, int epochs = 2,
                                                std::shared_ptr<const Dataset> data = {});

// A run of an untrained (initialized) network on `count` test samples: most
// answers are wrong, and it takes no training time.
std::shared_ptr<const ui::RunRecord> untrainedRun(int id, std::int64_t count);

// Indices of the run's test samples with this (true, predicted) pair, in order.
std::vector<qint64> samplesOfCell(const Evaluation& evaluation, int trueClass, int predicted);

} // namespace mlps::test
