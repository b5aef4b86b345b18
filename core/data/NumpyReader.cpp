#include "data/NumpyReader.h"

#include "data/BilinearResize.h"
#include "data/ClassNames.h"
#include "data/DataError.h"
#include "data/FileChecks.h"
#include "data/MessageText.h"
#include "data/PartFile.h"
#include "data/TextCase.h"

#include <QFile>
#include <QString>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <quazipnewinfo.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string_view>
#include <system_error>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// The .npy magic string; then a major and a minor version byte.
constexpr std::array<std::uint8_t, 6> kMagic = {0x93, 'N', 'U', 'M', 'P', 'Y'};
// numpy writes headers of a few hundred bytes; anything near this is not a .npy.
constexpr std::uint32_t kMaxHeaderBytes = 1u << 20;
// Data is read and converted in pieces of about this size.
constexpr std::size_t kChunkBytes = std::size_t(4) << 20;
// Integer labels from this on are not class numbers.
constexpr std::int64_t kMaxClasses = 10000;
// Sanity limit on an image side.
constexpr std::int64_t kMaxSide = 4096;
// Names of an array of class names in an .npz (writeNpz writes the first).
const char* const kClassNameArrays[] = {"class_names", "classes", "label_names", "target_names"};

std::string plural(std::uint64_t n, const char* one, const char* many)
{
    return withSeparators(n) + " " + (n == 1 ? one : many);
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

std::string fileNameOf(const std::string& path) { return fs::path(path).filename().string(); }

// Where a problem is: the file DataError names and, in an .npz, the array.
struct Place {
    std::string path;
    std::string array; // "'x_train'"; empty for a .npy file

    [[noreturn]] void fail(const std::string& problem) const
    {
        throw DataError(path, array.empty() ? problem : "array " + array + ": " + problem);
    }
};

// An element type, from the header's 'descr': a byte-order character ('<'
// little, '>' big, '|' not applicable, '=' native), a kind and a size.
struct DType {
    std::string descr;
    char kind = 0;     // 'b' bool, 'u' unsigned, 'i' signed, 'f' float, 'U' unicode, 'S' bytes
    int size = 0;      // bytes per element
    bool swap = false; // stored in the other byte order than this machine's

    bool numeric() const { return kind == 'b' || kind == 'u' || kind == 'i' || kind == 'f'; }
    bool text() const { return kind == 'U' || kind == 'S'; }

    // numpy's name for it: "uint8", "float32", "bool", "<U5".
    std::string name() const
    {
        switch (kind) {
        case 'b': return "bool";
        case 'u': return "uint" + std::to_string(size * 8);
        case 'i': return "int" + std::to_string(size * 8);
        case 'f': return "float" + std::to_string(size * 8);
        default: return descr;
        }
    }
};

DType parseDescr(const std::string& descr, const Place& place)
{
    DType type;
    type.descr = descr;
    std::string_view text = descr;
    char order = '|';
    if (!text.empty() && std::strchr("<>|=", text.front())) {
        order = text.front();
        text.remove_prefix(1);
    }
    if (text.empty())
        place.fail("unreadable header: empty dtype");
    const char kind = text.front();
    text.remove_prefix(1);
    int count = 0;
    for (const char c : text) {
        if (c < '0' || c > '9' || count > 100000)
            place.fail("unsupported dtype '" + descr + "'");
        count = count * 10 + (c - '0');
    }
    const std::string unsupported = "unsupported dtype '" + descr + "' (";
    const std::string numericOnly = "): only integer, float, bool and string arrays can be read";
    switch (kind) {
    case 'b':
    case '?':
        if (count != 1 && !text.empty())
            place.fail("unsupported dtype '" + descr + "'");
        type.kind = 'b';
        type.size = 1;
        break;
    case 'u':
    case 'i':
        if (count != 1 && count != 2 && count != 4 && count != 8)
            place.fail("unsupported dtype '" + descr + "'");
        type.kind = kind;
        type.size = count;
        break;
    case 'f':
        if (count != 2 && count != 4 && count != 8)
            place.fail(unsupported + "float" + std::to_string(count * 8) + numericOnly);
        type.kind = 'f';
        type.size = count;
        break;
    case 'U':
        if (count < 1)
            place.fail("unsupported dtype '" + descr + "'");
        type.kind = 'U';
        type.size = 4 * count; // UCS-4 code units
        break;
    case 'S':
    case 'a':
        if (count < 1)
            place.fail("unsupported dtype '" + descr + "'");
        type.kind = 'S';
        type.size = count;
        break;
    case 'O':
        place.fail("holds Python objects (dtype 'O'), which can only be read by unpickling them; save the array "
                   "with a numeric dtype (e.g. np.save(path, a.astype(np.uint8)))");
    case 'c': place.fail(unsupported + "complex numbers" + numericOnly);
    case 'M':
    case 'm': place.fail(unsupported + "dates or times" + numericOnly);
    case 'V': place.fail(unsupported + "raw bytes or records" + numericOnly);
    default: place.fail("unsupported dtype '" + descr + "'");
    }
    // '=' is this machine's order; '|' is for single bytes (and byte strings).
    const bool little = std::endian::native == std::endian::little;
    type.swap = type.kind != 'S' && type.size > 1 && ((order == '>' && little) || (order == '<' && !little));
    return type;
}

struct NpyHeader {
    int major = 0;
    int minor = 0;
    DType dtype;
    std::vector<std::int64_t> shape;
    bool fortran = false;
    std::uint64_t dataOffset = 0; // the header's size: where the data starts
    std::uint64_t elements = 1;

    std::uint64_t dataBytes() const { return elements * std::uint64_t(dtype.size); }
    int ndim() const { return int(shape.size()); }
    std::int64_t length() const { return shape.empty() ? 0 : shape.front(); }

    // numpy-like: "60000x28x28", "60000", "()" for a scalar.
    std::string shapeText() const
    {
        if (shape.empty())
            return "()";
        std::string text;
        for (const std::int64_t d : shape)
            text += (text.empty() ? "" : "x") + std::to_string(d);
        return text;
    }
    std::string describe() const { return shapeText() + " " + dtype.name(); }
};

// The header's dict literal, e.g. {'descr': '<f4', 'fortran_order': False,
// 'shape': (60000, 28, 28), } (Python 2 numpy wrote longs: (60000L, 28L)).
class HeaderParser {
public:
    HeaderParser(std::string_view text, const Place& place)
        : m_text(text)
        , m_place(place)
    {
    }

    void parse(NpyHeader& header)
    {
        bool haveDescr = false;
        bool haveOrder = false;
        bool haveShape = false;
        expect('{');
        while (true) {
            skipSpace();
            if (take('}'))
                break;
            const std::string key = string();
            expect(':');
            skipSpace();
            if (key == "descr") {
                if (peek() == '[')
                    m_place.fail("holds a structured array (a dtype with named fields), which is not supported; "
                                 "save the images and the labels as separate arrays");
                header.dtype = parseDescr(string(), m_place);
                haveDescr = true;
            } else if (key == "fortran_order") {
                header.fortran = boolean();
                haveOrder = true;
            } else if (key == "shape") {
                header.shape = tuple();
                haveShape = true;
            } else {
                skipValue();
            }
            skipSpace();
            if (take(','))
                continue;
            expect('}');
            break;
        }
        if (!haveDescr || !haveOrder || !haveShape)
            bad(std::string("it has no '") + (!haveDescr ? "descr" : !haveOrder ? "fortran_order" : "shape") + "'");
    }

private:
    [[noreturn]] void bad(const std::string& what) const
    {
        m_place.fail("not a valid .npy header (" + what + "): \"" + std::string(m_text.substr(0, 80)) + "\"");
    }
    void skipSpace()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    void expect(char c)
    {
        skipSpace();
        if (!take(c))
            bad(std::string("expected '") + c + "'");
    }
    std::string string()
    {
        skipSpace();
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            bad("expected a quoted string");
        const std::size_t end = m_text.find(quote, m_at + 1);
        if (end == std::string_view::npos)
            bad("unterminated string");
        std::string value(m_text.substr(m_at + 1, end - m_at - 1));
        m_at = end + 1;
        return value;
    }
    bool boolean()
    {
        if (m_text.substr(m_at).starts_with("True")) {
            m_at += 4;
            return true;
        }
        if (m_text.substr(m_at).starts_with("False")) {
            m_at += 5;
            return false;
        }
        bad("fortran_order is neither True nor False");
    }
    std::vector<std::int64_t> tuple()
    {
        if (!take('('))
            bad("shape is not a tuple");
        std::vector<std::int64_t> dims;
        while (true) {
            skipSpace();
            if (take(')'))
                return dims;
            std::int64_t value = 0;
            int digits = 0;
            while (peek() >= '0' && peek() <= '9') {
                if (value > (std::int64_t(1) << 48))
                    bad("a dimension is implausibly large");
                value = value * 10 + (m_text[m_at++] - '0');
                ++digits;
            }
            if (digits == 0)
                bad("a dimension is not a non-negative integer");
            if (peek() == 'L' || peek() == 'l') // Python 2 long
                ++m_at;
            dims.push_back(value);
            skipSpace();
            if (take(','))
                continue;
            if (!take(')'))
                bad("expected ',' or ')' in the shape");
            return dims;
        }
    }
    // Skips a value of a key numpy does not write: up to the next ',' or '}' outside brackets and quotes.
    void skipValue()
    {
        int depth = 0;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '\'' || c == '"') {
                string();
                continue;
            }
            if (c == '(' || c == '[' || c == '{')
                ++depth;
            else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0)
                    return;
                --depth;
            } else if (c == ',' && depth == 0)
                return;
            ++m_at;
        }
    }

    std::string_view m_text;
    const Place& m_place;
    std::size_t m_at = 0;
};

