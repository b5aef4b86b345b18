// The image-collection readers (folder, zip, tar archives) and the image
// decoder behind them. Fixtures are made at test time in a temporary folder:
// real notMNIST glyphs from the shared IDX sample (MLPS_SHARED_DATA_DIR) when
// it is there, glyph-like shapes drawn with QPainter otherwise.
#include "data/ArchiveReader.h"
#include "data/DataError.h"
#include "data/IdxReader.h"
#include "data/ImageCollector.h"
#include "data/ImageDecoder.h"
#include "data/ImageFolderReader.h"
#include "data/ZipImageReader.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QImage>
#include <QPainter>

#include <archive.h>
#include <archive_entry.h>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef MLPS_SHARED_DATA_DIR
#define MLPS_SHARED_DATA_DIR ""
#endif

namespace mlps {
namespace {

namespace fs = std::filesystem;

constexpr int kPerClass = 30;
constexpr int kClasses = 10;
const std::string kWrapper = "notMNIST_small";

struct Sample {
    std::string name; // "A/<base64>.png", as the readers name it
    std::int32_t label = 0;
    std::vector<std::uint8_t> pixels;
    QByteArray png;
};

using Entries = std::vector<std::pair<std::string, QByteArray>>;

QByteArray encodePng(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    EXPECT_TRUE(image.save(&buffer, "PNG"));
    return bytes;
}

QImage grayImage(const std::uint8_t* pixels, int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y)
        std::copy(pixels + y * width, pixels + (y + 1) * width, image.scanLine(y));
    return image;
}

// A glyph-like image when the real sample is absent: white shapes on black,
// touching the borders the way notMNIST glyphs do.
std::vector<std::uint8_t> drawnGlyph(int label, int index)
{
    QImage canvas(28, 28, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    {
        QPainter painter(&canvas);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::white, 2 + index % 4));
        painter.setBrush(Qt::NoBrush);
        const int sides = 3 + label;
        QPolygonF polygon;
        for (int i = 0; i < sides; ++i) {
            const double angle = 6.2831853 * i / sides + 0.1 * index;
            polygon << QPointF(14 + 13 * std::cos(angle), 14 + 13 * std::sin(angle));
        }
        painter.drawPolygon(polygon);
        painter.drawLine(QPointF(index % 28, 0), QPointF(27 - label, 27));
    }
    std::vector<std::uint8_t> pixels(28 * 28);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            pixels[std::size_t(y * 28 + x)] = std::uint8_t(qRed(canvas.pixel(x, y)));
    return pixels;
}

void writeFile(const fs::path& path, const QByteArray& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.constData(), bytes.size());
}

QByteArray readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return QByteArray(text.data(), qsizetype(text.size()));
}

// A tar archive (pax) written with libarchive, folders first as tar does.
void writeTar(const fs::path& path, int filter, const Entries& entries)
{
    archive* a = archive_write_new();
    ASSERT_EQ(archive_write_add_filter(a, filter), ARCHIVE_OK) << archive_error_string(a);
    ASSERT_EQ(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
    ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK) << archive_error_string(a);
    std::set<std::string> folders;
    for (const auto& [name, bytes] : entries) {
        for (std::size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
            const std::string folder = name.substr(0, slash + 1);
            if (!folders.insert(folder).second)
                continue;
            archive_entry* entry = archive_entry_new();
            archive_entry_set_pathname(entry, folder.c_str());
            archive_entry_set_filetype(entry, AE_IFDIR);
            archive_entry_set_perm(entry, 0755);
            ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
            archive_entry_free(entry);
        }
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, bytes.size());
        ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
        if (!bytes.isEmpty()) {
            ASSERT_EQ(archive_write_data(a, bytes.constData(), std::size_t(bytes.size())), bytes.size());
        }
        archive_entry_free(entry);
    }
    ASSERT_EQ(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
}

