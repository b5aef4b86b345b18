#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"
#include "project/DatasetReference.h"
#include "project/JsonReader.h"
#include "project/SplitSettings.h"

#include <QJsonObject>

namespace mlps {

// The JSON of every setting type in a project file, both ways. Writing keeps
// every field (floats widen to double exactly, and Qt writes doubles in their
// shortest form that reads back exactly; 64-bit seeds are decimal strings).
// Reading checks types, enum names, ranges and the spec's own validate(), and
// throws ProjectError through the reader: "...: network.hidden[1].activation:
// unknown activation 'foo' (known: relu, sigmoid, ...)". The type tags of the
// file (layer "dense"/"dropout"; the enum names of nn: activationName,
// initName, optimizerName, scheduleName) are listed once, in SettingsJson.cpp.
QJsonObject networkToJson(const NetworkSpec& spec);
NetworkSpec networkFromJson(const JsonReader& json);

// The optimizer, the schedule, epochs, batch, seed, threads, early stopping and
// the augmentation (as AugmentSpec::describe() writes it).
QJsonObject trainConfigToJson(const TrainConfig& config);
// Its parts, also written by the model exports (core/export ModelJson).
QJsonObject optimizerToJson(const OptimizerSpec& optimizer);
QJsonObject scheduleToJson(const ScheduleSpec& schedule);
TrainConfig trainConfigFromJson(const JsonReader& json);

QJsonObject datasetToJson(const DatasetReference& data);
DatasetReference datasetFromJson(const JsonReader& json);

QJsonObject splitToJson(const SplitSettings& split);
SplitSettings splitFromJson(const JsonReader& json);

} // namespace mlps
