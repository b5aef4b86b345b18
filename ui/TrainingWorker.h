#pragma once

#include "nn/BatchLossDecimator.h"
#include "TrainingJob.h"
#include "TrainingProgress.h"
#include "TrainingResult.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace mlps::ui {

// Runs one training job at a time on the thread it lives on (a QThread owned
// by TrainingController). run() builds its own Trainer from the job and steps
// it until the run ends; its event loop is busy meanwhile, so control comes
// in through atomics, not queued slots: requestStop(), setPaused() and
// stepsDone() are thread-safe and may be called from any thread at any time.
//
// Between two steps the loop checks the stop flag, then the pause flag; a
// paused worker sleeps on a condition variable (no spinning) until resumed or
// stopped. It emits progress() at most every 100 ms (an epoch end at the first
// chance: at once, or at most 100 ms later), when it pauses and before it finishes, then finished() exactly once per run().
//
// A job with resumeFrom continues a stopped run: the Trainer is built as for
// a new run and given that state before the first step. A run stopped before
// its end reports the trainer's state as its checkpoint; pausedState() gives
// it while the run sleeps in its pause.
class TrainingWorker : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingWorker)

public:
    explicit TrainingWorker(QObject* parent = nullptr);

    // Thread-safe. Ends the run after the current step; a paused run wakes up.
    void requestStop();
    // Thread-safe. Pauses the run after the current step, or resumes it.
    void setPaused(bool paused);
    // Thread-safe. Clears a stop or pause request and the step count; the
    // controller calls it before it queues the next run(), while no run is
    // in progress.
    void clearRequests();
    // Thread-safe. Steps done by the current (or last) run.
    std::int64_t stepsDone() const;
    // Thread-safe. The state of the run in progress while it sleeps in its
    // pause (taken under the pause mutex, so the run cannot wake meanwhile);
    // null when no run is waiting in a pause (running, stepping into the
    // pause, or none at all).
    std::shared_ptr<const TrainerState> pausedState() const;
    // Thread-safe. The batch losses of the run in progress while it sleeps in
    // its pause, as its result will keep them (of this part only, for a
    // continued run); empty whenever pausedState() is null.
    std::vector<BatchLossPoint> pausedBatchLosses() const;

public slots:
    // Trains `job` to its end; always emits finished(), also when the job is
    // invalid (status Failed). A stopped run reports its history and is
    // evaluated on the test set with the weights it has.
    void run(const mlps::ui::TrainingJob& job);

signals:
    void progress(const mlps::ui::TrainingProgress& progress);
    void finished(const mlps::ui::TrainingResult& result);

private:
    TrainingResult train(const TrainingJob& job);
    QString problemWith(const TrainingJob& job) const;
    // Renders the built-in font letters at the data's image size (through the
    // decoded-dataset cache) into `letters`; returns why not, or empty.
    QString loadFontLetters(const Dataset& data, std::shared_ptr<const Dataset>& letters) const;
    // Sleeps while paused and not stopped; returns the seconds it slept.
    double waitWhilePaused();
    // The trainer and batch losses pausedState() and pausedBatchLosses() read (null between runs).
    void setTrainer(const Trainer* trainer, const BatchLossDecimator* batchLosses);

    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<std::int64_t> m_stepsDone{0};
    mutable std::mutex m_pauseMutex;
    std::condition_variable m_resumed;
    // Guarded by m_pauseMutex: the trainer of the run in progress and its
    // batch losses (locals of train()), and whether the worker sleeps in
    // waitWhilePaused().
    const Trainer* m_trainer = nullptr;
    const BatchLossDecimator* m_batchLosses = nullptr;
    bool m_waiting = false;
};

} // namespace mlps::ui
