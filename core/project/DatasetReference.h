#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// The data a project or a run was made with: where it was and what it held,
// so that reopening the project can find it again and tell whether it changed.
struct DatasetReference {
    std::string path;   // as opened (a file, a folder, or "builtin:font-letters")
    std::string format; // data/DataFormat's name: "npz", "tar", "folder", "font-letters", ...
    std::string sha256; // DatasetHash::sha256Of(path) when saved; empty when unknown
    std::int64_t count = 0;
    int width = 0;
    int height = 0;
    std::vector<std::string> classNames;
    bool operator==(const DatasetReference&) const = default;
};

} // namespace mlps
