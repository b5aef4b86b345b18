#include "RunRecord.h"

#include "nn/Metrics.h"

namespace mlps::ui {

const Dataset& RunRecord::testData() const
{
    return job.testData ? *job.testData : *job.data;
}

std::int64_t RunRecord::testSampleIndex(std::int64_t i) const
{
    // The worker evaluates the whole of testData, or split.test in its order.
    return job.testData ? i : job.split.test[std::size_t(i)];
}

std::int64_t RunRecord::validationSampleIndex(std::int64_t i) const
{
    return job.split.validation[std::size_t(i)];
}

std::int64_t RunRecord::plannedSteps() const
{
    // An epoch is the checkpoint's sample order: the real samples and the synthetic ones mixed in.
    const bool checkpoint = result.checkpoint || job.resumeFrom;
    return checkpoint && job.config.batchSize > 0 ? stepsPerEpoch() * std::int64_t(job.config.epochs) : 0;
}

std::int64_t RunRecord::stepsPerEpoch() const
{
    const TrainerState* checkpoint = result.checkpoint ? result.checkpoint.get() : job.resumeFrom.get();
    const std::int64_t batch = job.config.batchSize;
    if (checkpoint && batch > 0)
        return (std::int64_t(checkpoint->order.size()) + batch - 1) / batch;
    // A finished run (early stopping included) ends at an epoch's end.
    const auto epochs = std::int64_t(result.history.size());
    if (result.status == TrainingStatus::Finished && epochs > 0 && result.stepsDone > 0
        && result.stepsDone % epochs == 0)
        return result.stepsDone / epochs;
    return plannedStepsPerEpoch(job);
}

const std::vector<std::string>& RunRecord::classNames() const
{
    return job.data->classNames;
}

} // namespace mlps::ui
