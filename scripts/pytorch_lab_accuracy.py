#!/usr/bin/python3
"""Reference accuracy run in PyTorch, to compare with `mlp-studio-cli train`.

Reads MNIST-style IDX files (gzip or raw), scales pixels to [0, 1], splits off a
stratified, seeded test set (--test-split, unless --test gives one) and a
validation set (--val), builds a dense network and trains it with the same
definitions as the studio's CLI (whose option names and JSON keys it mirrors):

  --layers 128,256,128,64   hidden Dense widths; "" = logistic regression
  --activation relu         after each hidden Dense (relu, sigmoid, tanh, leaky_relu (slope 0.01), elu, linear)
  --dropout R               Dropout(R) after each hidden layer's activation
  --l2 L                    Keras' kernel_regularizer=l2(L) on every Dense layer (output too):
                            L * sum(W^2) over the kernels, not the biases, added to the loss
  --init he|glorot          He uniform / Glorot uniform kernels (also he_normal, glorot_normal:
                            Keras' truncated normals), zero biases
  --optimizer sgd|momentum|nesterov|adam|rmsprop, --lr, --momentum, --beta1, --beta2, --rho, --epsilon
       sgd:       w -= lr g
       momentum:  v = m v - lr g; w += v              (Keras SGD(momentum=m))
       nesterov:  v = m v - lr g; w += m v - lr g     (Keras SGD(momentum=m, nesterov=True))
       adam:      as torch.optim.Adam's documentation (bias-corrected m and v, eps outside the sqrt)
       rmsprop:   v = rho v + (1 - rho) g^2; w -= lr g / (sqrt(v) + eps)
  --decay D                 legacy Keras inverse-time decay: lr / (1 + D * iterations), with
                            iterations = batches done before the current one
  --epochs, --batch, --seed, --threads

The optimizers are written out here (not torch.optim) so that a decaying lr
enters the momentum velocity as in Keras and the studio.

Per epoch it prints train loss/accuracy (running means over the epoch's batches,
as Keras does, L2 term included) and validation loss/accuracy (L2 term included,
like Keras' val_loss) to stderr; then the test accuracy, weighted and macro F1
(scikit-learn's definitions, zero_division=0), test log-loss (mean -log p of the
true class, p clipped to [1e-15, 1]) and the training time (the whole fit,
per-epoch validation included, like the studio's train_seconds).

  --json        a JSON object on the last stdout line: test_accuracy, test_f1_weighted,
                test_f1_macro, test_log_loss, train_seconds, history, and more
  --repeat K    K runs with seeds seed, seed+1, ...; reports mean +- std (sample std, n-1)
                of the test accuracy (the JSON keys then hold the means, "runs" each run)

Data options (as the CLI): --data IMAGES [--labels LABELS] [--test IMAGES [--test-labels LABELS]];
labels default to the MNIST naming beside the images (...images-idx3-ubyte -> ...labels-idx1-ubyte).
--test-split N / --val N: a count, or a fraction below 1. The split seed is the run's seed unless
--split-seed is given (then every repeat uses the same split).

Examples:
  /usr/bin/python3 scripts/pytorch_lab_accuracy.py \\
      --data /work/shared/data/notmnist/notmnist-train-clean-images-idx3-ubyte.gz \\
      --layers 128,256,128,64 --optimizer momentum --lr 0.1 --momentum 0.9 --decay 0.005 \\
      --epochs 20 --val 1000 --test-split 1000 --threads 1 --repeat 3
  /usr/bin/python3 scripts/pytorch_lab_accuracy.py \\
      --data /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz \\
      --test /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz \\
      --optimizer momentum --lr 0.01 --momentum 0.9 --epochs 10 --val 5000 --threads 1
"""

import argparse
import ctypes
import gzip
import json
import math
import os
import re
import sys
import time

import numpy as np
import torch

DEFAULT_DATA = "/work/shared/data/notmnist/notmnist-train-clean-images-idx3-ubyte.gz"


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- data

def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError("%s: not an IDX file (bad magic)" % path)
    type_code, ndim = raw[2], raw[3]
    if type_code != 0x08:
        raise ValueError("%s: only unsigned byte IDX data (type 0x08) is supported, got 0x%02x" % (path, type_code))
    header = 4 + 4 * ndim
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    count = int(np.prod(dims)) if dims else 0
    if len(raw) - header < count:
        raise ValueError("%s: truncated: header says %s, %d bytes of data" % (path, dims, len(raw) - header))
    return np.frombuffer(raw, dtype=np.uint8, count=count, offset=header).reshape(dims)