// A zip written with QuaZip; entries named in `stored` are not compressed.
void writeZip(const fs::path& path, const Entries& entries, const std::set<std::string>& stored = {})
{
    QuaZip zip(QString::fromStdString(path.string()));
    ASSERT_TRUE(zip.open(QuaZip::mdCreate));
    for (const auto& [name, bytes] : entries) {
        QuaZipFile file(&zip);
        const QuaZipNewInfo info(QString::fromStdString(name));
        const bool store = stored.count(name) > 0;
        ASSERT_TRUE(file.open(QIODevice::WriteOnly, info, nullptr, 0, store ? 0 : Z_DEFLATED,
                              store ? Z_NO_COMPRESSION : Z_DEFAULT_COMPRESSION));
        ASSERT_EQ(file.write(bytes), bytes.size());
        file.close();
        ASSERT_EQ(file.getZipError(), UNZ_OK);
    }
    zip.close();
    ASSERT_EQ(zip.getZipError(), UNZ_OK);
}

class ImageReadersTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = fs::temp_directory_path() /
                ("mlps-image-readers-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
        fs::create_directories(s_dir);
        makeSamples();
        Entries good;
        for (const Sample& sample : s_samples)
            good.emplace_back(kWrapper + "/" + sample.name, sample.png);
        for (const auto& [name, bytes] : good)
            writeFile(s_dir / "folder" / name, bytes);
        writeTar(s_dir / "good.tar", ARCHIVE_FILTER_NONE, good);
        writeTar(s_dir / "good.tar.gz", ARCHIVE_FILTER_GZIP, good);
        writeTar(s_dir / "good.tar.bz2", ARCHIVE_FILTER_BZIP2, good);
        writeTar(s_dir / "good.tar.xz", ARCHIVE_FILTER_XZ, good);
        writeZip(s_dir / "good.zip", good);
        Entries unwrapped;
        for (const Sample& sample : s_samples)
            unwrapped.emplace_back(sample.name, sample.png);
        writeZip(s_dir / "unwrapped.zip", unwrapped);

        // The same with entries that cannot be decoded, and files skipped silently.
        Entries bad = good;
        const QByteArray& png = s_samples.front().png;
        bad.emplace_back(kWrapper + "/A/zero.png", QByteArray());
        bad.emplace_back(kWrapper + "/B/truncated.png", png.left(png.size() / 2));
        bad.emplace_back(kWrapper + "/C/text.png", QByteArray("this is not a PNG file\n"));
        bad.emplace_back(kWrapper + "/README.txt", QByteArray("notMNIST\n"));
        bad.emplace_back(kWrapper + "/D/.DS_Store", QByteArray("\0\0\0\1Bud1", 9));
        bad.emplace_back(kWrapper + "/E/._hidden.png", QByteArray("AppleDouble"));
        bad.emplace_back(kWrapper + "/F/notes.json", QByteArray("{}"));
        for (const auto& [name, bytes] : bad)
            writeFile(s_dir / "bad-folder" / name, bytes);
        writeTar(s_dir / "bad.tar.gz", ARCHIVE_FILTER_GZIP, bad);
        writeZip(s_dir / "bad.zip", bad);
    }

    static void TearDownTestSuite()
    {
        std::error_code ec;
        fs::remove_all(s_dir, ec);
    }

    // 30 images per class: real notMNIST glyphs when the sample is here.
    static void makeSamples()
    {
        const std::string images =
            std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-images-idx3-ubyte.gz";
        Dataset source;
        if (fs::exists(images))
            source = IdxReader::read(images);
        std::vector<int> taken(kClasses, 0);
        const auto add = [&](int label, const std::uint8_t* pixels) {
            Sample sample;
            sample.label = label;
            sample.pixels.assign(pixels, pixels + 28 * 28);
            // notMNIST's file names are the base64 of a font file name.
            const QByteArray font = QByteArray("Font ") + char('A' + label) + "-" + QByteArray::number(taken[label]) +
                                    ".ttf";
            sample.name = std::string(1, char('A' + label)) + "/" +
                          font.toBase64(QByteArray::Base64UrlEncoding).toStdString() + ".png";
            sample.png = encodePng(grayImage(pixels, 28, 28));
            s_samples.push_back(std::move(sample));
            ++taken[label];
        };
        for (std::int64_t i = 0; i < source.count(); ++i) {
            const int label = source.labels[std::size_t(i)];
            if (taken[label] < kPerClass)
                add(label, source.pixels.data() + i * 784);
        }
        for (int label = 0; label < kClasses; ++label) {
            while (taken[label] < kPerClass) {
                const std::vector<std::uint8_t> pixels = drawnGlyph(label, taken[label]);
                add(label, pixels.data());
            }
        }
    }

    // The dataset holds exactly the samples, by name, label and pixels.
    static void expectSamples(const LoadedDataset& loaded, std::size_t expected = s_samples.size())
    {
        const Dataset& data = loaded.data;
        ASSERT_EQ(data.count(), std::int64_t(expected));
        ASSERT_EQ(data.width, 28);
        ASSERT_EQ(data.height, 28);
        ASSERT_EQ(data.classNames, (std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}));
        ASSERT_EQ(data.sampleNames.size(), expected);
        std::map<std::string, const Sample*> byName;
        for (const Sample& sample : s_samples)
            byName[sample.name] = &sample;
        for (std::size_t i = 0; i < expected; ++i) {
            const auto found = byName.find(data.sampleNames[i]);
            ASSERT_NE(found, byName.end()) << data.sampleNames[i];
            EXPECT_EQ(data.labels[i], found->second->label) << data.sampleNames[i];
            EXPECT_TRUE(std::equal(found->second->pixels.begin(), found->second->pixels.end(),
                                   data.pixels.begin() + std::ptrdiff_t(i * 784)))
                << data.sampleNames[i];
            byName.erase(found); // each sample once
        }
        EXPECT_EQ(loaded.report.conversion, "");
    }

    static std::set<std::string> unreadableNames(const LoadReport& report)
    {
        std::set<std::string> names;
        for (const UnreadableEntry& entry : report.unreadable)
            names.insert(entry.name);
        return names;
    }

    static std::string path(const std::string& name) { return (s_dir / name).string(); }

    static LoadOptions options(int threads = 2)
    {
        LoadOptions result;
        result.threads = threads;
        result.useCache = false;
        return result;
    }

    static inline fs::path s_dir;
    static inline std::vector<Sample> s_samples;
};

