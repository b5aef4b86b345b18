#include "project/StoredRun.h"

#include "nn/BatchLossDecimator.h"

namespace mlps {

bool isKnownRunStatus(const std::string& status)
{
    return status == "finished" || status == "stopped" || status == "diverged" || status == "failed";
}

std::vector<BatchLossPoint> StoredRun::batchLossPoints() const
{
    std::vector<BatchLossPoint> points;
    if (batchSteps.size() != batchLosses.size())
        return points;
    points.reserve(batchSteps.size());
    for (std::size_t i = 0; i < batchSteps.size(); ++i)
        points.push_back(BatchLossPoint{batchSteps[i], double(batchLosses[i]), 1});
    BatchLossDecimator::restoreSpans(points);
    return points;
}

void StoredRun::setBatchLosses(const std::vector<BatchLossPoint>& points)
{
    batchSteps.clear();
    batchLosses.clear();
    batchSteps.reserve(points.size());
    batchLosses.reserve(points.size());
    for (const BatchLossPoint& point : points) {
        batchSteps.push_back(point.step);
        batchLosses.push_back(float(point.loss));
    }
}

} // namespace mlps
