#include "data/NumpyReader.h"

#include "data/DataError.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace mlps {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// The pixel the fixtures hold at image i, position j (also what the Python script writes).
std::uint8_t fixturePixel(std::int64_t i, std::int64_t j) { return std::uint8_t((i * 7 + j * 3) % 256); }

Dataset fixtureDataset(std::int64_t count, int side = 28, int classes = 10)
{
    Dataset data;
    data.width = data.height = side;
    Bytes image(std::size_t(side * side));
    for (std::int64_t i = 0; i < count; ++i) {
        for (std::size_t j = 0; j < image.size(); ++j)
            image[j] = fixturePixel(i, std::int64_t(j));
        data.append(image.data(), std::int32_t(i % classes));
    }
    for (int k = 0; k < classes; ++k)
        data.classNames.push_back(std::to_string(k));
    return data;
}

void putLittle(Bytes& out, std::uint64_t value, int bytes)
{
    for (int b = 0; b < bytes; ++b)
        out.push_back(std::uint8_t(value >> (8 * b)));
}

// A .npy written by hand (independently of NumpyReader's writer): magic,
// version, header length, the dict padded to 64 bytes, then the data.
Bytes npyBytes(const std::string& descr, const std::string& shape, const Bytes& data, bool fortran = false,
               int major = 1)
{
    // A structured dtype is a list, written as is.
    const std::string quotedDescr = descr.starts_with('[') ? descr : "'" + descr + "'";
    std::string dict = "{'descr': " + quotedDescr + ", 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
    const std::size_t prefix = major == 1 ? 10 : 12;
    while ((prefix + dict.size() + 1) % 64 != 0)
        dict.push_back(' ');
    dict.push_back('\n');
    std::string header = "\x93NUMPY";
    header.push_back(char(major));
    header.push_back(char(0));
    for (int b = 0; b < (major == 1 ? 2 : 4); ++b)
        header.push_back(char((dict.size() >> (8 * b)) & 0xff));
    header += dict;
    Bytes out(header.size() + data.size());
    std::memcpy(out.data(), header.data(), header.size());
    if (!data.empty())
        std::memcpy(out.data() + header.size(), data.data(), data.size());
    return out;
}

Bytes int64Labels(const std::vector<std::int64_t>& labels)
{
    Bytes out;
    for (const std::int64_t v : labels)
        putLittle(out, std::uint64_t(v), 8);
    return out;
}

// A zip of stored entries, written by hand: local headers, the central
// directory and its end record (APPNOTE.TXT 4.3), CRC-32 from zlib.
Bytes storedZip(const std::vector<std::pair<std::string, Bytes>>& entries)
{
    Bytes out;
    Bytes directory;
    for (const auto& [name, data] : entries) {
        const auto crc = std::uint32_t(crc32(0, data.data(), uInt(data.size())));
        const auto offset = std::uint32_t(out.size());
        auto header = [&](Bytes& to, bool central) {
            putLittle(to, central ? 0x02014b50 : 0x04034b50, 4);
            if (central)
                putLittle(to, 20, 2); // version made by
            putLittle(to, 20, 2);     // version needed
            putLittle(to, 0, 2);      // flags
            putLittle(to, 0, 2);      // method: stored
            putLittle(to, 0, 2);      // time
            putLittle(to, 0x21, 2);   // date 1980-01-01
            putLittle(to, crc, 4);
            putLittle(to, data.size(), 4);
            putLittle(to, data.size(), 4);
            putLittle(to, name.size(), 2);
            putLittle(to, 0, 2); // extra
            if (central) {
                putLittle(to, 0, 2); // comment
                putLittle(to, 0, 2); // disk
                putLittle(to, 0, 2); // internal attributes
                putLittle(to, 0, 4); // external attributes
                putLittle(to, offset, 4);
            }
            to.insert(to.end(), name.begin(), name.end());
        };
        header(out, false);
        out.insert(out.end(), data.begin(), data.end());
        header(directory, true);
    }
    const auto directoryOffset = std::uint32_t(out.size());
    out.insert(out.end(), directory.begin(), directory.end());
    putLittle(out, 0x06054b50, 4);
    putLittle(out, 0, 2);
    putLittle(out, 0, 2);
    putLittle(out, entries.size(), 2);
    putLittle(out, entries.size(), 2);
    putLittle(out, directory.size(), 4);
    putLittle(out, directoryOffset, 4);
    putLittle(out, 0, 2);
    return out;
}

class NumpyReaderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("mlps-npy-" + std::to_string(::getpid()) + "-" + std::string(info->name()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::string write(const std::string& name, const Bytes& bytes) const
    {
        const std::string p = path(name);
        std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        return p;
    }

    static std::string errorOf(const std::string& file, const LoadOptions& options = {})
    {
        try {
            NumpyReader::read(file, options);
        } catch (const DataError& e) {
            return e.what();
        }
        return {};
    }

    static bool mentions(const std::vector<std::string>& notes, const std::string& text)
    {
        for (const std::string& note : notes) {
            if (note.find(text) != std::string::npos)
                return true;
        }
        return false;
    }

    static void expectFixture(const Dataset& data, std::int64_t count)
    {
        const Dataset expected = fixtureDataset(count);
        EXPECT_EQ(data.width, 28);
        EXPECT_EQ(data.height, 28);
        EXPECT_EQ(data.pixels, expected.pixels);
        EXPECT_EQ(data.labels, expected.labels);
    }

    fs::path m_dir;
};

TEST_F(NumpyReaderTest, NpzRoundTrip)
{
    Dataset original = fixtureDataset(23);
    original.classNames = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "Jé"};
    for (const bool compress : {true, false}) {
        const std::string file = path(compress ? "deflated.npz" : "stored.npz");
        NumpyReader::writeNpz(original, file, compress);
        EXPECT_FALSE(fs::exists(file + ".part"));
        const LoadedDataset loaded = NumpyReader::read(file, {});
        expectFixture(loaded.data, 23);
        EXPECT_EQ(loaded.data.classNames, original.classNames);
        EXPECT_EQ(loaded.data.format, "npz");
        EXPECT_EQ(loaded.report.format, "npz");
        EXPECT_TRUE(loaded.report.conversion.empty()) << loaded.report.conversion;
        EXPECT_TRUE(mentions(loaded.report.notes, "images from 'x' (23x28x28 uint8), labels from 'y' (23 int64)"))
            << loaded.report.notes.front();
    }
    // Stored is bigger than deflated.
    EXPECT_GT(fs::file_size(path("stored.npz")), fs::file_size(path("deflated.npz")));
}

TEST_F(NumpyReaderTest, NpyPairByName)
{
    const Dataset original = fixtureDataset(11);
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"x.npy", "y.npy"},
        {"X_train.npy", "y_train.npy"},
        {"train_images.npy", "train_labels.npy"},
        {"mnist-images.npy", "mnist-labels.npy"},
        {"test_x.npy", "test_y.npy"},
    };
    for (const auto& [images, labels] : pairs) {
        NumpyReader::writeNpy(original, path(images), path(labels));
        EXPECT_EQ(NumpyReader::labelsPathFor(path(images)), path(labels)) << images;
        const LoadedDataset loaded = NumpyReader::read(path(images), {});
        expectFixture(loaded.data, 11);
        EXPECT_EQ(loaded.data.format, "npy");
        EXPECT_TRUE(mentions(loaded.report.notes, "labels from " + labels)) << images;
        // Opening the labels file finds the images.
        const LoadedDataset fromLabels = NumpyReader::read(path(labels), {});
        EXPECT_EQ(fromLabels.data.pixels, original.pixels) << labels;
        fs::remove(path(images));
        fs::remove(path(labels));
    }

    // Explicitly named labels.
    NumpyReader::writeNpy(original, path("pictures.npy"), path("classes.npy"));
    EXPECT_NE(errorOf(path("pictures.npy")).find("cannot tell which labels file"), std::string::npos);
    LoadOptions options;
    options.labelsPath = path("classes.npy");
    expectFixture(NumpyReader::read(path("pictures.npy"), options).data, 11);

    // A partner that is missing.
    NumpyReader::writeNpy(original, path("a_images.npy"), path("unused.npy"));
    const std::string message = errorOf(path("a_images.npy"));
    EXPECT_NE(message.find("no labels file found"), std::string::npos) << message;
    EXPECT_NE(message.find("a_labels.npy"), std::string::npos) << message;
}

