#pragma once

#include "data/DataFormat.h"
#include "data/LoadReport.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlps::cli {

// How the CLI reads a dataset: the options the commands share.
struct DataSettings {
    std::optional<DataFormat> format; // --format; detected when unset
    int fontVariations = 0;           // --font-variations
    std::string fontClasses = "ABCDEFGHIJ";
    std::uint64_t seed = 1;
    int threads = 0;
    bool useCache = true;             // --no-cache turns it off
    bool quiet = false;               // no progress or report on stderr
};

class ArgumentList;

// --format, --font-variations and --no-cache.
DataSettings parseDataSettings(const ArgumentList& args);

// Loads `path` (labels from `labelsPath` where the format keeps them apart),
// showing progress on stderr when it is a terminal, then a short report:
// format, counts, unreadable entries, conversions, warnings.
LoadedDataset loadForCli(const std::string& path, const std::string& labelsPath, const DataSettings& settings);

// True when any argument names the built-in font letters, which need a
// QGuiApplication (on the offscreen platform) to render, or a project, whose
// data may be them.
bool needsFonts(int argc, char** argv);

} // namespace mlps::cli
