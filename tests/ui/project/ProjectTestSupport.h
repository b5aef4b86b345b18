#pragma once

#include "ProjectPrompts.h"

#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <ostream>

// Readable QStrings in the test failures.
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace mlps {
struct Evaluation;
}

namespace mlps::ui {
class MainWindow;
struct RunRecord;
}

namespace mlps::test {

// Writes `count` quadrant images (8x8, classes A..D) as a NumPy .npz at `path`.
void writeQuadrantNpz(const QString& path, std::int64_t count, std::uint64_t seed = 11);

// Opens `path` in the window's dataset panel as a user would and waits for it; false on failure.
bool loadData(ui::MainWindow& window, const QString& path);

// Plans short runs (epochs, batch 32) without touching the undo history.
void planShortRuns(ui::MainWindow& window, int epochs);

// Trains one run to the end from the Train action; the run as the run list keeps it.
std::shared_ptr<const ui::RunRecord> trainRun(ui::MainWindow& window);

// Waits until the window's session has finished opening (or failed).
bool waitOpened(ui::MainWindow& window, int timeoutMs = 60000);

// Answers to the session's questions, and what was asked: every question a
// test does not expect fails the test.
struct PromptLog {
    QMessageBox::StandardButton saveAnswer = QMessageBox::Cancel;
    QString locateAnswer;
    bool designOnlyAnswer = false;
    QString savePathAnswer;
    QString openPathAnswer;

    int saveQuestions = 0;
    QStringList locateQuestions;
    QStringList changedMessages;
    QStringList errors;
    bool allowSaveQuestion = false;
    bool allowLocate = false;
    bool allowChanged = false;
    bool allowErrors = false;

    // Prompts that answer from this log (which must outlive them).
    ui::ProjectPrompts prompts();
};

// Whether two evaluations hold the same values (bit for bit).
bool sameEvaluation(const Evaluation& a, const Evaluation& b);

} // namespace mlps::test
