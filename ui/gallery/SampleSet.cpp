#include "SampleSet.h"

#include "RunRecord.h"
#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QCoreApplication>

namespace mlps::ui {

const Evaluation* evaluationOf(const RunRecord& run, SampleSet set)
{
    const Evaluation* evaluation = set == SampleSet::Test ? run.test() : run.validation();
    if (!evaluation || !run.job.data)
        return nullptr;
    // Every evaluation sample must map to an image (a run put together from
    // mismatched pieces shows nothing rather than reading past the data).
    const std::int64_t images = set == SampleSet::Test ? (run.job.testData ? run.job.testData->count()
                                                                           : std::int64_t(run.job.split.test.size()))
                                                       : std::int64_t(run.job.split.validation.size());
    const std::size_t samples = std::size_t(evaluation->count());
    if (evaluation->count() > images || evaluation->trueLabels.size() != samples
        || evaluation->probabilities.cols() != evaluation->count()
        || evaluation->probabilities.rows() != Eigen::Index(run.job.data->classNames.size()))
        return nullptr;
    return evaluation;
}

const Dataset& datasetOf(const RunRecord& run, SampleSet set)
{
    return set == SampleSet::Test ? run.testData() : *run.job.data;
}

std::int64_t datasetIndexOf(const RunRecord& run, SampleSet set, std::int64_t sample)
{
    return set == SampleSet::Test ? run.testSampleIndex(sample) : run.validationSampleIndex(sample);
}

QString sampleSetName(SampleSet set)
{
    return set == SampleSet::Test ? QCoreApplication::translate("mlps::ui::SampleSet", "test set")
                                  : QCoreApplication::translate("mlps::ui::SampleSet", "validation set");
}

} // namespace mlps::ui
