#include "data/DuplicateFinder.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>

namespace mlps {
namespace {

using Indices = std::vector<std::int64_t>;

// Below this many images per thread, more threads do not pay for starting them.
constexpr std::int64_t kImagesPerThread = 20000;

// Calls f(j) for each index of `part`, or for 0..count-1 when there is no part.
template <typename F>
void forEachIndex(const Indices* part, std::int64_t count, F&& f)
{
    if (part) {
        for (const std::int64_t j : *part)
            f(j);
    } else {
        for (std::int64_t j = 0; j < count; ++j)
            f(j);
    }
}

// The indices of `part` whose content is not marked in `drop`.
Indices unmarked(const Indices& part, const std::vector<std::uint32_t>& content, const std::vector<std::uint8_t>& drop)
{
    Indices kept;
    kept.reserve(part.size());
    for (const std::int64_t i : part) {
        if (!drop[content[std::size_t(i)]])
            kept.push_back(i);
    }
    return kept;
}

int threadCount(int threads, std::int64_t images)
{
    const int cores = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    return int(std::clamp<std::int64_t>(images / kImagesPerThread, 1, cores));
}

void add(std::vector<std::int64_t>& perClass, std::int32_t label)
{
    // Labels outside 0..classes-1 would be a bug elsewhere; they are not counted per class.
    if (label >= 0 && std::size_t(label) < perClass.size())
        ++perClass[std::size_t(label)];
}

// The distinct images of a set of indices, and under which labels they occur there.
class ContentSet {
public:
    explicit ContentSet(std::int64_t distinct)
        : m_present(std::size_t(distinct), 0)
    {
    }
    void insert(std::int64_t content, std::int32_t label)
    {
        m_present[std::size_t(content)] = 1;
        m_keys.push_back(key(content, label));
    }
    // Call once after the inserts, before hasWithLabel.
    void finish()
    {
        std::sort(m_keys.begin(), m_keys.end());
        m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
    }
    bool has(std::int64_t content) const { return content >= 0 && m_present[std::size_t(content)]; }
    bool hasWithLabel(std::int64_t content, std::int32_t label) const
    {
        return label >= 0 && std::binary_search(m_keys.begin(), m_keys.end(), key(content, label));
    }

private:
    static std::uint64_t key(std::int64_t content, std::int32_t label)
    {
        return (std::uint64_t(content) << 32) | std::uint32_t(label);
    }
    std::vector<std::uint8_t> m_present;
    std::vector<std::uint64_t> m_keys;
};

ContentSet contentsOf(const DuplicateFinder& finder, const Indices& indices)
{
    ContentSet set(finder.distinctImages());
    for (const std::int64_t i : indices)
        set.insert(finder.contentId(i), finder.data().labels[std::size_t(i)]);
    set.finish();
    return set;
}

Indices allIndices(std::int64_t count)
{
    Indices all(std::size_t(std::max<std::int64_t>(count, 0)));
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = std::int64_t(i);
    return all;
}

} // namespace

std::uint64_t DuplicateFinder::hash(const std::uint8_t* bytes, std::size_t size)
{
    // Two independent multiply-rotate lanes over 8-byte words (so that the
    // multiplies overlap), the tail packed into a last word, and splitmix64's
    // finaliser (Steele, Lea & Flood 2014) to spread the bits. Not
    // cryptographic: equal hashes are always confirmed by comparing bytes.
    constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ull;
    constexpr std::uint64_t k2 = 0xC2B2AE3D27D4EB4Full;
    std::uint64_t a = k1 ^ size;
    std::uint64_t b = k2 + size;
    std::size_t i = 0;
    for (; i + 16 <= size; i += 16) {
        std::uint64_t w0 = 0;
        std::uint64_t w1 = 0;
        std::memcpy(&w0, bytes + i, 8);
        std::memcpy(&w1, bytes + i + 8, 8);
        a = std::rotl((a ^ w0) * k1, 29);
        b = std::rotl((b ^ w1) * k2, 31);
    }
    for (; i < size; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, bytes + i, std::min<std::size_t>(8, size - i));
        a = std::rotl((a ^ w) * k2, 27);
    }
    std::uint64_t h = a ^ std::rotl(b, 17);
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

DuplicateFinder::DuplicateFinder(const Dataset& data, int threads)
    : m_data(&data)
{
    const std::int64_t count = data.count();
    const std::size_t bytes = std::size_t(std::max(data.features(), 0));
    if (data.pixels.size() < std::size_t(count) * bytes)
        throw std::invalid_argument("DuplicateFinder: the dataset has fewer pixels than its images need");
    if (count > std::int64_t(std::numeric_limits<std::uint32_t>::max()))
        throw std::invalid_argument("DuplicateFinder: more than 2^32 images");

    // Hash every image, on several threads for large datasets.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order(static_cast<std::size_t>(count));
    const int workers = threadCount(threads, count);
    auto hashRange = [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            order[std::size_t(i)] = {hash(data.pixels.data() + std::size_t(i) * bytes, bytes), std::uint32_t(i)};
    };
    if (workers == 1) {
        hashRange(0, count);
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < workers; ++t)
            pool.emplace_back(hashRange, count * t / workers, count * (t + 1) / workers);
        for (std::thread& thread : pool)
            thread.join();
    }

