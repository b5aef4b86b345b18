#include "BatchLossCurve.h"

#include <algorithm>
#include <cmath>

namespace mlps::ui {

BatchLossCurve::BatchLossCurve(int maxPoints)
    : m_buckets(maxPoints)
{
}

void BatchLossCurve::reset(std::int64_t plannedSteps, double smoothingWindow)
{
    m_buckets.reset(plannedSteps);
    m_weight = smoothingWindow > 1.0 ? 1.0 - 1.0 / smoothingWindow : 0.0;
    m_ema = 0.0;
    m_weightPower = 1.0;
    m_any = false;
    m_min = m_max = m_last = m_smoothed = 0.0;
}

void BatchLossCurve::replan(std::int64_t plannedSteps)
{
    if (m_buckets.lossCount() == 0)
        m_buckets.reset(plannedSteps);
}

void BatchLossCurve::add(const BatchLossPoint& point)
{
    const double loss = point.loss;
    // TensorBoard's smoothing: last = last * w + (1 - w) * value, divided by
    // 1 - w^n so that the first values are not pulled towards 0. A point of
    // n steps of the same mean is that update n times: w^n and 1 - w^n.
    const double weight = point.span > 1 ? std::pow(m_weight, double(point.span)) : m_weight;
    m_ema = m_ema * weight + (1.0 - weight) * loss;
    m_weightPower *= weight;
    m_smoothed = m_weightPower < 1.0 ? m_ema / (1.0 - m_weightPower) : loss;
    m_min = m_any ? std::min(m_min, loss) : loss;
    m_max = m_any ? std::max(m_max, loss) : loss;
    m_last = loss;
    m_any = true;
    m_buckets.add(point, m_smoothed);
}

QList<QPointF> BatchLossCurve::rawPoints(double stepsPerUnit) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(m_buckets.buckets().size()));
    for (const BatchLossDecimator::Bucket& bucket : m_buckets.buckets())
        points.append(QPointF(bucket.meanStep() / stepsPerUnit, bucket.meanLoss()));
    return points;
}

QList<QPointF> BatchLossCurve::smoothedPoints(double stepsPerUnit) const
{
    QList<QPointF> points;
    points.reserve(qsizetype(m_buckets.buckets().size()));
    for (const BatchLossDecimator::Bucket& bucket : m_buckets.buckets())
        points.append(QPointF(double(bucket.lastStep) / stepsPerUnit, bucket.tag));
    return points;
}

} // namespace mlps::ui
