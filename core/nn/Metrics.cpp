#include "nn/Metrics.h"

#include <algorithm>
#include <cmath>

namespace mlps {

ClassificationScores scoresFromConfusion(const ConfusionMatrix& confusion)
{
    ClassificationScores scores;
    const Index classes = confusion.rows();
    const std::int64_t total = confusion.sum();
    scores.perClass.resize(std::size_t(classes));
    std::int64_t correct = 0;
    double f1Sum = 0.0;
    double f1WeightedSum = 0.0;
    for (Index c = 0; c < classes; ++c) {
        const std::int64_t truePositive = confusion(c, c);
        const std::int64_t actual = confusion.row(c).sum();
        const std::int64_t predicted = confusion.col(c).sum();
        ClassMetrics& m = scores.perClass[std::size_t(c)];
        m.support = actual;
        m.precision = predicted > 0 ? double(truePositive) / double(predicted) : 0.0;
        m.recall = actual > 0 ? double(truePositive) / double(actual) : 0.0;
        m.f1 = m.precision + m.recall > 0.0 ? 2.0 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
        correct += truePositive;
        f1Sum += m.f1;
        f1WeightedSum += m.f1 * double(actual);
    }
    scores.accuracy = total > 0 ? double(correct) / double(total) : 0.0;
    scores.f1Macro = classes > 0 ? f1Sum / double(classes) : 0.0;
    scores.f1Weighted = total > 0 ? f1WeightedSum / double(total) : 0.0;
    return scores;
}

Evaluation evaluatePredictions(const Eigen::MatrixXf& probabilities, const SampleView& view)
{
    Evaluation result;
    const Index classes = probabilities.rows();
    const Index n = probabilities.cols();
    result.confusion.setZero(classes, classes);
    result.trueLabels.resize(std::size_t(n));
    result.predicted.resize(std::size_t(n));
    double logLoss = 0.0;
    for (Index j = 0; j < n; ++j) {
        Index best = 0;
        probabilities.col(j).maxCoeff(&best);
        const std::int32_t truth = view.label(j);
        result.trueLabels[std::size_t(j)] = truth;
        result.predicted[std::size_t(j)] = std::int32_t(best);
        ++result.confusion(truth, best);
        // sklearn.metrics.log_loss clips probabilities away from 0 and 1.
        const double p = std::clamp(double(probabilities(truth, j)), 1e-15, 1.0);
        logLoss -= std::log(p);
    }
    result.logLoss = n > 0 ? logLoss / double(n) : 0.0;
    result.scores = scoresFromConfusion(result.confusion);
    result.probabilities = probabilities;
    return result;
}

} // namespace mlps
