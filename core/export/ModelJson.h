#pragma once

#include "export/ExportedModel.h"

#include <QJsonObject>

namespace mlps {

// The description of an exported model that goes with its weights: the
// `config` array of the .npz and config.json of the PyTorch folder.
//   {"format": "mlp-studio-model", "formatVersion": 1, "name": ...,
//    "input": {"width": 28, "height": 28, "features": 784, "scale": "pixel / 255"},
//    "classes": ["A", ...],
//    "layers": [{"type": "dense", "name": "dense_1", "units": 128, "activation": "relu", "l2": 0},
//               {"type": "dropout", "rate": 0.5}, ...,
//               {"type": "dense", "name": "output", "units": 10, "activation": "softmax", "l2": 0}],
//    "init": "he_uniform",
//    "training": {"optimizer": {"kind": "momentum", "learningRate": ..., "momentum": ...,
//                               "beta1", "beta2", "rho", "epsilon"},
//                 "schedule": {"kind": "inverse-time", "decay", "stepSize", "gamma",
//                              "warmupEpochs", "minFraction", "patience", "minDelta"},
//                 "epochs", "batchSize", "seed", "earlyStoppingPatience", "augment": "..."}}
// Names are those of the engine (activationName, optimizerName, scheduleName).
class ModelJson {
public:
    static QJsonObject toJson(const ExportedModel& model);
    // Indented UTF-8 text of toJson(), ending in a newline.
    static std::string toText(const ExportedModel& model);
};

} // namespace mlps
