#pragma once

#include <QObject>
#include <QString>

class QAction;

namespace mlps::ui {

class TrainingController;

// The Train, Pause and Stop actions (toolbar, Run menu, shortcuts) and their
// states, which follow the controller: Train while nothing runs and the
// settings can run (otherwise disabled, its tooltip saying why), Pause (a
// checkable toggle that resumes when unchecked) and Stop while a run is on.
class TrainingActions : public QObject {
    Q_OBJECT

public:
    TrainingActions(TrainingController* controller, QObject* parent = nullptr);

    QAction* train() const { return m_train; }
    QAction* pause() const { return m_pause; }
    QAction* stop() const { return m_stop; }

    // Why a run cannot start now; empty when it can.
    void setProblem(const QString& problem);
    QString problem() const { return m_problem; }

signals:
    // The user asked for a run and nothing prevents it.
    void trainRequested();

private:
    void updateStates();

    TrainingController* m_controller;
    QAction* m_train;
    QAction* m_pause;
    QAction* m_stop;
    QString m_problem;
};

} // namespace mlps::ui
