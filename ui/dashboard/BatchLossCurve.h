#pragma once

#include <QList>
#include <QPointF>

#include <cstdint>
#include <vector>

namespace mlps::ui {

// The within-run batch-loss curve, kept small enough to draw cheaply: the raw
// losses are averaged into at most maxPoints() buckets of consecutive steps
// (the bucket width doubles, merging neighbours, whenever the cap is reached),
// while the smoothed curve is an exponential moving average over every single
// loss, de-biased at the start as TensorBoard does, sampled at each bucket's end.
class BatchLossCurve {
public:
    explicit BatchLossCurve(int maxPoints = 2000);

    // Starts a new run of `plannedSteps` steps (the first buckets are sized
    // from it) with the EMA's weight 1 - 1 / smoothingWindow.
    void reset(std::int64_t plannedSteps, double smoothingWindow);
    void add(std::int64_t step, double loss);

    int maxPoints() const { return m_maxPoints; }
    int pointCount() const { return int(m_buckets.size()); }
    std::int64_t stepsPerBucket() const { return m_stepsPerBucket; }
    std::int64_t lossCount() const { return m_count; }
    double smoothingWeight() const { return m_weight; }

    // The bucket means at their mean step, and the smoothed loss at each
    // bucket's last step; x is the step divided by `stepsPerUnit` (e.g. steps
    // per epoch, to draw over epochs).
    QList<QPointF> rawPoints(double stepsPerUnit = 1.0) const;
    QList<QPointF> smoothedPoints(double stepsPerUnit = 1.0) const;

    // Over every loss added, not only the buckets'.
    double minLoss() const { return m_min; }
    double maxLoss() const { return m_max; }
    double lastLoss() const { return m_last; }
    double smoothedLoss() const { return m_smoothed; }

private:
    struct Bucket {
        std::int64_t index = 0; // (step - 1) / m_stepsPerBucket
        double stepSum = 0.0;
        double lossSum = 0.0;
        std::int64_t count = 0;
        std::int64_t lastStep = 0;
        double smoothedAtLast = 0.0;
    };
    void halve();

    int m_maxPoints;
    std::int64_t m_stepsPerBucket = 1;
    std::vector<Bucket> m_buckets;
    double m_weight = 0.0;
    double m_ema = 0.0;        // the biased average
    double m_weightPower = 1.0; // m_weight ^ count, for the de-biasing
    std::int64_t m_count = 0;
    double m_min = 0.0;
    double m_max = 0.0;
    double m_last = 0.0;
    double m_smoothed = 0.0;
};

} // namespace mlps::ui
