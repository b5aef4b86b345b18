#pragma once

#include "export/NpzEntry.h"

#include <string>
#include <vector>

namespace mlps {

// Writes arrays as an `.npz` (a zip of "name.npy" entries, deflated, as
// numpy.savez_compressed makes it), whole or not at all: the zip is written
// under a temporary name beside `path` and renamed at the end.
// Throws ExportError naming `path`.
class NpzWriter {
public:
    static void write(const std::string& path, const std::vector<NpzEntry>& arrays);
};

} // namespace mlps
