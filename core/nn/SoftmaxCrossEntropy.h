#pragma once

#include "nn/Types.h"

#include <cstdint>

namespace mlps {

struct LossSums {
    double loss = 0.0;        // sum over the columns of -log p(true class) (of the smoothed target's cross-entropy)
    std::int64_t correct = 0; // columns whose arg-max is the true class
};

// Softmax over each column of `logits` (classes x n), written to `probabilities`.
void softmax(ConstMatrixRef logits, MatrixRef probabilities);

// Fused softmax + cross-entropy. Writes the probabilities into `probabilities`
// and, when `gradLogits` is non-empty, gradScale * (p - onehot(label)) into it:
// d/dz of -log softmax(z)_y is p - onehot(y). gradScale is 1 / (whole batch size)
// so that the gradients of the chunks of one batch add up to the batch mean.
//
// With labelSmoothing = e > 0 the target is q = (1 - e) onehot(y) + e / K over
// the K classes (Szegedy et al. 2016, "Rethinking the Inception Architecture",
// section 7): the loss is -sum_k q_k log p_k and its gradient p - q. With e = 0
// (the default) it is the plain cross-entropy, computed exactly as before.
LossSums softmaxCrossEntropy(ConstMatrixRef logits, const std::int32_t* labels,
                             MatrixRef probabilities, MatrixRef gradLogits, float gradScale,
                             float labelSmoothing = 0.0f);

} // namespace mlps
