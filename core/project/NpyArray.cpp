#include "project/NpyArray.h"

#include "project/ProjectError.h"

#include <QRegularExpression>

#include <bit>
#include <cstring>

namespace mlps {

static_assert(std::endian::native == std::endian::little, "project files store little-endian arrays");

namespace {

const QByteArray kMagic = QByteArrayLiteral("\x93NUMPY");

std::string shapeText(const std::vector<std::int64_t>& shape, const std::vector<std::int64_t>* actual = nullptr)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            text += ", ";
        if (shape[i] >= 0)
            text += std::to_string(shape[i]);
        else if (actual && i < actual->size())
            text += std::to_string((*actual)[i]); // "any": show what was found
        else
            text += "N";
    }
    return text + (shape.size() == 1 ? ",)" : ")");
}

std::size_t itemSize(const std::string& descr)
{
    if (descr.size() < 3)
        return 0;
    return std::size_t(std::atoi(descr.c_str() + 2));
}

} // namespace

QByteArray NpyArray::header(const std::string& descr, const std::vector<std::int64_t>& shape)
{
    std::string dims;
    for (const std::int64_t d : shape)
        dims += (dims.empty() ? "" : ", ") + std::to_string(d);
    if (shape.size() == 1)
        dims += ",";
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t unpadded = std::size_t(kMagic.size()) + 4 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict.push_back('\n');
    QByteArray result = kMagic;
    result.append(char(1)).append(char(0));
    result.append(char(dict.size() & 0xff)).append(char(dict.size() >> 8));
    result.append(dict.data(), qsizetype(dict.size()));
    return result;
}

NpyArray NpyArray::parse(const QByteArray& bytes, const std::string& file, const std::string& entry)
{
    auto fail = [&](const std::string& problem) -> void { throw ProjectError(file, entry + ": " + problem); };
    NpyArray array;
    array.m_file = file;
    array.m_entry = entry;
    if (!bytes.startsWith(kMagic) || bytes.size() < 10)
        fail("not a NumPy .npy array");
    const auto major = std::uint8_t(bytes[6]);
    qsizetype headerLength = 0;
    qsizetype start = 0;
    if (major == 1) {
        headerLength = qsizetype(std::uint8_t(bytes[8])) | qsizetype(std::uint8_t(bytes[9])) << 8;
        start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            fail("truncated .npy header");
        headerLength = 0;
        for (int b = 0; b < 4; ++b)
            headerLength |= qsizetype(std::uint8_t(bytes[8 + b])) << (8 * b);
        start = 12;
    } else {
        fail("unsupported .npy version " + std::to_string(major));
    }
    if (start + headerLength > bytes.size())
        fail("truncated .npy header");
    const QString dict = QString::fromUtf8(bytes.constData() + start, headerLength);
    static const QRegularExpression descrPattern(QStringLiteral("'descr'\\s*:\\s*'([^']*)'"));
    static const QRegularExpression orderPattern(QStringLiteral("'fortran_order'\\s*:\\s*(True|False)"));
    static const QRegularExpression shapePattern(QStringLiteral("'shape'\\s*:\\s*\\(([^)]*)\\)"));
    const auto descr = descrPattern.match(dict);
    const auto order = orderPattern.match(dict);
    const auto shape = shapePattern.match(dict);
    if (!descr.hasMatch() || !order.hasMatch() || !shape.hasMatch())
        fail("unreadable .npy header: " + dict.trimmed().toStdString());
    array.m_descr = descr.captured(1).toStdString();
    array.m_fortranOrder = order.captured(1) == QLatin1String("True");
    for (const QString& part : shape.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong d = part.trimmed().toLongLong(&ok);
        if (!ok || d < 0)
            fail("unreadable .npy shape (" + shape.captured(1).toStdString() + ")");
        array.m_shape.push_back(d);
    }
    array.m_bytes = bytes;
    array.m_dataOffset = start + headerLength;
    const std::size_t size = itemSize(array.m_descr);
    // Checked against the expected dtype later; here only that the data is all there.
    if (size > 0) {
        const auto need = std::uint64_t(array.elementCount()) * size;
        const auto have = std::uint64_t(bytes.size() - array.m_dataOffset);
        if (have < need)
            fail("truncated .npy data: " + std::to_string(have) + " of " + std::to_string(need) + " bytes");
    }
    return array;
}

std::int64_t NpyArray::elementCount() const
{
    std::int64_t n = 1;
    for (const std::int64_t d : m_shape)
        n *= d;
    return n;
}

std::string NpyArray::dtypeName(const std::string& descr)
{
    if (descr == "<f4")
        return "float32";
    if (descr == "<f8")
        return "float64";
    if (descr == "<f2")
        return "float16";
    if (descr == "<i4")
        return "int32";
    if (descr == "<i8")
        return "int64";
    if (descr == "<i2")
        return "int16";
    if (descr == "|u1")
        return "uint8";
    if (descr == "|i1")
        return "int8";
    if (descr == "|b1")
        return "bool";
    return "'" + descr + "'";
}

void NpyArray::expect(const std::string& descr, const std::vector<std::int64_t>& shape) const
{
    bool matches = descr == m_descr && shape.size() == m_shape.size();
    for (std::size_t i = 0; matches && i < shape.size(); ++i)
        matches = shape[i] < 0 || shape[i] == m_shape[i];
    if (!matches)
        throw ProjectError(m_file, m_entry + ": expected " + dtypeName(descr) + " " + shapeText(shape, &m_shape) +
                                       ", found " + dtypeName(m_descr) + " " + shapeText(m_shape));
    if (m_fortranOrder && m_shape.size() > 1)
        throw ProjectError(m_file, m_entry + ": expected C order, found Fortran order");
}

void NpyArray::copyTo(void* out, std::size_t bytes) const
{
    if (std::uint64_t(bytes) > std::uint64_t(m_bytes.size() - m_dataOffset))
        throw ProjectError(m_file, m_entry + ": truncated .npy data");
    if (bytes > 0)
        std::memcpy(out, m_bytes.constData() + m_dataOffset, bytes);
}

} // namespace mlps
