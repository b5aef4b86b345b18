#include "BatchLossCurve.h"

#include <algorithm>

namespace mlps::ui {

BatchLossCurve::BatchLossCurve(int maxPoints)
    : m_maxPoints(std::max(2, maxPoints))
{
}

void BatchLossCurve::reset(std::int64_t plannedSteps, double smoothingWindow)
{
    m_buckets.clear();
    m_stepsPerBucket = std::max<std::int64_t>(1, (plannedSteps + m_maxPoints - 1) / m_maxPoints);
    m_weight = smoothingWindow > 1.0 ? 1.0 - 1.0 / smoothingWindow : 0.0;
    m_ema = 0.0;
    m_weightPower = 1.0;
    m_count = 0;
    m_min = m_max = m_last = m_smoothed = 0.0;
}

void BatchLossCurve::add(std::int64_t step, double loss)
{
    // TensorBoard's smoothing: last = last * w + (1 - w) * value, divided by
    // 1 - w^n so that the first values are not pulled towards 0.
    m_ema = m_ema * m_weight + (1.0 - m_weight) * loss;
    m_weightPower *= m_weight;
    m_smoothed = m_weightPower < 1.0 ? m_ema / (1.0 - m_weightPower) : loss;
    m_min = m_count == 0 ? loss : std::min(m_min, loss);
    m_max = m_count == 0 ? loss : std::max(m_max, loss);
    m_last = loss;
    ++m_count;

    std::int64_t index = std::max<std::int64_t>(0, step - 1) / m_stepsPerBucket;
    if (m_buckets.empty() || m_buckets.back().index != index) {
        while (int(m_buckets.size()) >= m_maxPoints && m_buckets.back().index != index) {
            halve();
            index = std::max<std::int64_t>(0, step - 1) / m_stepsPerBucket;
        }
        if (m_buckets.empty() || m_buckets.back().index != index)
            m_buckets.push_back(Bucket{index, 0.0, 0.0, 0, 0, 0.0});
    }
    Bucket& bucket = m_buckets.back();
    bucket.stepSum += double(step);
    bucket.lossSum += loss;
    ++bucket.count;
    bucket.lastStep = step;
    bucket.smoothedAtLast = m_smoothed;
}

// Doubles the bucket width, merging each pair of neighbouring buckets.
void BatchLossCurve::halve()
{
    m_stepsPerBucket *= 2;
    std::vector<Bucket> merged;
    merged.reserve(m_buckets.size() / 2 + 1);
    for (const Bucket& bucket : m_buckets) {
        const std::int64_t index = bucket.index / 2;
        if (merged.empty() || merged.back().index != index) {
            merged.push_back(bucket);
            merged.back().index = index;
            continue;
        }
        Bucket& into = merged.back();
        into.stepSum += bucket.stepSum;
        into.lossSum += bucket.lossSum;
        into.count += bucket.count;
        into.lastStep = bucket.lastStep;
        into.smoothedAtLast = bucket.smoothedAtLast;
    }
    m_buckets = std::move(merged);
}

QList<QPointF> BatchLossCurve::rawPoints(double stepsPerUnit) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(m_buckets.size()));
    for (const Bucket& bucket : m_buckets)
        points.append(QPointF(bucket.stepSum / double(bucket.count) / stepsPerUnit,
                              bucket.lossSum / double(bucket.count)));
    return points;
}

QList<QPointF> BatchLossCurve::smoothedPoints(double stepsPerUnit) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(m_buckets.size()));
    for (const Bucket& bucket : m_buckets)
        points.append(QPointF(double(bucket.lastStep) / stepsPerUnit, bucket.smoothedAtLast));
    return points;
}

} // namespace mlps::ui