// The message of the DataError `read` throws; fails when there is none.
template <typename Read>
std::string dataError(Read read)
{
    try {
        read();
    } catch (const DataError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no DataError";
    return {};
}

TEST_F(ImageReadersTest, FolderGivesTheOriginalImages)
{
    const LoadedDataset loaded = ImageFolderReader::read(path("folder/" + kWrapper), options());
    expectSamples(loaded);
    EXPECT_EQ(loaded.data.format, "folder");
    EXPECT_EQ(loaded.report.format, "folder");
    EXPECT_EQ(loaded.data.source, path("folder/" + kWrapper));
    EXPECT_TRUE(loaded.report.unreadable.empty());
    EXPECT_TRUE(loaded.report.warning.empty());
    // Sorted by name within the folder: the class folders in order.
    EXPECT_TRUE(std::is_sorted(loaded.data.sampleNames.begin(), loaded.data.sampleNames.end()));
    // The folder above, with its single wrapper folder, reads the same.
    expectSamples(ImageFolderReader::read(path("folder"), options()));
}

TEST_F(ImageReadersTest, TarArchivesGiveTheOriginalImages)
{
    const std::map<std::string, std::string> formats = {
        {"good.tar", "tar"}, {"good.tar.gz", "tar.gz"}, {"good.tar.bz2", "tar.bz2"}, {"good.tar.xz", "tar.xz"}};
    for (const auto& [file, format] : formats) {
        SCOPED_TRACE(file);
        const LoadedDataset loaded = ArchiveReader::read(path(file), options());
        expectSamples(loaded);
        EXPECT_EQ(loaded.data.format, format);
        EXPECT_EQ(loaded.report.format, format);
        EXPECT_EQ(loaded.data.source, path(file));
        EXPECT_TRUE(loaded.report.unreadable.empty());
        EXPECT_TRUE(loaded.report.warning.empty());
        // In archive order, which is the order they were written in.
        for (std::size_t i = 0; i < s_samples.size(); ++i)
            EXPECT_EQ(loaded.data.sampleNames[i], s_samples[i].name);
    }
}

TEST_F(ImageReadersTest, ZipGivesTheOriginalImages)
{
    for (const std::string file : {"good.zip", "unwrapped.zip"}) {
        SCOPED_TRACE(file);
        const LoadedDataset loaded = ZipImageReader::read(path(file), options());
        expectSamples(loaded);
        EXPECT_EQ(loaded.data.format, "zip");
        EXPECT_TRUE(loaded.report.unreadable.empty());
    }
    // libarchive reads zips too.
    expectSamples(ArchiveReader::read(path("good.zip"), options()));
}

TEST_F(ImageReadersTest, UnreadableEntriesAreListedAndTheRestLoads)
{
    const std::set<std::string> expected = {"A/zero.png", "B/truncated.png", "C/text.png"};
    const std::vector<std::pair<std::string, LoadedDataset>> loads = {
        {"folder", ImageFolderReader::read(path("bad-folder"), options())},
        {"tar.gz", ArchiveReader::read(path("bad.tar.gz"), options())},
        {"zip", ZipImageReader::read(path("bad.zip"), options())},
    };
    for (const auto& [what, loaded] : loads) {
        SCOPED_TRACE(what);
        expectSamples(loaded);
        EXPECT_EQ(unreadableNames(loaded.report), expected);
        for (const UnreadableEntry& entry : loaded.report.unreadable) {
            if (entry.name == "A/zero.png")
                EXPECT_EQ(entry.reason, "zero-length file");
            else
                EXPECT_EQ(entry.reason, "not an image or truncated") << entry.name;
        }
        EXPECT_TRUE(loaded.report.warning.empty());
    }
}

TEST_F(ImageReadersTest, CorruptZipEntryIsListed)
{
    Entries entries;
    for (const Sample& sample : s_samples)
        entries.emplace_back(sample.name, sample.png);
    const std::string victim = s_samples[40].name;
    writeZip(s_dir / "corrupt.zip", entries, {victim});
    // The stored entry's bytes are in the file as they are: damage them.
    QByteArray zip = readAll(s_dir / "corrupt.zip");
    const QByteArray& png = s_samples[40].png;
    const qsizetype at = zip.indexOf(png);
    ASSERT_GT(at, 0);
    for (qsizetype i = at + png.size() / 2; i < at + png.size() / 2 + 8; ++i)
        zip[i] = char(zip[i] ^ 0x5a);
    writeFile(s_dir / "corrupt.zip", zip);

    const LoadedDataset loaded = ZipImageReader::read(path("corrupt.zip"), options());
    ASSERT_EQ(loaded.report.unreadable.size(), 1u);
    EXPECT_EQ(loaded.report.unreadable[0].name, victim);
    EXPECT_EQ(loaded.report.unreadable[0].reason, "corrupt zip entry (CRC mismatch)");
    EXPECT_EQ(loaded.data.count(), std::int64_t(s_samples.size()) - 1);
    EXPECT_EQ(loaded.data.classes(), kClasses);
}

TEST_F(ImageReadersTest, TruncatedArchiveKeepsWhatWasRead)
{
    const QByteArray whole = readAll(s_dir / "good.tar.gz");
    writeFile(s_dir / "truncated.tar.gz", whole.left(whole.size() * 6 / 10));
    const LoadedDataset loaded = ArchiveReader::read(path("truncated.tar.gz"), options());
    EXPECT_EQ(loaded.report.warning.rfind("the archive is truncated: reading stopped after ", 0), 0u)
        << loaded.report.warning;
    EXPECT_GT(loaded.data.count(), 50);
    EXPECT_LT(loaded.data.count(), std::int64_t(s_samples.size()));
    // What was read is right: the first images in archive order.
    for (std::int64_t i = 0; i < loaded.data.count(); ++i) {
        const Sample& sample = s_samples[std::size_t(i)];
        ASSERT_EQ(loaded.data.sampleNames[std::size_t(i)], sample.name);
        EXPECT_EQ(loaded.data.classNames[std::size_t(loaded.data.labels[std::size_t(i)])],
                  std::string(1, char('A' + sample.label)));
        EXPECT_TRUE(std::equal(sample.pixels.begin(), sample.pixels.end(),
                               loaded.data.pixels.begin() + std::ptrdiff_t(i * 784)));
    }

    // Cut inside the first entry: nothing at all could be read.
    writeFile(s_dir / "stub.tar.gz", whole.left(60));
    EXPECT_EQ(dataError([&] { ArchiveReader::read(path("stub.tar.gz"), options()); })
                  .rfind(path("stub.tar.gz") + ": the archive is truncated: nothing could be read (", 0),
              0u);
}

TEST_F(ImageReadersTest, TruncatedZipKeepsWhatWasRead)
{
    // Cut short, the zip has lost its central directory: read from the local headers.
    const QByteArray whole = readAll(s_dir / "good.zip");
    writeFile(s_dir / "truncated.zip", whole.left(whole.size() * 6 / 10));
    const LoadedDataset loaded = ZipImageReader::read(path("truncated.zip"), options());
    EXPECT_NE(loaded.report.warning.find("truncated"), std::string::npos) << loaded.report.warning;
    EXPECT_EQ(loaded.data.format, "zip");
    EXPECT_GT(loaded.data.count(), 50);
    EXPECT_LT(loaded.data.count(), std::int64_t(s_samples.size()));
    for (std::int64_t i = 0; i < loaded.data.count(); ++i) {
        const Sample& sample = s_samples[std::size_t(i)];
        ASSERT_EQ(loaded.data.sampleNames[std::size_t(i)], sample.name);
        EXPECT_TRUE(std::equal(sample.pixels.begin(), sample.pixels.end(),
                               loaded.data.pixels.begin() + std::ptrdiff_t(i * 784)));
    }
}

TEST_F(ImageReadersTest, BadSourcesGiveDataErrorsNamingThem)
{
    fs::create_directories(s_dir / "empty");
    fs::create_directories(s_dir / "classless");
    writeFile(s_dir / "classless" / "x.png", s_samples[0].png);
    writeFile(s_dir / "classless" / "y.png", s_samples[1].png);
    writeFile(s_dir / "one-class" / "A" / "x.png", s_samples[0].png);
    writeFile(s_dir / "not-a-zip.zip", QByteArray("just some text, not a zip archive\n"));
    QByteArray garbage(5000, Qt::Uninitialized);
    for (qsizetype i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919 + 13) % 251);
    writeFile(s_dir / "garbage.tar.gz", garbage);

    const std::string empty = dataError([&] { ImageFolderReader::read(path("empty"), options()); });
    EXPECT_EQ(empty, path("empty") + ": no images found");
    const std::string classless = dataError([&] { ImageFolderReader::read(path("classless"), options()); });
    EXPECT_EQ(classless, path("classless") +
                             ": no class folders: expected one folder per class (A/, B/, ...) with images inside");
    const std::string oneClass = dataError([&] { ImageFolderReader::read(path("one-class"), options()); });
    EXPECT_NE(oneClass.find(path("one-class")), std::string::npos);
    EXPECT_NE(oneClass.find("only one class folder (A/)"), std::string::npos) << oneClass;
    const std::string missing = dataError([&] { ImageFolderReader::read(path("missing"), options()); });
    EXPECT_EQ(missing, path("missing") + ": no such folder");

    const std::string notZip = dataError([&] { ZipImageReader::read(path("not-a-zip.zip"), options()); });
    EXPECT_EQ(notZip, path("not-a-zip.zip") + ": not a zip archive");
    const std::string garbageTar = dataError([&] { ArchiveReader::read(path("garbage.tar.gz"), options()); });
    EXPECT_EQ(garbageTar.rfind(path("garbage.tar.gz") + ": not an archive", 0), 0u) << garbageTar;
    const std::string textTar = dataError([&] { ArchiveReader::read(path("not-a-zip.zip"), options()); });
    EXPECT_EQ(textTar.rfind(path("not-a-zip.zip") + ": not an archive", 0), 0u) << textTar;
    // An archive without images.
    writeTar(s_dir / "texts.tar.gz", ARCHIVE_FILTER_GZIP, {{"docs/readme.txt", QByteArray("hello")}});
    EXPECT_EQ(dataError([&] { ArchiveReader::read(path("texts.tar.gz"), options()); }),
              path("texts.tar.gz") + ": no images found");
}

