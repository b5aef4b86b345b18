#include "data/DataError.h"
#include "data/IdxReader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace mlps {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

void putBigEndian32(Bytes& out, std::uint32_t value)
{
    out.push_back(std::uint8_t(value >> 24));
    out.push_back(std::uint8_t(value >> 16));
    out.push_back(std::uint8_t(value >> 8));
    out.push_back(std::uint8_t(value));
}

// An IDX3 image file: magic 0x00000803, count, rows, cols, then the pixels.
Bytes imagesBytes(std::uint32_t count, std::uint32_t rows, std::uint32_t cols, const Bytes& pixels,
                  std::uint32_t magic = 0x00000803)
{
    Bytes out;
    putBigEndian32(out, magic);
    putBigEndian32(out, count);
    putBigEndian32(out, rows);
    putBigEndian32(out, cols);
    out.insert(out.end(), pixels.begin(), pixels.end());
    return out;
}

// An IDX1 labels file: magic 0x00000801, count, then one byte per label.
Bytes labelsBytes(const Bytes& labels, std::uint32_t count)
{
    Bytes out;
    putBigEndian32(out, 0x00000801);
    putBigEndian32(out, count);
    out.insert(out.end(), labels.begin(), labels.end());
    return out;
}
Bytes labelsBytes(const Bytes& labels) { return labelsBytes(labels, std::uint32_t(labels.size())); }

// Deterministic, somewhat compressible pixels.
Bytes somePixels(std::size_t n)
{
    Bytes out(n);
    std::uint32_t x = 12345;
    for (std::size_t i = 0; i < n; ++i) {
        x = x * 1103515245u + 12345u;
        out[i] = (i % 7 < 3) ? 0 : std::uint8_t(x >> 24);
    }
    return out;
}

Bytes someLabels(std::size_t n, int classes)
{
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = std::uint8_t((i * 7 + i / 3) % std::size_t(classes));
    return out;
}

void writeRaw(const fs::path& path, const Bytes& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    ASSERT_TRUE(out.good()) << path;
}

void writeGz(const fs::path& path, const Bytes& bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr) << path;
    if (!bytes.empty()) {
        ASSERT_EQ(gzwrite(file, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    }
    ASSERT_EQ(gzclose(file), Z_OK);
}

Bytes readRaw(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The message of the DataError that `action` throws; a test failure when it
// throws something else or nothing.
std::string dataErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const DataError& error) {
        return error.what();
    } catch (const std::exception& error) {
        ADD_FAILURE() << "expected a DataError, got another exception: " << error.what();
        return {};
    }
    ADD_FAILURE() << "expected a DataError, nothing was thrown";
    return {};
}

#define EXPECT_CONTAINS(text, part) \
    EXPECT_TRUE(contains((text), (part))) << "\"" << (text) << "\" lacks \"" << (part) << "\""

class IdxReaderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("mlps-data-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    // A valid pair under MNIST names; returns the images path.
    std::string writePair(const std::string& prefix, std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                          int classes, bool gz)
    {
        const std::string ext = gz ? ".gz" : "";
        const std::string images = path(prefix + "-images-idx3-ubyte" + ext);
        const std::string labels = path(prefix + "-labels-idx1-ubyte" + ext);
        const Bytes imageData = imagesBytes(count, rows, cols, somePixels(std::size_t(count) * rows * cols));
        const Bytes labelData = labelsBytes(someLabels(count, classes));
        if (gz) {
            writeGz(images, imageData);
            writeGz(labels, labelData);
        } else {
            writeRaw(images, imageData);
            writeRaw(labels, labelData);
        }
        return images;
    }

    fs::path m_dir;
};

Dataset smallDataset()
{
    Dataset data;
    data.width = 5;
    data.height = 4;
    const int count = 7;
    data.pixels = somePixels(std::size_t(count * data.width * data.height));
    data.labels = {0, 2, 1, 1, 0, 2, 2};
    data.classNames = {"0", "1", "2"};
    return data;
}

