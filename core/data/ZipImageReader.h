#pragma once

#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <string>

namespace mlps {

// A .zip of class folders of images, read with QuaZip: A/x.png, ... or with
// a wrapper folder, notMNIST_small/A/x.png (see ImageCollector for how
// classes are found). Entries that are corrupt (bad CRC, broken deflate data,
// encrypted) or do not decode are listed in report.unreadable; the rest loads.
class ZipImageReader {
public:
    // Throws DataError naming the file ("not a zip archive", no images, no
    // class folders, ...) or LoadCancelled.
    static LoadedDataset read(const std::string& path, const LoadOptions& options);
};

} // namespace mlps
