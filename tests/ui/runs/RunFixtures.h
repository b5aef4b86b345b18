#pragma once

#include "RunRecord.h"

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QString>

#include <memory>
#include <ostream>
#include <vector>

// Readable QStrings in GoogleTest's failure messages.
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace mlps::ui::test {

// `count` 8x8 images of 4 classes: class k is brighter in quadrant k, with
// enough noise that a small network and a logistic regression disagree on
// some samples.
std::shared_ptr<const Dataset> noisyQuadrants(std::int64_t count = 600, std::uint64_t seed = 7);

// `count` 10x10 images of 10 classes "A".."J": class k is brighter in row k,
// noisy enough for some mistakes (the size of the letters' confusion matrix).
std::shared_ptr<const Dataset> noisyRows(std::int64_t count = 1000, std::uint64_t seed = 7);

// A network for the quadrant data: logistic regression (no hidden layer) or
// the given ReLU hidden layers.
NetworkSpec quadrantNetwork(const std::vector<int>& hidden = {});

// The training settings the tests start from (momentum SGD, 2 epochs, batch 32).
TrainConfig quickConfig();

// The stratified split of `data` used by most tests (20 % validation, 25 % test).
Split quadrantSplit(const Dataset& data, std::uint64_t seed = 3);

// Trains a real run with the engine's Trainer and records it as the studio
// would: history, test and validation evaluations, weights, timings.
std::shared_ptr<const RunRecord> trainRun(int id, const QString& name, const NetworkSpec& network,
                                          const TrainConfig& config, std::shared_ptr<const Dataset> data,
                                          const Split& split, std::shared_ptr<const Dataset> testData = nullptr);

// A run record without training (for list tests): given accuracy and F1 on a
// tiny fake test evaluation, `epochs` history records.
std::shared_ptr<const RunRecord> fakeRun(int id, const QString& name, double accuracy, int epochs,
                                         double seconds = 1.0);

} // namespace mlps::ui::test
