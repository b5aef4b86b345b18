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
    if (!(labelSmoothing >= 0.0f && labelSmoothing < 1.0f))
        return "label smoothing must be in [0, 1), got " + std::to_string(labelSmoothing);
    if (!(weightAverageDecay >= 0.0f && weightAverageDecay < 1.0f))
        return "the weight-averaging decay must be in [0, 1) (0 = off), got " + std::to_string(weightAverageDecay);
    if (!(syntheticShare >= 0.0f && syntheticShare <= 0.95f))
        return "the synthetic share must be in [0, 0.95] (0 = off), got " + std::to_string(syntheticShare);
    if (ensembleSize < 1 || ensembleSize > kMaxEnsembleSize)
        return "the ensemble size must be between 1 and " + std::to_string(kMaxEnsembleSize) + " networks, got "
            + std::to_string(ensembleSize);
    if (std::string problem = optimizer.validate(); !problem.empty())
        return problem;
    if (std::string problem = augment.validate(); !problem.empty())
        return problem;
    return schedule.validate();
}

} // namespace mlps
