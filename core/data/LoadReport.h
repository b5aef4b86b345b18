#pragma once

#include "data/Dataset.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace mlps {

// An entry that could not be used, and why ("zero-length file",
// "not an image", "truncated PNG data").
struct UnreadableEntry {
    std::string name;
    std::string reason;
};

// What a user should know about how a dataset was read.
struct LoadReport {
    std::string format;                      // as Dataset::format
    std::vector<UnreadableEntry> unreadable; // skipped entries, by name
    // How images were converted, empty when nothing was: "112 images of 32x32
    // RGB scaled to 28x28 grayscale; 3 dark-on-light images inverted".
    std::string conversion;
    // A problem that stopped reading early but left usable data: "the archive
    // is truncated: reading stopped after 1,234 entries (unexpected end of data)".
    std::string warning;
    std::vector<std::string> notes;          // anything else worth saying
    bool fromCache = false;
    double seconds = 0.0;
};

struct LoadedDataset {
    Dataset data;
    LoadReport report;
};

// Thrown by a reader when LoadOptions::cancel was set.
class LoadCancelled : public std::runtime_error {
public:
    LoadCancelled() : std::runtime_error("loading was cancelled") {}
};

} // namespace mlps
