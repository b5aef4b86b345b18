#include "data/FileChecks.h"

#include "data/DataError.h"

#include <system_error>

namespace mlps {

std::filesystem::file_status requireFile(const std::string& path)
{
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        throw DataError(path, "file not found");
    if (std::filesystem::is_directory(status))
        throw DataError(path, "is a folder, not a file");
    return status;
}

} // namespace mlps
