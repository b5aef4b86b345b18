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
                             MatrixRef probabilities, MatrixRef gradLogits, float gradScale)
{
    LossSums sums;
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
        sums.loss += double(std::log(total) - (z(y) - top));
        if (best == y)
            ++sums.correct;
        if (wantGradient) {
            auto g = gradLogits.col(j);
            g = gradScale * p;
            g(y) -= gradScale;
        }
    }
    return sums;
}

} // namespace mlps