TEST_F(ImageReadersTest, DarkOnLightColourImageIsConverted)
{
    // A 32x32 RGB image: a dark blue bar on a light yellow ground.
    QImage colour(32, 32, QImage::Format_RGB32);
    colour.fill(QColor(250, 240, 200));
    {
        QPainter painter(&colour);
        painter.fillRect(QRect(12, 4, 8, 24), QColor(10, 20, 90));
    }
    fs::copy(s_dir / "folder" / kWrapper, s_dir / "mixed", fs::copy_options::recursive);
    writeFile(s_dir / "mixed" / "A" / "zz-colour.png", encodePng(colour));

    const LoadedDataset loaded = ImageFolderReader::read(path("mixed"), options());
    ASSERT_EQ(loaded.data.count(), std::int64_t(s_samples.size()) + 1);
    EXPECT_EQ(loaded.report.conversion,
              "1 image of 32x32 RGB converted to 28x28 grayscale; 1 dark-on-light image inverted");
    const auto at = std::find(loaded.data.sampleNames.begin(), loaded.data.sampleNames.end(), "A/zz-colour.png");
    ASSERT_NE(at, loaded.data.sampleNames.end());
    const std::size_t index = std::size_t(at - loaded.data.sampleNames.begin());
    EXPECT_EQ(loaded.data.labels[index], 0);
    const std::uint8_t* image = loaded.data.pixels.data() + index * 784;
    EXPECT_LT(ImageDecoder::borderMean(image, 28, 28), 20.0); // black ground
    EXPECT_GT(image[14 * 28 + 14], 200);                     // white ink
    // The other (white on black, 28x28 gray) images are untouched.
    for (std::size_t i = 0; i < std::size_t(loaded.data.count()); ++i) {
        if (i == index)
            continue;
        const Sample* sample = nullptr;
        for (const Sample& s : s_samples)
            if (s.name == loaded.data.sampleNames[i])
                sample = &s;
        ASSERT_NE(sample, nullptr);
        EXPECT_TRUE(std::equal(sample->pixels.begin(), sample->pixels.end(),
                               loaded.data.pixels.begin() + std::ptrdiff_t(i * 784)));
    }
}

