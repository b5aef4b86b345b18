#pragma once

#include <QByteArray>

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// One NumPy array in the .npy format
// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html),
// little-endian, C order, of the dtypes a project file uses: float32 ("<f4"),
// int32 ("<i4") and int64 ("<i8"). header() writes a version 1.0 header padded
// to a multiple of 64 bytes, as numpy.save does; parse() reads versions 1 to 3.
class NpyArray {
public:
    // The header for an array of `descr` and `shape`, to be followed by its data.
    static QByteArray header(const std::string& descr, const std::vector<std::int64_t>& shape);

    // Parses a whole .npy file held in memory; throws ProjectError(file,
    // "entry: problem") when it is not one or its data is short.
    static NpyArray parse(const QByteArray& bytes, const std::string& file, const std::string& entry);

    // Throws unless the array is of `descr` and `shape` (-1: any size):
    // "runs/3/test_probabilities.npy: expected float32 (1000, 10), found float64 (1000, 9)".
    void expect(const std::string& descr, const std::vector<std::int64_t>& shape) const;

    const std::string& descr() const { return m_descr; }
    const std::vector<std::int64_t>& shape() const { return m_shape; }
    std::int64_t elementCount() const;
    // The elements, copied out (the dtype must have been checked with expect()).
    void copyTo(void* out, std::size_t bytes) const;

    // "float32", "int64", ... for a descr; the descr itself when it is another one.
    static std::string dtypeName(const std::string& descr);

private:
    std::string m_file;
    std::string m_entry;
    std::string m_descr;
    bool m_fortranOrder = false;
    std::vector<std::int64_t> m_shape;
    QByteArray m_bytes;
    qsizetype m_dataOffset = 0;
};

} // namespace mlps
