#pragma once

#include "export/ExportedModel.h"

#include <string>
#include <vector>

namespace mlps {

// Writes a PyTorch project folder for a model:
//   model.py     the network as a torch.nn.Module (Network), loading .npz weights
//   train.py     trains on from the weights with the same optimizer, schedule,
//                L2, dropout and early stopping; DistributedDataParallel under
//                torchrun (gloo on CPU, NCCL on CUDA); --evaluate-only
//   weights.npz  NpzExporter's file
//   config.json  ModelJson's text
//   README.md    how to use it, the arrays' names and shapes, the settings
// The folder is created when missing; each file is written whole or not at
// all, and other files in the folder are left alone. Throws ExportError.
class PyTorchExporter {
public:
    static void write(const ExportedModel& model, const std::string& folder);
    // The names of the files write() writes, in the order it writes them.
    static std::vector<std::string> fileNames();
    // The text of model.py and README.md for a model.
    static std::string modelScript(const ExportedModel& model);
    static std::string readme(const ExportedModel& model);
};

} // namespace mlps
