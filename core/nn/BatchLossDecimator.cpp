#include "nn/BatchLossDecimator.h"

#include <algorithm>

namespace mlps {

BatchLossDecimator::BatchLossDecimator(int maxPoints)
    : m_maxPoints(std::max(2, maxPoints))
{
}

void BatchLossDecimator::reset(std::int64_t plannedSteps)
{
    m_plannedSteps = std::max<std::int64_t>(0, plannedSteps);
    m_stepsPerBucket = std::max<std::int64_t>(1, (m_plannedSteps + m_maxPoints - 1) / m_maxPoints);
    m_count = 0;
    m_buckets.clear();
}

void BatchLossDecimator::add(const BatchLossPoint& point, double tag)
{
    const std::int64_t span = std::max<std::int64_t>(1, point.span);
    const auto indexOf = [this](std::int64_t step) { return std::max<std::int64_t>(0, step - 1) / m_stepsPerBucket; };
    // A point goes where its last step lies (never back before the last bucket).
    std::int64_t index = indexOf(point.step);
    if (!m_buckets.empty() && index <= m_buckets.back().index) {
        index = m_buckets.back().index;
    } else {
        while (int(m_buckets.size()) >= m_maxPoints) {
            halve();
            index = std::max(indexOf(point.step), m_buckets.back().index);
            if (index == m_buckets.back().index)
                break;
        }
        if (m_buckets.empty() || m_buckets.back().index != index)
            m_buckets.push_back(Bucket{index, 0, 0, 0.0, 0.0, 0.0});
    }
    Bucket& bucket = m_buckets.back();
    // The span's steps step - span + 1 .. step add up to span * (first + last) / 2.
    bucket.stepSum += double(span) * (double(point.step) - double(span - 1) / 2.0);
    bucket.lossSum += double(span) * point.loss;
    bucket.count += span;
    bucket.lastStep = std::max(bucket.lastStep, point.step);
    bucket.tag = tag;
    m_count += span;
}

// Doubles the bucket width, merging each pair of neighbouring buckets.
void BatchLossDecimator::halve()
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
        into.tag = bucket.tag;
    }
    m_buckets = std::move(merged);
}

std::vector<BatchLossPoint> BatchLossDecimator::points() const
{
    std::vector<BatchLossPoint> points;
    points.reserve(m_buckets.size());
    for (const Bucket& bucket : m_buckets)
        points.push_back(BatchLossPoint{bucket.lastStep, bucket.meanLoss(), bucket.count});
    return points;
}

std::vector<BatchLossPoint> BatchLossDecimator::decimate(const std::vector<BatchLossPoint>& points,
                                                         std::int64_t plannedSteps, int maxPoints)
{
    BatchLossDecimator decimator(maxPoints);
    decimator.reset(points.empty() ? plannedSteps : std::max(plannedSteps, points.back().step));
    for (const BatchLossPoint& point : points)
        decimator.add(point);
    return decimator.points();
}

std::vector<BatchLossPoint> BatchLossDecimator::joined(const std::vector<BatchLossPoint>& earlier,
                                                       std::int64_t upToStep,
                                                       const std::vector<BatchLossPoint>& later,
                                                       std::int64_t plannedSteps, int maxPoints)
{
    std::vector<BatchLossPoint> all;
    all.reserve(earlier.size() + later.size());
    for (const BatchLossPoint& point : earlier)
        if (point.step <= upToStep)
            all.push_back(point);
    for (const BatchLossPoint& point : later)
        if (point.step > upToStep)
            all.push_back(point);
    return decimate(all, plannedSteps, maxPoints);
}

void BatchLossDecimator::restoreSpans(std::vector<BatchLossPoint>& points)
{
    for (std::size_t i = points.size(); i-- > 1;)
        points[i].span = std::max<std::int64_t>(1, points[i].step - points[i - 1].step);
    if (!points.empty()) {
        const std::int64_t own = std::max<std::int64_t>(1, points[0].step);
        points[0].span = points.size() > 1 ? std::min(own, points[1].span) : own;
    }
}

} // namespace mlps
