#pragma once

#include "nn/BatchLossPoint.h"

#include "nn/Metrics.h"
#include "nn/Trainer.h"
#include "nn/TrainerState.h"

#include <Eigen/Core>
#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps::ui {

enum class TrainingStatus {
    Finished, // every planned epoch ran, or early stopping ended the run
    Stopped,  // the user stopped it; the weights are those of the last step
    Diverged, // the loss became NaN or infinite; no test evaluation
    Failed,   // the run could not start (bad spec, data or settings) or threw
};

// How a run ended, sent once by the training worker.
struct TrainingResult {
    int runId = 0;
    TrainingStatus status = TrainingStatus::Failed;
    QString message;                   // for the user; says why the run ended
    std::vector<EpochRecord> history;  // every completed epoch
    // Every finite batch loss of the run, in step order, kept as the dashboard
    // draws them (BatchLossDecimator: at most 2,000 points, each the mean of
    // its span of steps); a continued run's record has those of all its parts.
    std::vector<BatchLossPoint> batchLosses;
    // The test set with the final weights: accuracy, weighted F1, confusion,
    // per-sample predictions. Null when diverged, failed, or without a test set.
    std::shared_ptr<const Evaluation> test;
    // The validation set with the final weights; null when diverged, failed,
    // or without a validation set.
    std::shared_ptr<const Evaluation> validation;
    Eigen::VectorXf parameters;        // the trained weights; empty when diverged or failed
    std::int64_t stepsDone = 0;        // over the whole run, a continued run's earlier steps included
    // Wall time, validation included, pauses excluded; of this run() only
    // (a continued run's earlier parts are not included).
    double trainSeconds = 0.0;
    double samplesPerSecond = 0.0;     // over training time only, of this run() only
    // Where a stopped run stands, to continue it exactly (TrainingJob::resumeFrom):
    // the trainer's state right after its last step. Set only when the run
    // was stopped before its end; null for finished, diverged and failed runs.
    std::shared_ptr<const TrainerState> checkpoint;
};

} // namespace mlps::ui

Q_DECLARE_METATYPE(mlps::ui::TrainingResult)
