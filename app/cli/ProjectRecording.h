#pragma once

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "project/Project.h"

#include <memory>
#include <optional>
#include <string>

namespace mlps::cli {

struct TrainOptions;

// `train --project P`: the project's data, split, network and training
// settings become the run's options (the output options and --threads of the
// command line stay). Throws DataError (the project cannot be read, its data
// is not where it was, or is not the data it was made with).
void applyProject(const std::string& projectPath, TrainOptions& options);

// What `train --save P` / `--project P` records of a run.
struct RecordedRun {
    std::string name;
    const Dataset* data = nullptr;
    std::string dataPath;   // as given on the command line
    SplitSettings split;
    const Split* indices = nullptr;
    NetworkSpec network;
    TrainConfig config;
    std::vector<EpochRecord> history;
    std::vector<BatchLossPoint> batchLosses;
    std::string status;     // "finished", "diverged" or "stopped" (a checkpoint to continue from)
    std::string message;
    std::optional<Evaluation> test;
    std::optional<Evaluation> validation;
    Eigen::VectorXf parameters;
    std::int64_t stepsDone = 0;
    double trainSeconds = 0.0;
    double samplesPerSecond = 0.0;
    std::shared_ptr<const TrainerState> checkpoint; // where a stopped run stands; null when it ended
};

// Makes `run` a stopped run that keeps `trainer`'s checkpoint and current
// weights, with the message "Stopped at step 120 of 400, after 3 complete epochs."
void keepCheckpoint(RecordedRun& run, const Trainer& trainer);

// Adds the run to the project at `projectPath`, made with this run's data,
// split and settings as its design when it does not exist yet; saved
// atomically. With `replaceId`, the project's run of that number is replaced
// (keeping its start time), as a run's checkpoints and its end are recorded
// over one another. Returns the run's number in the project. Throws DataError.
int recordRun(const std::string& projectPath, const RecordedRun& run, int replaceId = 0);

} // namespace mlps::cli
