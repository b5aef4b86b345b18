// Decoding speed of the image-collection readers: builds a notMNIST-like
// tar.gz (and the same as a folder) of many 28x28 gray PNGs in a temporary
// folder — the shared notMNIST sample's 6,623 glyphs repeated under new names,
// or glyph-like shapes when the sample is absent — and times ArchiveReader and
// ImageFolderReader on it. Prints images/s per thread count.
//
//   mlps-bench-load [--count N] [--threads 1,2] [--idx images-idx3-ubyte.gz] [--dir D] [--keep]
//
// notMNIST_large is ~530,000 PNGs: at R images/s it loads in 530000 / R seconds.
#include "data/ArchiveReader.h"
#include "data/IdxReader.h"
#include "data/ImageDecoder.h"
#include "data/ImageFolderReader.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>

#include <archive.h>
#include <archive_entry.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#ifndef MLPS_SHARED_DATA_DIR
#define MLPS_SHARED_DATA_DIR ""
#endif

namespace {

namespace fs = std::filesystem;

struct Options {
    long count = 100000;
    std::vector<int> threads = {1, 2};
    std::string idx = std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-images-idx3-ubyte.gz";
    std::string dir;
    bool keep = false;
};

[[noreturn]] void usage()
{
    std::fprintf(stderr,
                 "usage: mlps-bench-load [--count N] [--threads 1,2] [--idx images-idx3-ubyte.gz] [--dir D] [--keep]\n");
    std::exit(2);
}

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage();
            return argv[++i];
        };
        if (arg == "--count") {
            options.count = std::stol(value());
        } else if (arg == "--threads") {
            options.threads.clear();
            const std::string list = value();
            for (std::size_t at = 0; at < list.size();) {
                const std::size_t comma = list.find(',', at);
                options.threads.push_back(std::stoi(list.substr(at, comma - at)));
                at = comma == std::string::npos ? list.size() : comma + 1;
            }
        } else if (arg == "--idx") {
            options.idx = value();
        } else if (arg == "--dir") {
            options.dir = value();
        } else if (arg == "--keep") {
            options.keep = true;
        } else {
            usage();
        }
    }
    if (options.count <= 0 || options.threads.empty())
        usage();
    return options;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// CPU time of the whole process (every thread), user + system: on a busy
// machine it says what the load costs when the wall-clock time cannot.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

QByteArray encodePng(const std::uint8_t* pixels)
{
    QImage image(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        std::copy(pixels + y * 28, pixels + (y + 1) * 28, image.scanLine(y));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Glyph-like images when the sample is absent: anti-aliased white polygons on black.
std::vector<std::uint8_t> drawnGlyph(int label, int index)
{
    QImage canvas(28, 28, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    {
        QPainter painter(&canvas);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(Qt::white, 2 + index % 4));
        QPolygonF polygon;
        const int sides = 3 + label;
        for (int i = 0; i < sides; ++i) {
            const double angle = 6.2831853 * i / sides + 0.01 * index;
            polygon << QPointF(14 + 13 * std::cos(angle), 14 + 13 * std::sin(angle));
        }
        painter.drawPolygon(polygon);
    }
    std::vector<std::uint8_t> pixels(28 * 28);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            pixels[std::size_t(y * 28 + x)] = std::uint8_t(qRed(canvas.pixel(x, y)));
    return pixels;
}

struct Source {
    std::vector<QByteArray> pngs;
    std::vector<int> labels;
    std::string what;
};

Source makeSource(const Options& options)
{
    Source source;
    if (fs::exists(options.idx)) {
        const mlps::Dataset data = mlps::IdxReader::read(options.idx);
        for (std::int64_t i = 0; i < data.count(); ++i) {
            source.pngs.push_back(encodePng(data.pixels.data() + i * data.features()));
            source.labels.push_back(data.labels[std::size_t(i)]);
        }
        source.what = "the notMNIST sample (" + std::to_string(data.count()) + " glyphs)";
    } else {
        for (int i = 0; i < 2000; ++i) {
            source.pngs.push_back(encodePng(drawnGlyph(i % 10, i / 10).data()));
            source.labels.push_back(i % 10);
        }
        source.what = "2000 drawn glyphs (the shared sample is not at " + options.idx + ")";
    }
    return source;
}

// Entry i: the source's image i % size under a name of its own.
std::string entryName(const Source& source, long i)
{
    const std::size_t at = std::size_t(i) % source.pngs.size();
    const QByteArray font = QByteArray("Bench Font ") + QByteArray::number(qlonglong(i)) + ".ttf";
    return "notMNIST_large/" + std::string(1, char('A' + source.labels[at])) + "/" +
           font.toBase64(QByteArray::Base64UrlEncoding).toStdString() + ".png";
}

bool writeTarGz(const fs::path& path, const Source& source, long count)
{
    archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
    if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), archive_error_string(a));
        archive_write_free(a);
        return false;
    }
    archive_entry* entry = archive_entry_new();
    for (long i = 0; i < count; ++i) {
        const QByteArray& png = source.pngs[std::size_t(i) % source.pngs.size()];
        archive_entry_clear(entry);
        archive_entry_set_pathname(entry, entryName(source, i).c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, png.size());
        archive_write_header(a, entry);
        archive_write_data(a, png.constData(), std::size_t(png.size()));
    }
    archive_entry_free(entry);
    const bool ok = archive_write_close(a) == ARCHIVE_OK;
    archive_write_free(a);
    return ok;
}

