#include "TrainingJob.h"

#include "nn/Trainer.h"

#include <algorithm>

namespace mlps::ui {

std::int64_t plannedStepsPerEpoch(const TrainingJob& job)
{
    if (job.resumeFrom) {
        const std::int64_t batch = std::max(1, job.config.batchSize);
        return (std::int64_t(job.resumeFrom->order.size()) + batch - 1) / batch;
    }
    return Trainer::stepsPerEpoch(std::int64_t(job.split.train.size()), job.config);
}

} // namespace mlps::ui