    // Sorted by hash (then index), equal images are neighbours; within a run
    // of equal hashes each image is compared with the run's distinct images.
    std::sort(order.begin(), order.end());
    m_content.resize(std::size_t(count));
    std::size_t runStart = 0;
    while (runStart < order.size()) {
        std::size_t runEnd = runStart + 1;
        while (runEnd < order.size() && order[runEnd].first == order[runStart].first)
            ++runEnd;
        const std::size_t firstContent = m_representative.size();
        for (std::size_t k = runStart; k < runEnd; ++k) {
            const std::uint32_t index = order[k].second;
            const std::uint8_t* image = data.pixels.data() + std::size_t(index) * bytes;
            std::size_t content = firstContent;
            while (content < m_representative.size() &&
                   std::memcmp(image, data.pixels.data() + std::size_t(m_representative[content]) * bytes, bytes) != 0)
                ++content;
            if (content == m_representative.size()) { // a new distinct image; indices ascend, so this is its first
                m_representative.push_back(index);
                m_contentHash.push_back(order[k].first);
            }
            m_content[index] = std::uint32_t(content);
        }
        runStart = runEnd;
    }
}

DuplicateCounts DuplicateFinder::count() const { return count(allIndices(m_data->count())); }

DuplicateCounts DuplicateFinder::count(const Indices& part) const
{
    const std::size_t classes = std::size_t(std::max(m_data->classes(), 0));
    const std::size_t distinct = m_representative.size();
    DuplicateCounts out;
    out.images = std::int64_t(part.size());
    out.duplicatesPerClass.assign(classes, 0);
    out.conflictingPerClass.assign(classes, 0);

    std::vector<std::int32_t> seen(distinct, 0);
    std::vector<std::int32_t> firstLabel(distinct, 0);
    std::vector<std::uint8_t> conflicting(distinct, 0);
    for (const std::int64_t i : part) {
        const std::uint32_t c = m_content[std::size_t(i)];
        const std::int32_t label = m_data->labels[std::size_t(i)];
        if (seen[c]++ == 0) {
            firstLabel[c] = label;
            continue;
        }
        ++out.duplicates;
        add(out.duplicatesPerClass, label);
        if (seen[c] == 2)
            ++out.groups;
        if (label != firstLabel[c] && !conflicting[c]) {
            conflicting[c] = 1;
            ++out.conflictingGroups;
        }
    }
    for (const std::int64_t i : part) {
        const std::uint32_t c = m_content[std::size_t(i)];
        if (seen[c] >= 2 && seen[c] > out.largestGroup) {
            out.largestGroup = seen[c];
            out.largestGroupFirst = i;
        }
        if (conflicting[c]) {
            ++out.conflictingImages;
            add(out.conflictingPerClass, m_data->labels[std::size_t(i)]);
        }
    }
    return out;
}

