#include "data/ArchiveReader.h"

#include "data/DataError.h"
#include "data/ImageCollector.h"
#include "data/MessageText.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <system_error>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// Bytes libarchive reads from the file at a time (its default is 10 KiB).
constexpr std::size_t kReadBlock = std::size_t(1) << 20;
// A damaged tar header makes libarchive answer ARCHIVE_RETRY and move on by
// one 512-byte block; past this many in a row the archive is given up.
constexpr int kMaxRetries = 1 << 20;

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};

std::string errorText(archive* a)
{
    const char* text = archive_error_string(a);
    return text && *text ? text : "unknown error";
}

// Dataset::format for what libarchive found: the archive format, then the
// compression it was wrapped in ("tar.gz", "tar.xz", "tar", "zip").
std::string formatName(archive* a)
{
    std::string name;
    switch (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_TAR: name = "tar"; break;
    case ARCHIVE_FORMAT_ZIP: name = "zip"; break;
    case ARCHIVE_FORMAT_7ZIP: name = "7z"; break;
    case ARCHIVE_FORMAT_CPIO: name = "cpio"; break;
    default: name = "tar"; break;
    }
    switch (archive_filter_code(a, 0)) {
    case ARCHIVE_FILTER_NONE: break;
    case ARCHIVE_FILTER_GZIP: name += ".gz"; break;
    case ARCHIVE_FILTER_BZIP2: name += ".bz2"; break;
    case ARCHIVE_FILTER_XZ: name += ".xz"; break;
    case ARCHIVE_FILTER_LZMA: name += ".lzma"; break;
    case ARCHIVE_FILTER_ZSTD: name += ".zst"; break;
    case ARCHIVE_FILTER_LZ4: name += ".lz4"; break;
    case ARCHIVE_FILTER_COMPRESS: name += ".Z"; break;
    default: {
        const char* filter = archive_filter_name(a, 0);
        if (filter && *filter)
            name += std::string(".") + filter;
    }
    }
    return name;
}

// Whether a libarchive message says the data ended early (gzip, bzip2, xz
// and tar each word it their own way).
bool truncationMessage(const std::string& text)
{
    // xz (liblzma) reports a cut-off stream as LZMA_BUF_ERROR, "No progress is
    // possible"; zip entries as zlib's Z_BUF_ERROR, "decompression failed (-5)".
    for (const char* word :
         {"runcated", "nexpected end", "remature end", "end of file", "EOF", "No progress", "failed (-5)"}) {
        if (text.find(word) != std::string::npos)
            return true;
    }
    return false;
}

// The entry's path in UTF-8. ASCII names (notMNIST's are base64) are taken
// as stored: libarchive's conversion through the locale costs more than
// reading the entry.
std::string entryName(archive_entry* entry)
{
    const char* raw = archive_entry_pathname(entry);
    if (raw) {
        const char* c = raw;
        while (*c && static_cast<unsigned char>(*c) < 0x80)
            ++c;
        if (!*c)
            return raw;
    }
    const char* utf8 = archive_entry_pathname_utf8(entry);
    return utf8 ? utf8 : raw ? raw : "";
}

} // namespace

