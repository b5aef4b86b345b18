#pragma once

#include "nn/Schedule.h"

#include <cstdint>
#include <vector>

namespace mlps::ui {

// The steps (0-based, over the whole run) at which a chart samples the planned
// learning rate: every step of a run of at most `maxPoints` steps; of a longer
// one about `maxPoints` evenly spread steps, the first and the last included,
// plus both sides of every epoch boundary where the rate jumps (step and
// exponential schedules, as long as the jumps take at most half the budget)
// and of the cosine warm-up's end. Sorted, no repeats; empty when the run has
// no steps. The charts (the setup panel's preview, the dashboard) differ only
// in where they draw a step.
std::vector<std::int64_t> learningRateSampleSteps(const ScheduleSpec& schedule, std::int64_t stepsPerEpoch,
                                                  std::int64_t totalSteps, int maxPoints = 1000);

} // namespace mlps::ui
