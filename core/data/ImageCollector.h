#pragma once

#include "data/ImageDecoder.h"
#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <QByteArray>
#include <QThreadPool>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace mlps {

// Turns the entries of a collection of class folders of images (a folder, a
// zip, a tar archive) into a LoadedDataset. A reader hands over each entry
// by its path inside the collection ("notMNIST_small/A/MDEtMDEtMDAudHRm.png")
// and its encoded bytes, in the order it reads them; the collector gathers
// them in batches (bounded in count and bytes, so memory stays bounded),
// decodes each batch on LoadOptions::threads threads while the reader reads
// the next one, and appends the images in input order.
//
// Classes. A single wrapper folder is looked through (notMNIST_small/A/...
// is class "A", and so is A/...): starting at the top, as long as there is
// exactly one folder that itself holds folders, it is a wrapper. The folders
// below are the classes, named by their folder and sorted (natural order:
// "2" before "10"); files in nested folders of a class folder belong to that
// class; files outside every class folder are left out (and counted in a
// note). Sample names are the paths below the wrappers ("A/xyz.png").
//
// Dark-on-light images are inverted by groups, not one by one: images that
// were stored alike (the same PixelKind, at the target size or not) are
// inverted together when most of them have a bright border. Judged one by
// one, about a fifth of real notMNIST glyphs would be inverted by mistake:
// their ink touches the box's edges (a stretched "I" is all white).
//
// Progress is reported and cancellation checked on the calling thread, each
// time a batch is handed over to decoding.
class ImageCollector {
public:
    static constexpr std::size_t kBatchEntries = 4096;
    static constexpr std::size_t kBatchBytes = std::size_t(64) << 20;
    // Larger entries are listed as unreadable without being read: no image
    // format the studio meets comes near it, and a damaged size field must
    // not make a reader allocate gigabytes.
    static constexpr std::int64_t kMaxEntryBytes = std::int64_t(256) << 20;

    // `source` names the collection in messages and Dataset::source;
    // `format` is Dataset::format ("folder", "zip", "tar.gz", ...).
    // `options` is copied (its progress callback and cancel flag with it).
    ImageCollector(std::string source, std::string format, const LoadOptions& options,
                   std::size_t batchEntries = kBatchEntries);
    ~ImageCollector();
    ImageCollector(const ImageCollector&) = delete;
    ImageCollector& operator=(const ImageCollector&) = delete;

    // True for entries that are skipped silently: hidden files and folders
    // (".DS_Store", "._x.png", ".git/"), "__MACOSX/", "Thumbs.db",
    // "desktop.ini", and names with an extension no image has (.txt, .md,
    // .json, .csv, ...). Anything else is decoded, and listed as unreadable
    // when it is not an image.
    static bool ignored(std::string_view path);

    // Sets what progress reports: the stage ("reading", "decoding") and the
    // number of entries expected (< 0 when unknown, as while a compressed
    // archive is read).
    void setProgress(std::string stage, std::int64_t total);
    // Reports progress and throws LoadCancelled when the load was cancelled.
    void checkpoint();

    // Hands over one entry; `path` is '/'-separated and relative to the
    // collection. May decode a batch, report progress and throw LoadCancelled.
    void add(std::string_view path, QByteArray bytes);
    // Hands over a file on disk by its path in the collection (as for add())
    // and its path on disk; it is read by the decoding threads, so that files
    // are read in parallel. A file that cannot be read is listed as unreadable.
    void addFile(std::string_view path, std::string file);
    // An entry that could not be read at all (I/O error, corrupt zip entry).
    void addUnreadable(std::string_view path, std::string reason);
    void setWarning(std::string warning) { m_report.warning = std::move(warning); }
    void addNote(std::string note) { m_report.notes.push_back(std::move(note)); }

    // Entries handed over so far (with the unreadable ones).
    std::int64_t entries() const { return m_entries; }
    const std::string& source() const { return m_source; }

    // Decodes what is left and builds the dataset. Throws DataError naming
    // the source when there is nothing usable: "no images found", "no class
    // folders: ...", "only one class folder (A/): ...", "none of the N files
    // in the class folders could be read as an image (...)"; and LoadCancelled.
    LoadedDataset finish();

private:
    struct Batch;

    // `path` normalised when it is an entry to take, counted; empty when it
    // is ignored or outside any class folder (counted as such).
    std::string entryPath(std::string_view path);
    void queue(std::string path, QByteArray bytes, std::string file);
    void submit();
    void collect();
    void countDirectory(std::string_view path);
    void buildClasses(Dataset& data);
    void invertGroups(Dataset& data);
    std::string conversionSummary() const;

    std::string m_source;
    std::string m_format;
    LoadOptions m_options;
    ImageDecoder m_decoder;
    std::size_t m_batchEntries;
    std::chrono::steady_clock::time_point m_start;

    QThreadPool m_pool;
    std::unique_ptr<Batch> m_filling;
    std::unique_ptr<Batch> m_decoding;

    Dataset m_data;
    LoadReport m_report;
    std::int64_t m_entries = 0;
    std::int64_t m_outside = 0; // entries at the top, in no folder at all
    std::string m_stage = "reading";
    std::int64_t m_total = -1;

    // Folders holding entries (full paths; entries at the top are only
    // counted in m_outside), with their entry counts.
    std::map<std::string, std::int64_t, std::less<>> m_folders;
    // Per decoded image: its group for inversion (PixelKind * 2 + resized)
    // and whether its border is bright (bit 7).
    std::vector<std::uint8_t> m_imageFlags;
    // Images converted, by (source width, source height, PixelKind).
    std::map<std::tuple<int, int, int>, std::int64_t> m_conversions;
    std::int64_t m_inverted = 0;
};

} // namespace mlps