TEST_F(ImageReadersTest, InversionIsDecidedForTheCollectionNotImageByImage)
{
    // Glyphs whose ink covers most of their border (a stretched "I" is a white
    // block) stay as they are in a white-on-black collection...
    std::size_t brightBorders = 0;
    for (const Sample& sample : s_samples)
        brightBorders += ImageDecoder::borderMean(sample.pixels.data(), 28, 28) > 127.0 ? 1 : 0;
    std::cout << "[          ] " << brightBorders << " of " << s_samples.size()
              << " fixture glyphs have a bright border" << std::endl;
    ImageCollector plain("plain", "test", options());
    for (const Sample& sample : s_samples)
        plain.add(sample.name, sample.png);
    expectSamples(plain.finish());

    // ...and the same collection stored dark on light is inverted as a whole,
    // those glyphs included.
    ImageCollector negative("negative", "test", options());
    for (const Sample& sample : s_samples) {
        std::vector<std::uint8_t> inverted = sample.pixels;
        ImageDecoder::invert(inverted.data(), inverted.size());
        negative.add(sample.name, encodePng(grayImage(inverted.data(), 28, 28)));
    }
    const LoadedDataset loaded = negative.finish();
    EXPECT_EQ(loaded.report.conversion, std::to_string(s_samples.size()) + " dark-on-light images inverted");
    LoadedDataset withoutSummary = loaded;
    withoutSummary.report.conversion.clear();
    expectSamples(withoutSummary);
}

