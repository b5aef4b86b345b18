// Format detection, the loader's dispatch and the decoded-dataset cache.
#include "data/CsvReader.h"
#include "data/DataError.h"
#include "data/DataFormat.h"
#include "data/DatasetCache.h"
#include "data/DatasetLoader.h"
#include "data/IdxReader.h"
#include "data/NumpyReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace {

using mlps::DataFormat;

mlps::Dataset smallDataset(int count)
{
    mlps::Dataset data;
    data.width = 4;
    data.height = 4;
    data.classNames = {"0", "1", "2"};
    for (int i = 0; i < count; ++i) {
        std::uint8_t image[16];
        for (int p = 0; p < 16; ++p)
            image[p] = std::uint8_t((i * 37 + p * 11) % 256);
        data.append(image, i % 3);
    }
    return data;
}

class DatasetLoaderTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }
    std::string path(const char* name) const { return m_dir.filePath(QString::fromUtf8(name)).toStdString(); }
    std::string write(const char* name, const std::string& bytes) const
    {
        const std::string file = path(name);
        std::ofstream(file, std::ios::binary) << bytes;
        return file;
    }
    mlps::LoadOptions cachedOptions() const
    {
        mlps::LoadOptions options;
        options.width = 4;
        options.height = 4;
        options.cacheDir = path("cache");
        return options;
    }
    QTemporaryDir m_dir;
};

TEST_F(DatasetLoaderTest, DetectsFormatsFromContentAndName)
{
    EXPECT_EQ(mlps::detectDataFormat(m_dir.path().toStdString()), DataFormat::Folder);
    EXPECT_EQ(mlps::detectDataFormat("builtin:font-letters"), DataFormat::FontLetters);
    EXPECT_EQ(mlps::detectDataFormat(write("a.zip", std::string("PK\3\4rest", 8))), DataFormat::Zip);
    EXPECT_EQ(mlps::detectDataFormat(write("a.npz", std::string("PK\3\4rest", 8))), DataFormat::Npz);
    EXPECT_EQ(mlps::detectDataFormat(write("a.bin", std::string("\x93NUMPY\1\0", 8))), DataFormat::Npy);
    EXPECT_EQ(mlps::detectDataFormat(write("raw", std::string("\0\0\x08\x03\0\0\0\1", 8))), DataFormat::Idx);
    EXPECT_EQ(mlps::detectDataFormat(write("a.tar.bz2", "BZh91AY&SY")), DataFormat::Tar);
    EXPECT_EQ(mlps::detectDataFormat(write("a.tar.xz", std::string("\xFD" "7zXZ\0rest", 10))), DataFormat::Tar);
    std::string tar(512, '\0');
    tar.replace(257, 5, "ustar");
    EXPECT_EQ(mlps::detectDataFormat(write("plain.tar", tar)), DataFormat::Tar);
    EXPECT_EQ(mlps::detectDataFormat(write("table.csv", "label,p0\n1,2\n")), DataFormat::Csv);
    EXPECT_EQ(mlps::detectDataFormat(write("table.dat", "3,0,0,255\n1,2,3,4\n")), DataFormat::Csv);

    mlps::Dataset data = smallDataset(6);
    mlps::IdxReader::write(data, path("d-images-idx3-ubyte"), path("d-labels-idx1-ubyte"));
    EXPECT_EQ(mlps::detectDataFormat(path("d-images-idx3-ubyte")), DataFormat::Idx);
}

