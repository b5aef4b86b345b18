#pragma once

#include "data/DataFormat.h"
#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <optional>
#include <string>

namespace mlps {

// Reads a dataset in any format the studio knows, detected from the path
// (see detectDataFormat) or given explicitly, through the decoded-dataset
// cache for the slow ones. Throws DataError (naming the file and the problem)
// or LoadCancelled.
class DatasetLoader {
public:
    static LoadedDataset load(const std::string& path, const LoadOptions& options,
                              std::optional<DataFormat> format = std::nullopt);

    // Whether `format` is decoded slowly enough to be worth caching.
    static bool cached(DataFormat format);
};

} // namespace mlps