def labels_beside(images_path):
    directory, name = os.path.split(images_path)
    candidates = []
    for pattern, replacement in (("images-idx3-ubyte", "labels-idx1-ubyte"), ("images.idx3-ubyte", "labels.idx1-ubyte"),
                                 ("idx3-ubyte", "idx1-ubyte"), ("images", "labels")):
        if pattern in name:
            candidates.append(os.path.join(directory, name.replace(pattern, replacement)))
    for candidate in candidates:
        if os.path.exists(candidate) and candidate != images_path:
            return candidate
    raise SystemExit("no labels found beside %s (tried %s); give them with --labels / --test-labels"
                     % (images_path, ", ".join(candidates) or "nothing"))


def load_set(images_path, labels_path):
    images = read_idx(images_path)
    labels = read_idx(labels_path or labels_beside(images_path))
    if images.ndim < 2 or labels.ndim != 1 or images.shape[0] != labels.shape[0]:
        raise SystemExit("%s / %s: %s images but %s labels" % (images_path, labels_path, images.shape, labels.shape))
    x = images.reshape(images.shape[0], -1).astype(np.float32) / np.float32(255.0)
    return x, labels.astype(np.int64)


def resolve_amount(value, total):
    if 0.0 < value < 1.0:
        return int(round(value * total))
    return int(value)


def quotas(counts, amount):
    """Split `amount` over classes in proportion to `counts`, largest remainders, exact total."""
    total = counts.sum()
    if amount == 0 or total == 0:
        return np.zeros_like(counts)
    exact = counts * (amount / total)
    share = np.floor(exact).astype(np.int64)
    remainder = exact - share
    order = np.lexsort((np.arange(len(counts)), -remainder))  # largest remainder first, ties by class
    for c in order[: amount - share.sum()]:
        share[c] += 1
    return np.minimum(share, counts)


def stratified_split(labels, classes, validation, test, seed):
    """Indices (train, validation, test); each class in proportion, seeded, each part shuffled."""
    if validation + test > len(labels):
        raise SystemExit("--val %d and --test-split %d exceed the %d samples" % (validation, test, len(labels)))
    rng = np.random.default_rng(seed)
    per_class = [rng.permutation(np.flatnonzero(labels == c)) for c in range(classes)]
    counts = np.array([len(p) for p in per_class], dtype=np.int64)
    test_quota = quotas(counts, test)
    val_quota = quotas(counts - test_quota, validation)
    parts = {"train": [], "val": [], "test": []}
    for c, idx in enumerate(per_class):
        t, v = test_quota[c], val_quota[c]
        parts["test"].append(idx[:t])
        parts["val"].append(idx[t:t + v])
        parts["train"].append(idx[t + v:])
    return tuple(rng.permutation(np.concatenate(parts[k])) for k in ("train", "val", "test"))


# ----------------------------------------------------------------------------- model

ACTIVATIONS = {
    "relu": torch.nn.ReLU,
    "sigmoid": torch.nn.Sigmoid,
    "tanh": torch.nn.Tanh,
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "elu": lambda: torch.nn.ELU(1.0),
    "linear": torch.nn.Identity,
}


def initialise(linear, init):
    fan_in, fan_out = linear.in_features, linear.out_features
    variance = 2.0 / fan_in if init.startswith("he") else 2.0 / (fan_in + fan_out)
    with torch.no_grad():
        if init in ("he", "glorot"):
            limit = math.sqrt(3.0 * variance)
            linear.weight.uniform_(-limit, limit)
        else:  # Keras' truncated normal: cut at 2 stddev, stddev scaled so the variance is kept
            std = math.sqrt(variance) / 0.87962566103423978
            torch.nn.init.trunc_normal_(linear.weight, 0.0, std, -2.0 * std, 2.0 * std)
        linear.bias.zero_()


