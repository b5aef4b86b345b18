#pragma once

#include "export/ExportedModel.h"

#include <string>

namespace mlps {

// Writes a model as ONNX (opset 13, IR version of the installed onnx library)
// with the ONNX library's protobuf classes:
//   input  "input"          float [N, features]: pixels / 255, row-major
//   per Dense layer <name>  Gemm(x, "<name>/kernel" [inputs, units], "<name>/bias" [units])
//                           then Relu | Sigmoid | Tanh | LeakyRelu(alpha 0.01) | Elu(alpha 1) | nothing
//   output "probabilities"  float [N, classes]: Softmax(axis 1) of the output layer's Gemm
// Dropout is the identity at inference and leaves no node. The model's
// metadata_props hold "class_names" (a JSON array), "input_scale"
// ("pixel / 255"), "image_width", "image_height" and "config" (ModelJson);
// producer_name is "MLP Studio". The model passes onnx::checker before it is written.
class OnnxExporter {
public:
    static constexpr int kOpset = 13;

    // Throws ExportError naming `path` when the model is invalid or the file
    // cannot be written; the file is written whole or not at all.
    static void write(const ExportedModel& model, const std::string& path);
    // The serialized ModelProto write() stores.
    static std::string serialize(const ExportedModel& model);
};

} // namespace mlps