TEST_F(ImageReadersTest, CancelFromProgressThrows)
{
    std::atomic<bool> cancel = false;
    LoadOptions cancelling = options();
    cancelling.cancel = &cancel;
    cancelling.progress = [&](const LoadProgress&) { cancel = true; };
    EXPECT_THROW(ImageFolderReader::read(path("folder"), cancelling), LoadCancelled);
    cancel = false;
    EXPECT_THROW(ArchiveReader::read(path("good.tar.gz"), cancelling), LoadCancelled);
    cancel = false;
    EXPECT_THROW(ZipImageReader::read(path("good.zip"), cancelling), LoadCancelled);
}

TEST_F(ImageReadersTest, ProgressIsReported)
{
    for (const std::string file : {"folder", "good.tar.gz", "good.zip"}) {
        SCOPED_TRACE(file);
        std::vector<LoadProgress> calls;
        LoadOptions watched = options();
        watched.progress = [&](const LoadProgress& progress) { calls.push_back(progress); };
        const LoadedDataset loaded = file == "folder"  ? ImageFolderReader::read(path(file), watched)
                                     : file == "good.zip" ? ZipImageReader::read(path(file), watched)
                                                          : ArchiveReader::read(path(file), watched);
        ASSERT_GE(calls.size(), 2u);
        for (std::size_t i = 1; i < calls.size(); ++i)
            EXPECT_GE(calls[i].done, calls[i - 1].done);
        EXPECT_EQ(calls.back().done, loaded.data.count());
        EXPECT_EQ(calls.back().total, loaded.data.count());
        EXPECT_FALSE(calls.back().stage.empty());
    }
}

