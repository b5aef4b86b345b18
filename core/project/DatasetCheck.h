#pragma once

#include "project/DatasetReference.h"

#include <string>

namespace mlps {

// What opening a project finds at its data's place, for the GUI to act on:
// Missing -> ask the user for the new location and check that one;
// Changed -> report it (never accept other data silently).
enum class DatasetState {
    Same,      // the content hash matches (or there is none to compare: built-in data)
    Missing,   // nothing at the path
    Changed,   // something there, with another content hash
};

struct DatasetCheck {
    DatasetState state = DatasetState::Same;
    std::string path;    // the path checked
    std::string sha256;  // the hash found there (empty when missing)
    std::string message; // for the user; empty when Same
};

// Checks `reference`'s data at `path` (its own path when empty). Throws
// ProjectError only when the data is there but cannot be read.
DatasetCheck checkDataset(const DatasetReference& reference, const std::string& path = {});

} // namespace mlps