// Reads up to n bytes; fewer only at the end of the data. -1 on a read error.
qint64 readFully(QIODevice& device, char* data, qint64 n)
{
    qint64 done = 0;
    while (done < n) {
        const qint64 got = device.read(data + done, n - done);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += got;
    }
    return done;
}

std::string readError(QIODevice& device)
{
    if (const auto* entry = qobject_cast<QuaZipFile*>(&device))
        return "corrupt compressed data (zip error " + std::to_string(entry->getZipError()) + ")";
    return "cannot read: " + device.errorString().toStdString();
}

// What a file that is not a .npy seems to be instead.
std::string notNpy(const std::uint8_t* bytes, qint64 got)
{
    std::string problem = "not a NumPy .npy file (it does not start with \\x93NUMPY)";
    if (got >= 2 && bytes[0] == 0x80 && bytes[1] >= 2 && bytes[1] <= 5)
        problem += "; it looks like a Python pickle: save the arrays with np.save or np.savez instead";
    else if (got >= 2 && bytes[0] == 'P' && bytes[1] == 'K')
        problem += "; it is a zip archive";
    else if (got == 0)
        problem = "the file is empty";
    return problem;
}

NpyHeader parseNpyHeader(QIODevice& device, const Place& place)
{
    std::array<std::uint8_t, 12> prefix{};
    qint64 got = readFully(device, reinterpret_cast<char*>(prefix.data()), 10);
    if (got < 0)
        place.fail(readError(device));
    if (got < qint64(kMagic.size()) || !std::equal(kMagic.begin(), kMagic.end(), prefix.begin()))
        place.fail(notNpy(prefix.data(), got));
    if (got < 10)
        place.fail("truncated: the .npy header is cut short");
    NpyHeader header;
    header.major = prefix[6];
    header.minor = prefix[7];
    // Version 1.0: a 2-byte header length; 2.0 and 3.0 (UTF-8 header): 4 bytes.
    std::uint32_t length = 0;
    std::uint64_t offset = 0;
    if (header.major == 1) {
        length = std::uint32_t(prefix[8]) | std::uint32_t(prefix[9]) << 8;
        offset = 10;
    } else if (header.major == 2 || header.major == 3) {
        got = readFully(device, reinterpret_cast<char*>(prefix.data()) + 10, 2);
        if (got != 2)
            place.fail(got < 0 ? readError(device) : "truncated: the .npy header is cut short");
        length = std::uint32_t(prefix[8]) | std::uint32_t(prefix[9]) << 8 | std::uint32_t(prefix[10]) << 16 |
                 std::uint32_t(prefix[11]) << 24;
        offset = 12;
    } else {
        place.fail("unsupported .npy format version " + std::to_string(header.major) + "." +
                   std::to_string(header.minor) + " (versions 1.0, 2.0 and 3.0 can be read)");
    }
    if (length > kMaxHeaderBytes)
        place.fail("implausible .npy header length " + withSeparators(length));
    std::string text(length, '\0');
    got = readFully(device, text.data(), qint64(length));
    if (got != qint64(length))
        place.fail(got < 0 ? readError(device) : "truncated: the .npy header is cut short");
    HeaderParser(text, place).parse(header);
    header.dataOffset = offset + length;

    // The element count, guarding against a product that overflows.
    for (const std::int64_t d : header.shape) {
        if (d != 0 && header.elements > (std::uint64_t(1) << 50) / std::uint64_t(d))
            place.fail("implausible shape " + header.shapeText());
        header.elements *= std::uint64_t(d);
    }
    // C and Fortran order are the same memory for fewer than two dimensions.
    if (header.fortran && header.ndim() >= 2)
        place.fail("is stored in Fortran (column-major) order (fortran_order: True), which is not supported; save "
                   "it in C order: np.save(path, np.ascontiguousarray(a))");
    return header;
}

