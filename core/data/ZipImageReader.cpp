#include "data/ZipImageReader.h"

#include "data/ArchiveReader.h"
#include "data/DataError.h"
#include "data/ImageCollector.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// minizip's error codes (unzip.h): UNZ_CRCERROR when the data read does not
// match the entry's CRC-32, UNZ_DATAERROR/UNZ_BADZIPFILE for broken data.
std::string zipErrorText(int code)
{
    switch (code) {
    case UNZ_CRCERROR: return "corrupt zip entry (CRC mismatch)";
    case UNZ_BADZIPFILE: return "corrupt zip entry (bad header)";
    case UNZ_ERRNO: return "corrupt zip entry (read error)";
    default: return "corrupt zip entry (zip error " + std::to_string(code) + ")";
    }
}

// Whether the file starts like a zip archive: a local file header,
// "PK\3\4" (APPNOTE.TXT 4.3.7).
bool startsWithLocalHeader(const std::string& path)
{
    char magic[4] = {};
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return false;
    const std::size_t got = std::fread(magic, 1, sizeof magic, file);
    std::fclose(file);
    return got == sizeof magic && std::memcmp(magic, "PK\3\4", sizeof magic) == 0;
}

} // namespace

LoadedDataset ZipImageReader::read(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw DataError(path, "no such file");
    if (fs::is_directory(status))
        throw DataError(path, "is a folder, not a zip archive");
    if (std::FILE* probe = std::fopen(path.c_str(), "rb"))
        std::fclose(probe);
    else
        throw DataError(path, "cannot be opened (" + std::error_code(errno, std::generic_category()).message() + ")");

    QuaZip zip(QString::fromStdString(path));
    if (!zip.open(QuaZip::mdUnzip)) {
        if (!startsWithLocalHeader(path))
            throw DataError(path, "not a zip archive");
        // A zip whose end (the central directory) is missing, as from a
        // download cut short: its entries can still be read one by one from
        // their local headers, which libarchive's streaming reader does.
        LoadedDataset loaded;
        try {
            loaded = ArchiveReader::read(path, options);
        } catch (const DataError&) {
            throw DataError(path, "a damaged or truncated zip archive (its central directory is missing)");
        }
        loaded.data.format = "zip";
        loaded.report.format = "zip";
        if (loaded.report.warning.empty())
            loaded.report.warning = "the zip archive is truncated or damaged (its central directory is missing): " +
                                    std::to_string(loaded.data.count() + std::int64_t(loaded.report.unreadable.size())) +
                                    " entries were read from the part before the damage";
        return loaded;
    }

    ImageCollector collector(path, "zip", options);
    collector.setProgress("reading", zip.getEntriesCount());
    collector.checkpoint();

    std::int64_t entries = 0;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info))
            break;
        ++entries;
        const std::string name = info.name.toStdString();
        if (name.empty() || name.back() == '/' || ImageCollector::ignored(name))
            continue; // a folder, or a file skipped silently
        if (info.flags & 1) { // general purpose bit 0: encrypted (APPNOTE.TXT 4.4.4)
            collector.addUnreadable(name, "encrypted zip entry");
            continue;
        }
        if (info.uncompressedSize > quint64(ImageCollector::kMaxEntryBytes)) {
            collector.addUnreadable(name, "file too large for an image (" +
                                              std::to_string(info.uncompressedSize >> 20) + " MB)");
            continue;
        }
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::ReadOnly)) {
            collector.addUnreadable(name, zipErrorText(file.getZipError()));
            continue;
        }
        QByteArray bytes = file.readAll();
        int error = file.getZipError();
        file.close(); // checks the CRC-32 of what was read
        if (error == UNZ_OK)
            error = file.getZipError();
        if (error == UNZ_OK && quint64(bytes.size()) != info.uncompressedSize)
            error = UNZ_BADZIPFILE;
        if (error != UNZ_OK)
            collector.addUnreadable(name, zipErrorText(error));
        else
            collector.add(name, std::move(bytes));
    }
    if (zip.getZipError() != UNZ_OK)
        collector.setWarning("the zip archive is damaged: reading stopped after " + std::to_string(entries) +
                             " entries (zip error " + std::to_string(zip.getZipError()) + ")");
    return collector.finish();
}

} // namespace mlps
