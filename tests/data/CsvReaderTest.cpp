#include "data/CsvReader.h"

#include "data/DataError.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace mlps {
namespace {

namespace fs = std::filesystem;

class CsvReaderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("mlps-csv-" + std::to_string(::getpid()) + "-" + std::string(info->name()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::string write(const std::string& name, const std::string& text) const
    {
        const std::string p = path(name);
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

    // The message of the DataError that reading `file` throws, or "" when it reads.
    static std::string errorOf(const std::string& file, const LoadOptions& options = {})
    {
        try {
            CsvReader::read(file, options);
        } catch (const DataError& e) {
            return e.what();
        }
        return {};
    }

    static LoadOptions size(int width, int height)
    {
        LoadOptions options;
        options.width = width;
        options.height = height;
        return options;
    }

    fs::path m_dir;
};

Dataset someDataset(std::int64_t count, int side, int classes)
{
    Dataset data;
    data.width = data.height = side;
    std::uint32_t x = 2463534242u;
    std::vector<std::uint8_t> image(std::size_t(side * side));
    for (std::int64_t i = 0; i < count; ++i) {
        for (auto& p : image) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            p = std::uint8_t(x % 5 == 0 ? x >> 8 : 0); // mostly background, like a glyph
        }
        data.append(image.data(), std::int32_t(i % classes));
    }
    for (int k = 0; k < classes; ++k)
        data.classNames.push_back(std::to_string(k));
    return data;
}

TEST_F(CsvReaderTest, RoundTrip)
{
    const Dataset original = someDataset(57, 28, 10);
    const std::string file = path("digits.csv");
    CsvReader::write(original, file);
    EXPECT_FALSE(fs::exists(file + ".part"));

    std::ifstream in(file);
    std::string header;
    std::getline(in, header);
    EXPECT_TRUE(header.starts_with("label,p0,p1,p2,"));
    EXPECT_TRUE(header.ends_with(",p783"));

    const LoadedDataset loaded = CsvReader::read(file, {});
    EXPECT_EQ(loaded.data.width, 28);
    EXPECT_EQ(loaded.data.height, 28);
    EXPECT_EQ(loaded.data.pixels, original.pixels);
    EXPECT_EQ(loaded.data.labels, original.labels);
    EXPECT_EQ(loaded.data.classNames, original.classNames);
    EXPECT_EQ(loaded.data.format, "csv");
    EXPECT_EQ(loaded.report.format, "csv");
    EXPECT_EQ(loaded.data.source, file);
    EXPECT_TRUE(loaded.report.conversion.empty()) << loaded.report.conversion;
    ASSERT_FALSE(loaded.report.notes.empty());
    EXPECT_NE(loaded.report.notes.front().find("header"), std::string::npos);
}

TEST_F(CsvReaderTest, WithoutHeader)
{
    // 2x2 images; a blank line, CRLF line ends, no newline at the end.
    const std::string file = write("plain.csv", "1,0,255,10,20\r\n\r\n0, 3 ,4,5,6\r\n1,7,8,9,10");
    const LoadedDataset loaded = CsvReader::read(file, size(2, 2));
    EXPECT_EQ(loaded.data.labels, (std::vector<std::int32_t>{1, 0, 1}));
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 255, 10, 20, 3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_EQ(loaded.data.classNames, (std::vector<std::string>{"0", "1"}));
    for (const std::string& note : loaded.report.notes)
        EXPECT_EQ(note.find("header"), std::string::npos) << note;
}

TEST_F(CsvReaderTest, HeaderDetection)
{
    // Pixel columns named like numbers: the header shows in its label field.
    const std::string numbered = write("numbered.csv", "\xEF\xBB\xBFlabel,1,2,3,4\n2,1,2,3,4\n0,5,6,7,8\n");
    LoadedDataset loaded = CsvReader::read(numbered, size(2, 2));
    EXPECT_EQ(loaded.data.count(), 2);
    EXPECT_EQ(loaded.data.labels, (std::vector<std::int32_t>{2, 0}));
    EXPECT_EQ(loaded.data.classNames.size(), 3u);

    // Kaggle's "pixel0" naming, quoted.
    const std::string quoted = write("quoted.csv", "\"label\",\"pixel0\",\"pixel1\",\"pixel2\",\"pixel3\"\n"
                                                   "1,0,0,0,0\n0,1,2,3,4\n");
    loaded = CsvReader::read(quoted, size(2, 2));
    EXPECT_EQ(loaded.data.count(), 2);

    // The label last, as the header says.
    const std::string last = write("last.csv", "p0,p1,p2,p3,label\n0,0,0,9,1\n1,2,3,4,0\n");
    loaded = CsvReader::read(last, size(2, 2));
    EXPECT_EQ(loaded.data.labels, (std::vector<std::int32_t>{1, 0}));
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 0, 0, 9, 1, 2, 3, 4}));
}

