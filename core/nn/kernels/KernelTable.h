#pragma once

#include "nn/Activation.h"

namespace mlps {

// The hot loops of a dense layer, as plain functions on raw column-major
// buffers (a matrix of r rows is r floats per column, columns back to back).
// They are built once per instruction set (AVX2+FMA and AVX-512) from the same
// source, each copy with Eigen in a namespace of its own so the linker never
// merges the two sets of template instantiations, and chosen at start-up.
struct KernelTable {
    const char* name;

    // y = f(W x + b).  w: out x in, b: out, x: in x n, y: out x n.
    void (*denseForward)(const float* w, const float* b, const float* x, float* y,
                         int out, int in, int n, Activation activation);

    // Back-propagation through y = f(W x + b). On entry dy holds dL/dy; it is
    // overwritten with dL/dz. Writes (does not accumulate) dW = dz x^T and
    // db = sum over columns of dz, and when dx is not null dx = W^T dz.
    void (*denseBackward)(const float* w, const float* x, const float* y, float* dy,
                          float* dw, float* db, float* dx, int out, int in, int n,
                          Activation activation);
};

// The table for this CPU: AVX-512 where the CPU has AVX512F/BW/DQ/VL, else AVX2.
// The environment variable MLPS_KERNELS=avx2|avx512 overrides the choice (an
// unsupported request falls back to AVX2).
const KernelTable& activeKernels();

} // namespace mlps
