// The AVX-512 build of the dense kernels; compiled with -march=x86-64-v4 and
// only ever called on a CPU that KernelDispatch.cpp found to support it.
#define Eigen EigenMlpsAvx512
#define MLPS_KERNEL_NAMESPACE avx512
#define MLPS_KERNEL_LABEL "avx512"
#include "nn/kernels/DenseKernels.inl"
