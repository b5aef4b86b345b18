#include "nn/SoftmaxCrossEntropy.h"

#include <algorithm>
#include <cmath>

namespace mlps {

void softmax(ConstMatrixRef logits, MatrixRef probabilities)
{
    for (Index j = 0; j < logits.cols(); ++j) {
        // Subtracting the maximum keeps exp() in range without changing the result.
        const float top = logits.col(j).maxCoeff();
        probabilities.col(j) = (logits.col(j).array() - top).exp().matrix();
        probabilities.col(j) /= probabilities.col(j).sum();
    }
}

LossSums softmaxCrossEntropy(ConstMatrixRef logits, const std::int32_t* labels,
                             MatrixRef probabilities, MatrixRef gradLogits, float gradScale,
                             float labelSmoothing)
{
    LossSums sums;
    const bool smoothing = labelSmoothing != 0.0f;
    const Index classes = logits.rows();
    const float offTarget = smoothing ? labelSmoothing / float(classes) : 0.0f; // q_k for k != y
    const float onTarget = 1.0f - labelSmoothing + offTarget;                  // q_y
    const bool wantGradient = gradLogits.size() > 0;
    for (Index j = 0; j < logits.cols(); ++j) {
        const auto z = logits.col(j);
        Index best = 0;
        const float top = z.maxCoeff(&best);
        auto p = probabilities.col(j);
        p = (z.array() - top).exp().matrix();
        const float total = p.sum();
        p /= total;
        const int y = labels[j];
        // -log p_y = log(sum exp(z - top)) - (z_y - top), exact even where p_y underflows.
        if (!smoothing) {
            sums.loss += double(std::log(total) - (z(y) - top));
        } else {
            // -sum_k q_k log p_k = log(total) - sum_k q_k (z_k - top), as sum_k q_k = 1.
            const double logTotal = std::log(double(total));
            double expected = 0.0;
            for (Index k = 0; k < classes; ++k)
                expected += double(k == y ? onTarget : offTarget) * double(z(k) - top);
            sums.loss += logTotal - expected;
        }
        if (best == y)
            ++sums.correct;
        if (wantGradient) {
            auto g = gradLogits.col(j);
            if (!smoothing) {
                g = gradScale * p;
                g(y) -= gradScale;
            } else {
                g = gradScale * (p.array() - offTarget).matrix();
                g(y) -= gradScale * (onTarget - offTarget);
            }
        }
    }
    return sums;
}

} // namespace mlps