TEST_F(ImageReadersTest, ThreadCountDoesNotChangeTheResult)
{
    const LoadedDataset one = ArchiveReader::read(path("bad.tar.gz"), options(1));
    const LoadedDataset all = ArchiveReader::read(path("bad.tar.gz"), options(0));
    const LoadedDataset three = ArchiveReader::read(path("bad.tar.gz"), options(3));
    for (const LoadedDataset* other : {&all, &three}) {
        EXPECT_EQ(other->data.pixels, one.data.pixels);
        EXPECT_EQ(other->data.labels, one.data.labels);
        EXPECT_EQ(other->data.sampleNames, one.data.sampleNames);
        EXPECT_EQ(unreadableNames(other->report), unreadableNames(one.report));
    }
}

TEST_F(ImageReadersTest, CollectorKeepsInputOrderAcrossBatches)
{
    LoadOptions small = options(3);
    std::vector<LoadProgress> calls;
    small.progress = [&](const LoadProgress& progress) { calls.push_back(progress); };
    ImageCollector collector("memory", "test", small, 7);
    // Classes named by numbers sort by value; nested folders count for their class.
    const std::vector<std::string> classes = {"10", "2", "1"};
    std::vector<std::string> names;
    for (int i = 0; i < 60; ++i) {
        const std::string folder = classes[std::size_t(i % 3)] + (i % 5 == 0 ? "/nested/deeper" : "");
        const std::string name = "wrap/" + folder + "/" + std::to_string(i) + ".png";
        collector.add(name, s_samples[std::size_t(i)].png);
        names.push_back(name.substr(5));
    }
    collector.add("wrap/stray.png", s_samples[0].png);
    collector.add("top.png", s_samples[0].png);
    collector.add("wrap/2/.hidden.png", QByteArray("x"));
    const LoadedDataset loaded = collector.finish();
    EXPECT_EQ(loaded.data.classNames, (std::vector<std::string>{"1", "2", "10"}));
    ASSERT_EQ(loaded.data.count(), 60);
    EXPECT_EQ(loaded.data.sampleNames, names);
    const std::vector<std::int32_t> labelOf = {2, 1, 0}; // "10", "2", "1"
    for (std::size_t i = 0; i < 60; ++i) {
        EXPECT_EQ(loaded.data.labels[i], labelOf[i % 3]);
        EXPECT_TRUE(std::equal(s_samples[i].pixels.begin(), s_samples[i].pixels.end(),
                               loaded.data.pixels.begin() + std::ptrdiff_t(i * 784)));
    }
    ASSERT_EQ(loaded.report.notes.size(), 1u);
    EXPECT_EQ(loaded.report.notes[0], "2 files outside the class folders were left out");
    EXPECT_GE(calls.size(), 60u / 7u);
}

