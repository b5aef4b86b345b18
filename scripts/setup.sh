#!/usr/bin/env bash
# Installs the Debian packages MLP Studio needs (only those missing) and builds
# it (Release) in ./build. Sourced or run by run-studio.sh and run-tests.sh.
#   MLPS_BUILD_DIR   build folder (default: build)
#   MLPS_CMAKE_ARGS  extra CMake arguments
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${MLPS_BUILD_DIR:-$root/build}

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-qpa-plugins libgl-dev
  libeigen3-dev libquazip1-qt6-dev libarchive-dev zlib1g-dev
  libgtest-dev fontconfig
  # Model exports: ONNX through its own protobuf classes; the export tests
  # check the files from Python (numpy, onnx) and run the PyTorch project
  # (torch, torchrun).
  libonnx-dev python3-numpy python3-onnx python3-torch
  # Packaging (cpack -G DEB, manual pages) and its test (tests/packaging).
  dpkg-dev file help2man lintian appstream desktop-file-utils shared-mime-info
)
# The fonts the built-in "Font letters" dataset is rendered from.
while read -r p || [ -n "$p" ]; do
  case $p in '' | '#'*) ;; *) packages+=("$p") ;; esac
done <"$root/scripts/font-packages.txt"

missing=()
# One dpkg-query for all (a call per package takes seconds with the fonts).
installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '/ install ok installed$/ { print $1 }' | tr '\n' ' ' || true) "
for p in "${packages[@]}"; do
  if [[ $installed != *" $p "* ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # A font package this distribution does not have is skipped, not fatal.
  known=" $(apt-cache show --no-all-versions "${missing[@]}" 2>/dev/null | sed -n 's/^Package: //p' | tr '\n' ' ' || true) "
  install=()
  for p in "${missing[@]}"; do
    if [[ $p != fonts-* || $known == *" $p "* ]]; then
      install+=("$p")
    else
      echo "setup: $p is not in this distribution's archive; skipped" >&2
    fi
  done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null
fi

# shellcheck disable=SC2086
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${MLPS_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