// One array of a .npy file or an .npz entry, with its header read.
struct ArraySource {
    std::string name;   // as notes and messages say it: "'x_train'" or "x.npy"
    Place place;
    std::uint64_t storedBytes = 0; // header + data as stored: the file or entry size
    std::function<std::unique_ptr<QIODevice>()> open; // a fresh device at the start of the .npy
    NpyHeader header;
    std::exception_ptr error; // why the header could not be read (an .npz entry that is not used may be broken)

    void readHeader()
    {
        const std::unique_ptr<QIODevice> device = open();
        header = parseNpyHeader(*device, place);
    }
};

// The data of an array, read front to back; every short read is an error
// that says how much was there.
class DataStream {
public:
    explicit DataStream(const ArraySource& source)
        : m_source(source)
    {
        const NpyHeader& header = source.header;
        const std::uint64_t available =
            source.storedBytes > header.dataOffset ? source.storedBytes - header.dataOffset : 0;
        if (available < header.dataBytes())
            truncated(available);
        m_device = source.open();
        // Skip the header: seek in a file, read past it in a zip entry.
        if (!m_device->isSequential()) {
            if (!m_device->seek(qint64(header.dataOffset)))
                source.place.fail(readError(*m_device));
        } else {
            std::array<char, 4096> scratch{};
            std::uint64_t left = header.dataOffset;
            while (left > 0) {
                const qint64 n = qint64(std::min<std::uint64_t>(left, scratch.size()));
                if (readFully(*m_device, scratch.data(), n) != n)
                    source.place.fail(readError(*m_device));
                left -= std::uint64_t(n);
            }
        }
    }

    // Reads the next n bytes of the data.
    void read(std::uint8_t* data, std::size_t n)
    {
        const qint64 got = readFully(*m_device, reinterpret_cast<char*>(data), qint64(n));
        if (got < 0)
            m_source.place.fail(readError(*m_device));
        m_done += std::uint64_t(got);
        if (std::size_t(got) < n)
            truncated(m_done);
    }

    // After the last read: a zip entry checks its CRC-32 when closed.
    void finish()
    {
        if (auto* entry = qobject_cast<QuaZipFile*>(m_device.get())) {
            entry->close();
            if (entry->getZipError() != UNZ_OK)
                m_source.place.fail("the archive is damaged: CRC-32 mismatch or unreadable data (zip error " +
                                    std::to_string(entry->getZipError()) + ")");
        }
    }

private:
    [[noreturn]] void truncated(std::uint64_t available) const
    {
        const NpyHeader& header = m_source.header;
        m_source.place.fail("truncated: the header says " + header.describe() + " (" +
                            plural(header.dataBytes(), "byte", "bytes") + " of data) but only " +
                            plural(available, "byte follows", "bytes follow"));
    }

    const ArraySource& m_source;
    std::unique_ptr<QIODevice> m_device;
    std::uint64_t m_done = 0;
};

// Calls chunk(data, bytes, firstElement) with the whole data in pieces of whole elements.
template <typename Chunk>
void forEachChunk(const ArraySource& source, const LoadOptions* options, Chunk&& chunk)
{
    const std::size_t element = std::size_t(source.header.dtype.size);
    const std::size_t piece = std::max<std::size_t>(element, kChunkBytes / element * element);
    std::vector<std::uint8_t> buffer(std::min<std::uint64_t>(piece, source.header.dataBytes()));
    DataStream stream(source);
    std::uint64_t done = 0;
    while (done < source.header.dataBytes()) {
        if (options && options->cancelled())
            throw LoadCancelled();
        const std::size_t n = std::size_t(std::min<std::uint64_t>(piece, source.header.dataBytes() - done));
        stream.read(buffer.data(), n);
        chunk(buffer.data(), n, done / element);
        done += n;
    }
    stream.finish();
}

// IEEE 754 half precision to float.
float halfToFloat(std::uint16_t bits)
{
    const std::uint32_t sign = std::uint32_t(bits & 0x8000) << 16;
    const int exponent = (bits >> 10) & 0x1f;
    const std::uint32_t mantissa = bits & 0x3ff;
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
        const float value = std::ldexp(float(mantissa), -24);
        return sign ? -value : value;
    }
    std::uint32_t out = 0;
    if (exponent == 31) // infinity or NaN
        out = sign | 0x7f800000u | (mantissa << 13);
    else
        out = sign | (std::uint32_t(exponent - 15 + 127) << 23) | (mantissa << 13);
    return std::bit_cast<float>(out);
}

struct Half {
    std::uint16_t bits;
};

template <typename T>
T loadElement(const std::uint8_t* p, bool swap)
{
    std::array<std::uint8_t, sizeof(T)> bytes;
    std::memcpy(bytes.data(), p, sizeof(T));
    if (swap)
        std::reverse(bytes.begin(), bytes.end());
    T value;
    std::memcpy(&value, bytes.data(), sizeof(T));
    return value;
}

template <typename T>
double asDouble(T value)
{
    if constexpr (std::is_same_v<T, Half>)
        return double(halfToFloat(value.bits));
    else
        return double(value);
}

// Calls f(T{}) with the C++ type of a numeric dtype.
template <typename F>
void withNumericType(const DType& type, F&& f)
{
    switch (type.kind) {
    case 'b':
    case 'u':
        switch (type.size) {
        case 1: return f(std::uint8_t{});
        case 2: return f(std::uint16_t{});
        case 4: return f(std::uint32_t{});
        default: return f(std::uint64_t{});
        }
    case 'i':
        switch (type.size) {
        case 1: return f(std::int8_t{});
        case 2: return f(std::int16_t{});
        case 4: return f(std::int32_t{});
        default: return f(std::int64_t{});
        }
    default:
        switch (type.size) {
        case 2: return f(Half{});
        case 4: return f(float{});
        default: return f(double{});
        }
    }
}

// Calls visit(first, values, n) with the elements of a numeric array as
// doubles, a chunk at a time (values[k] is element first + k).
template <typename Visit>
void forEachValue(const ArraySource& source, const LoadOptions* options, Visit&& visit)
{
    const DType& type = source.header.dtype;
    std::vector<double> values;
    withNumericType(type, [&](auto tag) {
        using T = decltype(tag);
        forEachChunk(source, options, [&](const std::uint8_t* data, std::size_t bytes, std::uint64_t first) {
            const std::size_t n = bytes / sizeof(T);
            values.resize(n);
            for (std::size_t i = 0; i < n; ++i)
                values[i] = asDouble(loadElement<T>(data + i * sizeof(T), type.swap));
            visit(first, values.data(), n);
        });
    });
}

