#include "LearningRatePlan.h"

#include "LearningRateSampling.h"

namespace mlps::ui {

QList<QPointF> plannedLearningRate(const ScheduleSpec& schedule, double baseRate, std::int64_t stepsPerEpoch,
                                   std::int64_t totalSteps, int maxPoints)
{
    QList<QPointF> points;
    for (const std::int64_t step : learningRateSampleSteps(schedule, stepsPerEpoch, totalSteps, maxPoints)) {
        const SchedulePosition at{step, stepsPerEpoch, totalSteps, 0};
        points.append(QPointF(double(step + 1) / double(stepsPerEpoch), learningRateAt(schedule, baseRate, at)));
    }
    return points;
}

} // namespace mlps::ui
