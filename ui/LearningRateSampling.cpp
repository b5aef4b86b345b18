#include "LearningRateSampling.h"

#include <algorithm>
#include <cmath>

namespace mlps::ui {

std::vector<std::int64_t> learningRateSampleSteps(const ScheduleSpec& schedule, std::int64_t stepsPerEpoch,
                                                  std::int64_t totalSteps, int maxPoints)
{
    std::vector<std::int64_t> steps;
    if (stepsPerEpoch <= 0 || totalSteps <= 0)
        return steps;
    if (totalSteps <= maxPoints) {
        steps.resize(std::size_t(totalSteps));
        for (std::int64_t s = 0; s < totalSteps; ++s)
            steps[std::size_t(s)] = s;
        return steps;
    }

    // Epoch boundaries where a step-wise schedule jumps: every stepSize
    // epochs (StepLR) or every epoch (ExponentialLR).
    const std::int64_t epochs = totalSteps / stepsPerEpoch;
    std::int64_t jumpEvery = 0;
    if (schedule.kind == ScheduleKind::Step)
        jumpEvery = std::max(1, schedule.stepSize);
    else if (schedule.kind == ScheduleKind::Exponential)
        jumpEvery = 1;
    const std::int64_t jumps = jumpEvery > 0 ? (epochs - 1) / jumpEvery : 0;
    const bool keepJumps = jumps > 0 && 2 * jumps <= maxPoints / 2;

    const int even = std::max(2, keepJumps ? maxPoints - int(2 * jumps) : maxPoints);
    for (int i = 0; i < even; ++i)
        steps.push_back(std::int64_t(std::llround(double(totalSteps - 1) * double(i) / double(even - 1))));
    if (keepJumps) {
        for (std::int64_t epoch = jumpEvery; epoch < epochs; epoch += jumpEvery) {
            steps.push_back(epoch * stepsPerEpoch - 1);
            steps.push_back(epoch * stepsPerEpoch);
        }
    }
    if (schedule.kind == ScheduleKind::Cosine) {
        const auto warmup = std::int64_t(std::llround(schedule.warmupEpochs * double(stepsPerEpoch)));
        if (warmup > 0 && warmup < totalSteps) {
            steps.push_back(warmup - 1);
            steps.push_back(warmup);
        }
    }
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    return steps;
}

} // namespace mlps::ui
