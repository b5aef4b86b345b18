#pragma once

#include <QString>

#include <cstdint>

namespace mlps {
struct Dataset;
struct Evaluation;
} // namespace mlps

namespace mlps::ui {

struct RunRecord;

// Which of a run's evaluations the gallery and the inspector show. The
// evaluation view has the same two values in the same order, so the window
// converts between them with a cast.
enum class SampleSet { Test, Validation };

// The run's evaluation of that set; null when the run has none, or when it
// does not fit the run's data (more samples than the set, other classes).
const Evaluation* evaluationOf(const RunRecord& run, SampleSet set);
// The dataset the set's samples come from.
const Dataset& datasetOf(const RunRecord& run, SampleSet set);
// The index, in datasetOf(), of the set's evaluation sample `sample`.
std::int64_t datasetIndexOf(const RunRecord& run, SampleSet set, std::int64_t sample);
// "test set" / "validation set", for the user.
QString sampleSetName(SampleSet set);

} // namespace mlps::ui
