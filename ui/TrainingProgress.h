#pragma once

#include "nn/BatchLossPoint.h"

#include "nn/Trainer.h"

#include <QMetaType>

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps::ui {

// A snapshot the training worker emits at most every 100 ms and at every
// epoch end. The lists hold only what happened since the previous snapshot of
// the same run, so a view appends them in one go. A continued run
// (TrainingJob::resumeFrom) sends a first snapshot before its first step with
// the epochs done before (newEpochs) and the step it goes on from; its counters
// count the whole run, its speed, ETA and elapsed time this part only.
struct TrainingProgress {
    int runId = 0;
    // Finite losses only (a diverging step has none), one point per step (span 1).
    std::vector<BatchLossPoint> batchLosses;
    std::vector<EpochRecord> newEpochs;      // epochs completed since the previous snapshot
    // The validation set's evaluation at the last of newEpochs (confusion,
    // per-sample predictions); null when newEpochs is empty or there is no
    // validation set.
    std::shared_ptr<const Evaluation> validation;
    int epoch = 0;                 // 1-based epoch of the last step
    int epochsDone = 0;
    int epochs = 0;                // planned
    std::int64_t step = 0;         // steps done
    std::int64_t stepsPerEpoch = 0;
    std::int64_t totalSteps = 0;   // planned
    double learningRate = 0.0;     // the rate the next step will use
    double samplesPerSecond = 0.0; // over training time only: no evaluation, no pauses
    double etaSeconds = 0.0;       // for the planned epochs, evaluation included
    double elapsedSeconds = 0.0;   // since this run() started, pauses excluded
};

} // namespace mlps::ui

Q_DECLARE_METATYPE(mlps::ui::TrainingProgress)
