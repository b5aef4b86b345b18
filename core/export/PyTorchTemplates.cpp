#include "export/PyTorchTemplates.h"

namespace mlps {

const char* PyTorchTemplates::model()
{
    return R"PY("""{{NAME}}: the network exported from MLP Studio, as a PyTorch module.

Inputs are {{WIDTH}}x{{HEIGHT}} images flattened row by row and scaled to [0, 1]
(uint8 value / 255). The module returns logits; softmax(logits) are the class
probabilities. Weights are read from an .npz written by MLP Studio (or by
save_npz below): "<layer>/kernel" [inputs, units] and "<layer>/bias" [units]
for each Dense layer, so that y = x @ kernel + bias.

    python3 model.py    # prints the network, loaded from weights.npz
"""
import os
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
CLASS_NAMES = {{CLASS_NAMES}}
# Keras-style L2 factor of each Dense layer: l2 * sum(W ** 2) is added to the loss.
L2 = {{L2}}


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(OrderedDict([
{{LAYERS}}        ]))

    def forward(self, x):
        """Logits [N, classes] of images x [N, features] scaled to [0, 1]."""
        return self.layers(x)

    def dense_layers(self):
        """The Dense (nn.Linear) layers by their names in the .npz."""
        return {name: layer for name, layer in self.layers.named_children() if isinstance(layer, nn.Linear)}

    def l2_penalty(self):
        """sum over Dense layers of l2 * sum(W ** 2), the term Keras' kernel_regularizer adds."""
        output = self.layers.output.weight
        terms = [L2[name] * layer.weight.pow(2).sum() for name, layer in self.dense_layers().items() if L2[name]]
        return sum(terms, output.new_zeros(()))

    def load_npz(self, path):
        """Copies the weights of an MLP Studio .npz into the module; returns the module."""
        with np.load(path) as weights, torch.no_grad():
            for name, layer in self.dense_layers().items():
                kernel, bias = weights[f"{name}/kernel"], weights[f"{name}/bias"]
                if kernel.shape != (layer.in_features, layer.out_features):
                    raise ValueError(f"{path}: {name}/kernel has shape {kernel.shape}, "
                                     f"expected {(layer.in_features, layer.out_features)}")
                layer.weight.copy_(torch.from_numpy(kernel.T))
                layer.bias.copy_(torch.from_numpy(bias))
        return self

    def save_npz(self, path):
        """Writes the weights in the layout load_npz (and MLP Studio) reads, whole or not at all."""
        arrays = {}
        for name, layer in self.dense_layers().items():
            arrays[f"{name}/kernel"] = layer.weight.detach().cpu().numpy().T
            arrays[f"{name}/bias"] = layer.bias.detach().cpu().numpy()
        arrays["class_names"] = np.array(CLASS_NAMES)
        arrays["config"] = np.array((HERE / "config.json").read_text(encoding="utf-8"))
        part = f"{path}.part"
        with open(part, "wb") as file:
            np.savez_compressed(file, **arrays)
        os.replace(part, path)


def load_model(weights=HERE / "weights.npz"):
    """The network with the weights of an MLP Studio .npz."""
    return Network().load_npz(weights)


if __name__ == "__main__":
    model = load_model()
    print(model)
    print(f"{sum(p.numel() for p in model.parameters()):,} parameters, classes {CLASS_NAMES}")
)PY";
}

