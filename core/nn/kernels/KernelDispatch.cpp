#include "nn/kernels/KernelTable.h"

#include <cstdlib>
#include <cstring>

namespace mlps {

namespace avx2 { extern const KernelTable table; }
#ifdef MLPS_HAVE_AVX512_KERNELS
namespace avx512 { extern const KernelTable table; }
#endif

namespace {

bool cpuHasAvx512()
{
#if defined(MLPS_HAVE_AVX512_KERNELS) && (defined(__x86_64__) || defined(__i386__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
           && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
#else
    return false;
#endif
}

const KernelTable& chooseKernels()
{
    const char* request = std::getenv("MLPS_KERNELS");
    const bool wantAvx2 = request && std::strcmp(request, "avx2") == 0;
#ifdef MLPS_HAVE_AVX512_KERNELS
    if (!wantAvx2 && cpuHasAvx512())
        return avx512::table;
#else
    (void)wantAvx2;
    (void)cpuHasAvx512;
#endif
    return avx2::table;
}

} // namespace

const KernelTable& activeKernels()
{
    static const KernelTable& table = chooseKernels();
    return table;
}

} // namespace mlps