LoadedDataset ArchiveReader::read(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw DataError(path, "no such file");
    if (fs::is_directory(status))
        throw DataError(path, "is a folder, not an archive");

    std::unique_ptr<archive, ArchiveFree> owner(archive_read_new());
    archive* a = owner.get();
    if (!a)
        throw DataError(path, "out of memory");
    // Every compression libarchive knows; archive formats that hold files
    // with their paths. Not "all formats": mtree would read the files its
    // text names from the disk, and raw would take any file for an archive.
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_7zip(a);
    archive_read_support_format_cpio(a);
    archive_read_support_format_empty(a);
    // libarchive picks the compression and the format as it opens the file.
    if (archive_read_open_filename(a, path.c_str(), kReadBlock) != ARCHIVE_OK) {
        const int error = archive_errno(a);
        if (error == ENOENT || error == EACCES || error == EISDIR || error == EIO || error == EPERM)
            throw DataError(path, "cannot be opened (" + errorText(a) + ")");
        if (truncationMessage(errorText(a)))
            throw DataError(path, "the archive is truncated: nothing could be read (" + errorText(a) + ")");
        throw DataError(path, "not an archive (" + errorText(a) + ")");
    }

    std::unique_ptr<ImageCollector> collector;
    std::int64_t entries = 0; // archive entries read in full (folders too)
    std::int64_t skippedBlocks = 0;
    int retries = 0;
    std::string failure;
    archive_entry* entry = nullptr;
    for (;;) {
        const int header = archive_read_next_header(a, &entry);
        if (header == ARCHIVE_EOF)
            break;
        if (header == ARCHIVE_RETRY) {
            ++skippedBlocks;
            if (++retries > kMaxRetries) {
                failure = errorText(a);
                break;
            }
            continue;
        }
        if (header < ARCHIVE_WARN) { // ARCHIVE_FAILED or ARCHIVE_FATAL
            failure = errorText(a);
            break;
        }
        retries = 0;
        if (!collector) {
            // The format is known once the first header is read.
            collector = std::make_unique<ImageCollector>(path, formatName(a), options);
            collector->setProgress("reading", -1);
            collector->checkpoint();
        }
        if (archive_entry_filetype(entry) != AE_IFREG) {
            ++entries;
            continue; // folders, links: libarchive skips their data by itself
        }
        const std::string name = entryName(entry);
        if (name.empty() || ImageCollector::ignored(name)) {
            ++entries;
            continue;
        }
        const la_int64_t size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
        if (size > ImageCollector::kMaxEntryBytes) {
            ++entries;
            collector->addUnreadable(name, "file too large for an image (" + std::to_string(size >> 20) + " MB)");
            continue;
        }
        // The entry's data: straight into a buffer of its size when the
        // header gives one, growing otherwise.
        QByteArray bytes(qsizetype(size > 0 ? size : 0), Qt::Uninitialized);
        qsizetype filled = 0;
        la_ssize_t got = 0;
        for (;;) {
            if (filled == bytes.size()) {
                if (size >= 0 && filled == size)
                    break; // all of it; a cut-off after it shows at the next header
                bytes.resize(std::max<qsizetype>(bytes.size() * 2, 64 << 10));
            }
            got = archive_read_data(a, bytes.data() + filled, std::size_t(bytes.size() - filled));
            if (got <= 0)
                break;
            filled += qsizetype(got);
            if (filled > ImageCollector::kMaxEntryBytes)
                break;
        }
        if (got < ARCHIVE_WARN) {
            if (got == ARCHIVE_FATAL) {
                // The archive itself is broken here: nothing after can be read.
                collector->addUnreadable(name, "cut off by the end of the archive");
                failure = errorText(a);
                break;
            }
            collector->addUnreadable(name, "cannot be read from the archive (" + errorText(a) + ")");
            ++entries;
            continue;
        }
        ++entries;
        if (filled > ImageCollector::kMaxEntryBytes) {
            collector->addUnreadable(name, "file too large for an image");
            continue;
        }
        bytes.truncate(filled);
        collector->add(name, std::move(bytes));
    }

    if (!collector) {
        // Not one header could be read: not an archive at all (or one cut
        // off before its first entry ended).
        if (!failure.empty() && truncationMessage(failure))
            throw DataError(path, "the archive is truncated: nothing could be read (" + failure + ")");
        if (!failure.empty())
            throw DataError(path, "not an archive (" + failure + ")");
        throw DataError(path, "no images found");
    }
    std::string warning;
    if (!failure.empty()) {
        const std::string what = truncationMessage(failure) ? "truncated" : "damaged";
        warning = "the archive is " + what + ": reading stopped after " + withSeparators(entries) +
                  (entries == 1 ? " entry (" : " entries (") + failure + ")";
        collector->setWarning(warning);
    }
    if (skippedBlocks > 0)
        collector->addNote("the archive is damaged in places: " + withSeparators(skippedBlocks) +
                           " unreadable 512-byte blocks were skipped");
    try {
        return collector->finish();
    } catch (const DataError& error) {
        if (warning.empty())
            throw;
        // Nothing usable before the damage: say both.
        std::string problem = error.what();
        if (problem.rfind(path + ": ", 0) == 0)
            problem.erase(0, path.size() + 2);
        throw DataError(path, problem + "; " + warning);
    }
}

} // namespace mlps
