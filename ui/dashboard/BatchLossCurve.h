#pragma once

#include "nn/BatchLossDecimator.h"
#include "nn/BatchLossPoint.h"

#include <QList>
#include <QPointF>

#include <cstdint>

namespace mlps::ui {

// The within-run batch-loss curve, kept small enough to draw cheaply: the raw
// losses are averaged into buckets of consecutive steps as BatchLossDecimator
// keeps a run's losses, while the smoothed curve is an exponential moving
// average over every single loss, de-biased at the start as TensorBoard does,
// sampled at each bucket's end. A point standing for several steps (a run's
// kept losses) counts as that many steps of its mean loss.
class BatchLossCurve {
public:
    explicit BatchLossCurve(int maxPoints = BatchLossDecimator::kMaxPoints);

    // Starts a new run of `plannedSteps` steps (the first buckets are sized
    // from it) with the EMA's weight 1 - 1 / smoothingWindow.
    void reset(std::int64_t plannedSteps, double smoothingWindow);
    // Re-sizes the buckets for a run of `plannedSteps` steps; only while no loss was added.
    void replan(std::int64_t plannedSteps);
    void add(std::int64_t step, double loss) { add(BatchLossPoint{step, loss, 1}); }
    void add(const BatchLossPoint& point);

    int maxPoints() const { return m_buckets.maxPoints(); }
    int pointCount() const { return int(m_buckets.buckets().size()); }
    std::int64_t stepsPerBucket() const { return m_buckets.stepsPerBucket(); }
    std::int64_t lossCount() const { return m_buckets.lossCount(); }
    double smoothingWeight() const { return m_weight; }

    // The bucket means at their mean step, and the smoothed loss at each
    // bucket's last step; x is the step divided by `stepsPerUnit` (e.g. steps
    // per epoch, to draw over epochs).
    QList<QPointF> rawPoints(double stepsPerUnit = 1.0) const;
    QList<QPointF> smoothedPoints(double stepsPerUnit = 1.0) const;

    // Over every loss (or mean of a point's steps) added, not only the buckets'.
    double minLoss() const { return m_min; }
    double maxLoss() const { return m_max; }
    double lastLoss() const { return m_last; }
    double smoothedLoss() const { return m_smoothed; }

private:
    BatchLossDecimator m_buckets; // each bucket's tag: the smoothed loss at its last step
    double m_weight = 0.0;
    double m_ema = 0.0;         // the biased average
    double m_weightPower = 1.0; // m_weight ^ steps, for the de-biasing
    bool m_any = false;
    double m_min = 0.0;
    double m_max = 0.0;
    double m_last = 0.0;
    double m_smoothed = 0.0;
};

} // namespace mlps::ui
