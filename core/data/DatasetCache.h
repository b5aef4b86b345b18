#pragma once

#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <optional>
#include <string>

namespace mlps {

// Decoded copies of slow-to-read sources (archives, folders, CSV, the
// rendered font letters), so that a
// second open is near-instant. An entry is keyed by the source's path, size,
// modification time and a content hash (for a folder: of its listing of
// names, sizes and times), and by the image size it was decoded to; a source
// that changed in any of these gets a new entry. Entries are written
// atomically; a damaged entry is ignored (and replaced on the next save).
class DatasetCache {
public:
    // The cache folder: options.cacheDir, or the user's cache location.
    explicit DatasetCache(const LoadOptions& options);

    // The key of `path` as it is now; empty if it cannot be read.
    std::string keyFor(const std::string& path, const std::string& format) const;
    // The key of the built-in font letters with these options and the fonts
    // installed now (every file under the font folders, by name, size and time).
    std::string keyForFontLetters(const LoadOptions& options) const;

    std::optional<LoadedDataset> load(const std::string& key) const;
    // Best effort: a cache that cannot be written is not an error.
    void save(const std::string& key, const LoadedDataset& dataset) const;

    const std::string& folder() const { return m_folder; }

private:
    std::string fileFor(const std::string& key) const;

    std::string m_folder;
    int m_width;
    int m_height;
};

} // namespace mlps