struct Images {
    std::vector<std::uint8_t> pixels;
    std::int64_t count = 0;
    int width = 0;
    int height = 0;
    std::string conversion;
};

// The images' count and size from the shape (see the class comment).
void imageShape(const ArraySource& source, const LoadOptions& options, Images& images)
{
    const NpyHeader& header = source.header;
    const std::vector<std::int64_t>& shape = header.shape;
    const std::string shapeNote = "has shape (" + header.shapeText() + ")";
    if (!header.dtype.numeric())
        source.place.fail("holds " + header.dtype.name() + " strings, not image pixels");
    if (header.ndim() < 2 || header.ndim() > 4)
        source.place.fail(shapeNote + ": expected images as N x H x W, N x H*W or N x H x W x 1");
    images.count = shape[0];
    if (images.count == 0)
        source.place.fail("holds no images (shape " + header.shapeText() + ")");
    std::int64_t height = 0;
    std::int64_t width = 0;
    if (header.ndim() == 2) {
        const std::int64_t pixels = shape[1];
        const auto side = std::int64_t(std::llround(std::sqrt(double(pixels))));
        if (side * side == pixels) {
            height = width = side;
        } else if (std::int64_t(options.width) * options.height == pixels) {
            height = options.height;
            width = options.width;
        } else {
            source.place.fail(shapeNote + ": " + std::to_string(pixels) +
                              " pixels per image is not a square image (784 would be 28x28); save the images as "
                              "N x H x W");
        }
    } else if (header.ndim() == 3) {
        height = shape[1];
        width = shape[2];
    } else if (shape[3] == 1) { // N x H x W x 1 (channels last)
        height = shape[1];
        width = shape[2];
    } else if (shape[1] == 1) { // N x 1 x H x W (channels first): the same bytes
        height = shape[2];
        width = shape[3];
    } else {
        source.place.fail(shapeNote + ": " + std::to_string(std::min(shape[1], shape[3])) +
                          " channels; only grayscale images (one channel) are supported");
    }
    if (height < 1 || width < 1 || height > kMaxSide || width > kMaxSide)
        source.place.fail(shapeNote + ": images of " + std::to_string(height) + "x" + std::to_string(width) +
                          " pixels are not supported");
    images.height = int(height);
    images.width = int(width);
}

Images readImages(const ArraySource& source, const LoadOptions& options)
{
    Images images;
    imageShape(source, options, images);
    const NpyHeader& header = source.header;
    const DType& type = header.dtype;
    const std::uint64_t features = std::uint64_t(images.width) * std::uint64_t(images.height);
    try {
        images.pixels.resize(header.elements);
    } catch (const std::bad_alloc&) {
        source.place.fail("not enough memory for " + plural(std::uint64_t(images.count), "image", "images"));
    }
    auto progress = [&](std::uint64_t elementsDone) {
        if (options.progress)
            options.progress({std::int64_t(elementsDone / features), images.count, "reading"});
    };
    progress(0);
    std::vector<std::string> conversions;
    const std::string typeName = type.name();

    if (type.size == 1 && (type.kind == 'u' || type.kind == 'b')) {
        // Bytes: read straight into place.
        DataStream stream(source);
        for (std::uint64_t done = 0; done < header.elements;) {
            if (options.cancelled())
                throw LoadCancelled();
            const std::size_t n = std::size_t(std::min<std::uint64_t>(kChunkBytes, header.elements - done));
            stream.read(images.pixels.data() + done, n);
            done += n;
            progress(done);
        }
        stream.finish();
        if (type.kind == 'b') {
            for (std::uint8_t& v : images.pixels)
                v = v ? 255 : 0;
            conversions.push_back("bool pixels read as 0 and 255");
        }
    } else if (type.kind != 'f') {
        // Other integers: 0..255 each.
        forEachValue(source, &options, [&](std::uint64_t first, const double* values, std::size_t n) {
            for (std::size_t k = 0; k < n; ++k) {
                if (values[k] < 0.0 || values[k] > 255.0)
                    source.place.fail("pixel value " + number(values[k]) + " of image " +
                                      withSeparators((first + k) / features) +
                                      " is out of range: integer pixels must be 0..255");
                images.pixels[first + k] = std::uint8_t(values[k]);
            }
            progress(first + n);
        });
    } else {
        // Floats: the range decides the scale, so a first pass finds it.
        double lowest = std::numeric_limits<double>::infinity();
        double highest = -lowest;
        forEachValue(source, &options, [&](std::uint64_t first, const double* values, std::size_t n) {
            // Written so that the loop vectorises: NaN compares false, infinities show in low / high.
            double low = lowest;
            double high = highest;
            int nan = 0;
            for (std::size_t k = 0; k < n; ++k) {
                const double v = values[k];
                low = v < low ? v : low;
                high = v > high ? v : high;
                nan |= v != v;
            }
            if (nan || std::isinf(low) || std::isinf(high)) {
                const auto k = std::size_t(std::find_if(values, values + n, [](double v) { return !std::isfinite(v); }) -
                                           values);
                source.place.fail("pixel " + std::to_string((first + k) % features) + " of image " +
                                  withSeparators((first + k) / features) + " is " + number(values[k]) +
                                  ": pixels must be finite numbers");
            }
            lowest = low;
            highest = high;
            progress((first + n) / 2); // the first of two passes
        });
        // A little slack around each range for rounding noise.
        constexpr double kSlack = 0.01;
        double scale = 255.0;
        double shift = 0.0;
        std::string range;
        if (lowest >= -kSlack && highest <= 1.5) {
            range = "0..1: scaled to 0..255";
        } else if (lowest >= -kSlack && highest <= 255.0 + 0.5) {
            scale = 1.0;
            range = "0..255: rounded to integers";
        } else if (lowest >= -0.5 - kSlack && highest <= 0.5 + kSlack) {
            // The notMNIST assignment's normalisation, (pixel - 255 / 2) / 255.
            shift = 127.5;
            range = "-0.5..0.5, as (pixel - 127.5) / 255: mapped back to 0..255";
        } else {
            source.place.fail(typeName + " pixels range from " + number(lowest) + " to " + number(highest) +
                              ": expected 0..1, 0..255 or -0.5..0.5");
        }
        forEachValue(source, &options, [&](std::uint64_t first, const double* values, std::size_t n) {
            std::uint8_t* out = images.pixels.data() + first;
            // Rounding half up, as lround does for these non-negative values.
            for (std::size_t k = 0; k < n; ++k) {
                double v = values[k] * scale + shift;
                v = v < 0.0 ? 0.0 : v;
                v = v > 255.0 ? 255.0 : v;
                out[k] = std::uint8_t(int(v + 0.5));
            }
            progress((header.elements + first + n) / 2);
        });
        conversions.push_back(typeName + " pixels from " + number(lowest) + " to " + number(highest) + " read as " +
                              range);
    }
    progress(header.elements);

    // Black-and-white images stored as 0 and 1.
    if (type.kind != 'b' && type.kind != 'f' &&
        *std::max_element(images.pixels.begin(), images.pixels.end()) == 1) {
        for (std::uint8_t& v : images.pixels)
            v = std::uint8_t(v * 255);
        conversions.push_back("pixel values are all 0 or 1: read as black and white (0 and 255)");
    }

    if (options.width > 0 && options.height > 0 && (images.width != options.width || images.height != options.height)) {
        const BilinearResize resize(images.width, images.height, options.width, options.height);
        images.pixels = resize.resizeAll(images.pixels, images.count);
        conversions.push_back(plural(std::uint64_t(images.count), "image", "images") + " of " +
                              std::to_string(images.width) + "x" + std::to_string(images.height) + " resized to " +
                              std::to_string(options.width) + "x" + std::to_string(options.height) + " (bilinear)");
        images.width = options.width;
        images.height = options.height;
    }
    for (const std::string& text : conversions)
        images.conversion += (images.conversion.empty() ? "" : "; ") + text;
    return images;
}