const char* PyTorchTemplates::train()
{
    return R"PY("""Trains the exported network on, on one machine or many.

    python3 train.py --data train-images-idx3-ubyte.gz --evaluate-only
    python3 train.py --data train.npz --validation test.npz --epochs 5
    torchrun --standalone --nproc_per_node=4 train.py --data train.npz
    torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d \
        --rdzv_endpoint=HOST:29400 train.py --data train.npz

It starts from weights.npz (or --weights) and trains as MLP Studio does, with
the settings of config.json: the same optimizer and hyper-parameters, the
learning-rate schedule (counted in mini-batches from 0), L2 added to the loss
as Keras does, dropout, and early stopping on the validation loss. Started by
torchrun (which sets WORLD_SIZE), it trains with DistributedDataParallel:
gloo on CPUs, NCCL on GPUs. Each global batch of --batch-size samples is split
between the processes, so the updates are those of one process.

Data: MNIST-style IDX files (raw or .gz; the labels file is found beside the
images by MNIST's naming, or given with --labels) or an .npz with the images
as "x" and the labels as "y" (as MLP Studio writes datasets), with the same
image size as the network's input.

With Debian 12's PyTorch 1.13 on Python 3.11, torchrun fails in to_map()
("'NoneType' object has no attribute 'get'") unless given
--redirects=1 --tee=1 (its default "0" is not parsed there).
"""
import argparse
import copy
import gzip
import json
import math
import os
import sys
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from model import CLASS_NAMES, Network

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------- data

def open_maybe_gzip(path):
    with open(path, "rb") as file:
        gzipped = file.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def read_idx(path):
    """An IDX array of unsigned bytes (MNIST's format)."""
    with open_maybe_gzip(path) as file:
        data = file.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path}: not an IDX file")
    if data[2] != 0x08:
        raise ValueError(f"{path}: IDX element type 0x{data[2]:02x} is not unsigned bytes")
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim))
    offset = 4 + 4 * ndim
    if len(data) - offset != math.prod(shape):
        raise ValueError(f"{path}: {len(data) - offset} bytes of data for shape {shape}")
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(shape)


def idx_labels_path(images_path):
    """The labels file beside an IDX images file, by MNIST's naming."""
    name = Path(images_path).name
    for images, labels in (("images-idx3-ubyte", "labels-idx1-ubyte"), ("images.idx3", "labels.idx1"),
                           ("images", "labels")):
        if images in name:
            candidate = Path(images_path).with_name(name.replace(images, labels))
            if candidate.exists():
                return candidate
    raise ValueError(f"{images_path}: no labels file found beside it; give it with --labels")


def read_npz(path):
    with np.load(path) as arrays:
        for x, y in (("x", "y"), ("images", "labels"), ("x_train", "y_train"), ("train_images", "train_labels")):
            if x in arrays and y in arrays:
                names = [str(n) for n in arrays["class_names"]] if "class_names" in arrays else None
                return arrays[x], arrays[y], names
    raise ValueError(f"{path}: no images and labels arrays (x and y) in it")


def read_dataset(path, labels_path=None):
    """Images as uint8 [N, features] and labels as int64 [N] in the model's class order."""
    with open(path, "rb") as file:
        is_zip = file.read(2) == b"PK"
    if is_zip:
        images, labels, names = read_npz(path)
    else:
        images, labels, names = read_idx(path), read_idx(labels_path or idx_labels_path(path)), None
    if images.dtype != np.uint8:
        raise ValueError(f"{path}: images of type {images.dtype}; expected uint8 pixels 0..255")
    images = images.reshape(len(images), -1)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if len(labels) != len(images):
        raise ValueError(f"{path}: {len(images)} images but {len(labels)} labels")
    if names is not None and names != CLASS_NAMES:
        missing = sorted(set(names) - set(CLASS_NAMES))
        if missing:
            raise ValueError(f"{path}: classes {missing} are not the model's {CLASS_NAMES}")
        labels = np.array([CLASS_NAMES.index(n) for n in names], dtype=np.int64)[labels]
    if labels.size and (labels.min() < 0 or labels.max() >= len(CLASS_NAMES)):
        raise ValueError(f"{path}: labels outside 0..{len(CLASS_NAMES) - 1}")
    return images, labels


def to_inputs(images):
    """uint8 pixels to float32 in [0, 1], exactly as MLP Studio scales them."""
    return torch.from_numpy(images.astype(np.float32) * np.float32(1.0 / 255.0))


# ---------------------------------------------------------------- schedule

