"""Checks that a saved .mlpstudio reads with nothing but Python's zipfile and numpy.

Usage: check_with_python.py WRITER OUTDIR  (WRITER: mlps_project_sample).
Exit code 77 (ctest's SKIP_RETURN_CODE) when numpy is not installed.
"""
import io
import json
import os
import subprocess
import sys
import zipfile

try:
    import numpy as np
except ImportError:
    print("SKIPPED: numpy is not installed for", sys.executable, "(Debian: python3-numpy)")
    sys.exit(77)

writer, outdir = sys.argv[1], sys.argv[2]
os.makedirs(outdir, exist_ok=True)
path = os.path.join(outdir, "sample.mlpstudio")
subprocess.run([writer, path], check=True)
with open(path + ".expect.json") as f:
    expect = json.load(f)

with zipfile.ZipFile(path) as z:
    first = z.infolist()[0]
    assert first.filename == "mimetype", first.filename
    assert first.compress_type == zipfile.ZIP_STORED, first.compress_type
    assert first.extra == b"", first.extra
    assert z.read("mimetype") == b"application/x-mlpstudio"
    assert z.testzip() is None
    project = json.loads(z.read("project.json"))
    assert project["formatVersion"] == 1
    assert project["runs"][0]["config"]["optimizer"]["kind"] == "adam"

    def load(name):
        return np.load(io.BytesIO(z.read(name)), allow_pickle=False)

    params = load("runs/0/parameters.npy")
    assert params.dtype == np.float32 and params.shape == (expect["parameterCount"],), (params.dtype, params.shape)
    assert params[:5].tolist() == expect["parametersHead"], params[:5]

    n = expect["testSamples"]
    probs = load("runs/0/test_probabilities.npy")
    assert probs.dtype == np.float32 and probs.shape == (n, 10), (probs.dtype, probs.shape)
    assert probs[3].tolist() == expect["probabilitiesRow3"], probs[3]

    true = load("runs/0/test_true_labels.npy")
    pred = load("runs/0/test_predicted.npy")
    assert true.dtype == np.int32 and pred.dtype == np.int32 and true.shape == (n,)
    confusion = load("runs/0/test_confusion.npy")
    assert confusion.dtype == np.int64 and confusion.shape == (10, 10)
    assert confusion[0].tolist() == expect["confusionRow0"], confusion[0]
    counted = np.zeros((10, 10), np.int64)
    np.add.at(counted, (true, pred), 1)
    counted[0, 1] += 7  # the sample adds 7 there, so that a transposed matrix shows
    assert (counted == confusion).all()

    steps = load("runs/0/batch_steps.npy")
    losses = load("runs/0/batch_losses.npy")
    count = expect["batchCount"]
    assert steps.dtype == np.int64 and steps.shape == (count,), (steps.dtype, steps.shape)
    assert losses.dtype == np.float32 and losses.shape == (count,), (losses.dtype, losses.shape)
    assert steps[-1] == expect["batchLastStep"] and (np.diff(steps) > 0).all(), steps
    assert losses[:3].tolist() == expect["batchLossesHead"], losses[:3]
    assert project["runs"][0]["batchCount"] == count

    indices = load("runs/0/test_indices.npy")
    assert indices.dtype == np.int64 and indices.shape == (n,)
    assert load("runs/2/train_indices.npy").shape == (3000,)

print("OK: read", path, "with zipfile", "and numpy", np.__version__)
