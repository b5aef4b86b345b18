#include "LearningRatePlan.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mlps::ui {

QList<QPointF> plannedLearningRate(const ScheduleSpec& schedule, double baseRate, std::int64_t stepsPerEpoch,
                                   std::int64_t totalSteps, int maxPoints)
{
    QList<QPointF> points;
    if (stepsPerEpoch <= 0 || totalSteps <= 0)
        return points;
    std::vector<std::int64_t> steps;
    if (totalSteps <= maxPoints) {
        steps.resize(std::size_t(totalSteps));
        for (std::int64_t s = 0; s < totalSteps; ++s)
            steps[std::size_t(s)] = s;
    } else {
        const std::int64_t last = totalSteps - 1;
        const int samples = std::max(2, maxPoints);
        for (int i = 0; i < samples; ++i)
            steps.push_back(std::int64_t(std::llround(double(last) * i / (samples - 1))));
        for (std::int64_t boundary = stepsPerEpoch; boundary < totalSteps; boundary += stepsPerEpoch) {
            steps.push_back(boundary - 1);
            steps.push_back(boundary);
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
    }
    points.reserve(qsizetype(steps.size()));
    for (std::int64_t step : steps) {
        const SchedulePosition at{step, stepsPerEpoch, totalSteps, 0};
        points.append(QPointF(double(step + 1) / double(stepsPerEpoch), learningRateAt(schedule, baseRate, at)));
    }
    return points;
}

} // namespace mlps::ui
