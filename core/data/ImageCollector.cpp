#include "data/ImageCollector.h"

#include "data/DataError.h"
#include "data/MessageText.h"
#include "data/TextCase.h"

#include <QFuture>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

namespace mlps {
namespace {

// Extensions of files that sit beside images in downloaded collections and
// are certainly not images; such files are skipped without a word.
constexpr std::string_view kNotImageExtensions[] = {
    "txt", "md",  "rst",  "json", "csv",  "tsv", "xml", "html", "htm",    "yaml", "yml", "ini", "cfg", "log",
    "py",  "sh",  "ipynb", "pdf", "db",   "sqlite", "pkl", "pickle", "npy", "npz", "gz", "zip", "tar", "doc",
};

// '/'-separated components without empty ones and "." (tar entries often
// start with "./"; a leading "/" is dropped too).
std::string normalized(std::string_view path)
{
    // Most paths are clean already: no leading "/", no "//", no "." component.
    const bool clean = !path.empty() && path.front() != '/' && path.back() != '/' &&
                       path.find("//") == std::string_view::npos && path.substr(0, 2) != "./" &&
                       path.find("/./") == std::string_view::npos && path != ".";
    if (clean)
        return std::string(path);
    std::string out;
    out.reserve(path.size());
    std::size_t at = 0;
    while (at <= path.size()) {
        std::size_t end = path.find('/', at);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view part = path.substr(at, end - at);
        if (!part.empty() && part != ".") {
            if (!out.empty())
                out += '/';
            out += part;
        }
        at = end + 1;
    }
    return out;
}

std::string_view folderOf(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view firstComponent(std::string_view path) { return path.substr(0, path.find('/')); }

// `path` without `prefix` and its slash; `path` itself when it is not below `prefix`.
std::string_view below(std::string_view path, std::string_view prefix)
{
    if (prefix.empty())
        return path;
    if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix && path[prefix.size()] == '/')
        return path.substr(prefix.size() + 1);
    return path;
}

// Natural order: runs of digits compare by value ("2" < "10"), the rest byte by byte.
bool naturalLess(const std::string& a, const std::string& b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t ie = i;
            std::size_t je = j;
            while (ie < a.size() && digit(a[ie]))
                ++ie;
            while (je < b.size() && digit(b[je]))
                ++je;
            // Compare by value: skip leading zeros, then by length, then digit by digit.
            std::size_t is = i;
            std::size_t js = j;
            while (is + 1 < ie && a[is] == '0')
                ++is;
            while (js + 1 < je && b[js] == '0')
                ++js;
            if (ie - is != je - js)
                return ie - is < je - js;
            const int order = a.compare(is, ie - is, b, js, je - js);
            if (order != 0)
                return order < 0;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j])
                return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
            ++i;
            ++j;
        }
    }
    if ((a.size() - i) != (b.size() - j))
        return a.size() - i < b.size() - j;
    return a < b; // equal by value ("01" vs "1"): any fixed order
}

std::string images(std::int64_t count) { return withSeparators(count) + (count == 1 ? " image" : " images"); }

