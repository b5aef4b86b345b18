#include "data/IdxReader.h"

#include "data/ClassNames.h"
#include "data/DataError.h"
#include "data/FileChecks.h"
#include "data/MessageText.h"
#include "data/PartFile.h"
#include "data/TextCase.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <new>
#include <system_error>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// IDX magic numbers (http://yann.lecun.com/exdb/mnist/): two zero bytes, the
// element type (0x08 = unsigned byte) and the number of dimensions.
constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;
constexpr std::size_t kImagesHeaderBytes = 16; // magic, count, rows, cols
constexpr std::size_t kLabelsHeaderBytes = 8;  // magic, count

// Sanity limits on header fields: anything beyond is a damaged or foreign file,
// and rejecting it up front keeps a bogus header from asking for petabytes.
constexpr std::uint32_t kMaxSide = 4096;
constexpr std::uint32_t kMaxCount = 100'000'000;

// gzread takes an unsigned int and returns an int: read at most this much per call.
constexpr std::size_t kMaxChunk = std::size_t(1) << 30;
// First allocation for a file's body; it grows (doubling) only as data arrives,
// so a header that claims more than the file holds costs no more than this.
constexpr std::size_t kInitialBody = std::size_t(64) << 20;
// zlib's own input buffer (default 8 KiB); larger means fewer read() calls.
constexpr unsigned kGzBuffer = 256u << 10;

