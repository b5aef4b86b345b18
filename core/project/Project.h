#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"
#include "project/DatasetReference.h"
#include "project/SplitSettings.h"
#include "project/StoredRun.h"

#include <vector>

namespace mlps {

// The version of the .mlpstudio format this build writes and the newest it reads.
inline constexpr int kProjectFormatVersion = 1;

// Everything a .mlpstudio file holds: the current settings (data, split,
// network, training) and every run kept so far.
struct Project {
    int formatVersion = kProjectFormatVersion;
    DatasetReference data;
    SplitSettings split;
    NetworkSpec network;
    TrainConfig training;
    std::vector<StoredRun> runs;
};

} // namespace mlps
