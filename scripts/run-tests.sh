#!/usr/bin/env bash
# Set up (packages, Release build) and run the whole test suite with ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${MLPS_BUILD_DIR:-$root/build}" --parallel "$(nproc)" --output-on-failure "$@"