TEST_F(NumpyReaderTest, HandWrittenArrays)
{
    // N x 784 float32 0..1, labels int32 big-endian, format version 2.0.
    const std::int64_t n = 4;
    Bytes floats;
    for (std::int64_t i = 0; i < n; ++i) {
        for (int j = 0; j < 784; ++j) {
            const float value = float(fixturePixel(i, j)) / 255.0f;
            std::uint32_t bits = 0;
            std::memcpy(&bits, &value, 4);
            putLittle(floats, bits, 4);
        }
    }
    Bytes bigEndianLabels;
    for (std::int64_t i = 0; i < n; ++i) {
        const auto v = std::uint32_t(i % 10);
        for (int b = 3; b >= 0; --b)
            bigEndianLabels.push_back(std::uint8_t(v >> (8 * b)));
    }
    write("x.npy", npyBytes("<f4", "(4, 784)", floats, false, 2));
    write("y.npy", npyBytes(">i4", "(4L,)", bigEndianLabels, false, 3));
    const LoadedDataset loaded = NumpyReader::read(path("x.npy"), {});
    expectFixture(loaded.data, n);
    EXPECT_NE(loaded.report.conversion.find("float32"), std::string::npos) << loaded.report.conversion;
    EXPECT_NE(loaded.report.conversion.find("0..1"), std::string::npos) << loaded.report.conversion;

    // Channels last (N x 28 x 28 x 1) in a hand-made stored zip with names images/labels.
    const Dataset fixture = fixtureDataset(n);
    write("channels.npz", storedZip({{"labels.npy", npyBytes("<i8", "(4,)", int64Labels({0, 1, 2, 3}))},
                                     {"images.npy", npyBytes("|u1", "(4, 28, 28, 1)", fixture.pixels)}}));
    expectFixture(NumpyReader::read(path("channels.npz"), {}).data, n);
}

TEST_F(NumpyReaderTest, FloatRanges)
{
    // 0..255 floats, -0.5..0.5 floats (the notMNIST assignment's normalisation), and out of range.
    auto doubles = [](const std::vector<double>& values) {
        Bytes out;
        for (const double v : values) {
            std::uint64_t bits = 0;
            std::memcpy(&bits, &v, 8);
            putLittle(out, bits, 8);
        }
        return out;
    };
    const Bytes labels = int64Labels({0, 1});
    write("wide_labels.npy", npyBytes("<i8", "(2,)", labels));
    write("wide_images.npy", npyBytes("<f8", "(2, 2, 2)", doubles({0, 10.4, 200.6, 255, 3, 2, 1, 0})));
    LoadOptions options;
    options.width = options.height = 2;
    LoadedDataset loaded = NumpyReader::read(path("wide_images.npy"), options);
    EXPECT_EQ(loaded.data.pixels, (Bytes{0, 10, 201, 255, 3, 2, 1, 0}));
    EXPECT_NE(loaded.report.conversion.find("0..255"), std::string::npos) << loaded.report.conversion;

    write("centred_images.npy", npyBytes("<f8", "(2, 4)", doubles({-0.5, 0.5, 0.0, -0.25, 0.1, 0.2, 0.3, 0.4})));
    write("centred_labels.npy", npyBytes("<i8", "(2,)", labels));
    loaded = NumpyReader::read(path("centred_images.npy"), options);
    EXPECT_EQ(loaded.data.pixels, (Bytes{0, 255, 128, 64, 153, 179, 204, 230}));
    EXPECT_NE(loaded.report.conversion.find("-0.5..0.5"), std::string::npos) << loaded.report.conversion;

    write("odd_images.npy", npyBytes("<f8", "(2, 4)", doubles({-3, 0.5, 0.0, 0, 0, 0, 0, 900})));
    write("odd_labels.npy", npyBytes("<i8", "(2,)", labels));
    const std::string message = errorOf(path("odd_images.npy"), options);
    EXPECT_NE(message.find("range from -3 to 900"), std::string::npos) << message;
}

