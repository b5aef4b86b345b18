#pragma once

#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QJsonArray>

#include <cstdint>
#include <string>
#include <vector>

namespace mlps::cli {

// The test set as the evaluation saw it: which dataset its samples come from
// and, when it is a part of that dataset, their indices there (in order).
struct TestSamples {
    const Dataset* data = nullptr;
    const std::vector<std::int64_t>* indices = nullptr; // null: all of `data`, in order

    std::int64_t datasetIndex(std::int64_t sample) const
    {
        return indices ? (*indices)[std::size_t(sample)] : sample;
    }
};

// The `limit` most confident mistakes: index (in the dataset), source name,
// true and predicted class names, confidence and the true class's probability.
QJsonArray misclassifiedToJson(const Evaluation& evaluation, const TestSamples& samples,
                               const std::vector<std::string>& classNames, int limit);

// Writes one CSV row per test sample: index, source, true, predicted,
// confidence, then p_<class> for every class. Written under a temporary name
// and renamed, so `path` is never half written. Throws DataError naming the
// file when it cannot be written.
void writePredictionsCsv(const std::string& path, const Evaluation& evaluation, const TestSamples& samples,
                         const std::vector<std::string>& classNames);

} // namespace mlps::cli
