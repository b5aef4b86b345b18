#include "data/DataFormat.h"

#include "data/DataError.h"
#include "data/IdxReader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace mlps {

namespace {

constexpr std::array<std::pair<DataFormat, const char*>, 8> kNames = {{
    {DataFormat::Idx, "idx"},
    {DataFormat::Csv, "csv"},
    {DataFormat::Npz, "npz"},
    {DataFormat::Npy, "npy"},
    {DataFormat::Folder, "folder"},
    {DataFormat::Zip, "zip"},
    {DataFormat::Tar, "tar"},
    {DataFormat::FontLetters, "font-letters"},
}};

bool endsWith(std::string name, const std::string& suffix)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

const char* dataFormatName(DataFormat format)
{
    for (const auto& [value, name] : kNames) {
        if (value == format)
            return name;
    }
    return "?";
}

std::optional<DataFormat> parseDataFormat(std::string_view name)
{
    for (const auto& [value, text] : kNames) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

DataFormat detectDataFormat(const std::string& path)
{
    if (path == kFontLettersPath)
        return DataFormat::FontLetters;
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status))
        throw DataError(path, "no such file or folder");
    if (fs::is_directory(status))
        return DataFormat::Folder;

    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw DataError(path, "cannot be opened for reading");
    std::array<unsigned char, 512> head{};
    file.read(reinterpret_cast<char*>(head.data()), head.size());
    const std::size_t got = std::size_t(file.gcount());
    if (got == 0)
        throw DataError(path, "the file is empty");
    auto starts = [&](std::initializer_list<unsigned char> magic) {
        return got >= magic.size() && std::equal(magic.begin(), magic.end(), head.begin());
    };

    // Zip local-file header "PK\3\4" (an empty zip starts "PK\5\6"); an .npz is a zip too.
    if (starts({'P', 'K', 3, 4}) || starts({'P', 'K', 5, 6}))
        return endsWith(path, ".npz") ? DataFormat::Npz : DataFormat::Zip;
    // NumPy .npy: "\x93NUMPY".
    if (starts({0x93, 'N', 'U', 'M', 'P', 'Y'}))
        return DataFormat::Npy;
    // Raw IDX: two zero bytes, a type code, the number of dimensions.
    if (starts({0, 0, 0x08}) && got >= 4 && (head[3] == 3 || head[3] == 1))
        return DataFormat::Idx;
    // gzip could hold IDX or a tar; look inside.
    if (starts({0x1f, 0x8b}))
        return IdxReader::looksLikeIdxImages(path) ? DataFormat::Idx : DataFormat::Tar;
    // bzip2 "BZh", xz "\xFD7zXZ\0": compressed tar archives.
    if (starts({'B', 'Z', 'h'}) || starts({0xFD, '7', 'z', 'X', 'Z', 0}))
        return DataFormat::Tar;
    // POSIX tar: "ustar" at offset 257.
    if (got >= 262 && std::memcmp(head.data() + 257, "ustar", 5) == 0)
        return DataFormat::Tar;
    if (endsWith(path, ".csv") || endsWith(path, ".txt"))
        return DataFormat::Csv;
    // Text with commas in its first line reads as CSV whatever its name.
    const auto lineEnd = std::find(head.begin(), head.begin() + std::ptrdiff_t(got), '\n');
    const bool text = std::all_of(head.begin(), lineEnd, [](unsigned char c) { return c == '\r' || c == '\t' || (c >= 32 && c < 127); });
    if (text && std::find(head.begin(), lineEnd, ',') != lineEnd)
        return DataFormat::Csv;
    throw DataError(path, "unknown data format: not an IDX, CSV, NumPy, zip or tar file, nor a folder of class folders");
}

} // namespace mlps