// The elements of a 1-dimensional string array, as UTF-8.
std::vector<std::string> readStrings(const ArraySource& source)
{
    const DType& type = source.header.dtype;
    std::vector<std::string> strings;
    strings.reserve(std::size_t(source.header.elements));
    forEachChunk(source, nullptr, [&](const std::uint8_t* data, std::size_t bytes, std::uint64_t) {
        for (std::size_t at = 0; at < bytes; at += std::size_t(type.size)) {
            if (type.kind == 'S') { // bytes, NUL-padded
                std::size_t n = std::size_t(type.size);
                while (n > 0 && data[at + n - 1] == 0)
                    --n;
                strings.emplace_back(reinterpret_cast<const char*>(data + at), n);
            } else { // UCS-4 code points, NUL-padded
                std::vector<char32_t> points;
                for (std::size_t k = 0; k < std::size_t(type.size); k += 4) {
                    const auto point = loadElement<std::uint32_t>(data + at + k, type.swap);
                    points.push_back(char32_t(point));
                }
                while (!points.empty() && points.back() == 0)
                    points.pop_back();
                strings.push_back(QString::fromUcs4(points.data(), qsizetype(points.size())).toStdString());
            }
        }
    });
    return strings;
}

struct Labels {
    std::vector<std::int32_t> values;
    std::vector<std::string> names; // when the labels are strings
    std::int64_t classes = 0;
};

Labels readLabels(const ArraySource& source)
{
    const NpyHeader& header = source.header;
    const std::string shapeNote = "has shape (" + header.shapeText() + ")";
    if (header.ndim() == 2 && header.shape[1] > 1)
        source.place.fail(shapeNote + ": expected one label per image (shape (N,)); for one-hot labels save "
                                      "np.argmax(y, axis=1)");
    if (header.ndim() != 1 && !(header.ndim() == 2 && header.shape[1] == 1))
        source.place.fail(shapeNote + ": expected one label per image (shape (N,))");

    Labels labels;
    labels.values.resize(std::size_t(header.length()));
    if (header.dtype.text()) {
        // Class names: numbered in sorted order.
        const std::vector<std::string> strings = readStrings(source);
        std::vector<std::string> sorted = strings;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        for (std::size_t i = 0; i < strings.size(); ++i) {
            if (strings[i].empty())
                source.place.fail("the label of image " + withSeparators(i) + " is an empty string");
            labels.values[i] =
                std::int32_t(std::lower_bound(sorted.begin(), sorted.end(), strings[i]) - sorted.begin());
        }
        labels.names = std::move(sorted);
        labels.classes = std::int64_t(labels.names.size());
        if (labels.classes < 2)
            source.place.fail(tooFewClasses("'" + labels.names.front() + "'"));
        return labels;
    }

    std::int64_t largest = -1;
    forEachValue(source, nullptr, [&](std::uint64_t first, const double* values, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k) {
            const double value = values[k];
            if (!std::isfinite(value) || value != std::floor(value) || value < 0 || value >= double(kMaxClasses)) {
                const std::string label = "label " + number(value) + " (image " + withSeparators(first + k) + ")";
                if (!std::isfinite(value) || value != std::floor(value))
                    source.place.fail(label + " is not a whole number");
                if (value < 0)
                    source.place.fail(label + " is negative; labels must be class numbers from 0");
                source.place.fail(label + " is too large for a class number (at most " +
                                  withSeparators(kMaxClasses - 1) + ")");
            }
            labels.values[first + k] = std::int32_t(value);
            largest = std::max(largest, std::int64_t(value));
        }
    });
    labels.classes = largest + 1;
    if (labels.classes < 2)
        source.place.fail(tooFewClasses(std::to_string(largest)));
    return labels;
}

// Which arrays of an .npz hold the images and the labels, and what to say about the rest.
struct Choice {
    const ArraySource* images = nullptr;
    const ArraySource* labels = nullptr;
    const ArraySource* classNames = nullptr;
    std::vector<std::string> notes;
};

struct NamedPair {
    const char* images;
    const char* labels;
    const char* role; // what such a pair usually is: "training", "test", "validation"
};

// Conventional names of image/label pairs (Keras' mnist.load_data() saved
// with np.savez, MedMNIST's train_images/train_labels, scikit-learn's
// data/target), in order of preference; matched without regard to case.
const NamedPair kPairs[] = {
    {"x", "y", ""},
    {"images", "labels", ""},
    {"x_train", "y_train", "training"},
    {"train_images", "train_labels", "training"},
    {"train_x", "train_y", "training"},
    {"data", "target", ""},
    {"data", "labels", ""},
    {"features", "labels", ""},
    {"x_test", "y_test", "test"},
    {"test_images", "test_labels", "test"},
    {"test_x", "test_y", "test"},
    {"x_val", "y_val", "validation"},
    {"x_valid", "y_valid", "validation"},
    {"x_validation", "y_validation", "validation"},
    {"val_images", "val_labels", "validation"},
};

const ArraySource* findArray(const std::vector<ArraySource>& arrays, const std::string& lowerName)
{
    for (const ArraySource& a : arrays) {
        if (lowercase(a.place.array.substr(1, a.place.array.size() - 2)) == lowerName)
            return &a;
    }
    return nullptr;
}

bool usable(const ArraySource& a) { return !a.error; }

// "'x' (60000x28x28 uint8), 'y' (60000 uint8), 'meta' (unreadable)".
std::string listArrays(const std::vector<ArraySource>& arrays)
{
    std::string text;
    for (const ArraySource& a : arrays)
        text += (text.empty() ? "" : ", ") + a.name + " (" + (usable(a) ? a.header.describe() : "unreadable") + ")";
    return text;
}

