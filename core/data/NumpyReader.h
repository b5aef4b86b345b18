#pragma once

#include "data/Dataset.h"
#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <string>
#include <vector>

namespace mlps {

// NumPy arrays (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
// a `.npy` file is the magic "\x93NUMPY", a major and a minor version byte,
// the header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and
// 3.0), then a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }
// padded with spaces to a multiple of 64 bytes and ended by '\n' (3.0 allows
// UTF-8 in it), then the elements in C order. A `.npz` file is a zip of such
// files, one entry "name.npy" per array, stored (np.savez) or deflated
// (np.savez_compressed).
//
// Images: shape N x H x W, N x H*W (H*W a square or LoadOptions' width x
// height), N x H x W x 1 or N x 1 x H x W; dtype uint8 (0..255), another
// integer type (0..255), bool (0 / 255), float16/32/64 taken as 0..1 when none
// is above 1.5, else 0..255, or -0.5..0.5 (the (p - 127.5) / 255 of the
// notMNIST assignment); integers that are all 0 or 1 are read as 0 / 255.
// Labels: shape N (or N x 1), any integer type, bool, integral floats, or
// strings (class names, numbered in sorted order). Images of another size
// than LoadOptions' are resized (bilinear). Class names: an array named
// "class_names" (strings) when there is one, else as IdxReader names them
// (defaultClassNames: notMNIST letters, Fashion-MNIST names, numbers).
class NumpyReader {
public:
    // Reads a .npz, or a .npy of images together with its labels .npy
    // (LoadOptions::labelsPath, else the partner found by name, see
    // labelsPathFor; opening the labels file finds its images file the same
    // way), telling them apart by their content. In a .npz the arrays are
    // chosen by name: x/y, images/labels, x_train/y_train (a test pair beside
    // it is noted but not used), train_images/train_labels, data/target, ...
    // (case-insensitive), else the one pair of an array with 2 or more
    // dimensions and a 1-dimensional array of the same length.
    // report.notes says which arrays were used. Throws DataError naming the
    // file (and array) and the problem, or LoadCancelled.
    static LoadedDataset read(const std::string& path, const LoadOptions& options);

    // The labels .npy that goes with an images .npy: the first of
    // labelsPathCandidates that exists; empty when none does.
    static std::string labelsPathFor(const std::string& imagesPath);
    // Names tried beside an images file, in order: x.npy -> y.npy,
    // X_train.npy -> y_train.npy / Y_train.npy, train_x.npy -> train_y.npy,
    // *images*.npy -> *labels*.npy (train_images, mnist-images, ...),
    // data.npy -> labels.npy / target.npy.
    static std::vector<std::string> labelsPathCandidates(const std::string& imagesPath);
    // The same rules the other way round: the images files a labels file may go with.
    static std::vector<std::string> imagesPathCandidates(const std::string& labelsPath);

    // Writes a .npz of x (N x H x W uint8), y (N int64) and class_names (K
    // unicode strings), deflated unless `compress` is false. Throws DataError.
    static void writeNpz(const Dataset& data, const std::string& path, bool compress = true);
    // Writes the images (N x H x W uint8) and labels (N int64) as two .npy files.
    static void writeNpy(const Dataset& data, const std::string& imagesPath, const std::string& labelsPath);
};

} // namespace mlps
