#pragma once

#include <QFrame>
#include <QString>

class QLabel;

namespace mlps::ui {

// The banner the dashboard shows when a run ends: what happened (finished,
// stopped, early stopping, diverged, failed) with the details, and the test
// accuracy and weighted F1 in large type. Errors are shown in red.
class ResultBanner : public QFrame {
    Q_OBJECT

public:
    enum class Tone { Success, Neutral, Error };
    struct Outcome {
        Tone tone = Tone::Neutral;
        QString title;    // "Finished", "Diverged at epoch 3, step 412"
        QString details;  // the run's message, time and throughput, advice
        QString accuracy; // "91.2 %"; empty hides the figures
        QString f1;       // "0.911"
    };

    explicit ResultBanner(QWidget* parent = nullptr);

    void showOutcome(const Outcome& outcome);
    Tone tone() const { return m_tone; }
    QString title() const;
    QString details() const;
    QString accuracy() const;
    QString f1() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyStyle();

    Tone m_tone = Tone::Neutral;
    QLabel* m_title = nullptr;
    QLabel* m_details = nullptr;
    QWidget* m_figures = nullptr;
    QLabel* m_accuracy = nullptr;
    QLabel* m_f1 = nullptr;
    QLabel* m_accuracyCaption = nullptr;
    QLabel* m_f1Caption = nullptr;
};

} // namespace mlps::ui
