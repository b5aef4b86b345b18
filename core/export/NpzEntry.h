#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// One NumPy array as the bytes of its `.npy` file (format version 1.0, C
// order, little-endian: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html),
// with the name it has in an `.npz` (the entry is "name.npy").
struct NpzEntry {
    std::string name;
    std::string bytes; // header, then data

    // float32 ('<f4') of the given shape; `values` holds the product of the
    // shape's dimensions in C (row-major) order.
    static NpzEntry float32(std::string name, const std::vector<std::int64_t>& shape, const float* values);
    // Unicode strings ('<U' + the longest length), of shape (n,), or a 0-d
    // array holding one string (`scalar`), which numpy gives back with .item().
    static NpzEntry unicode(std::string name, const std::vector<std::string>& strings);
    static NpzEntry unicodeScalar(std::string name, const std::string& text);

    // The header of a C-order array: magic, version 1.0, the dict padded with
    // spaces so the data starts at a multiple of 64 bytes, as numpy writes it.
    static std::string header(const std::string& descr, const std::vector<std::int64_t>& shape);
};

} // namespace mlps