TEST(ImageDecoderTest, ConvertsTheWayNotMnistIsStored)
{
    const ImageDecoder decoder(28, 28);
    std::vector<std::uint8_t> out(28 * 28, 77);

    // Garbage and empty data: a reason, the output untouched.
    DecodeResult result = decoder.decode(QByteArray(), out.data());
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.reason, "zero-length file");
    result = decoder.decode(QByteArray("\x89PNG\r\n\x1a\n garbage", 16), out.data());
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.reason, "not an image or truncated");
    EXPECT_EQ(out[0], 77);

    // Colour becomes gray by BT.601 luminance; a gray level stays as it is.
    QImage colour(28, 28, QImage::Format_RGB32);
    colour.fill(QColor(255, 0, 0));
    colour.setPixel(0, 0, qRgb(0, 255, 0));
    colour.setPixel(1, 0, qRgb(0, 0, 255));
    colour.setPixel(2, 0, qRgb(123, 123, 123));
    result = decoder.decode(encodePng(colour), out.data());
    ASSERT_TRUE(result.ok) << result.reason;
    EXPECT_EQ(result.kind, PixelKind::Colour);
    EXPECT_FALSE(result.resized);
    EXPECT_FALSE(result.inverted);
    EXPECT_EQ(out[0], 150); // 0.587 * 255 = 149.7
    EXPECT_EQ(out[1], 29);  // 0.114 * 255 = 29.1
    EXPECT_EQ(out[2], 123);
    EXPECT_EQ(out[3], 76); // 0.299 * 255 = 76.2

    // Transparent pixels are composited on black.
    QImage alpha(28, 28, QImage::Format_ARGB32);
    alpha.fill(qRgba(255, 255, 255, 0));
    alpha.setPixel(5, 5, qRgba(255, 255, 255, 255));
    alpha.setPixel(6, 5, qRgba(200, 200, 200, 128));
    result = decoder.decode(encodePng(alpha), out.data());
    ASSERT_TRUE(result.ok) << result.reason;
    EXPECT_EQ(result.kind, PixelKind::GrayAlpha);
    EXPECT_EQ(out[0], 0);
    EXPECT_EQ(out[5 * 28 + 5], 255);
    EXPECT_NEAR(out[5 * 28 + 6], 100, 1);

    // Dark on light, another size: stretched to 28x28 and inverted.
    QImage page(40, 20, QImage::Format_Grayscale8);
    page.fill(255);
    for (int y = 5; y < 15; ++y)
        for (int x = 10; x < 30; ++x)
            page.scanLine(y)[x] = 0;
    result = decoder.decode(encodePng(page), out.data());
    ASSERT_TRUE(result.ok) << result.reason;
    EXPECT_EQ(result.kind, PixelKind::Gray);
    EXPECT_TRUE(result.resized);
    EXPECT_EQ(result.sourceWidth, 40);
    EXPECT_EQ(result.sourceHeight, 20);
    EXPECT_TRUE(result.darkOnLight);
    EXPECT_TRUE(result.inverted);
    EXPECT_EQ(out[0], 0);
    EXPECT_EQ(out[14 * 28 + 14], 255);
    // Stretched, not letterboxed: the ink spans half the width and half the height.
    EXPECT_LT(out[14 * 28 + 4], 10);
    EXPECT_GT(out[14 * 28 + 9], 200);
    EXPECT_GT(out[9 * 28 + 14], 200);
    EXPECT_LT(out[4 * 28 + 14], 10);

    // Without per-image inversion, it is only reported.
    const ImageDecoder keeping(28, 28, ImageDecoder::Inversion::Never);
    result = keeping.decode(encodePng(page), out.data());
    EXPECT_TRUE(result.darkOnLight);
    EXPECT_FALSE(result.inverted);
    EXPECT_EQ(out[0], 255);
}

} // namespace
} // namespace mlps
