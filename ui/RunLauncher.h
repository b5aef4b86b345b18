#pragma once

#include "RunRecord.h"
#include "RunStore.h"
#include "TrainingProgress.h"
#include "TrainingResult.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace mlps::ui {

class TrainingController;

// The run the controller trains, as the studio keeps it: starts a new run or
// continues a stopped one from its checkpoint (under the same id), records
// the run in the RunStore when it ends (a continued run replaces its old
// record, with all its epochs, its batch losses and its time added up), and
// gives the run as it stands while paused, so that a project saved then can
// continue it.
// Use it from the GUI thread.
class RunLauncher : public QObject {
    Q_OBJECT

public:
    RunLauncher(TrainingController* controller, RunStore* runs, QObject* parent = nullptr);

    // Starts `run.job` as a new run; `run` holds what the studio knows before
    // it ends (id, name, plan, data name, start time). False while a run is
    // in progress.
    bool start(std::shared_ptr<RunRecord> run);
    // Continues a stopped run from its checkpoint: its own job (network,
    // settings, data, split) with resumeFrom set, under the same id. False
    // when it cannot (whyNotContinue() says why).
    bool continueRun(const RunStore::RunPointer& run);
    // Why `run` cannot be continued now; empty when it can.
    QString whyNotContinue(const RunRecord* run) const;

    bool isRunning() const;
    // The run in progress (its job, name, plan; a continued run's result holds
    // the batch losses before the step it goes on from); null between runs.
    std::shared_ptr<const RunRecord> running() const { return m_running; }
    // Whether the run in progress continues an earlier one.
    bool isContinuing() const { return m_previous != nullptr; }

    // The run in progress as it stands while paused: status Stopped, its
    // checkpoint, history, batch losses and weights, no test evaluation. Waits up to
    // `waitMs` for the worker to finish its step in flight; null when no run
    // is paused (or it did not settle in time).
    RunStore::RunPointer pausedSnapshot(int waitMs = 500) const;

    // Stops the run in progress and waits, running the event loop, until it
    // is recorded in the store (it can then be continued). True when no run
    // is left in progress.
    bool stopAndWait(int timeoutMs = 60000);

signals:
    // A run (new or continued) was handed to the controller.
    void runStarted(std::shared_ptr<const mlps::ui::RunRecord> run);
    // The run in progress ended. `run` is the record as the store now keeps
    // it; a continued run that could not start (its checkpoint did not fit)
    // leaves its old record unchanged, and `result` says why.
    void runEnded(std::shared_ptr<const mlps::ui::RunRecord> run, const mlps::ui::TrainingResult& result);

private:
    // Hands `run` to the controller; `previous`: the record it continues (null for a new run).
    void launch(std::shared_ptr<RunRecord> run, RunStore::RunPointer previous);
    // A continued run's batch losses: `previous`'s up to the step it went on
    // from, then those of the part trained since.
    static std::vector<BatchLossPoint> joinedBatchLosses(const RunRecord& previous,
                                                         const std::vector<BatchLossPoint>& part);
    void onProgress(const TrainingProgress& progress);
    void onFinished(const TrainingResult& result);

    TrainingController* m_controller;
    RunStore* m_runs;
    std::shared_ptr<RunRecord> m_running;  // the run in progress
    RunStore::RunPointer m_previous;       // the record a continued run goes on from
    double m_elapsedSeconds = 0.0;         // of the run in progress, from its last snapshot
    double m_samplesPerSecond = 0.0;
};

} // namespace mlps::ui
