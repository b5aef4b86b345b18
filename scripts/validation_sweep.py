#!/usr/bin/env python3
"""Validation accuracy of one mlp-studio-cli training recipe over several seeds.

Runs `mlp-studio-cli train` on the shared notMNIST sample with a stratified 20 %
validation split (a different split per seed, duplicates and train/validation
overlap removed from train, no test split), once per seed, and prints the final
validation accuracy of each run, their mean and standard deviation, and the mean
wall time per run. Everything after `--` is passed to the CLI.

  scripts/validation_sweep.py --name "lab network" --seeds 1,2,3 -- --epochs 20
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "..", "shared", "data", "notmnist", "notmnist-train-clean-images-idx3-ubyte.gz")

def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", default="")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "mlp-studio-cli"))
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--val", default="0.2")
    parser.add_argument("--threads", default="1")
    parser.add_argument("--log", default="", help="append one JSON line per recipe to this file")
    args = parser.parse_args(argv)
    accuracies, seconds = [], []
    for seed in args.seeds.split(","):
        command = [args.cli, "train", "--data", args.data, "--val", args.val, "--test-split", "0",
                   "--dedup", "--remove-overlap", "--seed", seed, "--threads", args.threads,
                   "--json", "--quiet"] + extra
        start = time.time()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.time() - start
        if result.returncode != 0:
            sys.exit("failed: " + " ".join(command) + "\n" + result.stderr)
        report = json.loads(result.stdout.strip().splitlines()[-1])
        accuracy = report.get("val_accuracy_final", report["history"][-1]["val_accuracy"])
        accuracies.append(100.0 * accuracy)
        seconds.append(elapsed)
        print(f"  seed {seed}: {100.0 * accuracy:.2f} %  {elapsed:.0f} s", flush=True)
    mean = statistics.mean(accuracies)
    std = statistics.stdev(accuracies) if len(accuracies) > 1 else 0.0
    line = {"name": args.name, "args": " ".join(extra), "seeds": args.seeds, "accuracies": accuracies,
            "mean": mean, "std": std, "seconds": statistics.mean(seconds)}
    print(f"{args.name}: {mean:.2f} ± {std:.2f} %  ({statistics.mean(seconds):.0f} s/run)  [{' '.join(extra)}]",
          flush=True)
    if args.log:
        with open(args.log, "a") as out:
            out.write(json.dumps(line) + "\n")

if __name__ == "__main__":
    main()
