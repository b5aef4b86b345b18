#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace mlps::ui {

// The plain-language description of a training run, shared by the setup
// panel, the window and the dashboard, so that what is shown is exactly what
// will run, e.g. "SGD with momentum 0.9, learning rate 0.1 with inverse-time
// decay 0.005 per step (0.00599 at the last step); 20 epochs of 157 steps
// (batch 128), seed 1, 2 threads; He uniform init; no augmentation; no early
// stopping". `trainSamples` is the size of the training split (0 = unknown:
// then the per-step figures are left out).
QString describeTraining(const TrainConfig& config, Init init, qint64 trainSamples);

// Steps (mini-batches) per epoch exactly as Trainer counts them: the last
// batch of an epoch may be smaller, so it is ceil(samples / batch).
// 0 when either is not positive.
// The samples of one epoch: the training samples plus, with a synthetic
// share, the synthetic ones mixed in (as Trainer counts them).
qint64 epochSamples(qint64 trainSamples, const TrainConfig& config);
qint64 stepsPerEpoch(qint64 trainSamples, int batchSize);

// The learning rate over the planned run, as (step, rate) points: every step
// when there are at most `maxPoints` of them, otherwise evenly spread steps
// plus the first and last and the steps on both sides of each jump of a step
// schedule (so the curve keeps its shape). Reduce-on-plateau is drawn at the
// base rate (its reductions depend on the validation loss). Empty when the
// run's length is unknown (trainSamples 0) or the config cannot run.
QList<QPointF> plannedLearningRates(const TrainConfig& config, qint64 trainSamples, int maxPoints = 1000);

// The translated display names, for combo boxes and the plan.
QString optimizerDisplayName(OptimizerKind kind);
QString scheduleDisplayName(ScheduleKind kind);
QString initDisplayName(Init init);
// A schedule's rule in one line, with the library it matches
// ("lr / (1 + decay × step), Keras' SGD(decay=…)").
QString scheduleFormula(ScheduleKind kind);

} // namespace mlps::ui
