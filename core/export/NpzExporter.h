#pragma once

#include "export/ExportedModel.h"
#include "export/NpzEntry.h"

#include <string>
#include <vector>

namespace mlps {

// Writes a model's weights as a NumPy `.npz`, loadable with numpy.load:
//   "dense_1/kernel"  float32 [inputs, units]   y = x @ kernel + bias (Keras' layout)
//   "dense_1/bias"    float32 [units]
//   ...               one pair per hidden Dense layer, numbered from 1 in order
//                     (Dropout layers have no weights and no number)
//   "output/kernel"   float32 [last hidden units (or inputs), classes]
//   "output/bias"     float32 [classes]               followed by softmax
//   "class_names"     unicode [classes]
//   "config"          unicode, 0-d: ModelJson's text (layers, activations,
//                     L2, dropout, input scaling, training settings);
//                     json.loads(npz["config"].item())
// Inputs are pixels / 255, row-major within the image.
class NpzExporter {
public:
    // Throws ExportError naming `path` when the model is invalid or the file
    // cannot be written; the file is written whole or not at all.
    static void write(const ExportedModel& model, const std::string& path);
    // The arrays write() stores, in order.
    static std::vector<NpzEntry> arrays(const ExportedModel& model);
};

} // namespace mlps
