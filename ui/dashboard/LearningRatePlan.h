#pragma once

#include "nn/Schedule.h"

#include <QList>
#include <QPointF>

#include <cstdint>

namespace mlps::ui {

// The planned learning-rate curve of a run: learningRateAt() at the steps of
// the run, as points ((step + 1) / stepsPerEpoch, rate): x is in epochs and
// the rate of the step with 0-based index `step` is drawn where that step
// ends, where the batch-loss curve draws the loss it produced (the last step
// of epoch e lands on x = e). Long runs are sampled as
// learningRateSampleSteps() (LearningRateSampling.h) says.
// Reduce-on-plateau cannot be planned: its curve is the rate before any cut.
QList<QPointF> plannedLearningRate(const ScheduleSpec& schedule, double baseRate, std::int64_t stepsPerEpoch,
                                   std::int64_t totalSteps, int maxPoints = 1000);

} // namespace mlps::ui