TEST_F(IdxReaderTest, WriteThenReadRawRoundTrips)
{
    const Dataset original = smallDataset();
    const std::string images = path("small-images-idx3-ubyte");
    const std::string labels = path("small-labels-idx1-ubyte");
    IdxReader::write(original, images, labels);

    // The header is big-endian: magic, count, rows (height), cols (width).
    const Bytes raw = readRaw(images);
    ASSERT_EQ(raw.size(), 16u + 7u * 20u);
    EXPECT_EQ(raw[3], 0x03);
    EXPECT_EQ(raw[7], 7);
    EXPECT_EQ(raw[11], 4);
    EXPECT_EQ(raw[15], 5);
    EXPECT_EQ(readRaw(labels).size(), 8u + 7u);

    const Dataset read = IdxReader::read(images);
    EXPECT_EQ(read.width, 5);
    EXPECT_EQ(read.height, 4);
    EXPECT_EQ(read.count(), 7);
    EXPECT_EQ(read.pixels, original.pixels);
    EXPECT_EQ(read.labels, original.labels);
    EXPECT_EQ(read.classNames, (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_EQ(read.format, "idx");
    EXPECT_EQ(read.source, images);

    // The labels file given explicitly gives the same.
    const Dataset again = IdxReader::read(images, labels);
    EXPECT_EQ(again.labels, original.labels);
}

TEST_F(IdxReaderTest, ReadsGzipWithLabelsFoundBeside)
{
    const std::string images = writePair("train", 50, 28, 28, 10, true);
    const Dataset data = IdxReader::read(images);
    EXPECT_EQ(data.count(), 50);
    EXPECT_EQ(data.width, 28);
    EXPECT_EQ(data.height, 28);
    EXPECT_EQ(data.pixels, somePixels(50 * 28 * 28));
    const Bytes labels = someLabels(50, 10);
    EXPECT_EQ(data.labels, std::vector<std::int32_t>(labels.begin(), labels.end()));
    EXPECT_EQ(data.classes(), 10);
}

TEST_F(IdxReaderTest, ReadsGzipImagesWithRawLabels)
{
    const std::string images = path("mixed-images-idx3-ubyte.gz");
    writeGz(images, imagesBytes(6, 3, 3, somePixels(54)));
    writeRaw(path("mixed-labels-idx1-ubyte"), labelsBytes({0, 1, 2, 0, 1, 2}));
    const Dataset data = IdxReader::read(images);
    EXPECT_EQ(data.count(), 6);
    EXPECT_EQ(data.classes(), 3);
}

TEST_F(IdxReaderTest, ReadsAFileLargerThanTheFirstBuffer)
{
    // 72 MB of pixels: more than the 64 MiB first allocation, so the buffer grows.
    const std::uint32_t count = 1100;
    const std::uint32_t side = 256;
    Bytes pixels(std::size_t(count) * side * side);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = std::uint8_t(i / (side * side) + i);
    writeRaw(path("big-images-idx3-ubyte"), imagesBytes(count, side, side, pixels));
    writeRaw(path("big-labels-idx1-ubyte"), labelsBytes(someLabels(count, 4)));
    const Dataset data = IdxReader::read(path("big-images-idx3-ubyte"));
    EXPECT_EQ(data.count(), count);
    EXPECT_TRUE(data.pixels == pixels);
}

TEST_F(IdxReaderTest, LabelsPathForDashStyle)
{
    writePair("notmnist-train-clean", 3, 2, 2, 2, true);
    EXPECT_EQ(IdxReader::labelsPathFor(path("notmnist-train-clean-images-idx3-ubyte.gz")),
              path("notmnist-train-clean-labels-idx1-ubyte.gz"));
    // Fashion-MNIST's names.
    writePair("train", 3, 2, 2, 2, true);
    EXPECT_EQ(IdxReader::labelsPathFor(path("train-images-idx3-ubyte.gz")), path("train-labels-idx1-ubyte.gz"));
}

TEST_F(IdxReaderTest, LabelsPathForDotStyle)
{
    writeRaw(path("t10k-labels.idx1-ubyte"), labelsBytes({0, 1}));
    EXPECT_EQ(IdxReader::labelsPathFor(path("t10k-images.idx3-ubyte")), path("t10k-labels.idx1-ubyte"));
    // Images compressed, labels not: the other compression is tried second.
    EXPECT_EQ(IdxReader::labelsPathFor(path("t10k-images.idx3-ubyte.gz")), path("t10k-labels.idx1-ubyte"));
    writeGz(path("t10k-labels.idx1-ubyte.gz"), labelsBytes({0, 1}));
    EXPECT_EQ(IdxReader::labelsPathFor(path("t10k-images.idx3-ubyte.gz")), path("t10k-labels.idx1-ubyte.gz"));
    EXPECT_EQ(IdxReader::labelsPathFor(path("t10k-images.idx3-ubyte")), path("t10k-labels.idx1-ubyte"));
}

TEST_F(IdxReaderTest, LabelsPathCandidates)
{
    EXPECT_EQ(IdxReader::labelsPathCandidates(path("a-images-idx3-ubyte.gz")),
              (std::vector<std::string>{path("a-labels-idx1-ubyte.gz"), path("a-labels-idx1-ubyte")}));
    EXPECT_EQ(IdxReader::labelsPathCandidates(path("a-images.idx3-ubyte")),
              (std::vector<std::string>{path("a-labels.idx1-ubyte"), path("a-labels.idx1-ubyte.gz")}));
    EXPECT_EQ(IdxReader::labelsPathCandidates(path("A-IMAGES-IDX3-UBYTE.GZ")),
              (std::vector<std::string>{path("A-LABELS-IDX1-UBYTE.GZ"), path("A-LABELS-IDX1-UBYTE")}));
    // Only the file name is changed, never a folder.
    EXPECT_EQ(IdxReader::labelsPathCandidates("/data/images/x-images-idx3-ubyte"),
              (std::vector<std::string>{"/data/images/x-labels-idx1-ubyte", "/data/images/x-labels-idx1-ubyte.gz"}));
    EXPECT_TRUE(IdxReader::labelsPathCandidates(path("pictures.bin")).empty());
    // None exists.
    EXPECT_EQ(IdxReader::labelsPathFor(path("a-images-idx3-ubyte.gz")), "");
}

TEST_F(IdxReaderTest, ClassNamesFollowTheFileName)
{
    const std::string notMnist = writePair("notMNIST-small", 20, 2, 2, 10, false);
    EXPECT_EQ(IdxReader::read(notMnist).classNames,
              (std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}));

    fs::create_directories(m_dir / "fashion-mnist");
    const std::string fashionImages = path("fashion-mnist/train-images-idx3-ubyte.gz");
    writeGz(fashionImages, imagesBytes(20, 2, 2, somePixels(80)));
    writeGz(path("fashion-mnist/train-labels-idx1-ubyte.gz"), labelsBytes(someLabels(20, 10)));
    EXPECT_EQ(IdxReader::read(fashionImages).classNames,
              (std::vector<std::string>{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                                        "Sneaker", "Bag", "Ankle boot"}));

    const std::string digits = writePair("digits", 20, 2, 2, 4, false);
    EXPECT_EQ(IdxReader::read(digits).classNames, (std::vector<std::string>{"0", "1", "2", "3"}));

    // The word nearest the file name wins.
    const std::string inside = path("fashion-mnist/notmnist-images-idx3-ubyte");
    writeRaw(inside, imagesBytes(4, 1, 1, {1, 2, 3, 4}));
    writeRaw(path("fashion-mnist/notmnist-labels-idx1-ubyte"), labelsBytes({0, 1, 2, 1}));
    EXPECT_EQ(IdxReader::read(inside).classNames, (std::vector<std::string>{"A", "B", "C"}));
}

TEST_F(IdxReaderTest, ClassCountIsLargestLabelPlusOne)
{
    const std::string images = path("gap-images-idx3-ubyte");
    writeRaw(images, imagesBytes(3, 1, 1, {1, 2, 3}));
    writeRaw(path("gap-labels-idx1-ubyte"), labelsBytes({0, 4, 0}));
    const Dataset data = IdxReader::read(images);
    EXPECT_EQ(data.classes(), 5);
    EXPECT_EQ(data.classCounts(), (std::vector<std::int64_t>{2, 0, 0, 0, 1}));
}

// ---- Bad input: each is a DataError naming the file and the problem.

TEST_F(IdxReaderTest, MissingFile)
{
    const std::string message = dataErrorOf([&] { IdxReader::read(path("nothing-images-idx3-ubyte.gz")); });
    EXPECT_CONTAINS(message, "nothing-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "not found");
}

TEST_F(IdxReaderTest, FolderInsteadOfFile)
{
    fs::create_directories(m_dir / "folder-images-idx3-ubyte");
    const std::string message = dataErrorOf([&] { IdxReader::read(path("folder-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "folder-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "folder");
}

TEST_F(IdxReaderTest, UnreadableFile)
{
    const std::string images = writePair("locked", 2, 2, 2, 2, false);
    ::chmod(images.c_str(), 0);
    if (std::FILE* probe = std::fopen(images.c_str(), "rb")) {
        std::fclose(probe);
        GTEST_SKIP() << "running with permission to read any file (root?), cannot test an unreadable one";
    }
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "locked-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "cannot open");
}

TEST_F(IdxReaderTest, EmptyFile)
{
    writeRaw(path("empty-images-idx3-ubyte"), {});
    const std::string message = dataErrorOf([&] { IdxReader::read(path("empty-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "empty-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "empty");
}

TEST_F(IdxReaderTest, WrongMagic)
{
    const std::string text = "hello, this is not an IDX file at all";
    writeRaw(path("text-images-idx3-ubyte"), Bytes(text.begin(), text.end()));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("text-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "text-images-idx3-ubyte: not an IDX image file: magic 0x68656c6c (expected 0x00000803)");
}

TEST_F(IdxReaderTest, WrongMagicInsideGzip)
{
    const Bytes zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    writeGz(path("zip-images-idx3-ubyte.gz"), zip);
    const std::string message = dataErrorOf([&] { IdxReader::read(path("zip-images-idx3-ubyte.gz")); });
    EXPECT_CONTAINS(message, "zip-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "magic 0x504b0304");
    EXPECT_CONTAINS(message, "zip archive");
}

TEST_F(IdxReaderTest, LabelsFileGivenAsImages)
{
    const std::string images = writePair("swap", 4, 2, 2, 2, true);
    const std::string labels = path("swap-labels-idx1-ubyte.gz");
    const std::string message = dataErrorOf([&] { IdxReader::read(labels, images); });
    EXPECT_CONTAINS(message, "swap-labels-idx1-ubyte.gz");
    EXPECT_CONTAINS(message, "labels file");
    EXPECT_CONTAINS(message, "0x00000801");
}

TEST_F(IdxReaderTest, ImagesFileGivenAsLabels)
{
    const std::string images = writePair("twice", 4, 2, 2, 2, false);
    const std::string message = dataErrorOf([&] { IdxReader::read(images, images); });
    EXPECT_CONTAINS(message, "twice-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "not an IDX labels file but an IDX image file");
}

TEST_F(IdxReaderTest, UnsupportedElementType)
{
    // 0x0D: float elements, 3 dimensions.
    writeRaw(path("float-images-idx3-ubyte"), imagesBytes(1, 1, 1, {0, 0, 0, 0}, 0x00000D03));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("float-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "float-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "float elements");
}

TEST_F(IdxReaderTest, ZeroOrAbsurdDimensions)
{
    struct Case {
        std::uint32_t count, rows, cols;
        const char* word;
    };
    const Case cases[] = {{0, 28, 28, "no images"},        {10, 0, 28, "implausible image size 0x28"},
                          {10, 28, 0, "implausible image size 28x0"}, {10, 28, 5000, "implausible image size"},
                          {10, 4097, 1, "implausible image size"},   {200'000'000, 28, 28, "implausible image count"}};
    for (const Case& c : cases) {
        const std::string images = path("dims-images-idx3-ubyte");
        writeRaw(images, imagesBytes(c.count, c.rows, c.cols, somePixels(100)));
        writeRaw(path("dims-labels-idx1-ubyte"), labelsBytes(someLabels(10, 2)));
        const std::string message = dataErrorOf([&] { IdxReader::read(images); });
        EXPECT_CONTAINS(message, "dims-images-idx3-ubyte");
        EXPECT_CONTAINS(message, c.word);
    }
}

TEST_F(IdxReaderTest, AbsurdLabelCount)
{
    const std::string images = path("many-images-idx3-ubyte");
    writeRaw(images, imagesBytes(2, 1, 1, {1, 2}));
    writeRaw(path("many-labels-idx1-ubyte"), labelsBytes({0, 1}, 300'000'000));
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "many-labels-idx1-ubyte");
    EXPECT_CONTAINS(message, "implausible label count");
}

TEST_F(IdxReaderTest, TruncatedHeader)
{
    Bytes bytes = imagesBytes(10, 3, 3, {});
    bytes.resize(10);
    writeRaw(path("short-images-idx3-ubyte"), bytes);
    const std::string message = dataErrorOf([&] { IdxReader::read(path("short-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "short-images-idx3-ubyte");
    EXPECT_CONTAINS(message, "truncated");
}

TEST_F(IdxReaderTest, TruncatedRawImages)
{
    // 4.5 images of the 10 the header announces.
    writeRaw(path("cut-images-idx3-ubyte"), imagesBytes(10, 3, 3, somePixels(40)));
    writeRaw(path("cut-labels-idx1-ubyte"), labelsBytes(someLabels(10, 3)));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("cut-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "cut-images-idx3-ubyte: truncated: expected 10 images of 3x3 bytes, found only 4 "
                             "complete images");
}

TEST_F(IdxReaderTest, TruncatedGzipImages)
{
    const std::string images = writePair("cutgz", 200, 28, 28, 10, true);
    Bytes compressed = readRaw(images);
    compressed.resize(compressed.size() / 2);
    writeRaw(images, compressed);
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "cutgz-images-idx3-ubyte.gz: truncated: expected 200 images of 28x28 bytes, found only");
    EXPECT_CONTAINS(message, "gzip stream ends early");
}

TEST_F(IdxReaderTest, GzipWithoutTrailer)
{
    const std::string images = writePair("notrailer", 20, 4, 4, 2, true);
    Bytes compressed = readRaw(images);
    compressed.resize(compressed.size() - 8); // the CRC-32 and length
    writeRaw(images, compressed);
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "notrailer-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "truncated gzip stream");
}

TEST_F(IdxReaderTest, CorruptGzipChecksum)
{
    const std::string images = writePair("crc", 20, 4, 4, 2, true);
    Bytes compressed = readRaw(images);
    compressed[compressed.size() - 8] ^= 0xFF; // the CRC-32 of the gzip trailer
    writeRaw(images, compressed);
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "crc-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "corrupt gzip data");
}

TEST_F(IdxReaderTest, CorruptGzipBody)
{
    const std::string images = writePair("garbled", 300, 28, 28, 10, true);
    Bytes compressed = readRaw(images);
    for (std::size_t i = compressed.size() / 3; i < compressed.size() / 3 + 64; ++i)
        compressed[i] = std::uint8_t(compressed[i] * 31 + 7);
    writeRaw(images, compressed);
    const std::string message = dataErrorOf([&] { IdxReader::read(images); });
    EXPECT_CONTAINS(message, "garbled-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "corrupt gzip data");
}

TEST_F(IdxReaderTest, GzipMagicWithGarbage)
{
    const Bytes bytes = {0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff,
                         0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    writeRaw(path("junk-images-idx3-ubyte.gz"), bytes);
    const std::string message = dataErrorOf([&] { IdxReader::read(path("junk-images-idx3-ubyte.gz")); });
    EXPECT_CONTAINS(message, "junk-images-idx3-ubyte.gz");
    EXPECT_TRUE(contains(message, "corrupt gzip") || contains(message, "truncated")) << message;
}

TEST_F(IdxReaderTest, ImageAndLabelCountsDiffer)
{
    writeGz(path("odd-images-idx3-ubyte.gz"), imagesBytes(6623, 1, 1, somePixels(6623)));
    writeGz(path("odd-labels-idx1-ubyte.gz"), labelsBytes(someLabels(6622, 10)));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("odd-images-idx3-ubyte.gz")); });
    EXPECT_CONTAINS(message, "odd-images-idx3-ubyte.gz: has 6623 images but odd-labels-idx1-ubyte.gz has 6622 labels");
}

TEST_F(IdxReaderTest, TruncatedLabels)
{
    writeRaw(path("few-images-idx3-ubyte"), imagesBytes(5, 1, 1, somePixels(5)));
    writeRaw(path("few-labels-idx1-ubyte"), labelsBytes({0, 1, 0}, 5));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("few-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "few-labels-idx1-ubyte: truncated: expected 5 labels, found only 3");
}

TEST_F(IdxReaderTest, MissingLabelsFile)
{
    writeGz(path("alone-images-idx3-ubyte.gz"), imagesBytes(2, 1, 1, {1, 2}));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("alone-images-idx3-ubyte.gz")); });
    EXPECT_CONTAINS(message, "alone-images-idx3-ubyte.gz");
    EXPECT_CONTAINS(message, "no labels file");
    EXPECT_CONTAINS(message, "alone-labels-idx1-ubyte.gz");
    EXPECT_CONTAINS(message, "alone-labels-idx1-ubyte)");
}

TEST_F(IdxReaderTest, MissingExplicitLabelsFile)
{
    writeRaw(path("x-images-idx3-ubyte"), imagesBytes(2, 1, 1, {1, 2}));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("x-images-idx3-ubyte"), path("y.labels")); });
    EXPECT_CONTAINS(message, "y.labels");
    EXPECT_CONTAINS(message, "not found");
}

TEST_F(IdxReaderTest, NameWithoutMnistNaming)
{
    writeRaw(path("pictures.bin"), imagesBytes(2, 1, 1, {1, 2}));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("pictures.bin")); });
    EXPECT_CONTAINS(message, "pictures.bin");
    EXPECT_CONTAINS(message, "labels file");
}

TEST_F(IdxReaderTest, SingleClass)
{
    writeRaw(path("one-images-idx3-ubyte"), imagesBytes(3, 1, 1, {1, 2, 3}));
    writeRaw(path("one-labels-idx1-ubyte"), labelsBytes({0, 0, 0}));
    const std::string message = dataErrorOf([&] { IdxReader::read(path("one-images-idx3-ubyte")); });
    EXPECT_CONTAINS(message, "one-labels-idx1-ubyte");
    EXPECT_CONTAINS(message, "at least 2 classes");
}

TEST_F(IdxReaderTest, LooksLikeIdxImages)
{
    const std::string gz = writePair("look", 3, 2, 2, 2, true);
    const std::string raw = writePair("raw", 3, 2, 2, 2, false);
    EXPECT_TRUE(IdxReader::looksLikeIdxImages(gz));
    EXPECT_TRUE(IdxReader::looksLikeIdxImages(raw));
    EXPECT_FALSE(IdxReader::looksLikeIdxImages(path("look-labels-idx1-ubyte.gz")));
    EXPECT_FALSE(IdxReader::looksLikeIdxImages(path("missing")));
    EXPECT_FALSE(IdxReader::looksLikeIdxImages(m_dir.string()));
    const std::string text = "plain text";
    writeRaw(path("text"), Bytes(text.begin(), text.end()));
    EXPECT_FALSE(IdxReader::looksLikeIdxImages(path("text")));
    writeRaw(path("empty"), {});
    EXPECT_FALSE(IdxReader::looksLikeIdxImages(path("empty")));
}

TEST_F(IdxReaderTest, WriteErrors)
{
    const Dataset good = smallDataset();
    std::string message =
        dataErrorOf([&] { IdxReader::write(good, path("no/such/dir/a-images"), path("no/such/dir/a-labels")); });
    EXPECT_CONTAINS(message, "no/such/dir/a-images");
    EXPECT_CONTAINS(message, "cannot write");

    Dataset badLabel = good;
    badLabel.labels[2] = 300;
    message = dataErrorOf([&] { IdxReader::write(badLabel, path("b-images"), path("b-labels")); });
    EXPECT_CONTAINS(message, "b-labels");
    EXPECT_CONTAINS(message, "300");

    Dataset badPixels = good;
    badPixels.pixels.pop_back();
    message = dataErrorOf([&] { IdxReader::write(badPixels, path("c-images"), path("c-labels")); });
    EXPECT_CONTAINS(message, "c-images");
}

} // namespace
} // namespace mlps