OverlapCounts DuplicateFinder::overlap(const Indices& earlier, const Indices& later) const
{
    const ContentSet before = contentsOf(*this, earlier);
    OverlapCounts out;
    out.perClass.assign(std::size_t(std::max(m_data->classes(), 0)), 0);
    out.conflictingPerClass = out.perClass;
    for (const std::int64_t i : later) {
        const std::int64_t c = m_content[std::size_t(i)];
        if (!before.has(c))
            continue;
        const std::int32_t label = m_data->labels[std::size_t(i)];
        ++out.images;
        add(out.perClass, label);
        if (!before.hasWithLabel(c, label)) {
            ++out.conflicting;
            add(out.conflictingPerClass, label);
        }
    }
    return out;
}

std::vector<std::int64_t> DuplicateFinder::mapContents(const DuplicateFinder& other) const
{
    std::vector<std::int64_t> mapped(std::size_t(other.distinctImages()), -1);
    const Dataset& theirs = other.data();
    if (theirs.width != m_data->width || theirs.height != m_data->height)
        return mapped;
    const std::size_t bytes = std::size_t(std::max(m_data->features(), 0));
    for (std::size_t co = 0; co < mapped.size(); ++co) {
        const std::uint8_t* image = theirs.pixels.data() + std::size_t(other.m_representative[co]) * bytes;
        const auto [first, last] = std::equal_range(m_contentHash.begin(), m_contentHash.end(), other.m_contentHash[co]);
        for (auto it = first; it != last; ++it) {
            const auto c = std::size_t(it - m_contentHash.begin());
            if (std::memcmp(image, m_data->pixels.data() + std::size_t(m_representative[c]) * bytes, bytes) == 0) {
                mapped[co] = std::int64_t(c);
                break;
            }
        }
    }
    return mapped;
}

std::vector<std::int32_t> DuplicateFinder::mapClasses(const DuplicateFinder& other) const
{
    const std::vector<std::string>& ours = m_data->classNames;
    const std::vector<std::string>& theirs = other.data().classNames;
    std::vector<std::int32_t> mapped(theirs.size(), -1);
    std::unordered_map<std::string, std::int32_t> byName;
    for (std::size_t k = 0; k < ours.size(); ++k)
        byName.emplace(ours[k], std::int32_t(k));
    for (std::size_t k = 0; k < theirs.size(); ++k) {
        const auto it = byName.find(theirs[k]);
        if (it != byName.end())
            mapped[k] = it->second;
    }
    return mapped;
}

OverlapCounts DuplicateFinder::overlap(const Indices& earlier, const DuplicateFinder& other,
                                       const Indices* laterPart) const
{
    const ContentSet before = contentsOf(*this, earlier);
    const std::vector<std::int64_t> contents = mapContents(other);
    const std::vector<std::int32_t> classes = mapClasses(other);
    const Dataset& theirs = other.data();
    OverlapCounts out;
    out.perClass.assign(std::size_t(std::max(theirs.classes(), 0)), 0);
    out.conflictingPerClass = out.perClass;
    auto visit = [&](std::int64_t j) {
        const std::int64_t c = contents[std::size_t(other.contentId(j))];
        if (!before.has(c))
            return;
        const std::int32_t label = theirs.labels[std::size_t(j)];
        ++out.images;
        add(out.perClass, label);
        const std::int32_t ours =
            label >= 0 && std::size_t(label) < classes.size() ? classes[std::size_t(label)] : std::int32_t(-1);
        if (!before.hasWithLabel(c, ours)) {
            ++out.conflicting;
            add(out.conflictingPerClass, label);
        }
    };
    forEachIndex(laterPart, theirs.count(), visit);
    return out;
}

SplitDuplicates DuplicateFinder::analyse(const Split& split) const
{
    SplitDuplicates out;
    out.train = count(split.train);
    out.validation = count(split.validation);
    out.test = count(split.test);
    out.trainValidation = overlap(split.train, split.validation);
    out.trainTest = overlap(split.train, split.test);
    out.validationTest = overlap(split.validation, split.test);
    return out;
}

