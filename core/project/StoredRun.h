#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"
#include "nn/Trainer.h"
#include "nn/TrainerState.h"
#include "nn/BatchLossPoint.h"
#include "project/DatasetReference.h"
#include "project/SplitSettings.h"
#include "project/StoredEvaluation.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlps {

// One training run as a project file keeps it: its settings, the exact split
// it trained on, its history, its evaluations and its trained weights. The GUI
// converts its RunRecord to and from this.
struct StoredRun {
    int id = 0;
    std::string name;
    std::string planText;  // the run's plan as the user saw it
    std::string dataName;  // the data's display name
    std::string startedAt; // ISO 8601, e.g. "2026-11-29T09:05:00Z"
    std::string status = "finished"; // "finished", "stopped", "diverged" or "failed"
    std::string message;   // why it ended early; empty otherwise

    NetworkSpec network;
    TrainConfig config;
    DatasetReference data;
    SplitSettings split;
    // Sample indices into the loaded dataset, exactly as trained and evaluated.
    std::vector<std::int64_t> trainIndices;
    std::vector<std::int64_t> validationIndices;
    std::vector<std::int64_t> testIndices;

    std::vector<EpochRecord> history;
    // The run's batch losses as the studio keeps them (averaged over buckets of
    // consecutive steps): the last step of each bucket and its mean loss, in
    // step order; saved as runs/K/batch_steps.npy and batch_losses.npy. Empty
    // for files made before they were kept ("batchCount" absent).
    std::vector<std::int64_t> batchSteps;
    std::vector<float> batchLosses;
    // Those two as points, each spanning the steps since the previous one
    // (empty when their sizes differ), and back.
    std::vector<BatchLossPoint> batchLossPoints() const;
    void setBatchLosses(const std::vector<BatchLossPoint>& points);
    std::optional<StoredEvaluation> test;
    std::optional<StoredEvaluation> validation;
    // The flat parameter vector in ParameterLayout order; empty when the run
    // kept no weights (a run that failed before training).
    Eigen::VectorXf parameters;

    std::int64_t stepsDone = 0;
    double trainSeconds = 0.0;
    double samplesPerSecond = 0.0;

    // Where a run that was stopped (or paused, or interrupted) before its end
    // stands, to be continued exactly (Trainer::restore()); null for a run
    // that ended. Saved as "checkpoint" in project.json plus .npy entries.
    std::shared_ptr<const TrainerState> checkpoint;
};

// The run statuses a project file knows.
bool isKnownRunStatus(const std::string& status);

} // namespace mlps
