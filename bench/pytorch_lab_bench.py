#!/usr/bin/python3
"""PyTorch training throughput of the "lab network", the reference figure for MLP Studio.

Network: 784-128-256-128-64-10, ReLU hidden layers, linear output with
CrossEntropyLoss (softmax cross-entropy), float32, mini-batch 128,
SGD lr 0.01 momentum 0.9.

Data: 60,000 x 784 random "uint8-like" pixels (random bytes / 255, so floats in
[0, 1]) with random labels 0..9, generated with a fixed torch seed, converted to
one float32 tensor and shuffled once before timing; a batch is a slice of that
tensor, so no data loading, copying or shuffling is measured.

Measured: training samples per second (forward + backward + optimizer step)
after a warm-up of --warmup batches, over at least --seconds seconds, for each
thread count in --threads (torch.set_num_threads).

Threads: torch.set_num_threads(N) sets ATen's OpenMP threads (element-wise work,
reductions), but Debian's python3-torch does its float32 matrix products with the
system BLAS (OpenBLAS via libblas.so.3), whose thread count torch never changes.
So for a thread count N the script sets OpenBLAS's threads itself
(openblas_set_num_threads, via ctypes) and, with --blas-threads best (default),
tries (torch N, OpenBLAS 1), (torch N, OpenBLAS N) and (torch 1, OpenBLAS N) and
reports the fastest: the best PyTorch does on N cores. Running OpenMP and
OpenBLAS thread pools side by side oversubscribes the cores, which is why
OPENBLAS_NUM_THREADS=1 is recommended in the environment; the script works with
or without it. The environment is reported on stderr and never changed
(OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are reported and left alone).

Usage:
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_lab_bench.py [--seconds 3]
      [--threads 1,2] [--warmup 20] [--blas-threads best|one|match|env] [--json]

Output (stdout), one line per thread count, then the best:
  pytorch threads=1 samples_per_second=41234
  pytorch threads=2 samples_per_second=70000
  pytorch best samples_per_second=70000 threads=2
With --json, a JSON object with those figures is the last stdout line.
"""

import argparse
import ctypes
import json
import os
import platform
import sys
import time

import torch

LAYERS = [784, 128, 256, 128, 64, 10]
SAMPLES = 60000
BATCH = 128
SEED = 1234


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def loaded_libraries(words):
    found = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                if len(fields) >= 6:
                    path = fields[-1]
                    name = os.path.basename(path).lower()
                    if any(w in name for w in words) and path not in found:
                        found.append(path)
    except OSError:
        pass
    return found


class OpenBlas:
    """Access to the process's OpenBLAS (if torch's BLAS is OpenBLAS), via ctypes."""

    def __init__(self):
        self.lib = None
        self.path = None
        for path in loaded_libraries(["openblas"]):
            try:
                lib = ctypes.CDLL(path)
                lib.openblas_get_num_threads.restype = ctypes.c_int
                lib.openblas_set_num_threads.argtypes = [ctypes.c_int]
                self.lib, self.path = lib, path
                break
            except (OSError, AttributeError):
                continue

    def _text(self, name):
        try:
            fn = getattr(self.lib, name)
            fn.restype = ctypes.c_char_p
            return fn().decode(errors="replace")
        except (AttributeError, OSError):
            return "?"

    def config(self):
        return self._text("openblas_get_config")

    def corename(self):
        return self._text("openblas_get_corename")

    def threads(self):
        return self.lib.openblas_get_num_threads() if self.lib else None

    def set_threads(self, n):
        if self.lib:
            self.lib.openblas_set_num_threads(int(n))


def report_environment(blas):
    log("torch %s, Python %s, %s" % (torch.__version__, platform.python_version(), platform.machine()))
    config = torch.__config__.show()
    for line in config.splitlines():
        line = line.strip()
        if "BLAS_INFO" in line:
            for item in line.split(","):
                item = item.strip()
                if item.startswith(("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP")):
                    log("torch build: " + item)
        elif "CPU capability" in line or "MKL" in line or "OpenMP" in line:
            log("torch build: " + line.lstrip("- "))
    log("torch.backends.mkl.is_available(): %s" % torch.backends.mkl.is_available())
    log("torch.backends.mkldnn.is_available(): %s" % torch.backends.mkldnn.is_available())
    blas_libs = loaded_libraries(["blas", "lapack", "mkl"])
    log("BLAS libraries loaded: " + (", ".join(blas_libs) if blas_libs else "none found"))
    if blas.lib:
        log("OpenBLAS: %s; core %s; threads now %s" % (blas.config(), blas.corename(), blas.threads()))
    for name in ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_VERBOSE",
                 "OMP_NUM_THREADS", "MKL_NUM_THREADS", "GOTO_NUM_THREADS"):
        log("env %s=%s" % (name, os.environ.get(name, "(not set)")))
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    log("cpus usable: %s; torch default threads: %d" % (affinity, torch.get_num_threads()))
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    log("cpu: " + line.split(":", 1)[1].strip())
                    break
    except OSError:
        pass


