// The AVX2 + FMA build of the dense kernels (the portable baseline).
#define Eigen EigenMlpsAvx2
#define MLPS_KERNEL_NAMESPACE avx2
#define MLPS_KERNEL_LABEL "avx2"
#include "nn/kernels/DenseKernels.inl"
