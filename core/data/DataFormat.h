#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlps {

// The kinds of data the studio reads.
enum class DataFormat {
    Idx,         // MNIST-style IDX images + labels, .gz or raw
    Csv,         // label,p0,...,pN rows
    Npz,         // NumPy .npz holding images and labels
    Npy,         // a pair of NumPy .npy files
    Folder,      // a folder of class folders of images
    Zip,         // a .zip of class folders
    Tar,         // .tar, .tar.gz, .tar.bz2, .tar.xz of class folders (notMNIST as downloaded)
    FontLetters, // the built-in letters rendered from the installed fonts
};

// Names as the CLI and the report use them: "idx", "csv", "npz", "npy",
// "folder", "zip", "tar", "font-letters".
const char* dataFormatName(DataFormat format);
std::optional<DataFormat> parseDataFormat(std::string_view name);

// The path that names the built-in dataset.
inline constexpr std::string_view kFontLettersPath = "builtin:font-letters";

// Works out the format of `path` from what it is (folder), its first bytes
// (zip, gzip, bzip2, xz, tar, NumPy, IDX magic) and its name (.csv). Throws
// DataError naming the path when it does not exist or is none of the above.
DataFormat detectDataFormat(const std::string& path);

} // namespace mlps