std::string sizeText(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

constexpr std::uint8_t kBrightBorder = 0x80;


struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file; on failure an empty array and the reason in `error`.
QByteArray readFile(const std::string& path, std::string& error)
{
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        error = "cannot be read (" + systemMessage(errno) + ")";
        return {};
    }
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
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

struct ImageCollector::Batch {
    struct Job {
        QByteArray bytes;
        std::string file; // read by the worker when not empty
        std::uint8_t* out = nullptr;
        DecodeResult result;
    };
    std::vector<std::string> paths;
    std::vector<Job> jobs;
    std::vector<std::uint8_t> pixels;
    std::size_t bytes = 0;
    QFuture<void> future;
};

ImageCollector::ImageCollector(std::string source, std::string format, const LoadOptions& options,
                               std::size_t batchEntries)
    : m_source(std::move(source))
    , m_format(std::move(format))
    , m_options(options)
    , m_decoder(options.width, options.height, ImageDecoder::Inversion::Never)
    , m_batchEntries(std::max<std::size_t>(batchEntries, 1))
    , m_start(std::chrono::steady_clock::now())
    , m_filling(std::make_unique<Batch>())
{
    if (options.width <= 0 || options.height <= 0 || options.width > 4096 || options.height > 4096)
        throw DataError(m_source, "invalid image size " + sizeText(options.width, options.height));
    m_pool.setMaxThreadCount(options.threads > 0 ? options.threads : std::max(QThread::idealThreadCount(), 1));
    m_data.width = options.width;
    m_data.height = options.height;
}

ImageCollector::~ImageCollector()
{
    // A batch may still be decoding when a reader throws (cancelled, or an
    // error): its jobs must outlive the workers that write into them.
    if (m_decoding)
        m_decoding->future.waitForFinished();
    m_pool.waitForDone();
}

bool ImageCollector::ignored(std::string_view path)
{
    const std::string clean = normalized(path);
    std::string_view rest = clean;
    while (!rest.empty()) {
        const std::string_view part = firstComponent(rest);
        if (part.front() == '.' || part == "__MACOSX")
            return true;
        rest = part.size() < rest.size() ? rest.substr(part.size() + 1) : std::string_view();
    }
    const std::string_view fileName = std::string_view(clean).substr(clean.rfind('/') + 1);
    const std::size_t dot = fileName.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    if (fileName.size() <= 11) {
        const std::string name = lowercase(fileName);
        if (name == "thumbs.db" || name == "desktop.ini")
            return true;
    }
    const std::string extension = lowercase(fileName.substr(dot + 1));
    return std::find(std::begin(kNotImageExtensions), std::end(kNotImageExtensions), extension) !=
           std::end(kNotImageExtensions);
}

void ImageCollector::setProgress(std::string stage, std::int64_t total)
{
    m_stage = std::move(stage);
    m_total = total;
    // With the count known up front, the images go straight into their final
    // buffer instead of through a doubling vector (notMNIST_large: 415 MB).
    if (total > 0 && m_data.labels.empty()) {
        m_data.pixels.reserve(std::size_t(total) * std::size_t(m_data.features()));
        m_data.labels.reserve(std::size_t(total));
        m_data.sampleNames.reserve(std::size_t(total));
    }
}

void ImageCollector::checkpoint()
{
    if (m_options.progress)
        m_options.progress({m_entries, m_total, m_stage});
    if (m_options.cancelled())
        throw LoadCancelled();
}

void ImageCollector::countDirectory(std::string_view path)
{
    const std::string_view folder = folderOf(path);
    const auto found = m_folders.find(folder);
    if (found != m_folders.end())
        ++found->second;
    else
        m_folders.emplace(std::string(folder), 1);
}

std::string ImageCollector::entryPath(std::string_view path)
{
    std::string clean = normalized(path);
    if (clean.empty() || ignored(clean))
        return {};
    ++m_entries;
    if (clean.find('/') == std::string::npos) {
        // At the top, in no folder: it cannot belong to a class.
        ++m_outside;
        return {};
    }
    return clean;
}

void ImageCollector::add(std::string_view path, QByteArray bytes)
{
    std::string clean = entryPath(path);
    if (!clean.empty())
        queue(std::move(clean), std::move(bytes), {});
}

void ImageCollector::addFile(std::string_view path, std::string file)
{
    std::string clean = entryPath(path);
    if (!clean.empty())
        queue(std::move(clean), {}, std::move(file));
}

void ImageCollector::queue(std::string path, QByteArray bytes, std::string file)
{
    countDirectory(path);
    m_filling->bytes += std::size_t(bytes.size());
    m_filling->paths.push_back(std::move(path));
    m_filling->jobs.push_back({std::move(bytes), std::move(file), nullptr, {}});
    if (m_filling->jobs.size() >= m_batchEntries || m_filling->bytes >= kBatchBytes)
        submit();
}

void ImageCollector::addUnreadable(std::string_view path, std::string reason)
{
    std::string clean = entryPath(path);
    if (clean.empty())
        return;
    countDirectory(clean);
    m_report.unreadable.push_back({std::move(clean), std::move(reason)});
}

void ImageCollector::submit()
{
    collect();
    if (!m_filling->jobs.empty()) {
        m_decoding = std::move(m_filling);
        m_filling = std::make_unique<Batch>();
        Batch& batch = *m_decoding;
        const std::size_t features = std::size_t(m_decoder.features());
        batch.pixels.resize(batch.jobs.size() * features);
        for (std::size_t i = 0; i < batch.jobs.size(); ++i)
            batch.jobs[i].out = batch.pixels.data() + i * features;
        const ImageDecoder& decoder = m_decoder;
        batch.future = QtConcurrent::map(&m_pool, batch.jobs.begin(), batch.jobs.end(), [&decoder](Batch::Job& job) {
            if (!job.file.empty()) {
                std::string error;
                job.bytes = readFile(job.file, error);
                if (!error.empty()) {
                    job.result.reason = std::move(error);
                    return;
                }
            }
            job.result = decoder.decode(job.bytes, job.out);
            job.bytes = QByteArray(); // the encoded bytes are not needed any more
        });
    }
    checkpoint();
}

void ImageCollector::collect()
{
    if (!m_decoding)
        return;
    Batch& batch = *m_decoding;
    batch.future.waitForFinished();
    for (std::size_t i = 0; i < batch.jobs.size(); ++i) {
        const DecodeResult& result = batch.jobs[i].result;
        if (!result.ok) {
            m_report.unreadable.push_back({std::move(batch.paths[i]), result.reason});
            continue;
        }
        m_data.append(batch.jobs[i].out, 0, batch.paths[i]);
        const int group = int(result.kind) * 2 + (result.resized ? 1 : 0);
        m_imageFlags.push_back(std::uint8_t(group | (result.darkOnLight ? kBrightBorder : 0)));
        if (result.resized || result.kind != PixelKind::Gray)
            ++m_conversions[{result.sourceWidth, result.sourceHeight, int(result.kind)}];
    }
    m_decoding.reset();
}

LoadedDataset ImageCollector::finish()
{
    submit();
    collect();
    m_total = m_entries;
    checkpoint();

    LoadedDataset result;
    result.data = std::move(m_data);
    buildClasses(result.data);
    invertGroups(result.data);
    // A vector grown by doubling may hold up to twice what it needs.
    if (result.data.pixels.capacity() > result.data.pixels.size() + result.data.pixels.size() / 4)
        result.data.pixels.shrink_to_fit();
    result.data.source = m_source;
    result.data.format = m_format;
    m_report.format = m_format;
    m_report.conversion = conversionSummary();
    m_report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    result.report = std::move(m_report);
    return result;
}

void ImageCollector::buildClasses(Dataset& data)
{
    if (m_entries == 0)
        throw DataError(m_source, "no images found");
    const std::string noClasses =
        "no class folders: expected one folder per class (A/, B/, ...) with images inside";

    // The folder tree: every folder holding entries, with its ancestors.
    std::map<std::string, std::set<std::string>> children;
    for (const auto& [folder, count] : m_folders) {
        std::string child = folder;
        while (!child.empty()) {
            std::string parent(folderOf(child));
            children[parent].insert(child);
            child = std::move(parent);
        }
    }
    // Look through single wrapper folders (notMNIST_small/ in notMNIST_small/A/x.png):
    // a lone folder that itself holds folders.
    std::string top;
    for (;;) {
        const auto kids = children.find(top);
        if (kids == children.end() || kids->second.size() != 1)
            break;
        const std::string& only = *kids->second.begin();
        if (children.find(only) == children.end())
            break;
        top = only;
    }

    // The class of each folder holding entries (empty: outside every class folder).
    std::map<std::string, std::string, std::less<>> classOfFolder;
    std::set<std::string> classFolders;
    for (const auto& [folder, count] : m_folders) {
        const std::string_view rest = below(folder, top);
        std::string name;
        if (!folder.empty() && (top.empty() || rest.size() != folder.size()))
            name = std::string(firstComponent(rest));
        if (!name.empty())
            classFolders.insert(name);
        classOfFolder.emplace(folder, std::move(name));
    }
    if (classFolders.empty())
        throw DataError(m_source, noClasses);

    // Labels by class name; images outside every class folder are dropped.
    std::map<std::string, std::int32_t, std::less<>> firstLabel;
    std::vector<std::string> names;
    const std::size_t features = std::size_t(data.features());
    std::size_t kept = 0;
    std::int64_t dropped = 0;
    for (std::size_t i = 0; i < data.labels.size(); ++i) {
        std::string& name = data.sampleNames[i];
        const auto folder = classOfFolder.find(folderOf(name));
        const std::string& className = folder->second;
        if (className.empty()) {
            ++dropped;
            continue;
        }
        auto [label, inserted] = firstLabel.emplace(className, std::int32_t(names.size()));
        if (inserted)
            names.push_back(className);
        if (kept != i) {
            std::memmove(data.pixels.data() + kept * features, data.pixels.data() + i * features, features);
            data.sampleNames[kept] = std::move(name);
            m_imageFlags[kept] = m_imageFlags[i];
        }
        data.labels[kept] = label->second;
        data.sampleNames[kept] = std::string(below(data.sampleNames[kept], top));
        ++kept;
    }
    data.pixels.resize(kept * features);
    data.labels.resize(kept);
    data.sampleNames.resize(kept);
    m_imageFlags.resize(kept);
    for (UnreadableEntry& entry : m_report.unreadable)
        entry.name = std::string(below(entry.name, top));

    const std::int64_t outside = m_outside + dropped;
    if (kept == 0) {
        if (m_report.unreadable.empty())
            throw DataError(m_source, noClasses);
        const UnreadableEntry& first = m_report.unreadable.front();
        throw DataError(m_source, "none of the " + withSeparators(std::int64_t(m_report.unreadable.size())) +
                                      " files in the class folders could be read as an image (" + first.name +
                                      ": " + first.reason + ")");
    }

    // Classes sorted by name; labels renumbered to match.
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end(), naturalLess);
    if (sorted.size() < 2) {
        const std::string which = classFolders.size() < 2 ? "only one class folder (" + sorted.front() + "/)"
                                                           : "only one class folder has readable images (" +
                                                                 sorted.front() + "/)";
        throw DataError(m_source, which + ": expected one folder per class (A/, B/, ...) with images inside");
    }
    std::vector<std::int32_t> renumber(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        renumber[i] = std::int32_t(std::find(sorted.begin(), sorted.end(), names[i]) - sorted.begin());
    for (std::int32_t& label : data.labels)
        label = renumber[std::size_t(label)];
    data.classNames = std::move(sorted);

    for (const std::string& folder : classFolders) {
        if (firstLabel.find(folder) == firstLabel.end())
            m_report.notes.push_back("class folder " + folder + "/ has no readable images; it is left out");
    }
    if (outside > 0)
        m_report.notes.push_back(withSeparators(outside) + (outside == 1 ? " file" : " files") +
                                 " outside the class folders " + (outside == 1 ? "was" : "were") + " left out");
}

void ImageCollector::invertGroups(Dataset& data)
{
    // Images stored alike come from the same source: invert a group when most
    // of its images have a bright border (see the class comment).
    constexpr int kGroups = 8;
    std::array<std::int64_t, kGroups> count{};
    std::array<std::int64_t, kGroups> bright{};
    for (const std::uint8_t flags : m_imageFlags) {
        const int group = flags & (kBrightBorder - 1);
        ++count[std::size_t(group)];
        if (flags & kBrightBorder)
            ++bright[std::size_t(group)];
    }
    std::array<bool, kGroups> invert{};
    bool any = false;
    for (std::size_t g = 0; g < kGroups; ++g) {
        invert[g] = count[g] > 0 && 2 * bright[g] > count[g];
        any = any || invert[g];
    }
    if (!any)
        return;
    const std::size_t features = std::size_t(data.features());
    for (std::size_t i = 0; i < m_imageFlags.size(); ++i) {
        if (invert[m_imageFlags[i] & (kBrightBorder - 1)]) {
            ImageDecoder::invert(data.pixels.data() + i * features, features);
            ++m_inverted;
        }
    }
}

std::string ImageCollector::conversionSummary() const
{
    // Largest groups first; a long tail of odd sizes is summed up in one phrase.
    std::vector<std::pair<std::tuple<int, int, int>, std::int64_t>> groups(m_conversions.begin(),
                                                                            m_conversions.end());
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    constexpr std::size_t kShown = 4;
    const std::string target = sizeText(m_options.width, m_options.height);
    std::vector<std::string> parts;
    std::int64_t others = 0;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto& [key, count] = groups[i];
        if (i >= kShown) {
            others += count;
            continue;
        }
        const auto [width, height, kind] = key;
        const bool resized = width != m_options.width || height != m_options.height;
        std::string text = images(count) + " of " + sizeText(width, height) + " " +
                           pixelKindName(PixelKind(kind));
        if (PixelKind(kind) == PixelKind::Gray)
            text += " scaled to " + target;
        else if (resized)
            text += " converted to " + target + " grayscale";
        else
            text += " converted to grayscale";
        parts.push_back(std::move(text));
    }
    if (others > 0)
        parts.push_back(images(others) + " of other sizes converted to " + target + " grayscale");
    if (m_inverted > 0)
        parts.push_back(withSeparators(m_inverted) + " dark-on-light " + (m_inverted == 1 ? "image" : "images") +
                        " inverted");
    std::string summary;
    for (const std::string& part : parts)
        summary += (summary.empty() ? "" : "; ") + part;
    return summary;
}

} // namespace mlps