void writeFolder(const fs::path& root, const Source& source, long count)
{
    for (char letter = 'A'; letter <= 'J'; ++letter)
        fs::create_directories(root / "notMNIST_large" / std::string(1, letter));
    for (long i = 0; i < count; ++i) {
        const QByteArray& png = source.pngs[std::size_t(i) % source.pngs.size()];
        std::ofstream out(root / entryName(source, i), std::ios::binary);
        out.write(png.constData(), png.size());
    }
}

template <typename Read>
void measure(const char* what, const std::string& path, const Options& options, Read read)
{
    for (const int threads : options.threads) {
        mlps::LoadOptions load;
        load.threads = threads;
        load.useCache = false;
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = cpuSeconds();
        const mlps::LoadedDataset loaded = read(path, load);
        const double elapsed = seconds(start);
        const double cpu = cpuSeconds() - cpuStart;
        const double count = double(loaded.data.count());
        std::printf("%-7s %d thread%s: %8.0f images in %6.2f s = %8.0f images/s  (530k: %4.0f s); "
                    "CPU %5.2f s = %6.0f images per CPU-second\n",
                    what, threads, threads == 1 ? " " : "s", count, elapsed, count / elapsed,
                    530000.0 * elapsed / count, cpu, count / cpu);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    const fs::path dir = options.dir.empty()
                             ? fs::temp_directory_path() / ("mlps-bench-load-" + std::to_string(::getpid()))
                             : fs::path(options.dir);
    fs::create_directories(dir);

    auto start = std::chrono::steady_clock::now();
    const Source source = makeSource(options);
    std::printf("source: %s, encoded as PNG in %.2f s\n", source.what.c_str(), seconds(start));

    // Decoding alone, one thread: the floor of what any reader can do per core.
    {
        const mlps::ImageDecoder decoder(28, 28);
        std::vector<std::uint8_t> out(28 * 28);
        start = std::chrono::steady_clock::now();
        long decoded = 0;
        while (seconds(start) < 1.0) {
            for (const QByteArray& png : source.pngs) {
                decoded += decoder.decode(png, out.data()).ok ? 1 : 0;
                if (decoded % 1024 == 0 && seconds(start) >= 1.0)
                    break;
            }
        }
        std::printf("ImageDecoder alone, 1 thread: %.0f images/s\n", double(decoded) / seconds(start));
    }

    const fs::path tarGz = dir / "notMNIST_bench.tar.gz";
    start = std::chrono::steady_clock::now();
    if (!writeTarGz(tarGz, source, options.count))
        return 1;
    std::printf("wrote %s: %ld PNG entries, %.1f MB, in %.2f s\n", tarGz.c_str(), options.count,
                double(fs::file_size(tarGz)) / 1e6, seconds(start));
    const fs::path folder = dir / "folder";
    start = std::chrono::steady_clock::now();
    writeFolder(folder, source, options.count);
    std::printf("wrote %s: %ld PNG files in %.2f s\n", folder.c_str(), options.count, seconds(start));

    measure("tar.gz", tarGz.string(), options, mlps::ArchiveReader::read);
    measure("folder", (folder / "notMNIST_large").string(), options, mlps::ImageFolderReader::read);

    if (!options.keep) {
        std::error_code ec;
        if (options.dir.empty())
            fs::remove_all(dir, ec);
        else {
            fs::remove(tarGz, ec);
            fs::remove_all(folder, ec);
        }
    }
    return 0;
}