TEST_F(NumpyReaderTest, BadInputs)
{
    const Dataset fixture = fixtureDataset(3);
    const Bytes labels = int64Labels({0, 1, 2});
    write("y.npy", npyBytes("<i8", "(3,)", labels));

    // Fortran order.
    write("x.npy", npyBytes("|u1", "(3, 28, 28)", fixture.pixels, true));
    std::string message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("x.npy"), std::string::npos) << message;
    EXPECT_NE(message.find("Fortran"), std::string::npos) << message;

    // Truncated data.
    Bytes cut = npyBytes("|u1", "(3, 28, 28)", fixture.pixels);
    cut.resize(cut.size() - 100);
    write("x.npy", cut);
    message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_NE(message.find("3x28x28 uint8 (2,352 bytes of data) but only 2,252 bytes follow"), std::string::npos)
        << message;

    // Truncated header.
    cut.resize(30);
    write("x.npy", cut);
    EXPECT_NE(errorOf(path("x.npy")).find("truncated"), std::string::npos) << errorOf(path("x.npy"));

    // Images and labels of different lengths.
    write("x.npy", npyBytes("|u1", "(3, 28, 28)", fixture.pixels));
    write("y.npy", npyBytes("<i8", "(2,)", int64Labels({0, 1})));
    message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("has 3 images but y.npy has 2 labels"), std::string::npos) << message;
    write("y.npy", npyBytes("<i8", "(3,)", labels));

    // Unsupported element types.
    write("x.npy", npyBytes("|O", "(3,)", Bytes(24, 0)));
    message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("Python objects"), std::string::npos) << message;
    write("x.npy", npyBytes("<c8", "(3, 28, 28)", Bytes(3 * 784 * 8, 0)));
    EXPECT_NE(errorOf(path("x.npy")).find("complex"), std::string::npos) << errorOf(path("x.npy"));
    write("x.npy", npyBytes("[('a', '<i4')]", "(3,)", Bytes(12, 0)));
    EXPECT_NE(errorOf(path("x.npy")).find("structured array"), std::string::npos) << errorOf(path("x.npy"));
    write("x.npy", npyBytes("<i4", "[3]", Bytes(12, 0)));
    EXPECT_NE(errorOf(path("x.npy")).find("not a valid .npy header"), std::string::npos) << errorOf(path("x.npy"));

    // Not a .npy at all: a pickle, and text.
    write("x.npy", Bytes{0x80, 0x04, 0x95, 0, 0, 0});
    message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("not a NumPy .npy file"), std::string::npos) << message;
    EXPECT_NE(message.find("pickle"), std::string::npos) << message;

    // One-hot labels.
    write("x.npy", npyBytes("|u1", "(3, 28, 28)", fixture.pixels));
    write("y.npy", npyBytes("|u1", "(3, 2)", Bytes{1, 0, 0, 1, 1, 0}));
    EXPECT_NE(errorOf(path("x.npy")).find("one-hot"), std::string::npos) << errorOf(path("x.npy"));

    // Pixels out of range for an integer type.
    write("y.npy", npyBytes("<i8", "(3,)", labels));
    Bytes wide;
    for (int i = 0; i < 3 * 784; ++i)
        putLittle(wide, i == 800 ? 300 : 5, 2);
    write("x.npy", npyBytes("<u2", "(3, 784)", wide));
    message = errorOf(path("x.npy"));
    EXPECT_NE(message.find("300"), std::string::npos) << message;
    EXPECT_NE(message.find("image 1"), std::string::npos) << message;
}

TEST_F(NumpyReaderTest, ZipThatIsNotAnNpz)
{
    write("letters.npz", storedZip({{"A/a.png", Bytes{0x89, 'P', 'N', 'G'}}, {"B/b.png", Bytes{1, 2, 3}}}));
    const std::string message = errorOf(path("letters.npz"));
    EXPECT_NE(message.find("letters.npz"), std::string::npos) << message;
    EXPECT_NE(message.find("not a NumPy .npz"), std::string::npos) << message;
    EXPECT_NE(message.find("A/a.png"), std::string::npos) << message;

    // A damaged zip: its end cut off.
    Bytes zip = storedZip({{"x.npy", npyBytes("|u1", "(1, 4)", Bytes(4, 0))}});
    zip.resize(zip.size() - 30);
    write("cut.npz", zip);
    EXPECT_NE(errorOf(path("cut.npz")).find("not a readable zip"), std::string::npos) << errorOf(path("cut.npz"));
}

