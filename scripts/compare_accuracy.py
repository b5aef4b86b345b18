#!/usr/bin/python3
"""Trains the same configuration with mlp-studio-cli and with PyTorch
(scripts/pytorch_lab_accuracy.py, same option names) over several seeds and
prints the test accuracy of both, mean +- sample std.

  scripts/compare_accuracy.py [--cli build/app/mlp-studio-cli] [--seeds 5] -- TRAIN OPTIONS...

Example (the reference lab's configuration on the shared notMNIST sample):
  scripts/compare_accuracy.py --seeds 5 -- \\
      --data ../shared/data/notmnist/notmnist-train-clean-images-idx3-ubyte.gz \\
      --optimizer momentum --lr 0.1 --momentum 0.9 --decay 0.005 --epochs 20 \\
      --val 1000 --test-split 1000
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def summary(values):
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{100 * statistics.mean(values):.2f} +- {100 * spread:.2f} %"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.path.join(HERE, "..", "build", "app", "mlp-studio-cli"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("train", nargs=argparse.REMAINDER, help="options for both trainers (after --)")
    args = parser.parse_args()
    options = [a for a in args.train if a != "--"]

    studio, torch = [], []
    for seed in range(1, args.seeds + 1):
        common = options + ["--seed", str(seed), "--threads", str(args.threads), "--json", "--quiet"]
        ours = run([args.cli, "train"] + common)
        theirs = run(["/usr/bin/python3", os.path.join(HERE, "pytorch_lab_accuracy.py")] + common)
        studio.append(ours["test_accuracy"])
        torch.append(theirs["test_accuracy"])
        print(f"seed {seed}: mlp-studio {100 * ours['test_accuracy']:.2f} % ({ours['train_seconds']:.1f} s), "
              f"pytorch {100 * theirs['test_accuracy']:.2f} % ({theirs['train_seconds']:.1f} s)", flush=True)
    print(f"mlp-studio {summary(studio)}   pytorch {summary(torch)}   "
          f"difference {100 * (statistics.mean(studio) - statistics.mean(torch)):+.2f} points")


if __name__ == "__main__":
    main()
