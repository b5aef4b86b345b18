#include "TrainingJob.h"

#include "nn/Trainer.h"

namespace mlps::ui {

std::int64_t plannedStepsPerEpoch(const TrainingJob& job)
{
    return Trainer::stepsPerEpoch(std::int64_t(job.split.train.size()), job.config);
}

} // namespace mlps::ui
