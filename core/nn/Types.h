#pragma once

#include <Eigen/Core>

#include <cstdint>

namespace mlps {

// Activations and batches are features x batch, one column per sample (column-major).
using Index = Eigen::Index;
using MatrixRef = Eigen::Ref<Eigen::MatrixXf>;
using ConstMatrixRef = Eigen::Ref<const Eigen::MatrixXf>;
using ConfusionMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;

enum class Mode { Train, Infer };

} // namespace mlps