Choice chooseArrays(const std::string& path, const std::vector<ArraySource>& arrays)
{
    Choice choice;
    for (const char* name : kClassNameArrays) {
        const ArraySource* a = findArray(arrays, name);
        if (a && usable(*a) && a->header.dtype.text() && a->header.ndim() == 1) {
            choice.classNames = a;
            break;
        }
    }

    // By name: the first conventional pair present.
    const NamedPair* used = nullptr;
    for (const NamedPair& pair : kPairs) {
        const ArraySource* images = findArray(arrays, pair.images);
        const ArraySource* labels = findArray(arrays, pair.labels);
        if (images && labels) {
            choice.images = images;
            choice.labels = labels;
            used = &pair;
            break;
        }
    }
    if (used) {
        for (const NamedPair& pair : kPairs) {
            const ArraySource* images = findArray(arrays, pair.images);
            const ArraySource* labels = findArray(arrays, pair.labels);
            if (&pair == used || !images || !labels || images == choice.images || labels == choice.labels)
                continue;
            const std::string count =
                usable(*images) && images->header.ndim() >= 1
                    ? plural(std::uint64_t(images->header.length()), "image", "images")
                    : std::string("unreadable");
            const std::string role = *pair.role ? std::string(", a ") + pair.role + " set" : std::string();
            choice.notes.push_back("the file also holds " + images->name + "/" + labels->name + " (" + count + role +
                                   "), which was not used");
        }
        return choice;
    }

    // Otherwise the one pair of an array of 2+ dimensions and a 1-dimensional one of the same length.
    std::vector<std::pair<const ArraySource*, const ArraySource*>> pairs;
    for (const ArraySource& images : arrays) {
        if (!usable(images) || images.header.ndim() < 2 || !images.header.dtype.numeric())
            continue;
        for (const ArraySource& labels : arrays) {
            if (!usable(labels) || &labels == choice.classNames || labels.header.ndim() != 1 ||
                labels.header.length() != images.header.length())
                continue;
            pairs.emplace_back(&images, &labels);
        }
    }
    if (pairs.size() == 1) {
        choice.images = pairs.front().first;
        choice.labels = pairs.front().second;
        return choice;
    }
    throw DataError(path, std::string("cannot tell which arrays hold the images and the labels") +
                              (pairs.empty() ? "" : " (" + std::to_string(pairs.size()) + " pairs would fit)") +
                              "; it holds " + listArrays(arrays) +
                              ". Name them x and y: np.savez(path, x=images, y=labels)");
}

LoadedDataset assemble(const std::string& path, const ArraySource& imagesSource, const ArraySource& labelsSource,
                       const ArraySource* classNamesSource, const LoadOptions& options, const std::string& format)
{
    // The labels first: they are small, and a count mismatch is found before the images are read.
    Labels labels = readLabels(labelsSource);
    if (imagesSource.header.ndim() >= 1 && imagesSource.header.length() != std::int64_t(labels.values.size())) {
        const std::string images = plural(std::uint64_t(imagesSource.header.length()), "image", "images");
        const std::string count = plural(labels.values.size(), "label", "labels");
        if (imagesSource.place.array.empty()) // two files
            throw DataError(imagesSource.place.path, "has " + images + " but " + labelsSource.name + " has " + count);
        throw DataError(path, "array " + imagesSource.name + " has " + images + " but " + labelsSource.name + " has " +
                                  count);
    }
    Images images = readImages(imagesSource, options);

    LoadedDataset result;
    Dataset& data = result.data;
    LoadReport& report = result.report;
    data.width = images.width;
    data.height = images.height;
    data.pixels = std::move(images.pixels);
    data.labels = std::move(labels.values);
    data.source = path;
    data.format = format;
    report.format = format;
    report.conversion = images.conversion;
    report.notes.push_back("images from " + imagesSource.name + " (" + imagesSource.header.describe() +
                           "), labels from " + labelsSource.name + " (" + labelsSource.header.describe() + ")");

    if (!labels.names.empty()) {
        data.classNames = std::move(labels.names);
        report.notes.push_back("labels are class names, numbered in sorted order");
    } else {
        data.classNames = defaultClassNames(path, int(labels.classes));
        if (classNamesSource) {
            std::vector<std::string> names = readStrings(*classNamesSource);
            if (std::int64_t(names.size()) >= labels.classes) {
                data.classNames = std::move(names);
                report.notes.push_back("class names from " + classNamesSource->name);
            } else {
                report.notes.push_back(classNamesSource->name + " has " + plural(names.size(), "name", "names") +
                                       " for " + std::to_string(labels.classes) + " classes; it was not used");
            }
        }
    }
    return result;
}

// A .npy file as an array source, its header read.
ArraySource fileSource(const std::string& path)
{
    requireFile(path);
    ArraySource source;
    std::error_code ec;
    source.name = fileNameOf(path);
    source.place.path = path;
    source.storedBytes = std::uint64_t(fs::file_size(path, ec));
    source.open = [path]() -> std::unique_ptr<QIODevice> {
        auto file = std::make_unique<QFile>(QString::fromStdString(path));
        if (!file->open(QIODevice::ReadOnly))
            throw DataError(path, "cannot open: " + file->errorString().toStdString());
        return file;
    };
    source.readHeader();
    return source;
}

