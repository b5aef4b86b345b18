#pragma once

#include "TrainingJob.h"
#include "TrainingResult.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <memory>

namespace mlps {
struct Evaluation;
}

namespace mlps::ui {

// One training run as the studio keeps it: what was asked (the job: network,
// settings, data and split), what was planned (in words), and how it ended
// (the result: history, test and validation evaluations, weights). Runs are
// shared read-only (std::shared_ptr<const RunRecord>) by the run list, the
// evaluation views and the comparison.
struct RunRecord {
    int id = 0;
    QString name;
    QString planText;  // describeTraining() at the start of the run
    QString dataName;  // the dataset as the user knows it ("Font letters")
    QDateTime startedAt;
    TrainingJob job;
    TrainingResult result;

    // The dataset the test evaluation's samples come from: job.testData when
    // given, else job.data (through job.split.test).
    const Dataset& testData() const;
    // The index, in testData(), of the test evaluation's sample `i`.
    std::int64_t testSampleIndex(std::int64_t i) const;
    // The same for the validation evaluation (always job.data).
    std::int64_t validationSampleIndex(std::int64_t i) const;
    // The class names of the run's data.
    const std::vector<std::string>& classNames() const;
    // The test (or validation) evaluation; null when the run has none.
    const Evaluation* test() const { return result.test.get(); }
    const Evaluation* validation() const { return result.validation.get(); }

    // Whether the run stopped before its end with a checkpoint to continue
    // from (TrainingJob::resumeFrom).
    bool canContinue() const { return result.status == TrainingStatus::Stopped && result.checkpoint != nullptr; }
    // The steps the run plans (epochs x steps per epoch) and the steps of
    // one epoch, counted as its trainer counts them (plannedStepsPerEpoch()).
    std::int64_t plannedSteps() const;
    std::int64_t stepsPerEpoch() const;
};

} // namespace mlps::ui
