#pragma once

#include <filesystem>
#include <string>

// Internal to mlps_data: the checks every reader makes before opening a file.
namespace mlps {

// The status of `path`; a DataError naming it when it does not exist
// ("file not found") or is a folder ("is a folder, not a file").
std::filesystem::file_status requireFile(const std::string& path);

} // namespace mlps