TEST_F(NumpyReaderTest, ChoosingArraysInAnNpz)
{
    const Dataset fixture = fixtureDataset(3);
    const Bytes images = npyBytes("|u1", "(3, 28, 28)", fixture.pixels);
    const Bytes labels = npyBytes("<i8", "(3,)", int64Labels({0, 1, 2}));

    // One plausible pair under other names is used.
    write("odd.npz", storedZip({{"pics.npy", images}, {"cls.npy", labels}, {"meta.npy", npyBytes("<i8", "(2,)", Bytes(16, 0))}}));
    LoadedDataset loaded = NumpyReader::read(path("odd.npz"), {});
    EXPECT_TRUE(mentions(loaded.report.notes, "images from 'pics' (3x28x28 uint8), labels from 'cls' (3 int64)"));

    // Two labels arrays of the right length: ambiguous, and the message lists the arrays.
    write("two.npz", storedZip({{"pics.npy", images}, {"a.npy", labels}, {"b.npy", labels}}));
    const std::string message = errorOf(path("two.npz"));
    EXPECT_NE(message.find("cannot tell which arrays"), std::string::npos) << message;
    EXPECT_NE(message.find("'pics' (3x28x28 uint8)"), std::string::npos) << message;
    EXPECT_NE(message.find("'b' (3 int64)"), std::string::npos) << message;

    // Named pairs win; a test pair is noted; names are matched in any case.
    const Dataset small = fixtureDataset(2);
    write("keras.npz", storedZip({{"X_test.npy", npyBytes("|u1", "(2, 28, 28)", small.pixels)},
                                  {"y_test.npy", npyBytes("<i8", "(2,)", int64Labels({0, 1}))},
                                  {"X_train.npy", images},
                                  {"y_train.npy", labels}}));
    loaded = NumpyReader::read(path("keras.npz"), {});
    expectFixture(loaded.data, 3);
    EXPECT_TRUE(mentions(loaded.report.notes, "images from 'X_train'"));
    EXPECT_TRUE(mentions(loaded.report.notes, "'X_test'/'y_test' (2 images, a test set)"));

    // The name rule for class names, and class names as strings.
    write("notMNIST.npz", storedZip({{"x.npy", images}, {"y.npy", labels}}));
    EXPECT_EQ(NumpyReader::read(path("notMNIST.npz"), {}).data.classNames.at(2), "C");
    Bytes letters;
    for (const char c : std::string("JAJ")) {
        putLittle(letters, std::uint32_t(c), 4);
        putLittle(letters, 0, 4);
    }
    write("strings.npz", storedZip({{"x.npy", images}, {"y.npy", npyBytes("<U2", "(3,)", letters)}}));
    loaded = NumpyReader::read(path("strings.npz"), {});
    EXPECT_EQ(loaded.data.classNames, (std::vector<std::string>{"A", "J"}));
    EXPECT_EQ(loaded.data.labels, (std::vector<std::int32_t>{1, 0, 1}));

    // A mismatch inside an .npz names the arrays.
    write("mismatch.npz", storedZip({{"x.npy", images}, {"y.npy", npyBytes("<i8", "(2,)", int64Labels({0, 1}))}}));
    EXPECT_NE(errorOf(path("mismatch.npz")).find("array 'x' has 3 images but 'y' has 2 labels"), std::string::npos)
        << errorOf(path("mismatch.npz"));
}

TEST_F(NumpyReaderTest, ResizesToTheRequestedSize)
{
    const Dataset fixture = fixtureDataset(2);
    write("x.npy", npyBytes("|u1", "(2, 28, 28)", fixture.pixels));
    write("y.npy", npyBytes("<i8", "(2,)", int64Labels({0, 1})));
    LoadOptions options;
    options.width = options.height = 14;
    const LoadedDataset loaded = NumpyReader::read(path("x.npy"), options);
    EXPECT_EQ(loaded.data.width, 14);
    EXPECT_EQ(loaded.data.pixels.size(), 2u * 14 * 14);
    EXPECT_NE(loaded.report.conversion.find("28x28 resized to 14x14"), std::string::npos) << loaded.report.conversion;
}