std::string hex32(std::uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

// IDX integers are big-endian.
std::uint32_t bigEndian32(const std::uint8_t* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

void putBigEndian32(std::uint8_t* p, std::uint32_t value)
{
    p[0] = std::uint8_t(value >> 24);
    p[1] = std::uint8_t(value >> 16);
    p[2] = std::uint8_t(value >> 8);
    p[3] = std::uint8_t(value);
}

std::string fileNameOf(const std::string& path) { return fs::path(path).filename().string(); }

// How `other` is best named in a message about `reference`: its file name when
// both are in the same folder, else its whole path.
std::string nameBeside(const std::string& other, const std::string& reference)
{
    const fs::path a(other);
    const fs::path b(reference);
    return a.parent_path() == b.parent_path() ? a.filename().string() : other;
}

std::string plural(std::uint64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A gzip-compressed or raw file read through zlib (gzread passes raw files
// through unchanged). Every failure is a DataError naming the file.
class GzFile {
public:
    explicit GzFile(const std::string& path)
        : m_path(path)
    {
        if (!fs::is_regular_file(requireFile(path)))
            throw DataError(path, "is not a regular file");
        errno = 0;
        m_file = gzopen(path.c_str(), "rb");
        if (!m_file) {
            const int error = errno;
            throw DataError(path, error ? "cannot open: " + systemMessage(error) : "cannot open");
        }
        gzbuffer(m_file, kGzBuffer);
    }
    ~GzFile() { gzclose(m_file); }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;

    const std::string& path() const { return m_path; }

    // Reads up to n bytes; fewer only when the data ends. A gzip stream that is
    // cut short sets cutShort() rather than throwing, so that the caller can say
    // how much was there; corrupt data or a read error throws.
    std::size_t read(std::uint8_t* dst, std::size_t n)
    {
        std::size_t done = 0;
        while (done < n) {
            const std::size_t chunk = std::min(n - done, kMaxChunk);
            const int got = gzread(m_file, dst + done, unsigned(chunk));
            if (got < 0)
                throwError();
            done += std::size_t(got);
            if (std::size_t(got) < chunk)
                break;
        }
        if (done < n)
            checkEnd();
        return done;
    }

    // After a short read: the gzip stream ended before its end marker.
    bool cutShort() const { return m_cutShort; }

    // Reads past the expected data, so that zlib checks the gzip trailer (CRC-32
    // and length) that follows it; bytes after the data are otherwise ignored.
    void verifyTrailer()
    {
        std::array<std::uint8_t, 64> scratch{};
        read(scratch.data(), scratch.size());
        if (m_cutShort)
            throw DataError(m_path, "truncated gzip stream: the data is complete but the gzip trailer is missing");
    }

private:
    [[noreturn]] void throwError()
    {
        int code = Z_OK;
        const char* message = gzerror(m_file, &code);
        // zlib words its messages "<path>: <problem>"; the path is said already.
        std::string problem = message && *message ? message : "unknown error";
        if (problem.starts_with(m_path + ": "))
            problem.erase(0, m_path.size() + 2);
        if (code == Z_ERRNO) // a read() failed; zlib's message is strerror's
            throw DataError(m_path, "cannot read: " + problem);
        if (code == Z_MEM_ERROR)
            throw DataError(m_path, "not enough memory to decompress");
        throw DataError(m_path, "corrupt gzip data (" + problem + ")");
    }

    void checkEnd()
    {
        int code = Z_OK;
        gzerror(m_file, &code);
        if (code == Z_BUF_ERROR) // "unexpected end of file": a truncated .gz
            m_cutShort = true;
        else if (code != Z_OK)
            throwError();
    }

    std::string m_path;
    gzFile m_file = nullptr;
    bool m_cutShort = false;
};

// The problem with a file whose magic is not `expected`, worded after what it
// seems to be instead.
std::string wrongMagic(std::uint32_t magic, const std::uint8_t* bytes, bool wantImages)
{
    const std::string kind = wantImages ? "an IDX image file" : "an IDX labels file";
    const std::string expected = "(expected " + hex32(wantImages ? kImagesMagic : kLabelsMagic) + ")";
    if (wantImages && magic == kLabelsMagic)
        return "not an IDX image file but an IDX labels file: magic " + hex32(magic) + " " + expected;
    if (!wantImages && magic == kImagesMagic)
        return "not an IDX labels file but an IDX image file: magic " + hex32(magic) + " " + expected;

    // IDX element types, from the format description.
    const int type = bytes[2];
    const int dims = bytes[3];
    const char* typeName = nullptr;
    switch (type) {
    case 0x08: typeName = "unsigned byte"; break;
    case 0x09: typeName = "signed byte"; break;
    case 0x0B: typeName = "16-bit integer"; break;
    case 0x0C: typeName = "32-bit integer"; break;
    case 0x0D: typeName = "float"; break;
    case 0x0E: typeName = "double"; break;
    default: break;
    }
    if (bytes[0] == 0 && bytes[1] == 0 && typeName && dims >= 1) {
        const int wantDims = wantImages ? 3 : 1;
        if (dims == wantDims)
            return "not " + kind + " of unsigned bytes: magic " + hex32(magic) + " is an IDX file of " + typeName +
                   " elements, which is not supported " + expected;
        return "not " + kind + ": magic " + hex32(magic) + " is an IDX file with " + std::to_string(dims) +
               " dimensions of " + typeName + " elements " + expected;
    }

    std::string hint;
    if (bytes[0] == 'P' && bytes[1] == 'K')
        hint = "; it looks like a zip archive";
    else if (bytes[0] == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G')
        hint = "; it looks like a PNG image";
    return "not " + kind + ": magic " + hex32(magic) + " " + expected + hint;
}

struct ImagesHeader {
    std::uint32_t count = 0;
    std::uint32_t rows = 0;
    std::uint32_t cols = 0;
};

// Reads and checks the 16-byte header of an IDX image file.
ImagesHeader readImagesHeader(GzFile& file)
{
    std::array<std::uint8_t, kImagesHeaderBytes> bytes{};
    const std::size_t got = file.read(bytes.data(), bytes.size());
    if (got == 0)
        throw DataError(file.path(), file.cutShort() ? "truncated gzip stream: no data in it" : "the file is empty");
    if (got >= 4) {
        const std::uint32_t magic = bigEndian32(bytes.data());
        if (magic != kImagesMagic)
            throw DataError(file.path(), wrongMagic(magic, bytes.data(), true));
    }
    if (got < bytes.size())
        throw DataError(file.path(), "truncated: the IDX image header needs 16 bytes, found only " +
                                         std::to_string(got));

    ImagesHeader header;
    header.count = bigEndian32(bytes.data() + 4);
    header.rows = bigEndian32(bytes.data() + 8);
    header.cols = bigEndian32(bytes.data() + 12);
    if (header.count == 0)
        throw DataError(file.path(), "contains no images (the header's image count is 0)");
    if (header.count > kMaxCount)
        throw DataError(file.path(), "implausible image count " + std::to_string(header.count) +
                                         " in the header (at most " + std::to_string(kMaxCount) + ")");
    if (header.rows == 0 || header.cols == 0 || header.rows > kMaxSide || header.cols > kMaxSide)
        throw DataError(file.path(), "implausible image size " + std::to_string(header.rows) + "x" +
                                         std::to_string(header.cols) + " in the header (rows and columns must be 1.." +
                                         std::to_string(kMaxSide) + ")");
    return header;
}

// Reads and checks the 8-byte header of an IDX labels file; returns the count.
std::uint32_t readLabelsHeader(GzFile& file)
{
    std::array<std::uint8_t, kLabelsHeaderBytes> bytes{};
    const std::size_t got = file.read(bytes.data(), bytes.size());
    if (got == 0)
        throw DataError(file.path(), file.cutShort() ? "truncated gzip stream: no data in it" : "the file is empty");
    if (got >= 4) {
        const std::uint32_t magic = bigEndian32(bytes.data());
        if (magic != kLabelsMagic)
            throw DataError(file.path(), wrongMagic(magic, bytes.data(), false));
    }
    if (got < bytes.size())
        throw DataError(file.path(), "truncated: the IDX labels header needs 8 bytes, found only " +
                                         std::to_string(got));
    const std::uint32_t count = bigEndian32(bytes.data() + 4);
    if (count > kMaxCount)
        throw DataError(file.path(), "implausible label count " + std::to_string(count) + " in the header (at most " +
                                         std::to_string(kMaxCount) + ")");
    return count;
}

// Reads up to `expected` bytes into a buffer that grows only as data arrives.
// The result is shorter than `expected` when the file is.
std::vector<std::uint8_t> readBody(GzFile& file, std::uint64_t expected, const std::string& what)
{
    std::vector<std::uint8_t> data;
    try {
        std::size_t filled = 0;
        std::size_t size = std::size_t(std::min<std::uint64_t>(expected, kInitialBody));
        data.resize(size);
        while (true) {
            const std::size_t got = file.read(data.data() + filled, size - filled);
            filled += got;
            if (filled < size || size == expected)
                break;
            size = std::size_t(std::min<std::uint64_t>(expected, std::uint64_t(size) * 2));
            data.resize(size);
        }
        data.resize(filled);
    } catch (const std::bad_alloc&) {
        throw DataError(file.path(), "not enough memory for " + what);
    }
    return data;
}

} // namespace

Dataset IdxReader::read(const std::string& imagesPath, const std::string& labelsPath)
{
    GzFile images(imagesPath);
    const ImagesHeader header = readImagesHeader(images);

    std::string labelsFile = labelsPath;
    if (labelsFile.empty()) {
        const std::vector<std::string> candidates = labelsPathCandidates(imagesPath);
        if (candidates.empty())
            throw DataError(imagesPath, "cannot tell which labels file goes with it: the name has no \"images\" "
                                        "(MNIST naming: ...-images-idx3-ubyte -> ...-labels-idx1-ubyte); "
                                        "choose the labels file explicitly");
        labelsFile = labelsPathFor(imagesPath);
        if (labelsFile.empty()) {
            std::string tried;
            for (const std::string& candidate : candidates)
                tried += (tried.empty() ? "" : ", ") + fileNameOf(candidate);
            throw DataError(imagesPath, "no labels file found beside it (tried " + tried + ")");
        }
    }

    GzFile labels(labelsFile);
    const std::uint32_t labelCount = readLabelsHeader(labels);
    if (labelCount != header.count)
        throw DataError(imagesPath, "has " + plural(header.count, "image", "images") + " but " +
                                        nameBeside(labelsFile, imagesPath) + " has " +
                                        plural(labelCount, "label", "labels"));

    const std::uint64_t imageBytes = std::uint64_t(header.rows) * header.cols;
    const std::string size = std::to_string(header.rows) + "x" + std::to_string(header.cols);
    Dataset data;
    data.pixels = readBody(images, header.count * imageBytes,
                           plural(header.count, "image", "images") + " of " + size + " pixels");
    if (data.pixels.size() < header.count * imageBytes) {
        const std::uint64_t complete = data.pixels.size() / imageBytes;
        throw DataError(imagesPath, "truncated: expected " + plural(header.count, "image", "images") + " of " + size +
                                        " bytes, found only " + plural(complete, "complete image", "complete images") +
                                        (images.cutShort() ? " (the gzip stream ends early)" : ""));
    }
    images.verifyTrailer();

    const std::vector<std::uint8_t> bytes = readBody(labels, labelCount, plural(labelCount, "label", "labels"));
    if (bytes.size() < labelCount)
        throw DataError(labelsFile, "truncated: expected " + plural(labelCount, "label", "labels") + ", found only " +
                                        std::to_string(bytes.size()) +
                                        (labels.cutShort() ? " (the gzip stream ends early)" : ""));
    labels.verifyTrailer();

    // IDX1 labels are single bytes, so every label is within 0..255.
    const int largest = *std::max_element(bytes.begin(), bytes.end());
    if (largest + 1 < 2)
        throw DataError(labelsFile, tooFewClasses(std::to_string(largest)));
    data.labels.assign(bytes.begin(), bytes.end());
    data.width = int(header.cols);
    data.height = int(header.rows);
    data.classNames = defaultClassNames(imagesPath, largest + 1);
    data.source = imagesPath;
    data.format = "idx";
    return data;
}

std::vector<std::string> IdxReader::labelsPathCandidates(const std::string& imagesPath)
{
    const fs::path images(imagesPath);
    const std::string name = images.filename().string();
    const bool gz = name.size() > 3 && lowercase(name.substr(name.size() - 3)) == ".gz";
    std::string base = gz ? name.substr(0, name.size() - 3) : name;
    // MNIST naming: train-images-idx3-ubyte -> train-labels-idx1-ubyte; some
    // copies use a dot instead ("train-images.idx3-ubyte"), which this covers too.
    const bool renamedImages = replaceLastKeepingCase(base, "images", "labels");
    const bool renamedIdx = replaceLastKeepingCase(base, "idx3", "idx1");
    if (!renamedImages && !renamedIdx)
        return {};

    // The same compression as the images first, then the other.
    const std::string gzSuffix = gz ? name.substr(name.size() - 3) : ".gz";
    const std::vector<std::string> names =
        gz ? std::vector<std::string>{base + gzSuffix, base} : std::vector<std::string>{base, base + gzSuffix};
    std::vector<std::string> paths;
    for (const std::string& candidate : names)
        paths.push_back((images.parent_path() / candidate).string());
    return paths;
}

std::string IdxReader::labelsPathFor(const std::string& imagesPath)
{
    for (const std::string& candidate : labelsPathCandidates(imagesPath)) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec))
            return candidate;
    }
    return {};
}

bool IdxReader::looksLikeIdxImages(const std::string& path)
{
    try {
        GzFile file(path);
        readImagesHeader(file);
        return true;
    } catch (const DataError&) {
        return false;
    }
}

void IdxReader::write(const Dataset& data, const std::string& imagesPath, const std::string& labelsPath)
{
    if (data.width < 1 || data.height < 1 || std::uint32_t(data.width) > kMaxSide ||
        std::uint32_t(data.height) > kMaxSide)
        throw DataError(imagesPath, "cannot write images of " + std::to_string(data.height) + "x" +
                                        std::to_string(data.width) + " pixels to IDX");
    if (data.count() > std::int64_t(kMaxCount))
        throw DataError(imagesPath, "cannot write " + std::to_string(data.count()) + " images to IDX (at most " +
                                        std::to_string(kMaxCount) + ")");
    const std::uint64_t imageBytes = std::uint64_t(data.width) * std::uint64_t(data.height);
    if (data.pixels.size() != std::uint64_t(data.count()) * imageBytes)
        throw DataError(imagesPath, "cannot write: " + std::to_string(data.pixels.size()) +
                                        " pixel bytes do not make " +
                                        plural(std::uint64_t(data.count()), "image", "images") + " of " +
                                        std::to_string(data.height) + "x" + std::to_string(data.width));

    std::vector<std::uint8_t> labelBytes(data.labels.size());
    for (std::size_t i = 0; i < data.labels.size(); ++i) {
        const std::int32_t label = data.labels[i];
        if (label < 0 || label > 255)
            throw DataError(labelsPath, "cannot write label " + std::to_string(label) +
                                            ": IDX labels are single bytes (0..255)");
        labelBytes[i] = std::uint8_t(label);
    }

    const auto count = std::uint32_t(data.count());
    std::array<std::uint8_t, kImagesHeaderBytes> imagesHeader{};
    putBigEndian32(imagesHeader.data(), kImagesMagic);
    putBigEndian32(imagesHeader.data() + 4, count);
    putBigEndian32(imagesHeader.data() + 8, std::uint32_t(data.height)); // rows
    putBigEndian32(imagesHeader.data() + 12, std::uint32_t(data.width)); // columns
    writeWholeFile(imagesPath, imagesHeader.data(), imagesHeader.size(), data.pixels.data(), data.pixels.size());

    std::array<std::uint8_t, kLabelsHeaderBytes> labelsHeader{};
    putBigEndian32(labelsHeader.data(), kLabelsMagic);
    putBigEndian32(labelsHeader.data() + 4, count);
    writeWholeFile(labelsPath, labelsHeader.data(), labelsHeader.size(), labelBytes.data(), labelBytes.size());
}

} // namespace mlps
