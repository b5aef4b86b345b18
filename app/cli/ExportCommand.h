#pragma once

#include <string>
#include <vector>

namespace mlps::cli {

// `mlp-studio-cli export --project P --format npz|onnx|pytorch --out PATH [--run ID]`:
// a trained run of a project as NumPy weights, an ONNX model or a PyTorch
// project folder. Returns the exit code.
int runExportCommand(const std::vector<std::string>& arguments);

} // namespace mlps::cli
