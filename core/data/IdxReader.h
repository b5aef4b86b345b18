#pragma once

#include "data/Dataset.h"

#include <string>
#include <vector>

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
    // Class names: "A", "B", ... when the file name contains "notmnist"
    // (any case); Fashion-MNIST's ten names ("T-shirt/top", ...) when it
    // contains "fashion"; otherwise the label numbers "0", "1", ... The class
    // count is the largest label + 1 (at least 2).
    // The whole images path is searched, so a folder named "fashion-mnist"
    // counts too; when both words occur, the one nearest the file name wins.
    // Fewer than 2 classes (every label the same) is a DataError as well.
    static Dataset read(const std::string& imagesPath, const std::string& labelsPath = {});

    // The labels file that goes with an images file:
    // "...-images-idx3-ubyte[.gz]" -> "...-labels-idx1-ubyte[.gz]", also
    // "...-images.idx3-ubyte" -> "...-labels.idx1-ubyte"; the first of the
    // candidates (with and without .gz) that exists. Empty when none does.
    static std::string labelsPathFor(const std::string& imagesPath);

    // The paths labelsPathFor tries, in order (whether or not they exist);
    // empty when the name has neither "images" nor "idx3" in it.
    static std::vector<std::string> labelsPathCandidates(const std::string& imagesPath);

    // True when the file starts (after gunzip) with an IDX3 image header.
    static bool looksLikeIdxImages(const std::string& path);

    // Writes images and labels as raw (uncompressed) IDX files.
    static void write(const Dataset& data, const std::string& imagesPath, const std::string& labelsPath);
};

} // namespace mlps
