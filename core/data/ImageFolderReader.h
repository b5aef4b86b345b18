#pragma once

#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <string>

namespace mlps {

// A folder of class folders of images, as an extracted notMNIST archive:
// notMNIST_small/A/MDEtMDEtMDAudHRm.png, ... Class names are the folder names
// (any names, sorted); images in nested folders of a class folder belong to
// that class; a single wrapper folder is looked through (see ImageCollector).
// Hidden files and folders and obvious non-images (.txt, .json, .md, ...) are
// skipped silently; other files that do not decode are listed in
// report.unreadable and the rest loads. Images come in path order (sorted
// bytewise); files are read and decoded by the decoding threads, batch by
// batch, so memory stays bounded by the decoded images.
class ImageFolderReader {
public:
    // Throws DataError naming the folder (missing, not a folder, no images,
    // no class folders, ...) or LoadCancelled.
    static LoadedDataset read(const std::string& path, const LoadOptions& options);
};

} // namespace mlps