TEST_F(DatasetLoaderTest, UnknownMissingAndEmptyFilesNameThePath)
{
    auto message = [](const std::string& file) {
        try {
            mlps::detectDataFormat(file);
        } catch (const mlps::DataError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    const std::string junk = write("photo.jpg.bak", "\x01\x02\x03 binary junk without commas");
    EXPECT_NE(message(junk).find("photo.jpg.bak"), std::string::npos);
    EXPECT_NE(message(junk).find("unknown data format"), std::string::npos);
    EXPECT_NE(message(path("nowhere.csv")).find("no such file"), std::string::npos);
    const std::string empty = write("empty.csv", "");
    EXPECT_NE(message(empty).find("empty"), std::string::npos);
}

TEST_F(DatasetLoaderTest, FormatNamesRoundTrip)
{
    for (auto format : {DataFormat::Idx, DataFormat::Csv, DataFormat::Npz, DataFormat::Npy, DataFormat::Folder,
                        DataFormat::Zip, DataFormat::Tar, DataFormat::FontLetters})
        EXPECT_EQ(mlps::parseDataFormat(mlps::dataFormatName(format)), format);
    EXPECT_FALSE(mlps::parseDataFormat("pickle"));
}

TEST_F(DatasetLoaderTest, LoadsEachFormatItDispatches)
{
    const mlps::Dataset data = smallDataset(9);
    mlps::IdxReader::write(data, path("s-images-idx3-ubyte"), path("s-labels-idx1-ubyte"));
    mlps::CsvReader::write(data, path("s.csv"));
    mlps::NumpyReader::writeNpz(data, path("s.npz"));
    mlps::LoadOptions options = cachedOptions();
    options.useCache = false;
    for (const char* name : {"s-images-idx3-ubyte", "s.csv", "s.npz"}) {
        const mlps::LoadedDataset loaded = mlps::DatasetLoader::load(path(name), options);
        EXPECT_EQ(loaded.data.pixels, data.pixels) << name;
        EXPECT_EQ(loaded.data.labels, data.labels) << name;
        EXPECT_FALSE(loaded.report.format.empty()) << name;
        EXPECT_GE(loaded.report.seconds, 0.0);
    }
    // An explicit format overrides detection, and a wrong one fails clearly.
    EXPECT_THROW(mlps::DatasetLoader::load(path("s.csv"), options, DataFormat::Npz), mlps::DataError);
}

TEST_F(DatasetLoaderTest, CacheServesTheSecondOpenAndNoticesChanges)
{
    const mlps::Dataset data = smallDataset(12);
    const std::string csv = path("cached.csv");
    mlps::CsvReader::write(data, csv);
    const mlps::LoadOptions options = cachedOptions();

    const mlps::LoadedDataset first = mlps::DatasetLoader::load(csv, options);
    EXPECT_FALSE(first.report.fromCache);
    const mlps::LoadedDataset second = mlps::DatasetLoader::load(csv, options);
    EXPECT_TRUE(second.report.fromCache);
    EXPECT_EQ(second.data.pixels, first.data.pixels);
    EXPECT_EQ(second.data.labels, first.data.labels);
    EXPECT_EQ(second.data.classNames, first.data.classNames);
    EXPECT_EQ(second.data.width, 4);

    // A changed file is a new entry.
    mlps::Dataset changed = smallDataset(13);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    mlps::CsvReader::write(changed, csv);
    const mlps::LoadedDataset third = mlps::DatasetLoader::load(csv, options);
    EXPECT_FALSE(third.report.fromCache);
    EXPECT_EQ(third.data.count(), 13);

    // Another image size is another entry too.
    mlps::LoadOptions bigger = options;
    bigger.width = bigger.height = 8;
    const mlps::LoadedDataset resized = mlps::DatasetLoader::load(csv, bigger);
    EXPECT_FALSE(resized.report.fromCache);
    EXPECT_EQ(resized.data.width, 8);
}

TEST_F(DatasetLoaderTest, DamagedCacheEntriesAreIgnored)
{
    const std::string csv = path("damaged.csv");
    mlps::CsvReader::write(smallDataset(7), csv);
    const mlps::LoadOptions options = cachedOptions();
    mlps::DatasetLoader::load(csv, options);
    const QDir cache(QString::fromStdString(options.cacheDir));
    const QStringList entries = cache.entryList({QStringLiteral("*.mlpsdata")}, QDir::Files);
    ASSERT_EQ(entries.size(), 1);
    QFile entry(cache.filePath(entries.first()));
    ASSERT_TRUE(entry.open(QIODevice::ReadWrite));
    entry.resize(entry.size() / 2);
    entry.close();
    const mlps::LoadedDataset again = mlps::DatasetLoader::load(csv, options);
    EXPECT_FALSE(again.report.fromCache);
    EXPECT_EQ(again.data.count(), 7);
    // And the entry was written anew.
    EXPECT_TRUE(mlps::DatasetLoader::load(csv, options).report.fromCache);
}

TEST_F(DatasetLoaderTest, CacheKeysFollowFolderContents)
{
    const mlps::DatasetCache cache(cachedOptions());
    const std::string folder = path("classes");
    std::filesystem::create_directories(folder + "/A");
    write("classes/A/one.png", "x");
    const std::string before = cache.keyFor(folder, "folder");
    EXPECT_EQ(cache.keyFor(folder, "folder"), before);
    write("classes/A/two.png", "y");
    EXPECT_NE(cache.keyFor(folder, "folder"), before);
    EXPECT_TRUE(cache.keyFor(path("missing"), "folder").empty());
}

} // namespace