LoadedDataset readNpz(const std::string& path, const LoadOptions& options)
{
    QuaZip zip(QString::fromStdString(path));
    if (!zip.open(QuaZip::mdUnzip))
        throw DataError(path, "not a readable zip archive: its directory is missing or damaged (zip error " +
                                  std::to_string(zip.getZipError()) + ")");
    const QList<QuaZipFileInfo64> entries = zip.getFileInfoList64();
    if (zip.getZipError() != UNZ_OK)
        throw DataError(path, "cannot list the archive (zip error " + std::to_string(zip.getZipError()) + ")");

    // np.savez names each entry "<array name>.npy".
    std::vector<ArraySource> arrays;
    std::vector<std::string> others;
    for (const QuaZipFileInfo64& info : entries) {
        const std::string entry = info.name.toStdString();
        if (entry.ends_with('/'))
            continue;
        if (!entry.ends_with(".npy")) {
            others.push_back(entry);
            continue;
        }
        ArraySource source;
        const std::string name = entry.substr(0, entry.size() - 4);
        source.name = "'" + name + "'";
        source.place = {path, source.name};
        source.storedBytes = info.uncompressedSize;
        const bool encrypted = info.isEncrypted();
        const int method = info.method;
        const QString entryName = info.name;
        const Place place = source.place;
        source.open = [&zip, entryName, encrypted, method, place]() -> std::unique_ptr<QIODevice> {
            if (encrypted)
                place.fail("is encrypted");
            if (method != 0 && method != Z_DEFLATED)
                place.fail("is compressed with method " + std::to_string(method) +
                           ", which cannot be read (only stored and deflated entries can)");
            if (!zip.setCurrentFile(entryName, QuaZip::csSensitive))
                place.fail("cannot find the entry (zip error " + std::to_string(zip.getZipError()) + ")");
            auto file = std::make_unique<QuaZipFile>(&zip);
            if (!file->open(QIODevice::ReadOnly))
                place.fail("cannot open the entry (zip error " + std::to_string(file->getZipError()) + ")");
            return file;
        };
        try {
            source.readHeader();
        } catch (const DataError&) {
            source.error = std::current_exception();
        }
        arrays.push_back(std::move(source));
    }
    if (arrays.empty()) {
        std::string found;
        for (std::size_t i = 0; i < others.size() && i < 3; ++i)
            found += (i ? ", " : "") + ("'" + others[i] + "'");
        if (others.size() > 3)
            found += ", ...";
        throw DataError(path, "is a zip archive but not a NumPy .npz: it has no .npy entries" +
                                  (others.empty() ? std::string(" (it is empty)")
                                                  : " (it holds " + plural(others.size(), "entry", "entries") + ": " +
                                                        found + ")"));
    }

    const Choice choice = chooseArrays(path, arrays);
    for (const ArraySource* chosen : {choice.images, choice.labels}) {
        if (chosen->error)
            std::rethrow_exception(chosen->error);
    }
    LoadedDataset result = assemble(path, *choice.images, *choice.labels, choice.classNames, options, "npz");
    result.report.notes.insert(result.report.notes.end(), choice.notes.begin(), choice.notes.end());
    return result;
}

// Partner names of images and labels files (see labelsPathCandidates).
struct PartnerRule {
    enum Where { Whole, Prefix, Suffix, Inside } where;
    const char* images;
    const char* labels;
};

const PartnerRule kPartnerRules[] = {
    {PartnerRule::Whole, "x", "y"},
    {PartnerRule::Whole, "X", "y"},
    {PartnerRule::Whole, "X", "Y"},
    {PartnerRule::Prefix, "x_", "y_"},
    {PartnerRule::Prefix, "X_", "y_"},
    {PartnerRule::Prefix, "X_", "Y_"},
    {PartnerRule::Suffix, "_x", "_y"},
    {PartnerRule::Suffix, "_X", "_y"},
    {PartnerRule::Suffix, "_X", "_Y"},
    {PartnerRule::Inside, "images", "labels"}, // any case; the case of each letter is kept
    {PartnerRule::Whole, "data", "labels"},
    {PartnerRule::Whole, "data", "target"},
};

// The partner paths of `path` under the rules, from images to labels or back.
std::vector<std::string> partners(const std::string& path, bool toLabels)
{
    const fs::path file(path);
    const std::string name = file.filename().string();
    const std::size_t dot = name.rfind('.');
    const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
    const std::string extension = dot == std::string::npos ? std::string() : name.substr(dot);
    std::vector<std::string> names;
    for (const PartnerRule& rule : kPartnerRules) {
        const std::string from = toLabels ? rule.images : rule.labels;
        const std::string to = toLabels ? rule.labels : rule.images;
        std::string partner;
        switch (rule.where) {
        case PartnerRule::Whole:
            if (stem == from)
                partner = to;
            break;
        case PartnerRule::Prefix:
            if (stem.size() > from.size() && stem.starts_with(from))
                partner = to + stem.substr(from.size());
            break;
        case PartnerRule::Suffix:
            if (stem.size() > from.size() && stem.ends_with(from))
                partner = stem.substr(0, stem.size() - from.size()) + to;
            break;
        case PartnerRule::Inside:
            partner = stem;
            if (!replaceLastKeepingCase(partner, from, to))
                partner.clear();
            break;
        }
        if (!partner.empty() && std::find(names.begin(), names.end(), partner + extension) == names.end())
            names.push_back(partner + extension);
    }
    std::vector<std::string> paths;
    for (const std::string& n : names)
        paths.push_back((file.parent_path() / n).string());
    return paths;
}

std::string firstExisting(const std::vector<std::string>& paths)
{
    for (const std::string& candidate : paths) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec))
            return candidate;
    }
    return {};
}

std::string triedNames(const std::vector<std::string>& paths)
{
    std::string tried;
    for (const std::string& p : paths)
        tried += (tried.empty() ? "" : ", ") + fileNameOf(p);
    return tried;
}

LoadedDataset readNpyPair(const std::string& path, const LoadOptions& options)
{
    ArraySource first = fileSource(path);
    std::string imagesPath = path;
    std::string labelsPath = options.labelsPath;
    std::vector<std::string> notes;
    const bool labelsLike = first.header.ndim() == 1 || (first.header.ndim() == 2 && first.header.shape[1] == 1);
    if (labelsPath.empty()) {
        if (labelsLike) {
            // The labels file was opened: its images file is found the other way round.
            const std::vector<std::string> candidates = NumpyReader::imagesPathCandidates(path);
            imagesPath = firstExisting(candidates);
            if (imagesPath.empty())
                throw DataError(path, "holds " + first.header.describe() +
                                          " values, labels rather than images, and no images file was found beside "
                                          "it" +
                                          (candidates.empty() ? std::string() : " (tried " + triedNames(candidates) + ")"));
            labelsPath = path;
        } else {
            const std::vector<std::string> candidates = NumpyReader::labelsPathCandidates(path);
            if (candidates.empty())
                throw DataError(path, "cannot tell which labels file goes with it (pairs are named like x.npy and "
                                      "y.npy, or *_images.npy and *_labels.npy); choose the labels file");
            labelsPath = firstExisting(candidates);
            if (labelsPath.empty())
                throw DataError(path, "no labels file found beside it (tried " + triedNames(candidates) +
                                          "); choose the labels file");
        }
    }
    if (fs::path(labelsPath) == fs::path(imagesPath))
        throw DataError(path, "the images and the labels cannot come from the same file");
    ArraySource images = imagesPath == path ? std::move(first) : fileSource(imagesPath);
    ArraySource labels = labelsPath == path ? std::move(first) : fileSource(labelsPath);
    if (fs::path(labelsPath).parent_path() != fs::path(imagesPath).parent_path())
        labels.name = labelsPath;
    return assemble(imagesPath, images, labels, nullptr, options, "npy");
}