def build_model(inputs, hidden, classes, activation, dropout, init):
    modules, kernels = [], []
    width = inputs
    for units in hidden:
        dense = torch.nn.Linear(width, units)
        initialise(dense, init)
        modules += [dense, ACTIVATIONS[activation]()]
        if dropout > 0:
            modules.append(torch.nn.Dropout(dropout))
        kernels.append(dense.weight)
        width = units
    output = torch.nn.Linear(width, classes)
    initialise(output, init)
    modules.append(output)
    kernels.append(output.weight)
    return torch.nn.Sequential(*modules), kernels


class Optimizer:
    """Keras-style update rules (see the module docstring); lr is given per step."""

    def __init__(self, params, args):
        self.params = list(params)
        self.kind = args.optimizer
        self.momentum, self.beta1, self.beta2 = args.momentum, args.beta1, args.beta2
        self.rho, self.eps = args.rho, args.epsilon
        self.t = 0
        self.state = [[torch.zeros_like(p) for _ in range(2)] for p in self.params]

    @torch.no_grad()
    def step(self, lr):
        self.t += 1
        for p, (s1, s2) in zip(self.params, self.state):
            g = p.grad
            if self.kind == "sgd":
                p.add_(g, alpha=-lr)
            elif self.kind == "momentum":
                s1.mul_(self.momentum).add_(g, alpha=-lr)
                p.add_(s1)
            elif self.kind == "nesterov":
                s1.mul_(self.momentum).add_(g, alpha=-lr)
                p.add_(s1, alpha=self.momentum).add_(g, alpha=-lr)
            elif self.kind == "adam":
                s1.mul_(self.beta1).add_(g, alpha=1.0 - self.beta1)
                s2.mul_(self.beta2).addcmul_(g, g, value=1.0 - self.beta2)
                c1 = 1.0 - self.beta1 ** self.t
                c2 = 1.0 - self.beta2 ** self.t
                denom = (s2.sqrt() / math.sqrt(c2)).add_(self.eps)
                p.addcdiv_(s1, denom, value=-lr / c1)
            elif self.kind == "rmsprop":
                s2.mul_(self.rho).addcmul_(g, g, value=1.0 - self.rho)
                p.addcdiv_(g, s2.sqrt().add_(self.eps), value=-lr)


# ----------------------------------------------------------------------------- metrics

def scores(y_true, y_pred, classes):
    """Accuracy, weighted and macro F1 and per-class figures, sklearn's definitions (zero_division=0)."""
    confusion = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(confusion, (y_true, y_pred), 1)
    tp = np.diag(confusion).astype(np.float64)
    predicted = confusion.sum(axis=0).astype(np.float64)
    support = confusion.sum(axis=1).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(support > 0, tp / support, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    # sklearn averages over the labels present in y_true or y_pred
    present = (support > 0) | (predicted > 0)
    macro = float(f1[present].mean()) if present.any() else 0.0
    weighted = float((f1 * support).sum() / support.sum()) if support.sum() > 0 else 0.0
    accuracy = float(tp.sum() / max(1, len(y_true)))
    per_class = [{"class": c, "precision": float(precision[c]), "recall": float(recall[c]), "f1": float(f1[c]),
                  "support": int(support[c])} for c in range(classes)]
    return accuracy, weighted, macro, confusion, per_class


@torch.no_grad()
def predict(model, x, chunk=8192):
    model.eval()
    out = [torch.softmax(model(x[i:i + chunk]).double(), dim=1) for i in range(0, len(x), chunk)]
    model.train()
    return torch.cat(out).numpy() if out else np.zeros((0, 0))


def log_loss(probabilities, y):
    p = probabilities[np.arange(len(y)), y]
    return float(-np.log(np.clip(p, 1e-15, 1.0)).mean()) if len(y) else float("nan")


def l2_penalty(kernels, l2):
    if l2 == 0:
        return None
    return l2 * sum((w * w).sum() for w in kernels)


# ----------------------------------------------------------------------------- threads

def set_threads(threads, blas_threads):
    torch.set_num_threads(threads)
    torch.ones(2, 2) @ torch.ones(2, 2)  # make sure BLAS is loaded
    info = "torch threads %d" % torch.get_num_threads()
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.split()[-1].lower()}
        for path in sorted(paths):
            lib = ctypes.CDLL(path)
            if hasattr(lib, "openblas_set_num_threads"):
                lib.openblas_set_num_threads(int(blas_threads))
                lib.openblas_get_corename.restype = ctypes.c_char_p
                info += ", OpenBLAS %s threads %d (core %s)" % (
                    os.path.basename(path), lib.openblas_get_num_threads(), lib.openblas_get_corename().decode())
                break
    except OSError:
        pass
    env = ", ".join("%s=%s" % (k, os.environ[k]) for k in
                    ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS")
                    if k in os.environ)
    return info + ("; env " + env if env else "")


