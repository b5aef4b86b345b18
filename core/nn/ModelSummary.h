#pragma once

#include "nn/LayerSpec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// One row of a Keras-style model summary.
struct SummaryRow {
    std::string name;        // "dense_1", "dropout_1", "output"
    std::string type;        // "Dense", "Dropout"
    std::string detail;      // "relu, L2 0.001" / "rate 0.1" / "softmax"
    int outputSize = 0;      // the output shape is (None, outputSize)
    std::int64_t parameters = 0;
    double share = 0.0;      // parameters / total
};

struct ModelSummary {
    std::vector<SummaryRow> rows;
    std::int64_t totalParameters = 0;

    // A text table like Keras' model.summary().
    std::string toText() const;
};

ModelSummary summarize(const NetworkSpec& spec);

} // namespace mlps
