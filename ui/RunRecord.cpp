#include "RunRecord.h"

#include <algorithm>

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
    return stepsPerEpoch() * std::int64_t(std::max(0, job.config.epochs));
}

std::int64_t RunRecord::stepsPerEpoch() const
{
    return plannedStepsPerEpoch(job);
}

const std::vector<std::string>& RunRecord::classNames() const
{
    return job.data->classNames;
}

} // namespace mlps::ui
