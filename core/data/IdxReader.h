#pragma once

#include "data/Dataset.h"

#include <string>

namespace mlps {

// MNIST's IDX format (http://yann.lecun.com/exdb/mnist/): big-endian headers,
// images 0x00000803 N rows cols then N*rows*cols bytes; labels 0x00000801 N
// then N bytes. Files may be gzip-compressed or raw (detected from content).
class IdxReader {
public:
    // Reads an image file and its labels. With labelsPath empty, the labels
    // are looked for beside the images by MNIST naming (see labelsPathFor).
    // Throws DataError naming the file and the problem: missing file, wrong
    // magic, truncated data, image/label count mismatch, label out of range.
    // Class names are "0".."9"-style numbers unless the labels are 0..9 and
    // `letterNames` is set (notMNIST: "A".."J").
    static Dataset read(const std::string& imagesPath, const std::string& labelsPath = {});

    // The labels file that goes with an images file:
    // "...-images-idx3-ubyte[.gz]" -> "...-labels-idx1-ubyte[.gz]", also
    // "...-images.idx3-ubyte" -> "...-labels.idx1-ubyte"; the first of the
    // candidates (with and without .gz) that exists. Empty when none does.
    static std::string labelsPathFor(const std::string& imagesPath);

    // True when the file starts (after gunzip) with an IDX3 image header.
    static bool looksLikeIdxImages(const std::string& path);

    // Writes images and labels as raw (uncompressed) IDX files.
    static void write(const Dataset& data, const std::string& imagesPath, const std::string& labelsPath);
};

} // namespace mlps
