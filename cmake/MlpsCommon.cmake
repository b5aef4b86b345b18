# Flags shared by every target of the project, carried by an INTERFACE target
# rather than by global variables.
add_library(mlps_common INTERFACE)
add_library(mlps::common ALIAS mlps_common)
target_compile_features(mlps_common INTERFACE cxx_std_20)
target_compile_options(mlps_common INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 reports false -Wrestrict overlaps in std::string's operator+ at -O2
# and above (GCC bug 105329); the warning is right elsewhere, so only 12 mutes it.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(mlps_common INTERFACE -Wno-restrict)
endif()
target_compile_definitions(mlps_common INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  MLPS_VERSION="${PROJECT_VERSION}")

# Hardening, as Debian builds its packages (lintian checks for it).
target_compile_options(mlps_common INTERFACE -fstack-protector-strong)
target_compile_definitions(mlps_common INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(mlps_common INTERFACE -Wl,-z,relro -Wl,-z,now)

# The portable baseline: every x86-64 CPU with AVX2 and FMA (x86-64-v3).
# Hot kernels are built a second time for AVX-512 and picked at start-up
# (core/nn/kernels), so no -march=native is ever needed.
set(MLPS_BASELINE_ARCH "x86-64-v3" CACHE STRING "-march for the portable baseline")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_compile_options(mlps_common INTERFACE -march=${MLPS_BASELINE_ARCH} -mtune=generic)
  set(MLPS_X86 ON)
else()
  set(MLPS_X86 OFF)
endif()
