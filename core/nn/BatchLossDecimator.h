#pragma once

#include "nn/BatchLossPoint.h"

#include <cstdint>
#include <vector>

namespace mlps {

// A run's batch losses kept small enough to keep in a project and to draw:
// consecutive steps are averaged into at most maxPoints() buckets. A run
// planned for N steps gets buckets of ceil(N / maxPoints()) steps; should it
// outgrow its plan, the bucket width doubles, merging neighbours, whenever
// the cap is reached. The studio's training worker and the CLI keep a run's
// losses this way (TrainingResult::batchLosses, a project's batch_losses.npy)
// and the dashboard's batch-loss curve draws them this way, so a run shown
// again from its record has the buckets it had while it trained.
class BatchLossDecimator {
public:
    static constexpr int kMaxPoints = 2000;

    struct Bucket {
        std::int64_t index = 0;    // (step - 1) / stepsPerBucket() of its steps
        std::int64_t lastStep = 0;
        std::int64_t count = 0;    // the steps (losses) in it
        double stepSum = 0.0;
        double lossSum = 0.0;
        double tag = 0.0;          // what add() was given with the bucket's last loss

        double meanStep() const { return stepSum / double(count); }
        double meanLoss() const { return lossSum / double(count); }
    };

    explicit BatchLossDecimator(int maxPoints = kMaxPoints);

    // Starts over for a run of `plannedSteps` steps (the bucket width is sized from it).
    void reset(std::int64_t plannedSteps);
    // Adds one step's loss, or the mean loss of point.span steps ending at
    // point.step (as points() gives them), in step order; the bucket that
    // ends with it keeps `tag` (the dashboard's smoothed loss there).
    void add(const BatchLossPoint& point, double tag = 0.0);

    int maxPoints() const { return m_maxPoints; }
    std::int64_t plannedSteps() const { return m_plannedSteps; }
    std::int64_t stepsPerBucket() const { return m_stepsPerBucket; }
    std::int64_t lossCount() const { return m_count; } // steps added
    const std::vector<Bucket>& buckets() const { return m_buckets; }
    // Each bucket as a point: its mean loss at its last step, spanning its steps.
    std::vector<BatchLossPoint> points() const;

    // `points` (in step order) as a run of `plannedSteps` keeps them.
    static std::vector<BatchLossPoint> decimate(const std::vector<BatchLossPoint>& points, std::int64_t plannedSteps,
                                                int maxPoints = kMaxPoints);
    // A continued run's losses: those of `earlier` up to step `upToStep` (where
    // it went on from), then `later`, decimated as one run of `plannedSteps`.
    static std::vector<BatchLossPoint> joined(const std::vector<BatchLossPoint>& earlier, std::int64_t upToStep,
                                              const std::vector<BatchLossPoint>& later, std::int64_t plannedSteps,
                                              int maxPoints = kMaxPoints);
    // The spans of points read back from a file, which keeps steps and losses
    // only: each point stands for the steps after the previous point's, the
    // first for as many as the second (at most its own step), as buckets do.
    static void restoreSpans(std::vector<BatchLossPoint>& points);

private:
    void halve();

    int m_maxPoints;
    std::int64_t m_plannedSteps = 0;
    std::int64_t m_stepsPerBucket = 1;
    std::int64_t m_count = 0;
    std::vector<Bucket> m_buckets;
};

} // namespace mlps