// A .npy header for a C-order array: version 1.0, the dict padded with spaces
// so that the data starts at a multiple of 64 bytes, as numpy writes it.
std::string npyHeader(const std::string& descr, const std::vector<std::int64_t>& shape)
{
    std::string dims;
    for (const std::int64_t d : shape)
        dims += (dims.empty() ? "" : ", ") + std::to_string(d);
    if (shape.size() == 1)
        dims += ","; // a one-element tuple
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t unpadded = kMagic.size() + 4 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict.push_back('\n');
    std::string header(kMagic.begin(), kMagic.end());
    header.push_back(char(1)); // version 1.0
    header.push_back(char(0));
    header.push_back(char(dict.size() & 0xff));
    header.push_back(char(dict.size() >> 8));
    return header + dict;
}

// One array to write: its header and data.
struct NpyArray {
    std::string name;
    std::string header;
    const std::uint8_t* data = nullptr;
    std::size_t bytes = 0;
    std::vector<std::uint8_t> owned; // when the data was converted
};

void checkWritable(const Dataset& data, const std::string& path)
{
    if (data.width < 1 || data.height < 1)
        throw DataError(path, "cannot write images of " + std::to_string(data.width) + "x" +
                                  std::to_string(data.height) + " pixels");
    if (data.pixels.size() != std::size_t(data.count()) * std::size_t(data.features()))
        throw DataError(path, "cannot write: " + withSeparators(data.pixels.size()) + " pixel bytes do not make " +
                                  plural(std::uint64_t(data.count()), "image", "images") + " of " +
                                  std::to_string(data.width) + "x" + std::to_string(data.height));
}

NpyArray imagesArray(const Dataset& data)
{
    NpyArray a;
    a.name = "x";
    a.header = npyHeader("|u1", {data.count(), data.height, data.width});
    a.data = data.pixels.data();
    a.bytes = data.pixels.size();
    return a;
}

// int64, little-endian.
NpyArray labelsArray(const Dataset& data)
{
    NpyArray a;
    a.name = "y";
    a.header = npyHeader("<i8", {data.count()});
    a.owned.resize(data.labels.size() * 8);
    for (std::size_t i = 0; i < data.labels.size(); ++i) {
        const auto value = std::uint64_t(std::int64_t(data.labels[i]));
        for (int b = 0; b < 8; ++b)
            a.owned[i * 8 + std::size_t(b)] = std::uint8_t(value >> (8 * b));
    }
    a.data = a.owned.data();
    a.bytes = a.owned.size();
    return a;
}

// Unicode strings: '<U' with the longest name's length in UCS-4 code points, NUL-padded.
NpyArray classNamesArray(const Dataset& data)
{
    std::vector<QList<uint>> names;
    qsizetype longest = 1;
    for (const std::string& name : data.classNames) {
        names.push_back(QString::fromStdString(name).toUcs4());
        longest = std::max(longest, names.back().size());
    }
    NpyArray a;
    a.name = "class_names";
    a.header = npyHeader("<U" + std::to_string(longest), {std::int64_t(names.size())});
    a.owned.assign(names.size() * std::size_t(longest) * 4, 0);
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (qsizetype k = 0; k < names[i].size(); ++k) {
            const std::uint32_t point = names[i][k];
            for (int b = 0; b < 4; ++b)
                a.owned[(i * std::size_t(longest) + std::size_t(k)) * 4 + std::size_t(b)] = std::uint8_t(point >> (8 * b));
        }
    }
    a.data = a.owned.data();
    a.bytes = a.owned.size();
    return a;
}

void writeNpyFile(const NpyArray& array, const std::string& path)
{
    writeWholeFile(path, array.header.data(), array.header.size(), array.data, array.bytes);
}

} // namespace

LoadedDataset NumpyReader::read(const std::string& path, const LoadOptions& options)
{
    QFile file(QString::fromStdString(path));
    requireFile(path);
    if (!file.open(QIODevice::ReadOnly))
        throw DataError(path, "cannot open: " + file.errorString().toStdString());
    const auto start = std::chrono::steady_clock::now();
    const QByteArray head = file.read(6);
    file.close();
    // A zip ("PK\3\4", or "PK\5\6" when empty) is an .npz; "\x93NUMPY" a .npy.
    LoadedDataset result = head.startsWith("PK") ? readNpz(path, options) : readNpyPair(path, options);
    result.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::vector<std::string> NumpyReader::labelsPathCandidates(const std::string& imagesPath)
{
    return partners(imagesPath, true);
}

std::vector<std::string> NumpyReader::imagesPathCandidates(const std::string& labelsPath)
{
    return partners(labelsPath, false);
}

std::string NumpyReader::labelsPathFor(const std::string& imagesPath)
{
    return firstExisting(labelsPathCandidates(imagesPath));
}

void NumpyReader::writeNpz(const Dataset& data, const std::string& path, bool compress)
{
    checkWritable(data, path);
    const NpyArray arrays[] = {imagesArray(data), labelsArray(data), classNamesArray(data)};

    PartFile part(path);
    QuaZip zip(QString::fromStdString(part.partPath()));
    // Entries of 4 GB and more need zip64 records (numpy reads them).
    zip.setZip64Enabled(data.pixels.size() >= (std::size_t(1) << 32) - (std::size_t(1) << 20));
    if (!zip.open(QuaZip::mdCreate))
        throw DataError(path, "cannot write (zip error " + std::to_string(zip.getZipError()) + ")");
    for (const NpyArray& array : arrays) {
        QuaZipFile entry(&zip);
        const QuaZipNewInfo info(QString::fromStdString(array.name + ".npy"));
        if (!entry.open(QIODevice::WriteOnly, info, nullptr, 0, compress ? Z_DEFLATED : 0,
                        compress ? Z_DEFAULT_COMPRESSION : 0))
            throw DataError(path, "cannot write " + array.name + ".npy (zip error " +
                                      std::to_string(entry.getZipError()) + ")");
        bool ok = entry.write(array.header.data(), qint64(array.header.size())) == qint64(array.header.size());
        for (std::size_t done = 0; ok && done < array.bytes;) {
            const std::size_t n = std::min(kChunkBytes, array.bytes - done);
            ok = entry.write(reinterpret_cast<const char*>(array.data + done), qint64(n)) == qint64(n);
            done += n;
        }
        entry.close();
        if (!ok || entry.getZipError() != UNZ_OK)
            throw DataError(path, "cannot write " + array.name + ".npy (zip error " +
                                      std::to_string(entry.getZipError()) + ")");
    }
    zip.close();
    if (zip.getZipError() != UNZ_OK)
        throw DataError(path, "cannot write (zip error " + std::to_string(zip.getZipError()) + ")");
    part.commit();
}

void NumpyReader::writeNpy(const Dataset& data, const std::string& imagesPath, const std::string& labelsPath)
{
    checkWritable(data, imagesPath);
    writeNpyFile(imagesArray(data), imagesPath);
    writeNpyFile(labelsArray(data), labelsPath);
}

} // namespace mlps