TEST_F(CsvReaderTest, ClassNameLabels)
{
    const std::string file = write("animals.csv", "label,a,b,c,d\n"
                                                  "dog,1,1,1,1\n"
                                                  "cat,2,2,2,2\n"
                                                  "\"ant\",3,3,3,3\n"
                                                  "dog,4,4,4,4\n");
    const LoadedDataset loaded = CsvReader::read(file, size(2, 2));
    EXPECT_EQ(loaded.data.classNames, (std::vector<std::string>{"ant", "cat", "dog"}));
    EXPECT_EQ(loaded.data.labels, (std::vector<std::int32_t>{2, 1, 0, 2}));

    // Names without a header: numeric pixels tell the first line is data.
    const std::string bare = write("letters.csv", "B,0,0,0,0\nA,1,1,1,1\n");
    const LoadedDataset letters = CsvReader::read(bare, size(2, 2));
    EXPECT_EQ(letters.data.classNames, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(letters.data.labels, (std::vector<std::int32_t>{1, 0}));
}

TEST_F(CsvReaderTest, NotMnistClassNames)
{
    const std::string file = write("notMNIST_small.csv", "0,1,2,3,4\n9,5,6,7,8\n");
    EXPECT_EQ(CsvReader::read(file, size(2, 2)).data.classNames.at(9), "J");
}

TEST_F(CsvReaderTest, FloatPixels)
{
    // Floats 0..1 are scaled to 0..255 (0.5 * 255 = 127.5 rounds to 128).
    const std::string unit = write("unit.csv", "0,0.0,0.5,1.0,0.25\n1,1,0,0.001,1e-1\n");
    LoadedDataset loaded = CsvReader::read(unit, size(2, 2));
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 128, 255, 64, 255, 0, 0, 26}));
    EXPECT_NE(loaded.report.conversion.find("0..1"), std::string::npos) << loaded.report.conversion;

    // Larger floats are 0..255, rounded.
    const std::string bytes = write("bytes.csv", "0,0.4,100.5,255.0,7\n1,2,3,4,5\n");
    loaded = CsvReader::read(bytes, size(2, 2));
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 101, 255, 7, 2, 3, 4, 5}));
    EXPECT_NE(loaded.report.conversion.find("0..255"), std::string::npos) << loaded.report.conversion;

    // Integers that are all 0 or 1: black and white.
    const std::string binary = write("binary.csv", "0,0,1,1,0\n1,1,1,0,0\n");
    loaded = CsvReader::read(binary, size(2, 2));
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 255, 255, 0, 255, 255, 0, 0}));
    EXPECT_FALSE(loaded.report.conversion.empty());
}