def learning_rate_at(schedule, base, step, steps_per_epoch, total_steps, plateau_reductions=0):
    """The learning rate of mini-batch `step` (from 0), as MLP Studio's Schedule.h computes it."""
    kind = schedule["kind"]
    epoch = float(step // max(1, steps_per_epoch))
    if kind == "inverse-time":  # legacy Keras SGD(decay=...)
        return base / (1.0 + schedule["decay"] * step)
    if kind == "step":  # torch.optim.lr_scheduler.StepLR
        return base * schedule["gamma"] ** math.floor(epoch / schedule["stepSize"])
    if kind == "exponential":  # ExponentialLR
        return base * schedule["gamma"] ** epoch
    if kind == "cosine":  # linear warm-up, then a half cosine down to minFraction * base
        warmup = round(schedule["warmupEpochs"] * steps_per_epoch)
        if step < warmup:
            return base * (step + 1) / warmup
        span = max(1.0, total_steps - warmup)
        progress = min(max((step - warmup) / span, 0.0), 1.0)
        floor = schedule["minFraction"] * base
        return floor + 0.5 * (base - floor) * (1.0 + math.cos(math.pi * progress))
    if kind == "plateau":  # Keras ReduceLROnPlateau
        return base * schedule["gamma"] ** plateau_reductions
    return base  # constant


class PlateauTracker:
    """Counts the reductions of reduce-on-plateau from the monitored loss of each epoch."""

    def __init__(self, schedule):
        self.patience, self.min_delta = schedule["patience"], schedule["minDelta"]
        self.best, self.bad_epochs, self.reductions = None, 0, 0

    def observe(self, loss):
        if self.best is None or loss < self.best - self.min_delta:
            self.best, self.bad_epochs = loss, 0
        else:
            self.bad_epochs += 1
            if self.bad_epochs >= self.patience:
                self.reductions, self.bad_epochs = self.reductions + 1, 0


# ---------------------------------------------------------------- optimizer

class KerasMomentum(torch.optim.Optimizer):
    """Keras' SGD with momentum: v = mu * v - lr * g; w += v (Nesterov: w += mu * v - lr * g).

    The learning rate is inside the velocity, which differs from torch.optim.SGD
    when the rate changes during training.
    """

    def __init__(self, params, lr, momentum, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, nesterov=nesterov))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, mu = group["lr"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "velocity" not in state:
                    state["velocity"] = torch.zeros_like(p)
                v = state["velocity"]
                v.mul_(mu).add_(p.grad, alpha=-lr)
                if group["nesterov"]:
                    p.add_(v, alpha=mu).add_(p.grad, alpha=-lr)
                else:
                    p.add_(v)


def make_optimizer(parameters, spec):
    """The optimizer of config.json; Adam and RMSprop are PyTorch's, whose formulas MLP Studio's match."""
    kind, lr = spec["kind"], spec["learningRate"]
    if kind == "sgd":
        return torch.optim.SGD(parameters, lr=lr)
    if kind in ("momentum", "nesterov"):
        return KerasMomentum(parameters, lr, spec["momentum"], nesterov=kind == "nesterov")
    if kind == "adam":
        return torch.optim.Adam(parameters, lr=lr, betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=spec["rho"], eps=spec["epsilon"])
    raise ValueError(f"config.json: unknown optimizer {kind!r}")


# ---------------------------------------------------------------- processes

class Processes:
    """One process, or one of WORLD_SIZE started by torchrun (gloo on CPU, NCCL on CUDA)."""

    def __init__(self):
        self.distributed = "WORLD_SIZE" in os.environ
        if self.distributed:
            cuda = torch.cuda.is_available()
            dist.init_process_group("nccl" if cuda else "gloo")
            self.rank, self.world = dist.get_rank(), dist.get_world_size()
            local_rank = int(os.environ.get("LOCAL_RANK", 0))
            self.device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
            if cuda:
                torch.cuda.set_device(self.device)
        else:
            self.rank, self.world = 0, 1
            self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    def sum(self, *values):
        """The sums over all processes of a few numbers."""
        if not self.distributed:
            return values
        tensor = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(tensor)
        return tuple(tensor.tolist())

    def print(self, *args):
        if self.rank == 0:
            print(*args, flush=True)

    def close(self):
        if self.distributed:
            dist.destroy_process_group()


# ---------------------------------------------------------------- training

@torch.no_grad()
def evaluate(model, images, labels, processes, batch_size=1024):
    """Mean cross-entropy (without L2) and the number of correct predictions; each process takes a share."""
    model.eval()
    loss, correct = 0.0, 0
    mine = np.arange(processes.rank, len(images), processes.world)
    for begin in range(0, len(mine), batch_size):
        rows = mine[begin:begin + batch_size]
        x = to_inputs(images[rows]).to(processes.device)
        y = torch.from_numpy(labels[rows]).to(processes.device)
        logits = model(x)
        loss += F.cross_entropy(logits, y, reduction="sum").item()
        correct += (logits.argmax(dim=1) == y).sum().item()
    loss, correct = processes.sum(loss, correct)
    return loss / max(1, len(images)), int(correct)


def train_epoch(ddp_model, model, optimizer, images, labels, order, batch_size, next_learning_rate, processes):
    """One pass over `order` in batches; returns the sums of cross-entropy and of
    L2 (per sample), the correct predictions, and the last learning rate."""
    model.train()
    ce_sum, penalty_sum, correct, lr = 0.0, 0.0, 0, None
    for begin in range(0, len(order), batch_size):
        batch = order[begin:begin + batch_size]
        mine = batch[processes.rank::processes.world]
        lr = next_learning_rate()
        for group in optimizer.param_groups:
            group["lr"] = lr
        x = to_inputs(images[mine]).to(processes.device)
        y = torch.from_numpy(labels[mine]).to(processes.device)
        logits = ddp_model(x)
        ce = F.cross_entropy(logits, y, reduction="sum")
        penalty = model.l2_penalty()
        # DDP averages the gradients over the processes: scaling this share's
        # sum by world / len(batch) makes that the mean over the whole batch.
        loss = ce * (processes.world / len(batch)) + penalty
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        ce_sum += ce.item()
        penalty_sum += penalty.item() * len(batch)
        correct += (logits.argmax(dim=1) == y).sum().item()
    ce_sum, correct = processes.sum(ce_sum, correct)
    return ce_sum, penalty_sum, int(correct), lr


def train(args, config, processes):
    training = config["training"]
    epochs = args.epochs if args.epochs is not None else training["epochs"]
    batch_size = args.batch_size or training["batchSize"]
    seed = args.seed if args.seed is not None else int(training["seed"])
    optimizer_spec = dict(training["optimizer"])
    if args.lr is not None:
        optimizer_spec["learningRate"] = args.lr
    schedule = training["schedule"]
    patience = training["earlyStoppingPatience"]

    images, labels = read_dataset(args.data, args.labels)
    validation = read_dataset(args.validation, args.validation_labels) if args.validation else None
    torch.manual_seed(seed + processes.rank)  # dropout masks differ between processes

    model = Network().load_npz(args.weights).to(processes.device)
    ddp_model = DistributedDataParallel(model) if processes.distributed else model
    optimizer = make_optimizer(model.parameters(), optimizer_spec)
    plateau = PlateauTracker(schedule)

    n = len(images)
    steps_per_epoch = (n + batch_size - 1) // batch_size
    step = 0

    def next_learning_rate():
        """The rate of the next mini-batch; counts it."""
        nonlocal step
        lr = learning_rate_at(schedule, optimizer_spec["learningRate"], step, steps_per_epoch,
                              steps_per_epoch * epochs, plateau.reductions)
        step += 1
        return lr

    loss, correct = evaluate(model, images, labels, processes)
    processes.print(f"loaded {args.weights}: loss {loss:.4f} accuracy {correct / n:.4f} on {n} samples, "
                    f"{processes.world} process(es) on {processes.device}")

    best, best_state, since_best = None, None, 0
    for epoch in range(1, epochs + 1):
        # The same order in every process: each takes its share of each batch.
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed + epoch)).numpy()
        ce_sum, penalty_sum, correct, lr = train_epoch(ddp_model, model, optimizer, images, labels, order,
                                                       batch_size, next_learning_rate, processes)
        monitored = (ce_sum + penalty_sum) / n  # like Keras' loss, with L2
        line = f"epoch {epoch}/{epochs}: loss {monitored:.4f} accuracy {correct / n:.4f}"
        if validation:
            val_loss, val_correct = evaluate(model, *validation, processes)
            monitored = val_loss + model.l2_penalty().item()  # like Keras' val_loss, with L2
            line += f" val_loss {monitored:.4f} val_accuracy {val_correct / len(validation[0]):.4f}"
        processes.print(f"{line} lr {lr:.6g}")

        if schedule["kind"] == "plateau":
            plateau.observe(monitored)
        if patience > 0 and validation:
            if best is None or monitored < best:
                best, best_state, since_best = monitored, copy.deepcopy(model.state_dict()), 0
            else:
                since_best += 1
                if since_best >= patience:
                    model.load_state_dict(best_state)
                    processes.print(f"early stopping: restored the weights of epoch {epoch - since_best}")
                    break
    if processes.rank == 0:
        model.save_npz(args.output)
        print(f"saved {args.output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="training data: IDX images (.gz or raw) or .npz")
    parser.add_argument("--labels", help="the IDX labels file, when not found beside the images")
    parser.add_argument("--validation", help="validation data, in the same formats")
    parser.add_argument("--validation-labels", help="the validation IDX labels file")
    parser.add_argument("--weights", default=HERE / "weights.npz", help="weights to start from")
    parser.add_argument("--output", default=HERE / "trained.npz", help="where to save the trained weights")
    parser.add_argument("--epochs", type=int, help="default: config.json's")
    parser.add_argument("--batch-size", type=int, help="global batch size; default: config.json's")
    parser.add_argument("--lr", type=float, help="base learning rate; default: config.json's")
    parser.add_argument("--seed", type=int, help="default: config.json's")
    parser.add_argument("--evaluate-only", action="store_true",
                        help="print the loss and accuracy of the weights on --data, and stop")
    args = parser.parse_args()
    config = json.loads((HERE / "config.json").read_text(encoding="utf-8"))

    processes = Processes()
    try:
        if args.evaluate_only:
            images, labels = read_dataset(args.data, args.labels)
            model = Network().load_npz(args.weights).to(processes.device)
            loss, correct = evaluate(model, images, labels, processes)
            processes.print(f"loss {loss:.6f} accuracy {correct / len(images):.6f} ({correct}/{len(images)})")
        else:
            train(args, config, processes)
    except (OSError, ValueError, KeyError) as error:  # bad files: a message, not a traceback
        sys.exit(f"train.py: {error}")
    finally:
        processes.close()


if __name__ == "__main__":
    main()
)PY";
}

