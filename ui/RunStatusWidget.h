#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace mlps::ui {

struct TrainingProgress;

// The status bar's view of a run: a progress bar over the planned steps and
// one line with the epoch, the speed and the time left. Hidden between runs.
class RunStatusWidget : public QWidget {
    Q_OBJECT

public:
    explicit RunStatusWidget(QWidget* parent = nullptr);

    void showStarted();
    void showProgress(const TrainingProgress& progress);
    void showPaused(bool paused);
    void showIdle();

    QString text() const;
    int percent() const;

    // "0:42", "1:05:09": seconds as a clock, for the ETA.
    static QString clock(double seconds);

private:
    void updateText();

    QProgressBar* m_bar;
    QLabel* m_label;
    QString m_progressText;
    bool m_paused = false;
};

} // namespace mlps::ui
