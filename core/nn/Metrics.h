#pragma once

#include "nn/SampleView.h"
#include "nn/Types.h"

#include <cstdint>
#include <vector>

namespace mlps {

struct ClassMetrics {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t support = 0; // samples whose true class this is
};

// Scores from a confusion matrix, with scikit-learn's definitions
// (precision_recall_fscore_support, zero_division=0): a class never predicted
// has precision 0, a class never present has recall 0; macro F1 is the plain
// mean over classes, weighted F1 the mean weighted by support.
struct ClassificationScores {
    double accuracy = 0.0;
    double f1Macro = 0.0;
    double f1Weighted = 0.0;
    std::vector<ClassMetrics> perClass;
};

// confusion(i, j): samples of true class i predicted as class j.
ClassificationScores scoresFromConfusion(const ConfusionMatrix& confusion);

// Everything about a model's answers on a labelled set.
struct Evaluation {
    ClassificationScores scores;
    double logLoss = 0.0;         // mean -log p(true class), p clipped to [1e-15, 1]
    ConfusionMatrix confusion;
    std::vector<std::int32_t> trueLabels;
    std::vector<std::int32_t> predicted;
    Eigen::MatrixXf probabilities; // classes x samples
    std::int64_t count() const { return std::int64_t(predicted.size()); }
};

// Evaluates class probabilities (classes x n) against the view's labels.
Evaluation evaluatePredictions(const Eigen::MatrixXf& probabilities, const SampleView& view);

} // namespace mlps
