#pragma once

#include "nn/Types.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace mlps {

class Network;

// Input-gradient saliency (Simonyan, Vedaldi & Zisserman 2013, "Deep Inside
// Convolutional Networks", section 3): the gradient of a class's score, its
// logit z_c (the value before the softmax), with respect to the input pixels.
// A positive entry means "more ink here raises the score of class c". The
// logit is used rather than the probability because p_c can also rise by
// lowering the other classes' scores; the logit's gradient says what speaks
// for c itself. Computed in Infer mode (dropout off), inputs in [0, 1].

// d z_cls / d input for one sample of `features` values.
Eigen::VectorXf classScoreGradient(Network& network, const float* input, int features, int cls);

// The same for a batch (features x n): column j is d z_{classes[j]} / d column j.
Eigen::MatrixXf classScoreGradients(Network& network, ConstMatrixRef batch, const std::vector<std::int32_t>& classes);

// d (z_a - z_b) / d input: which pixels make the network prefer class a over
// class b (for a mistake: the predicted class over the true one).
Eigen::VectorXf classContrastGradient(Network& network, const float* input, int features, int a, int b);

} // namespace mlps
