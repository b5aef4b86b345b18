#pragma once

#include "TrainingJob.h"
#include "TrainingProgress.h"
#include "TrainingResult.h"

#include <QObject>
#include <QThread>

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps::ui {

class TrainingWorker;

// Runs training jobs one at a time on a worker thread it owns, and relays the
// worker's progress and result on the GUI thread (the Qt docs' Worker/
// Controller shape). The thread starts with the controller and lives until
// it is destroyed; the destructor stops a run in progress and joins the
// thread. Use it from the thread it was created on.
class TrainingController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingController)

public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // Queues `job` on the worker thread and emits started(); returns false,
    // and does nothing, while a run is in progress.
    bool start(const TrainingJob& job);
    // Pause after the current step / resume; no-ops when not applicable.
    void pause();
    void resume();
    // Ends the run after the current step (waking a paused run); finished()
    // follows with status Stopped, the history and the test evaluation.
    void stop();

    // From start() until finished() is emitted.
    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    // Steps done by the current (or last) run, read live from the worker.
    std::int64_t stepsDone() const;
    // The paused run's checkpoint as it stands now (TrainerState.h), to save
    // it or continue it elsewhere while it stays paused here; null unless a
    // run is paused and its worker already sleeps in the pause (it finishes
    // its step in flight first: a few milliseconds after pause()).
    std::shared_ptr<const TrainerState> pausedState() const;
    // The paused run's batch losses as its result will keep them (this part
    // of a continued run only); empty whenever pausedState() is null.
    std::vector<BatchLossPoint> pausedBatchLosses() const;

signals:
    void started();
    void progress(const mlps::ui::TrainingProgress& progress);
    void paused(bool paused);
    void finished(const mlps::ui::TrainingResult& result);

private:
    void onWorkerFinished(const TrainingResult& result);

    QThread m_thread;
    TrainingWorker* m_worker = nullptr; // lives on m_thread, deleted when it finishes
    bool m_running = false;
    bool m_paused = false;
    bool m_stopRequested = false;
};

} // namespace mlps::ui
