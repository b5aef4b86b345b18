#pragma once

#include <string>

namespace mlps {

// The content hash a project keeps of its data (DatasetReference::sha256), so
// that reopening it can tell the same data at a new place from different data.
// A file: SHA-256 of its bytes. A folder (of class folders of images): SHA-256
// of its sorted listing, one line "relative/path<TAB>size\n" per file, so that
// it survives a copy or a move (times are left out) but not an added, removed,
// renamed or resized file; the bytes of 530k images are not read. The built-in
// font letters ("builtin:..." paths): an empty string (nothing to compare).
// This differs from data/DatasetCache's key, which also covers path and times.
class DatasetHash {
public:
    // Lowercase hex. Throws ProjectError naming the path when it cannot be read.
    static std::string sha256Of(const std::string& path);
};

} // namespace mlps