// Cross-checks against files numpy itself writes, when python3 with numpy is here.
TEST_F(NumpyReaderTest, FilesWrittenByNumpy)
{
    const char* python = "/usr/bin/python3";
    if (!fs::exists(python) || std::system((std::string(python) + " -c 'import numpy' 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "python3 with numpy is not available";
    const std::string script = path("fixtures.py");
    std::ofstream(script) << R"(import sys
import numpy as np
out = sys.argv[1]
n = 12
i = np.arange(n)[:, None]
j = np.arange(784)[None, :]
u8 = ((i * 7 + j * 3) % 256).astype(np.uint8)
labels = (np.arange(n) % 10).astype(np.int64)
np.savez(out + '/f32.npz', x=u8.astype(np.float32) / np.float32(255), y=labels)
np.savez_compressed(out + '/keras.npz', x_train=u8.reshape(n, 28, 28), y_train=labels,
                    x_test=u8[:5].reshape(5, 28, 28), y_test=labels[:5])
np.save(out + '/X_train.npy', u8.reshape(n, 28, 28))
np.save(out + '/y_train.npy', labels.astype(np.uint8))
np.save(out + '/fortran_x.npy', np.asfortranarray(u8.reshape(n, 28, 28)))
np.save(out + '/fortran_y.npy', labels)
np.save(out + '/short_images.npy', u8)
np.save(out + '/short_labels.npy', labels[:-1])
with open(out + '/v2_x.npy', 'wb') as f:
    np.lib.format.write_array(f, (u8.astype('>f8') / 255.0).reshape(n, 1, 28, 28), version=(2, 0))
np.save(out + '/v2_y.npy', np.array([chr(ord('A') + k) for k in labels]))
np.save(out + '/objects_x.npy', np.array([1, 'a', None], dtype=object), allow_pickle=True)
np.save(out + '/objects_y.npy', labels[:3])
)";
    ASSERT_EQ(std::system((std::string(python) + " " + script + " " + m_dir.string()).c_str()), 0);

    LoadedDataset loaded = NumpyReader::read(path("f32.npz"), {});
    expectFixture(loaded.data, 12);
    EXPECT_TRUE(mentions(loaded.report.notes, "images from 'x' (12x784 float32), labels from 'y' (12 int64)"));

    loaded = NumpyReader::read(path("keras.npz"), {});
    expectFixture(loaded.data, 12);
    EXPECT_TRUE(mentions(loaded.report.notes, "images from 'x_train' (12x28x28 uint8), labels from 'y_train'"));
    EXPECT_TRUE(mentions(loaded.report.notes, "'x_test'/'y_test' (5 images, a test set)"));

    expectFixture(NumpyReader::read(path("X_train.npy"), {}).data, 12);
    expectFixture(NumpyReader::read(path("y_train.npy"), {}).data, 12);

    loaded = NumpyReader::read(path("v2_x.npy"), {});
    EXPECT_EQ(loaded.data.pixels, fixtureDataset(12).pixels);
    EXPECT_EQ(loaded.data.classNames.size(), 10u);
    EXPECT_EQ(loaded.data.classNames.front(), "A");

    EXPECT_NE(errorOf(path("fortran_x.npy")).find("Fortran"), std::string::npos) << errorOf(path("fortran_x.npy"));
    EXPECT_NE(errorOf(path("short_images.npy")).find("has 12 images but short_labels.npy has 11 labels"),
              std::string::npos)
        << errorOf(path("short_images.npy"));
    EXPECT_NE(errorOf(path("objects_x.npy")).find("Python objects"), std::string::npos) << errorOf(path("objects_x.npy"));

    // And the other way: numpy reads what writeNpz writes.
    Dataset original = fixtureDataset(7);
    original.classNames = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
    NumpyReader::writeNpz(original, path("ours.npz"));
    const std::string check = path("check.py");
    std::ofstream(check) << R"(import sys
import numpy as np
d = np.load(sys.argv[1])
x, y, names = d['x'], d['y'], d['class_names']
n = 7
i = np.arange(n)[:, None]
j = np.arange(784)[None, :]
assert x.dtype == np.uint8 and x.shape == (n, 28, 28), (x.dtype, x.shape)
assert (x.reshape(n, 784) == ((i * 7 + j * 3) % 256)).all()
assert y.dtype == np.int64 and (y == np.arange(n) % 10).all()
assert list(names) == list('ABCDEFGHIJ'), names
)";
    EXPECT_EQ(std::system((std::string(python) + " " + check + " " + path("ours.npz")).c_str()), 0);
}

} // namespace
} // namespace mlps
