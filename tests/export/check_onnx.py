"""Checks an MLP Studio ONNX model: onnx.checker, its interface, and a NumPy
forward pass from its initializers against the engine's probabilities.

    check_onnx.py MODEL.onnx INPUTS.npy EXPECTED.npy CLASS_NAMES_JSON

INPUTS is [N, features] (pixels / 255), EXPECTED the engine's [N, classes].
Exits 77 when NumPy or the onnx module is missing.
"""
import json
import sys

try:
    import numpy as np
    import onnx
    from onnx import numpy_helper
except ImportError as error:
    print(f"SKIP: {error.name} is not installed (apt-get install python3-onnx python3-numpy)")
    sys.exit(77)


def attribute(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def run(model, inputs):
    """The graph's output for `inputs`, node by node with NumPy (float64)."""
    values = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    values[model.graph.input[0].name] = inputs.astype(np.float64)
    for node in model.graph.node:
        x = [values[name] for name in node.input]
        op = node.op_type
        if op == "Gemm":
            a = x[0].T if attribute(node, "transA", 0) else x[0]
            b = x[1].T if attribute(node, "transB", 0) else x[1]
            y = attribute(node, "alpha", 1.0) * a @ b + attribute(node, "beta", 1.0) * x[2]
        elif op == "Relu":
            y = np.maximum(x[0], 0.0)
        elif op == "Sigmoid":
            y = 1.0 / (1.0 + np.exp(-x[0]))
        elif op == "Tanh":
            y = np.tanh(x[0])
        elif op == "LeakyRelu":
            y = np.where(x[0] > 0, x[0], attribute(node, "alpha", 0.01) * x[0])
        elif op == "Elu":
            y = np.where(x[0] > 0, x[0], attribute(node, "alpha", 1.0) * np.expm1(x[0]))
        elif op == "Softmax":
            axis = attribute(node, "axis", -1)
            e = np.exp(x[0] - x[0].max(axis=axis, keepdims=True))
            y = e / e.sum(axis=axis, keepdims=True)
        else:
            raise AssertionError(f"unexpected operator {op}")
        values[node.output[0]] = y
    return values[model.graph.output[0].name]


def main(model_path, inputs_path, expected_path, class_names):
    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    assert [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")] == [13], model.opset_import
    assert model.producer_name == "MLP Studio", model.producer_name
    metadata = {p.key: p.value for p in model.metadata_props}
    assert json.loads(metadata["class_names"]) == json.loads(class_names), metadata["class_names"]
    assert metadata["input_scale"] == "pixel / 255", metadata
    assert [i.name for i in model.graph.input] == ["input"], model.graph.input
    assert [o.name for o in model.graph.output] == ["probabilities"], model.graph.output
    inferred = onnx.shape_inference.infer_shapes(model)
    dims = inferred.graph.output[0].type.tensor_type.shape.dim
    assert dims[1].dim_value == len(json.loads(class_names)), dims

    inputs, expected = np.load(inputs_path), np.load(expected_path)
    got = run(model, inputs)
    difference = np.abs(got - expected).max()
    print(f"onnx OK: {len(model.graph.node)} nodes, max |onnx - engine| = {difference:.3g}")
    assert got.shape == expected.shape, (got.shape, expected.shape)
    assert difference <= 1e-5, f"probabilities differ from the engine's by {difference}"


if __name__ == "__main__":
    main(*sys.argv[1:5])
