// Included by DenseKernelsAvx2.cpp and DenseKernelsAvx512.cpp, which define
// MLPS_KERNEL_NAMESPACE and rename Eigen's namespace before including this file.
#include "nn/kernels/KernelTable.h"

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>

#include <algorithm>

namespace mlps::MLPS_KERNEL_NAMESPACE {
namespace {

using Matrix = Eigen::MatrixXf;
using ConstMap = Eigen::Map<const Matrix>;
using Map = Eigen::Map<Matrix>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;

// Applies `f` to y[0..size), 16 floats at a time in an aligned local block,
// so that every element goes through Eigen's SIMD path. On a Map of unknown
// alignment Eigen computes the elements before the first aligned packet with
// scalar code instead (std::exp, std::tanh), whose last bits differ, and a
// result would depend on the buffer's address (which, for AVX-512, Eigen's
// 32-byte aligned allocations elsewhere do not fix): runs would not be
// bit-reproducible. Used for the activations whose arithmetic is not exact.
template <typename F>
void applyInBlocks(float* y, Eigen::Index size, F f)
{
    using Block = Eigen::Array<float, 16, 1>;
    Block block;
    for (Eigen::Index i = 0; i < size; i += 16) {
        const Eigen::Index m = std::min<Eigen::Index>(16, size - i);
        if (m < 16)
            block.setZero();
        std::copy(y + i, y + i + m, block.data());
        block = f(block);
        std::copy(block.data(), block.data() + m, y + i);
    }
}

void denseForward(const float* w, const float* b, const float* x, float* y, int out, int in,
                  int n, Activation activation)
{
    const ConstMap W(w, out, in);
    const ConstMap X(x, in, n);
    const ConstVectorMap B(b, out);
    Map Y(y, out, n);
    // Eigen's product clears its destination before accumulating into it;
    // starting from the broadcast bias instead costs the same and saves a pass.
    Y.colwise() = B;
    Y.noalias() += W * X;
    auto z = Y.array();
    switch (activation) {
    case Activation::Relu: z = z.max(0.0f); break;
    case Activation::Sigmoid:
        applyInBlocks(y, z.size(), [](const auto& v) { return (1.0f + (-v).exp()).inverse(); });
        break;
    case Activation::Tanh:
        applyInBlocks(y, z.size(), [](const auto& v) { return v.tanh(); });
        break;
    case Activation::LeakyRelu: z = z.max(kLeakyReluSlope * z); break;
    case Activation::Elu:
        applyInBlocks(y, z.size(), [](const auto& v) { return (v > 0.0f).select(v, kEluAlpha * (v.min(0.0f).exp() - 1.0f)); });
        break;
    case Activation::Linear: break;
    }
}

void denseBackwardInput(const float* w, const float* y, float* dy, float* dx, int out, int in, int n,
                        Activation activation)
{
    const auto Y = ConstMap(y, out, n).array();
    Map dZ(dy, out, n);
    auto d = dZ.array();
    // dL/dz = dL/dy * f'(z), with f' written in terms of y (see Activation.h).
    switch (activation) {
    case Activation::Relu: d = (Y > 0.0f).select(d, 0.0f); break;
    case Activation::Sigmoid: d = d * Y * (1.0f - Y); break;
    case Activation::Tanh: d = d * (1.0f - Y.square()); break;
    case Activation::LeakyRelu: d = (Y > 0.0f).select(d, kLeakyReluSlope * d); break;
    case Activation::Elu: d = (Y > 0.0f).select(d, d * (Y + kEluAlpha)); break;
    case Activation::Linear: break;
    }
    if (dx)
        Map(dx, in, n).noalias() = ConstMap(w, out, in).transpose() * dZ;
}

void denseWeightGradient(const float* dz, const float* x, float* dw, float* db, int out, int in, int n,
                         int first, int last)
{
    const ConstMap dZ(dz, out, n);
    if (last > first) {
        // Rows first..last-1 of x, all n columns: a strided view of x.
        const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> xRows(x + first, last - first, n,
                                                                       Eigen::OuterStride<>(in));
        Map(dw + Eigen::Index(first) * out, out, last - first).noalias() = dZ * xRows.transpose();
    }
    if (db) {
        // Column by column rather than dZ.rowwise().sum(): Eigen sums the rows it
        // handles in packets four columns at a time but the rows before db's first
        // packet-aligned element one column at a time, so the result depended on
        // db's address modulo the packet size (64 bytes for AVX-512, more than the
        // 32 Eigen aligns to in the AVX2 build) and runs were not bit-reproducible.
        VectorMap B(db, out);
        B.setZero();
        for (int j = 0; j < n; ++j)
            B += dZ.col(j);
    }
}

} // namespace

extern const KernelTable table;
const KernelTable table = {MLPS_KERNEL_LABEL, &denseForward, &denseBackwardInput, &denseWeightGradient};

} // namespace mlps::MLPS_KERNEL_NAMESPACE