# ----------------------------------------------------------------------------- one run

def run(args, data, seed, quiet):
    x_all, y_all, x_test_given, y_test_given, classes = data
    split_seed = seed if args.split_seed is None else args.split_seed
    if x_test_given is None:
        n_test = resolve_amount(args.test_split, len(y_all))
        n_val = resolve_amount(args.val, len(y_all) - n_test)
        train_idx, val_idx, test_idx = stratified_split(y_all, classes, n_val, n_test, split_seed)
        x_test, y_test = x_all[test_idx], y_all[test_idx]
    else:
        n_val = resolve_amount(args.val, len(y_all))
        train_idx, val_idx, _ = stratified_split(y_all, classes, n_val, 0, split_seed)
        x_test, y_test = x_test_given, y_test_given
    x_train = torch.from_numpy(np.ascontiguousarray(x_all[train_idx]))
    y_train = torch.from_numpy(y_all[train_idx])
    x_val = torch.from_numpy(np.ascontiguousarray(x_all[val_idx]))
    y_val = y_all[val_idx]
    x_test_t = torch.from_numpy(np.ascontiguousarray(x_test))
    if len(y_train) == 0:
        raise SystemExit("no training samples left after the splits")
    if len(y_test) == 0:
        raise SystemExit("no test samples: give --test-split N > 0 or --test IMAGES")

    torch.manual_seed(seed)
    model, kernels = build_model(x_all.shape[1], args.hidden, classes, args.activation, args.dropout, args.init)
    optimizer = Optimizer(model.parameters(), args)
    loss_fn = torch.nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(seed)
    n = len(y_train)
    parameters = sum(p.numel() for p in model.parameters())
    if not quiet:
        log("seed %d: split %d train, %d validation, %d test (%s, split seed %d); %d parameters"
            % (seed, n, len(y_val), len(y_test), "stratified" if x_test_given is None else "test given",
               split_seed, parameters))

    history = []
    iterations = 0
    eval_seconds = 0.0
    status = "finished"
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        order = torch.randperm(n, generator=shuffle)
        loss_sum, correct = 0.0, 0
        lr = args.lr
        for begin in range(0, n, args.batch):
            idx = order[begin:begin + args.batch]
            xb, yb = x_train[idx], y_train[idx]
            lr = args.lr / (1.0 + args.decay * iterations)
            for p in model.parameters():
                p.grad = None
            logits = model(xb)
            loss = loss_fn(logits, yb)
            penalty = l2_penalty(kernels, args.l2)
            if penalty is not None:
                loss = loss + penalty
            loss.backward()
            optimizer.step(lr)
            iterations += 1
            loss_sum += float(loss.detach()) * len(idx)
            correct += int((logits.detach().argmax(dim=1) == yb).sum())
        train_loss = loss_sum / n
        record = {"epoch": epoch, "train_loss": train_loss, "train_accuracy": correct / n,
                  "val_loss": None, "val_accuracy": None, "lr": lr}
        eval_start = time.perf_counter()
        if len(y_val):
            probabilities = predict(model, x_val)
            with torch.no_grad():
                penalty = l2_penalty(kernels, args.l2)
            record["val_loss"] = log_loss(probabilities, y_val) + (float(penalty) if penalty is not None else 0.0)
            record["val_accuracy"] = float((probabilities.argmax(axis=1) == y_val).mean())
        eval_seconds += time.perf_counter() - eval_start
        record["seconds"] = time.perf_counter() - epoch_start
        history.append(record)
        if not quiet:
            line = "epoch %2d/%d  loss %.4f  acc %.4f" % (epoch, args.epochs, train_loss, record["train_accuracy"])
            if record["val_loss"] is not None:
                line += "  val_loss %.4f  val_acc %.4f" % (record["val_loss"], record["val_accuracy"])
            log(line + "  lr %.5g  %.2fs" % (lr, record["seconds"]))
        if not math.isfinite(train_loss):
            status = "diverged"
            log("Diverged: the loss became %s at epoch %d" % (train_loss, epoch))
            break
    train_seconds = time.perf_counter() - start
    samples_per_second = n * len(history) / max(1e-9, train_seconds - eval_seconds)

    probabilities = predict(model, x_test_t)
    predicted = probabilities.argmax(axis=1)
    accuracy, weighted, macro, confusion, per_class = scores(y_test, predicted, classes)
    return {
        "status": status,
        "seed": seed,
        "split_seed": split_seed,
        "test_accuracy": accuracy,
        "test_f1_weighted": weighted,
        "test_f1_macro": macro,
        "test_log_loss": log_loss(probabilities, y_test),
        "train_seconds": train_seconds,
        "samples_per_second": samples_per_second,
        "epochs_done": len(history),
        "parameters": parameters,
        "train_samples": int(n),
        "val_samples": int(len(y_val)),
        "test_samples": int(len(y_test)),
        "confusion_matrix": confusion.tolist(),
        "per_class": per_class,
        "history": history,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--data", default=DEFAULT_DATA, help="training images, IDX (.gz or raw)")
    parser.add_argument("--labels", help="their labels (default: found beside the images by MNIST naming)")
    parser.add_argument("--test", help="a separate test set's images (default: split off --data)")
    parser.add_argument("--test-labels", help="its labels (default: found beside by MNIST naming)")
    parser.add_argument("--test-split", type=float, default=None,
                        help="test samples split off --data without --test: a count or a fraction < 1 (default 0.1)")
    parser.add_argument("--val", type=float, default=0, help="validation samples split off (count or fraction)")
    parser.add_argument("--split-seed", type=int, default=None, help="seed of the splits (default: the run's seed)")
    parser.add_argument("--layers", default="128,256,128,64", help='hidden widths; "" = logistic regression')
    parser.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--l2", type=float, default=0.0)
    parser.add_argument("--init", default="he", choices=["he", "glorot", "he_normal", "glorot_normal"])
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "momentum", "nesterov", "adam", "rmsprop"])
    parser.add_argument("--lr", type=float, default=None, help="default 0.01; 0.001 for adam and rmsprop")
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--beta1", type=float, default=0.9)
    parser.add_argument("--beta2", type=float, default=0.999)
    parser.add_argument("--rho", type=float, default=0.9)
    parser.add_argument("--epsilon", type=float, default=1e-7)
    parser.add_argument("--decay", type=float, default=0.0, help="legacy Keras inverse-time decay per batch")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs with seeds seed, seed+1, ...")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="OpenBLAS threads (default: 1; OpenMP and OpenBLAS pools side by side oversubscribe)")
    parser.add_argument("--json", action="store_true", help="print a JSON object as the last stdout line")
    parser.add_argument("--quiet", action="store_true", help="no per-epoch lines on stderr")
    args = parser.parse_args()

    if args.lr is None:
        args.lr = 0.001 if args.optimizer in ("adam", "rmsprop") else 0.01
    text = args.layers.strip()
    try:
        args.hidden = [] if text in ("", "none") else [int(w) for w in text.split(",")]
    except ValueError:
        parser.error("--layers needs comma-separated widths like 128,256,128,64; got %r" % args.layers)
    if any(w <= 0 for w in args.hidden):
        parser.error("--layers widths must be positive")
    if not 0 <= args.dropout < 1 or args.l2 < 0 or args.decay < 0:
        parser.error("need 0 <= --dropout < 1, --l2 >= 0, --decay >= 0")
    if args.epochs < 1 or args.batch < 1 or args.repeat < 1 or args.threads < 1:
        parser.error("--epochs, --batch, --repeat and --threads must be >= 1")
    if args.test and args.test_split is not None:
        parser.error("--test-split and --test exclude each other")
    if args.test_labels and not args.test:
        parser.error("--test-labels needs --test")
    if args.test_split is None:
        args.test_split = 0.1
    for name in ("test_split", "val"):
        value = getattr(args, name)
        if value < 0 or (value >= 1 and value != int(value)):
            parser.error("--%s needs a count or a fraction below 1" % name.replace("_", "-"))

    thread_info = set_threads(args.threads, args.blas_threads if args.blas_threads else 1)
    x_all, y_all = load_set(args.data, args.labels)
    x_test = y_test = None
    if args.test:
        x_test, y_test = load_set(args.test, args.test_labels)
        if x_test.shape[1] != x_all.shape[1]:
            raise SystemExit("the test images have %d pixels, the training images %d" % (x_test.shape[1], x_all.shape[1]))
    classes = int(max(y_all.max(), y_test.max() if y_test is not None else 0)) + 1
    log("data: %s (%d images, %d pixels, %d classes)%s" % (args.data, len(y_all), x_all.shape[1], classes,
                                                           "; test: %s (%d)" % (args.test, len(y_test)) if args.test else ""))
    log("network: %s -> %s -> %d, %s, dropout %g, l2 %g, init %s; %s lr %g%s, decay %g, batch %d, %d epochs; %s"
        % (x_all.shape[1], ",".join(map(str, args.hidden)) or "(none)", classes, args.activation, args.dropout,
           args.l2, args.init, args.optimizer, args.lr,
           " momentum %g" % args.momentum if args.optimizer in ("momentum", "nesterov") else "",
           args.decay, args.batch, args.epochs, thread_info))
    log("torch %s, numpy %s" % (torch.__version__, np.__version__))

    data = (x_all, y_all, x_test, y_test, classes)
    runs = []
    for k in range(args.repeat):
        result = run(args, data, args.seed + k, args.quiet)
        runs.append(result)
        log("seed %d: test accuracy %.2f%%  weighted F1 %.4f  macro F1 %.4f  log-loss %.4f  train %.1f s (%.0f samples/s)"
            % (result["seed"], 100 * result["test_accuracy"], result["test_f1_weighted"], result["test_f1_macro"],
               result["test_log_loss"], result["train_seconds"], result["samples_per_second"]))

    keys = ("test_accuracy", "test_f1_weighted", "test_f1_macro", "test_log_loss", "train_seconds", "samples_per_second")
    summary = {}
    for key in keys:
        values = np.array([r[key] for r in runs], dtype=np.float64)
        summary[key] = float(values.mean())
        summary[key + "_std"] = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    if args.repeat == 1:
        print("test accuracy %.2f%%  weighted F1 %.4f  macro F1 %.4f  log-loss %.4f"
              % (100 * summary["test_accuracy"], summary["test_f1_weighted"], summary["test_f1_macro"],
                 summary["test_log_loss"]))
        print("trained %d epochs in %.1f s, %.0f samples/s" % (runs[0]["epochs_done"], summary["train_seconds"],
                                                               summary["samples_per_second"]))
    else:
        print("%d seeds (%d..%d): test accuracy %.2f%% +- %.2f  weighted F1 %.4f +- %.4f  macro F1 %.4f +- %.4f  "
              "log-loss %.4f +- %.4f" % (args.repeat, args.seed, args.seed + args.repeat - 1,
                                         100 * summary["test_accuracy"], 100 * summary["test_accuracy_std"],
                                         summary["test_f1_weighted"], summary["test_f1_weighted_std"],
                                         summary["test_f1_macro"], summary["test_f1_macro_std"],
                                         summary["test_log_loss"], summary["test_log_loss_std"]))
        print("train seconds %.1f +- %.1f per run, %.0f samples/s"
              % (summary["train_seconds"], summary["train_seconds_std"], summary["samples_per_second"]))
    sys.stdout.flush()
    if args.json:
        report = {"framework": "pytorch", "torch_version": torch.__version__, **summary,
                  "history": runs[0]["history"], "status": runs[0]["status"] if len(runs) == 1 else
                  ("finished" if all(r["status"] == "finished" for r in runs) else "diverged"),
                  "seeds": [r["seed"] for r in runs], "repeat": args.repeat, "threads": args.threads,
                  "train_samples": runs[0]["train_samples"], "val_samples": runs[0]["val_samples"],
                  "test_samples": runs[0]["test_samples"], "parameters": runs[0]["parameters"],
                  "options": {k: v for k, v in vars(args).items() if k not in ("json", "quiet")}}
        if args.repeat == 1:
            report["confusion_matrix"] = runs[0]["confusion_matrix"]
            report["per_class"] = runs[0]["per_class"]
        else:
            report["runs"] = runs
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