const char* PyTorchTemplates::readme()
{
    return R"MD(# {{NAME}} — exported from MLP Studio

A fully connected network for {{WIDTH}}x{{HEIGHT}} images, as a PyTorch project that
rebuilds it, loads its weights and trains it on, on one machine or many.

| file | what it is |
| --- | --- |
| `model.py` | the network as a `torch.nn.Module` (`Network`), `load_model()` |
| `train.py` | trains on from the weights with the studio's settings; DDP under `torchrun` |
| `weights.npz` | the trained weights (NumPy; see below) |
| `config.json` | the network and the training settings, as the studio had them |

Inputs are the {{FEATURES}} pixels of an image, row by row, scaled to [0, 1]
(uint8 value / 255); `Network` returns logits, `softmax` of them are the
class probabilities.

## Use it

```sh
python3 model.py                                          # print the network
python3 train.py --data test-images-idx3-ubyte.gz --evaluate-only
python3 train.py --data train.npz --validation val.npz    # train on, one process
torchrun --standalone --nproc_per_node=4 train.py --data train.npz
```

`train.py` reads MNIST-style IDX files (raw or `.gz`) and `.npz` datasets with
arrays `x` (uint8 images) and `y` (labels), as the studio exports them. It
saves the trained weights as `trained.npz` (`--output`), in the layout of
`weights.npz`. Under `torchrun` it uses DistributedDataParallel (gloo on
CPUs, NCCL on GPUs); each global batch is split between the processes.
With Debian 12's PyTorch 1.13 on Python 3.11, add `--redirects=1 --tee=1` to
`torchrun` (its default `0` for them fails there in `to_map()`).

## Training settings

{{TRAINING}}

The learning-rate schedule is counted in mini-batches from 0 again when
training on. L2 is added to the loss as Keras does (`l2 * sum(W ** 2)` per
Dense layer, biases not regularized), not as `weight_decay`.
Momentum and Nesterov follow Keras (the learning rate is inside the velocity).
The studio's data augmentation, if any, is not applied here.

## weights.npz

| array | dtype, shape |
| --- | --- |
{{ARRAYS}}| `class_names` | unicode [classes] |
| `config` | unicode, 0-d: the text of config.json |

Each Dense layer computes `y = x @ kernel + bias` (Keras' layout), followed by
its activation; the output layer is followed by softmax. Dropout layers have
no weights and are the identity at inference.
)MD";
}

} // namespace mlps
