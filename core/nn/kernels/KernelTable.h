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

    // Back-propagation through y = f(W x + b), for a block of n columns. On
    // entry dy holds dL/dy; it is overwritten with dL/dz = dL/dy * f'(z).
    // When dx is not null, writes dx = W^T dz.
    void (*denseBackwardInput)(const float* w, const float* y, float* dy, float* dx, int out,
                               int in, int n, Activation activation);

    // The weight gradient dW = dz x^T of a whole batch of n columns (dz: out x n,
    // x: in x n), restricted to the weight columns [first, last) (the inputs
    // first..last-1): writes dw[:, first:last], a contiguous run of the
    // column-major out x in matrix at dw. When db is not null, also writes
    // db = sum over columns of dz.
    void (*denseWeightGradient)(const float* dz, const float* x, float* dw, float* db, int out,
                                int in, int n, int first, int last);
};

// The table for this CPU: AVX-512 where the CPU has AVX512F/BW/DQ/VL, else AVX2.
// The environment variable MLPS_KERNELS=avx2|avx512 overrides the choice (an
// unsupported request falls back to AVX2).
const KernelTable& activeKernels();

} // namespace mlps
