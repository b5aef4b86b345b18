// Included by DenseKernelsAvx2.cpp and DenseKernelsAvx512.cpp, which define
// MLPS_KERNEL_NAMESPACE and rename Eigen's namespace before including this file.
#include "nn/kernels/KernelTable.h"

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Core>

namespace mlps::MLPS_KERNEL_NAMESPACE {
namespace {

using Matrix = Eigen::MatrixXf;
using ConstMap = Eigen::Map<const Matrix>;
using Map = Eigen::Map<Matrix>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXf>;
using VectorMap = Eigen::Map<Eigen::VectorXf>;

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
    case Activation::Sigmoid: z = (1.0f + (-z).exp()).inverse(); break;
    case Activation::Tanh: z = z.tanh(); break;
    case Activation::LeakyRelu: z = z.max(kLeakyReluSlope * z); break;
    case Activation::Elu: z = (z > 0.0f).select(z, kEluAlpha * ((z.min(0.0f)).exp() - 1.0f)); break;
    case Activation::Linear: break;
    }
}

void denseBackward(const float* w, const float* x, const float* y, float* dy, float* dw,
                   float* db, float* dx, int out, int in, int n, Activation activation)
{
    const ConstMap W(w, out, in);
    const ConstMap X(x, in, n);
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
    Map(dw, out, in).noalias() = dZ * X.transpose();
    VectorMap(db, out).noalias() = dZ.rowwise().sum();
    if (dx)
        Map(dx, in, n).noalias() = W.transpose() * dZ;
}

} // namespace

extern const KernelTable table;
const KernelTable table = {MLPS_KERNEL_LABEL, &denseForward, &denseBackward};

} // namespace mlps::MLPS_KERNEL_NAMESPACE
