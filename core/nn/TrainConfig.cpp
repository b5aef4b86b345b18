#include "nn/TrainConfig.h"

namespace mlps {

std::string TrainConfig::validate() const
{
    if (epochs < 1)
        return "the number of epochs must be at least 1, got " + std::to_string(epochs);
    if (batchSize < 1)
        return "the batch size must be at least 1, got " + std::to_string(batchSize);
    if (threads < 1)
        return "the thread count must be at least 1, got " + std::to_string(threads);
    if (earlyStoppingPatience < 0)
        return "early-stopping patience must be >= 0 epochs, got " + std::to_string(earlyStoppingPatience);
    if (std::string problem = optimizer.validate(); !problem.empty())
        return problem;
    if (std::string problem = augment.validate(); !problem.empty())
        return problem;
    return schedule.validate();
}

} // namespace mlps
