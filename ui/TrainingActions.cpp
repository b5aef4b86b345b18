#include "TrainingActions.h"

#include "RunLauncher.h"
#include "RunStore.h"
#include "TrainingController.h"

#include <QAction>
#include <QIcon>
#include <QLocale>
#include <QStyle>
#include <QApplication>

namespace mlps::ui {

namespace {

QIcon standardIcon(QStyle::StandardPixmap pixmap)
{
    return QApplication::style()->standardIcon(pixmap);
}

} // namespace

TrainingActions::TrainingActions(TrainingController* controller, RunLauncher* launcher, RunStore* runs,
                                 QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_launcher(launcher)
    , m_runs(runs)
    , m_train(new QAction(standardIcon(QStyle::SP_MediaPlay), tr("&Train"), this))
    , m_continue(new QAction(standardIcon(QStyle::SP_MediaSeekForward), tr("&Continue Run"), this))
    , m_pause(new QAction(standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this))
    , m_stop(new QAction(standardIcon(QStyle::SP_MediaStop), tr("&Stop"), this))
{
    m_train->setObjectName(QStringLiteral("actionTrain"));
    m_train->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::Key_F5)});
    m_continue->setObjectName(QStringLiteral("actionContinue"));
    m_continue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_continue->setIconText(tr("Continue"));
    m_pause->setObjectName(QStringLiteral("actionPause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::Key_F6));
    m_stop->setObjectName(QStringLiteral("actionStop"));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));

    connect(m_train, &QAction::triggered, this, [this] {
        if (!m_controller->isRunning() && m_problem.isEmpty())
            emit trainRequested();
    });
    connect(m_continue, &QAction::triggered, this, [this] {
        const std::shared_ptr<const RunRecord> run = m_runs->current();
        if (m_launcher->whyNotContinue(run.get()).isEmpty())
            emit continueRequested(run);
    });
    connect(m_pause, &QAction::toggled, this, [this](bool checked) {
        if (checked)
            m_controller->pause();
        else
            m_controller->resume();
    });
    connect(m_stop, &QAction::triggered, m_controller, &TrainingController::stop);
    connect(m_controller, &TrainingController::started, this, &TrainingActions::updateStates);
    connect(m_controller, &TrainingController::paused, this, &TrainingActions::updateStates);
    connect(m_controller, &TrainingController::finished, this, &TrainingActions::updateStates);
    // The current run decides Continue; a continued run's new record replaces it.
    connect(m_runs, &RunStore::currentChanged, this, &TrainingActions::updateStates);
    connect(m_runs, &RunStore::runReplaced, this, &TrainingActions::updateStates);
    updateStates();
}

void TrainingActions::setProblem(const QString& problem)
{
    m_problem = problem;
    updateStates();
}

void TrainingActions::updateStates()
{
    const bool running = m_controller->isRunning();
    m_train->setEnabled(!running && m_problem.isEmpty());
    const QString trainHint = tr("Train the network with these settings (%1)")
                                  .arg(m_train->shortcut().toString(QKeySequence::NativeText));
    if (running)
        m_train->setToolTip(tr("A run is in progress"));
    else
        m_train->setToolTip(m_problem.isEmpty() ? trainHint : tr("Cannot train: %1").arg(m_problem));
    m_train->setStatusTip(m_train->toolTip());

    const std::shared_ptr<const RunRecord> current = m_runs->current();
    const QString continueProblem = m_launcher->whyNotContinue(current.get());
    m_continue->setEnabled(continueProblem.isEmpty());
    const QString continueKey = m_continue->shortcut().toString(QKeySequence::NativeText);
    if (continueProblem.isEmpty())
        m_continue->setToolTip(tr("Continue run %1 from step %2, exactly where it stopped (%3)")
                                   .arg(current->id)
                                   .arg(QLocale().toString(qint64(current->result.checkpoint->step)), continueKey));
    else
        m_continue->setToolTip(tr("Cannot continue: %1").arg(continueProblem));
    m_continue->setStatusTip(m_continue->toolTip());

    m_pause->setEnabled(running);
    {
        const QSignalBlocker blocker(m_pause); // follow the controller without asking it again
        m_pause->setChecked(running && m_controller->isPaused());
    }
    m_pause->setText(m_pause->isChecked() ? tr("&Resume") : tr("&Pause"));
    m_pause->setIcon(standardIcon(m_pause->isChecked() ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pause->setToolTip(m_pause->isChecked() ? tr("Resume the run (F6)") : tr("Pause the run after the current step (F6)"));
    m_stop->setEnabled(running);
    m_stop->setToolTip(tr("Stop the run and evaluate the weights it has (Shift+F5)"));
}

} // namespace mlps::ui
