#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"
#include "nn/TrainerState.h"
#include "project/JsonReader.h"

#include <QJsonObject>

#include <memory>

namespace mlps {

// A run's checkpoint (TrainerState) in project.json: its scalars, history and
// the names of its arrays' contents; the arrays themselves (sample order,
// weights, optimizer moments, averages) are .npy entries that ProjectFile
// writes and reads beside it:
//   runs/K/checkpoint/order.npy, synthetic_order.npy             int64
//   runs/K/checkpoint/member_J_parameters.npy, member_J_<state>.npy,
//   member_J_average.npy, member_J_best.npy                      float32
// Every number reads back to the same bits (doubles are written shortest
// round-trip, 64-bit generator words as decimal strings).
class CheckpointJson {
public:
    static QJsonObject toJson(const TrainerState& state);
    // Reads what toJson() wrote, checked (the optimizer's state names against
    // the run's optimizer, the members against its ensemble size); vectors are
    // sized for the .npy entries to fill in.
    static std::shared_ptr<TrainerState> fromJson(const JsonReader& json, const NetworkSpec& network,
                                                  const TrainConfig& config);

    static QJsonObject epochToJson(const EpochRecord& record);
    static EpochRecord epochFromJson(const JsonReader& json);
};

} // namespace mlps