SplitDuplicates DuplicateFinder::analyse(const Split& split, const DuplicateFinder& testData) const
{
    if (!split.test.empty())
        throw std::invalid_argument("DuplicateFinder::analyse: a split with a test part and a separate test dataset");
    SplitDuplicates out;
    out.train = count(split.train);
    out.validation = count(split.validation);
    out.test = testData.count();
    out.trainValidation = overlap(split.train, split.validation);
    out.trainTest = overlap(split.train, testData);
    out.validationTest = overlap(split.validation, testData);
    return out;
}

std::vector<std::vector<std::int64_t>> DuplicateFinder::groups(const Indices& part) const
{
    // Each distinct image's group, numbered in order of its first appearance in the part.
    std::vector<std::int32_t> slot(m_representative.size(), -1);
    std::vector<Indices> all;
    for (const std::int64_t i : part) {
        std::int32_t& s = slot[m_content[std::size_t(i)]];
        if (s < 0) {
            s = std::int32_t(all.size());
            all.emplace_back();
        }
        all[std::size_t(s)].push_back(i);
    }
    std::vector<Indices> result;
    for (Indices& group : all) {
        if (group.size() >= 2)
            result.push_back(std::move(group));
    }
    return result;
}

Indices DuplicateFinder::dropDuplicates(const Indices& part) const
{
    std::vector<std::uint8_t> seen(m_representative.size(), 0);
    Indices kept;
    kept.reserve(part.size());
    for (const std::int64_t i : part) {
        std::uint8_t& s = seen[m_content[std::size_t(i)]];
        if (!s) {
            s = 1;
            kept.push_back(i);
        }
    }
    return kept;
}

Indices DuplicateFinder::without(const Indices& part, const Indices& other) const
{
    std::vector<std::uint8_t> drop(m_representative.size(), 0);
    for (const std::int64_t i : other)
        drop[m_content[std::size_t(i)]] = 1;
    return unmarked(part, m_content, drop);
}

Indices DuplicateFinder::without(const Indices& part, const DuplicateFinder& other, const Indices* otherPart) const
{
    const std::vector<std::int64_t> contents = mapContents(other);
    std::vector<std::uint8_t> drop(m_representative.size(), 0);
    auto mark = [&](std::int64_t j) {
        const std::int64_t c = contents[std::size_t(other.contentId(j))];
        if (c >= 0)
            drop[std::size_t(c)] = 1;
    };
    forEachIndex(otherPart, other.data().count(), mark);
    return unmarked(part, m_content, drop);
}

Split DuplicateFinder::dropDuplicates(const Split& split) const
{
    Split out;
    out.train = dropDuplicates(split.train);
    out.validation = dropDuplicates(split.validation);
    out.test = dropDuplicates(split.test);
    return out;
}

Split DuplicateFinder::removeOverlapFromTrain(const Split& split) const
{
    Indices later = split.validation;
    later.insert(later.end(), split.test.begin(), split.test.end());
    Split out = split;
    out.train = without(split.train, later);
    return out;
}

Split DuplicateFinder::removeOverlapFromTrain(const Split& split, const DuplicateFinder& testData) const
{
    Split out = removeOverlapFromTrain(split);
    out.train = without(out.train, testData);
    return out;
}

DuplicateCounts DuplicateFinder::analyse(const Dataset& data) { return DuplicateFinder(data).count(); }

SplitDuplicates DuplicateFinder::analyse(const Dataset& data, const Split& split)
{
    return DuplicateFinder(data).analyse(split);
}

SplitDuplicates DuplicateFinder::analyse(const Dataset& data, const Split& split, const Dataset& testData)
{
    return DuplicateFinder(data).analyse(split, DuplicateFinder(testData));
}

Split DuplicateFinder::dropDuplicates(const Dataset& data, const Split& split)
{
    return DuplicateFinder(data).dropDuplicates(split);
}

Split DuplicateFinder::removeOverlapFromTrain(const Dataset& data, const Split& split)
{
    return DuplicateFinder(data).removeOverlapFromTrain(split);
}

Split DuplicateFinder::removeOverlapFromTrain(const Dataset& data, const Split& split, const Dataset& testData)
{
    return DuplicateFinder(data).removeOverlapFromTrain(split, DuplicateFinder(testData));
}

} // namespace mlps
