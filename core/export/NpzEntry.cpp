#include "export/NpzEntry.h"

#include "project/NpyArray.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <bit>
#include <cstring>

namespace mlps {

namespace {

static_assert(std::endian::native == std::endian::little, "the .npy writer assumes a little-endian machine");

void appendUcs4(std::string& out, const std::string& utf8, qsizetype width)
{
    const QList<uint> points = QString::fromStdString(utf8).toUcs4();
    for (qsizetype k = 0; k < width; ++k) {
        const std::uint32_t point = k < points.size() ? points[k] : 0;
        for (int b = 0; b < 4; ++b)
            out.push_back(char((point >> (8 * b)) & 0xff));
    }
}

qsizetype longestUcs4(const std::vector<std::string>& strings)
{
    qsizetype longest = 1;
    for (const std::string& s : strings)
        longest = std::max(longest, QString::fromStdString(s).toUcs4().size());
    return longest;
}

} // namespace

std::string NpzEntry::header(const std::string& descr, const std::vector<std::int64_t>& shape)
{
    return NpyArray::header(descr, shape).toStdString(); // one .npy writer for projects and exports
}

NpzEntry NpzEntry::float32(std::string name, const std::vector<std::int64_t>& shape, const float* values)
{
    std::size_t count = 1;
    for (const std::int64_t d : shape)
        count *= std::size_t(d);
    NpzEntry array{std::move(name), header("<f4", shape)};
    const std::size_t at = array.bytes.size();
    array.bytes.resize(at + count * sizeof(float));
    if (count > 0)
        std::memcpy(array.bytes.data() + at, values, count * sizeof(float));
    return array;
}

NpzEntry NpzEntry::unicode(std::string name, const std::vector<std::string>& strings)
{
    const qsizetype width = longestUcs4(strings);
    NpzEntry array{std::move(name), header("<U" + std::to_string(width), {std::int64_t(strings.size())})};
    for (const std::string& s : strings)
        appendUcs4(array.bytes, s, width);
    return array;
}

NpzEntry NpzEntry::unicodeScalar(std::string name, const std::string& text)
{
    const qsizetype width = longestUcs4({text});
    NpzEntry array{std::move(name), header("<U" + std::to_string(width), {})};
    appendUcs4(array.bytes, text, width);
    return array;
}

} // namespace mlps
