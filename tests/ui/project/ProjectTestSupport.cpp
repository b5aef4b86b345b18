#include "ProjectTestSupport.h"

#include "QuadrantData.h"

#include "MainWindow.h"
#include "NetworkDocument.h"
#include "RunRecord.h"
#include "RunStore.h"
#include "TrainingActions.h"
#include "TrainingController.h"
#include "dataset/DatasetPanel.h"
#include "project/ProjectSession.h"

#include "data/NumpyReader.h"
#include "nn/Metrics.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <cstring>

namespace mlps::test {

void writeQuadrantNpz(const QString& path, std::int64_t count, std::uint64_t seed)
{
    QuadrantStyle style;
    style.wrongOneIn = 25; // some mistakes for the evaluation to show
    NumpyReader::writeNpz(*quadrantData(count, seed, style), path.toStdString());
}

bool loadData(ui::MainWindow& window, const QString& path)
{
    QSignalSpy finished(window.datasetPanel(), &ui::DatasetPanel::loadingFinished);
    window.datasetPanel()->openPath(path);
    if (!finished.wait(30000))
        return false;
    return finished.front().front().toBool();
}

void planShortRuns(ui::MainWindow& window, int epochs)
{
    TrainConfig training = window.document()->training();
    training.epochs = epochs;
    training.batchSize = 32;
    window.document()->setDesign(window.document()->network(), training);
}

std::shared_ptr<const ui::RunRecord> trainRun(ui::MainWindow& window)
{
    QSignalSpy finished(window.controller(), &ui::TrainingController::finished);
    window.trainingActions()->train()->trigger();
    if (!finished.wait(60000))
        return nullptr;
    return window.runStore()->current();
}

bool waitOpened(ui::MainWindow& window, int timeoutMs)
{
    return QTest::qWaitFor([&window] { return !window.session()->isOpening(); }, timeoutMs);
}

ui::ProjectPrompts PromptLog::prompts()
{
    ui::ProjectPrompts prompts;
    prompts.askSave = [this](const QString&) {
        ++saveQuestions;
        EXPECT_TRUE(allowSaveQuestion) << "unexpected question about unsaved changes";
        return saveAnswer;
    };
    prompts.locateDataset = [this](const QString& missing, bool) {
        locateQuestions << missing;
        EXPECT_TRUE(allowLocate) << "unexpected question for the data's place: " << missing.toStdString();
        const QString answer = locateAnswer;
        locateAnswer.clear(); // asked again: cancel
        return answer;
    };
    prompts.openChangedData = [this](const QString& message) {
        changedMessages << message;
        EXPECT_TRUE(allowChanged) << "unexpected report of changed data: " << message.toStdString();
        return designOnlyAnswer;
    };
    prompts.showError = [this](const QString&, const QString& text) {
        errors << text;
        EXPECT_TRUE(allowErrors) << "unexpected error: " << text.toStdString();
    };
    prompts.chooseSavePath = [this](const QString&) { return savePathAnswer; };
    prompts.chooseOpenPath = [this](const QString&) { return openPathAnswer; };
    return prompts;
}

bool sameEvaluation(const Evaluation& a, const Evaluation& b)
{
    if (a.scores.accuracy != b.scores.accuracy || a.scores.f1Macro != b.scores.f1Macro ||
        a.scores.f1Weighted != b.scores.f1Weighted || a.logLoss != b.logLoss || a.trueLabels != b.trueLabels ||
        a.predicted != b.predicted || a.confusion.rows() != b.confusion.rows() ||
        a.confusion.cols() != b.confusion.cols() || a.probabilities.rows() != b.probabilities.rows() ||
        a.probabilities.cols() != b.probabilities.cols() || a.scores.perClass.size() != b.scores.perClass.size())
        return false;
    if (a.confusion != b.confusion)
        return false;
    for (std::size_t k = 0; k < a.scores.perClass.size(); ++k) {
        const ClassMetrics& x = a.scores.perClass[k];
        const ClassMetrics& y = b.scores.perClass[k];
        if (x.precision != y.precision || x.recall != y.recall || x.f1 != y.f1 || x.support != y.support)
            return false;
    }
    return std::memcmp(a.probabilities.data(), b.probabilities.data(),
                       std::size_t(a.probabilities.size()) * sizeof(float)) == 0;
}

} // namespace mlps::test
