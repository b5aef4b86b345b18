#pragma once

#include "nn/BatchLossDecimator.h"
#include "nn/Trainer.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mlps::cli {

// How a TrainingLoop ended.
struct LoopOutcome {
    StepStatus status = StepStatus::Running; // Finished, Diverged, or Running when interrupted
    int signal = 0;                          // the signal that interrupted it (SIGINT, SIGTERM); 0 otherwise
    std::int64_t samplesTrained = 0;
    double seconds = 0.0;                    // wall time of this loop, validation included
    double evaluationSeconds = 0.0;          // the validation part of it

    bool interrupted() const { return signal != 0; }
    double samplesPerSecond() const;
};

// Steps a Trainer to its end for the CLI: a progress line per epoch on
// stderr (unless quiet), and, when a checkpoint action is set, that action
// every `intervalSeconds` (0: at every epoch end) and once more when Ctrl+C
// or SIGTERM arrives, after which the loop stops between two steps.
class TrainingLoop {
public:
    TrainingLoop(Trainer& trainer, bool quiet);

    void setCheckpoint(double intervalSeconds, std::function<void()> save);
    // A continued run's batch losses before the step it goes on from.
    void continueBatchLosses(const std::vector<BatchLossPoint>& earlier);
    LoopOutcome run();
    // Wall time since run() started (for the checkpoint action).
    double elapsedSeconds() const;
    // The run's batch losses so far, averaged into buckets as the studio keeps them.
    std::vector<BatchLossPoint> batchLosses() const { return m_batchLosses.points(); }

private:
    Trainer& m_trainer;
    bool m_quiet;
    double m_interval = 0.0;
    std::function<void()> m_save;
    BatchLossDecimator m_batchLosses;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// "1:05" or "2:03:04".
std::string formatDuration(double seconds);

// Tells the user (stderr, and with `json` a JSON line on stdout) that the run
// was interrupted and where its checkpoint is; returns the exit code, 128 + the signal.
int reportInterrupted(const Trainer& trainer, const LoopOutcome& outcome, const std::string& projectPath, int run,
                      bool json);

} // namespace mlps::cli