TEST_F(CsvReaderTest, WrongColumnCountNamesTheLine)
{
    const std::string file = write("short.csv", "label,p0,p1,p2,p3\n1,0,0,0,0\n2,0,0,0\n");
    const std::string message = errorOf(file, size(2, 2));
    EXPECT_NE(message.find("short.csv"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3 has 4 values, expected 5"), std::string::npos) << message;

    const std::string longer = write("long.csv", "1,0,0,0,0\n\n2,0,0,0,0,0,0\n");
    EXPECT_NE(errorOf(longer, size(2, 2)).find("line 3 has 7 values, expected 5"), std::string::npos)
        << errorOf(longer, size(2, 2));
}

TEST_F(CsvReaderTest, GarbageValueNamesLineAndColumn)
{
    const std::string file = write("bad.csv", "1,0,0,0,0\n2,0,abc,0,0\n");
    std::string message = errorOf(file, size(2, 2));
    EXPECT_NE(message.find("bad.csv"), std::string::npos) << message;
    EXPECT_NE(message.find("line 2, column 3"), std::string::npos) << message;
    EXPECT_NE(message.find("'abc'"), std::string::npos) << message;

    message = errorOf(write("range.csv", "1,0,0,0,0\n0,0,0,0,300\n"), size(2, 2));
    EXPECT_NE(message.find("line 2, column 5"), std::string::npos) << message;
    EXPECT_NE(message.find("300"), std::string::npos) << message;

    message = errorOf(write("negative.csv", "1,0,0,0,0\n0,0,-1,0,0\n"), size(2, 2));
    EXPECT_NE(message.find("line 2, column 3"), std::string::npos) << message;

    message = errorOf(write("empty-value.csv", "1,0,0,0,0\n0,0,,0,0\n"), size(2, 2));
    EXPECT_NE(message.find("line 2, column 3"), std::string::npos) << message;

    message = errorOf(write("negative-label.csv", "1,0,0,0,0\n-1,0,0,0,0\n"), size(2, 2));
    EXPECT_NE(message.find("line 2, column 1"), std::string::npos) << message;
}

TEST_F(CsvReaderTest, OtherProblems)
{
    EXPECT_NE(errorOf(path("missing.csv")).find("not found"), std::string::npos);
    EXPECT_NE(errorOf(write("empty.csv", "")).find("empty"), std::string::npos);
    EXPECT_NE(errorOf(write("header-only.csv", "label,p0,p1,p2,p3\n"), size(2, 2)).find("no data"),
              std::string::npos);
    EXPECT_NE(errorOf(write("one-class.csv", "0,0,0,0,0\n0,1,1,1,1\n"), size(2, 2)).find("at least 2 classes"),
              std::string::npos);
    // 5 pixels: not a square, nor the size asked for.
    const std::string notSquare = errorOf(write("five.csv", "1,0,0,0,0,0\n0,1,1,1,1,1\n"));
    EXPECT_NE(notSquare.find("not a square"), std::string::npos) << notSquare;
    EXPECT_NE(errorOf(write("words.txt", "hello world\n")).find("no commas"), std::string::npos);
}

TEST_F(CsvReaderTest, NonSquareSizeFromOptions)
{
    // 6 pixels per row make 3x2 images when that is the size asked for.
    const LoadedDataset loaded = CsvReader::read(write("wide.csv", "1,1,2,3,4,5,6\n0,0,0,0,0,0,0\n"), size(3, 2));
    EXPECT_EQ(loaded.data.width, 3);
    EXPECT_EQ(loaded.data.height, 2);
}

TEST_F(CsvReaderTest, ResizesToTheRequestedSize)
{
    // 4x4 images, to 2x2: each output pixel is the mean of a 2x2 block here
    // (the sample point falls between the block's four pixels).
    std::string text;
    text += "0,0,0,100,100,0,0,100,100,200,200,50,50,200,200,50,50\n";
    text += "1,255,255,255,255,255,255,255,255,0,0,0,0,0,0,0,0\n";
    const LoadedDataset loaded = CsvReader::read(write("big.csv", text), size(2, 2));
    EXPECT_EQ(loaded.data.width, 2);
    EXPECT_EQ(loaded.data.height, 2);
    EXPECT_EQ(loaded.data.pixels, (std::vector<std::uint8_t>{0, 100, 200, 50, 255, 255, 0, 0}));
    EXPECT_NE(loaded.report.conversion.find("4x4 resized to 2x2"), std::string::npos) << loaded.report.conversion;
}

TEST_F(CsvReaderTest, Cancel)
{
    const std::string file = path("cancel.csv");
    CsvReader::write(someDataset(10, 28, 10), file);
    std::atomic<bool> cancel{true};
    LoadOptions options;
    options.cancel = &cancel;
    EXPECT_THROW(CsvReader::read(file, options), LoadCancelled);
}

// Speed on an MNIST-sized file (60,000 rows, ~110 MB); run with
// --gtest_also_run_disabled_tests.
TEST_F(CsvReaderTest, DISABLED_Speed60kRows)
{
    const Dataset original = someDataset(60000, 28, 10);
    const std::string file = path("mnist_train.csv");
    CsvReader::write(original, file);
    const auto start = std::chrono::steady_clock::now();
    const LoadedDataset loaded = CsvReader::read(file, {});
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "[   TIME   ] " << fs::file_size(file) / 1e6 << " MB, " << loaded.data.count() << " rows in "
              << elapsed.count() << " s" << std::endl;
    EXPECT_EQ(loaded.data.pixels, original.pixels);
}

} // namespace
} // namespace mlps
