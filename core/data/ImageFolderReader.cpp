#include "data/ImageFolderReader.h"

#include "data/DataError.h"
#include "data/ImageCollector.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// How often the listing reports progress and looks for a cancel.
constexpr std::size_t kListingStep = 4096;

std::string systemMessage(int error) { return std::error_code(error, std::generic_category()).message(); }

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file, or an empty string in `error` on success.
QByteArray readFile(const fs::path& path, std::string& error)
{
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        error = "cannot be read (" + systemMessage(errno) + ")";
        return {};
    }
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > std::uintmax_t(ImageCollector::kMaxEntryBytes)) {
        error = "file too large for an image (" + std::to_string(size >> 20) + " MB)";
        return {};
    }
    // Read to the end whatever the size said: the file may change meanwhile.
    QByteArray bytes(qsizetype(ec ? 0 : size), Qt::Uninitialized);
    qsizetype filled = 0;
    for (;;) {
        if (filled == bytes.size()) {
            // As long as the size said: done, unless the file has grown.
            const int next = std::fgetc(file.get());
            if (next == EOF)
                break;
            bytes.resize(std::max<qsizetype>(bytes.size() * 2, 4096));
            bytes[filled++] = char(next);
        }
        const std::size_t got = std::fread(bytes.data() + filled, 1, std::size_t(bytes.size() - filled), file.get());
        filled += qsizetype(got);
        if (filled > ImageCollector::kMaxEntryBytes) {
            error = "file too large for an image";
            return {};
        }
        if (filled < bytes.size())
            break; // end of file or an error
    }
    if (std::ferror(file.get())) {
        error = "cannot be read (" + systemMessage(errno) + ")";
        return {};
    }
    bytes.truncate(filled);
    return bytes;
}

} // namespace

LoadedDataset ImageFolderReader::read(const std::string& path, const LoadOptions& options)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw DataError(path, "no such folder");
    if (!fs::is_directory(status))
        throw DataError(path, "not a folder");

    ImageCollector collector(path, "folder", options);
    const fs::path root(path);

    // The listing first, sorted, so that images come in the same order on
    // every file system; names only, a few tens of MB for notMNIST_large.
    std::vector<std::string> files;
    fs::recursive_directory_iterator walk(root, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        throw DataError(path, "cannot be read (" + ec.message() + ")");
    collector.setProgress("listing", -1);
    for (const fs::recursive_directory_iterator end; walk != end; walk.increment(ec)) {
        if (ec)
            break;
        const fs::directory_entry& entry = *walk;
        const std::string relative = entry.path().lexically_relative(root).generic_string();
        std::error_code typeError;
        if (entry.is_directory(typeError)) {
            // Hidden folders (.git, .thumbnails) and __MACOSX are not looked into.
            if (ImageCollector::ignored(relative))
                walk.disable_recursion_pending();
            continue;
        }
        if (!entry.is_regular_file(typeError) || ImageCollector::ignored(relative))
            continue;
        files.push_back(relative);
        if (files.size() % kListingStep == 0) {
            if (options.progress)
                options.progress({std::int64_t(files.size()), -1, "listing"});
            if (options.cancelled())
                throw LoadCancelled();
        }
    }
    if (ec)
        collector.addNote("the folder could not be listed completely: " + ec.message());
    std::sort(files.begin(), files.end());

    collector.setProgress("reading", std::int64_t(files.size()));
    collector.checkpoint();
    for (const std::string& relative : files) {
        std::string error;
        QByteArray bytes = readFile(root / relative, error);
        if (!error.empty())
            collector.addUnreadable(relative, error);
        else
            collector.add(relative, std::move(bytes));
    }
    return collector.finish();
}

} // namespace mlps
