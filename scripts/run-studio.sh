#!/usr/bin/env bash
# Set up (packages, Release build) and open the studio.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
exec "${MLPS_BUILD_DIR:-$root/build}/app/mlp-studio" "$@"
