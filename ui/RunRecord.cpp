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

const std::vector<std::string>& RunRecord::classNames() const
{
    return job.data->classNames;
}

} // namespace mlps::ui
