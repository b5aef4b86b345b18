#include "data/ImageFolderReader.h"

#include "data/DataError.h"
#include "data/ImageCollector.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// How often the listing reports progress and looks for a cancel.
constexpr std::size_t kListingStep = 4096;

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

    // The decoding threads read the files too: with files on a disk rather
    // than in the page cache, reading is most of the work.
    collector.setProgress("reading", std::int64_t(files.size()));
    collector.checkpoint();
    for (const std::string& relative : files)
        collector.addFile(relative, (root / relative).string());
    return collector.finish();
}

} // namespace mlps
