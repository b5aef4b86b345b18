#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QAction;

namespace mlps::ui {

class RunLauncher;
class RunStore;
class TrainingController;
struct RunRecord;

// The Train, Continue Run, Pause and Stop actions (toolbar, Run menu,
// shortcuts) and their states, which follow the controller and the run
// store: Train while nothing runs and the settings can run (otherwise
// disabled, its tooltip saying why), Continue Run while nothing runs and the
// current run stopped with a checkpoint (otherwise disabled, saying why),
// Pause (a checkable toggle that resumes when unchecked) and Stop while a run
// is on.
class TrainingActions : public QObject {
    Q_OBJECT

public:
    TrainingActions(TrainingController* controller, RunLauncher* launcher, RunStore* runs, QObject* parent = nullptr);

    QAction* train() const { return m_train; }
    QAction* continueRun() const { return m_continue; }
    QAction* pause() const { return m_pause; }
    QAction* stop() const { return m_stop; }

    // Why a run cannot start now; empty when it can.
    void setProblem(const QString& problem);
    QString problem() const { return m_problem; }

signals:
    // The user asked for a run and nothing prevents it.
    void trainRequested();
    // The user asked to continue `run` (the store's current run), and it can be.
    void continueRequested(std::shared_ptr<const mlps::ui::RunRecord> run);

private:
    void updateStates();

    TrainingController* m_controller;
    RunLauncher* m_launcher;
    RunStore* m_runs;
    QAction* m_train;
    QAction* m_continue;
    QAction* m_pause;
    QAction* m_stop;
    QString m_problem;
};

} // namespace mlps::ui
