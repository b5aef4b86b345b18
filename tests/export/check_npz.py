"""Checks an MLP Studio weights .npz from NumPy's side.

    check_npz.py WEIGHTS.npz EXPECTED_DIR

EXPECTED_DIR holds, for each Dense layer NAME in order, NAME.kernel.npy
[inputs, units] and NAME.bias.npy [1, units] as the engine has them, and
names.json: {"layers": [...], "class_names": [...]}. Exits 77 without NumPy.
"""
import json
import sys
from pathlib import Path

try:
    import numpy as np
except ImportError:
    print("SKIP: numpy is not installed (apt-get install python3-numpy)")
    sys.exit(77)


def main(weights_path, expected_dir):
    expected_dir = Path(expected_dir)
    names = json.loads((expected_dir / "names.json").read_text())
    with np.load(weights_path) as weights:
        keys = set(weights.files)
        wanted = {f"{n}/{part}" for n in names["layers"] for part in ("kernel", "bias")} | {"class_names", "config"}
        assert keys == wanted, f"arrays {sorted(keys)}, expected {sorted(wanted)}"
        for name in names["layers"]:
            kernel, bias = weights[f"{name}/kernel"], weights[f"{name}/bias"]
            want_kernel = np.load(expected_dir / f"{name}.kernel.npy")
            want_bias = np.load(expected_dir / f"{name}.bias.npy").reshape(-1)
            assert kernel.dtype == np.float32 and bias.dtype == np.float32, (kernel.dtype, bias.dtype)
            assert kernel.shape == want_kernel.shape, (name, kernel.shape, want_kernel.shape)
            assert bias.shape == want_bias.shape, (name, bias.shape, want_bias.shape)
            assert np.array_equal(kernel, want_kernel), f"{name}/kernel differs from the engine's weights"
            assert np.array_equal(bias, want_bias), f"{name}/bias differs from the engine's biases"
        assert list(weights["class_names"]) == names["class_names"], weights["class_names"]
        config = json.loads(weights["config"].item())
        dense = [layer["name"] for layer in config["layers"] if layer["type"] == "dense"]
        assert dense == names["layers"], dense
        assert config["classes"] == names["class_names"], config["classes"]
    print("npz OK:", ", ".join(sorted(keys)))


if __name__ == "__main__":
    main(*sys.argv[1:3])
