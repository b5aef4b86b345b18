#!/usr/bin/env bash
# Trains the lab network (784-128-256-128-64-10, ReLU, batch 128, SGD with
# momentum, float32) with MLP Studio's engine and with PyTorch on this machine
# and prints both throughputs and their ratio.
#   bench/compare_pytorch.sh [BUILD_DIR] [SECONDS]
# PyTorch comes from Debian: apt-get install python3-torch libopenblas0-pthread.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-5}

ours=$("$build/bench/mlps-bench-train" --seconds "$seconds" --threads 1,2 | tee /dev/stderr |
  sed -n 's/^mlp-studio best samples_per_second=\([0-9.]*\).*/\1/p')
# One OpenBLAS thread is PyTorch's fastest setting here; torch's own threads are varied by the script.
theirs=$(OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/bench/pytorch_lab_bench.py" --seconds "$seconds" |
  tee /dev/stderr | sed -n 's/^pytorch best samples_per_second=\([0-9.]*\).*/\1/p')
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "mlp-studio %.0f samples/s, pytorch %.0f samples/s, ratio %.2fx\n", a, b, a / b }'