def make_data():
    gen = torch.Generator().manual_seed(SEED)
    pixels = torch.randint(0, 256, (SAMPLES, LAYERS[0]), dtype=torch.uint8, generator=gen)
    x = pixels.to(torch.float32).div_(255.0)
    y = torch.randint(0, LAYERS[-1], (SAMPLES,), dtype=torch.int64, generator=gen)
    order = torch.randperm(SAMPLES, generator=gen)
    return x[order].contiguous(), y[order].contiguous()


def make_model():
    torch.manual_seed(SEED)
    modules = []
    for i in range(len(LAYERS) - 1):
        modules.append(torch.nn.Linear(LAYERS[i], LAYERS[i + 1]))
        if i < len(LAYERS) - 2:
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules)


def measure(x, y, threads, seconds, warmup):
    torch.set_num_threads(threads)
    model = make_model()
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    batches = SAMPLES // BATCH  # full batches only; wraps around
    position = 0

    def step():
        nonlocal position
        start = position * BATCH
        xb = x[start:start + BATCH]
        yb = y[start:start + BATCH]
        position = (position + 1) % batches
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(warmup):
        step()
    done = 0
    begin = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        # Time in chunks of 10 batches so the clock is read rarely.
        for _ in range(10):
            loss = step()
        done += 10
        elapsed = time.perf_counter() - begin
    final_loss = float(loss.detach())
    if final_loss != final_loss:
        raise RuntimeError("loss became NaN")
    return done * BATCH / elapsed, done, elapsed, final_loss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="timed training per thread count (default 3)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed batches first (default 20)")
    parser.add_argument("--blas-threads", default="best", choices=["best", "one", "match", "env"],
                        help="OpenBLAS threads for thread count N: best = try (torch N, OpenBLAS 1), "
                             "(torch N, OpenBLAS N) and (torch 1, OpenBLAS N), report the fastest (default); "
                             "one = OpenBLAS 1; match = OpenBLAS N; env = as the environment set it")
    parser.add_argument("--json", action="store_true", help="print a JSON object as the last stdout line")
    args = parser.parse_args()
    try:
        thread_counts = [int(t) for t in args.threads.split(",") if t.strip()]
    except ValueError:
        parser.error("--threads needs a comma-separated list of positive integers, like 1,2")
    if not thread_counts or min(thread_counts) < 1:
        parser.error("--threads needs a comma-separated list of positive integers, like 1,2")
    if args.seconds <= 0 or args.warmup < 0:
        parser.error("--seconds must be > 0 and --warmup >= 0")

    # Touch BLAS once so that the library is loaded and can be found in /proc/self/maps.
    torch.ones(4, 4) @ torch.ones(4, 4)
    blas = OpenBlas()
    report_environment(blas)
    macs = sum(LAYERS[i] * LAYERS[i + 1] for i in range(len(LAYERS) - 1))
    log("network %s, %d weights; batch %d; SGD lr 0.01 momentum 0.9; %d random samples"
        % ("-".join(map(str, LAYERS)), macs, BATCH, SAMPLES))

    x, y = make_data()
    results = []
    for threads in thread_counts:
        if blas.lib is None or args.blas_threads == "env":
            configs = [(threads, None)]
        elif args.blas_threads == "match":
            configs = [(threads, threads)]
        elif args.blas_threads == "one":
            configs = [(threads, 1)]
        else:  # best
            configs = [(threads, 1)]
            if threads > 1:
                configs += [(threads, threads), (1, threads)]
        tried = []
        for torch_threads, blas_threads in configs:
            if blas_threads is not None:
                blas.set_threads(blas_threads)
            rate, batches, elapsed, loss = measure(x, y, torch_threads, args.seconds, args.warmup)
            blas_now = blas.threads()
            # forward 2*macs, backward 4*macs flops per sample (the first layer's input gradient included)
            gflops = rate * 6.0 * macs / 1e9
            log("threads=%d (torch %d, OpenBLAS %s): %d batches in %.2f s, last loss %.4f, %.0f samples/s, "
                "~%.1f GFLOP/s" % (threads, torch_threads, blas_now, batches, elapsed, loss, rate, gflops))
            tried.append({"torch_threads": torch_threads, "blas_threads": blas_now,
                          "samples_per_second": round(rate, 1), "batches": batches, "seconds": round(elapsed, 3)})
        chosen = max(tried, key=lambda r: r["samples_per_second"])
        if len(tried) > 1:
            log("threads=%d: best is torch %d, OpenBLAS %s threads"
                % (threads, chosen["torch_threads"], chosen["blas_threads"]))
        print("pytorch threads=%d samples_per_second=%.0f" % (threads, chosen["samples_per_second"]), flush=True)
        results.append(dict(threads=threads, **chosen, tried=tried))
    best = max(results, key=lambda r: r["samples_per_second"])
    print("pytorch best samples_per_second=%.0f threads=%d" % (best["samples_per_second"], best["threads"]),
          flush=True)
    if args.json:
        summary = {
            "framework": "pytorch",
            "torch_version": torch.__version__,
            "network": "-".join(map(str, LAYERS)),
            "batch": BATCH,
            "blas_threads_mode": args.blas_threads,
            "blas_library": blas.path,
            "openblas_core": blas.corename() if blas.lib else None,
            "results": results,
            "samples_per_second": {str(r["threads"]): r["samples_per_second"] for r in results},
            "best_samples_per_second": best["samples_per_second"],
            "best_threads": best["threads"],
        }
        print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
