"""Compares two MLP Studio weight files array by array.

    compare_weights.py GOT.npz EXPECTED.npz TOLERANCE

Exits 77 without NumPy, 1 when an array is missing or differs by more than
TOLERANCE (absolute).
"""
import sys

try:
    import numpy as np
except ImportError:
    print("SKIP: numpy is not installed (apt-get install python3-numpy)")
    sys.exit(77)


def main(got_path, expected_path, tolerance):
    with np.load(got_path) as got, np.load(expected_path) as expected:
        names = [n for n in expected.files if n.endswith(("/kernel", "/bias"))]
        worst = 0.0
        for name in names:
            assert got[name].shape == expected[name].shape, (name, got[name].shape, expected[name].shape)
            difference = float(np.abs(got[name] - expected[name]).max())
            print(f"{name}: max difference {difference:.3g}")
            worst = max(worst, difference)
    assert worst <= float(tolerance), f"the weights differ by {worst:.3g} > {tolerance}"


if __name__ == "__main__":
    main(*sys.argv[1:4])
