#pragma once

#include "RunRecord.h"
#include "TrainingResult.h"

#include "data/Dataset.h"
#include "project/DatasetReference.h"
#include "project/SplitSettings.h"
#include "project/StoredRun.h"

#include <memory>
#include <optional>
#include <string>

namespace mlps::ui {

// The conversion between the studio's runs (RunRecord: job + result, Qt
// types, shared evaluations) and the project file's (StoredRun: plain values,
// ISO 8601 times, status names). Both directions keep every value exactly:
// fromStored(toStored(run)) equals the run, but for the batch losses, which
// a file keeps as float32, and whose spans come back from their steps
// (BatchLossDecimator::restoreSpans()).
class RunConversion {
public:
    // "finished", "stopped", "diverged", "failed".
    static std::string statusName(TrainingStatus status);
    // Null for a name the project file does not know.
    static std::optional<TrainingStatus> parseStatus(const std::string& name);

    // Where `data` comes from, as a project names it: its source path, or
    // "builtin:font-letters" for the built-in letters (whose source names the fonts).
    static std::string dataPathOf(const Dataset& data);
    // The reference to `data` a project keeps; `sha256` as DatasetHash gives it.
    static DatasetReference referenceOf(const Dataset& data, const std::string& sha256);

    // The run as a project file keeps it, made on `data` with `split`'s settings.
    static StoredRun toStored(const RunRecord& run, const DatasetReference& data, const SplitSettings& split);

    // The run back, on `data` (which must be the data it was trained on: its
    // indices are checked against its size and its shape against the run's
    // network). Throws std::invalid_argument with a message for the user when
    // the run does not fit the data or has an unknown status.
    static std::shared_ptr<RunRecord> fromStored(const StoredRun& stored, std::shared_ptr<const Dataset> data);
};

} // namespace mlps::ui
