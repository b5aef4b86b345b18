#include "data/StratifiedSplit.h"

#include "nn/Rng.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace mlps {
namespace {

constexpr int kParts = 3; // train, validation, test

using Allocation = std::vector<std::array<std::int64_t, kParts>>;

void shuffle(std::vector<std::int64_t>& items, Rng& rng)
{
    // Fisher-Yates, with the project's own generator so that a seed gives the
    // same split with every standard library.
    for (std::size_t i = items.size(); i > 1; --i) {
        const auto j = std::size_t(rng.below(i));
        std::swap(items[i - 1], items[j]);
    }
}

// How many samples of each class go to each part. The exact share of class c
// in part p is counts[c] * sizes[p] / total; each cell gets that share rounded
// down or up, such that every class hands out all its samples and every part
// gets exactly its size (a "controlled rounding" of the table). Cells are
// rounded up in order of their remainders, largest first (ties in a seeded
// random order, so that no class is favoured by its number); when that greedy
// pass leaves a part short, augmenting paths move the round-ups around until
// it is not. Such a rounding always exists: the exact shares are a fractional
// flow with these margins, and a network with integer capacities has an
// integral flow of the same value.
Allocation allocate(const std::vector<std::int64_t>& counts, const std::array<std::int64_t, kParts>& sizes,
                    std::int64_t total, Rng& rng)
{
    const std::size_t classes = counts.size();
    Allocation cells(classes, {0, 0, 0});
    if (total == 0)
        return cells;

    std::vector<std::int64_t> rowLeft(classes);
    std::array<std::int64_t, kParts> partLeft = sizes;
    struct Candidate {
        std::int64_t remainder;
        std::uint64_t key;
        std::size_t c;
        int p;
    };
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < classes; ++c) {
        rowLeft[c] = counts[c];
        for (int p = 0; p < kParts; ++p) {
            // counts and sizes are at most 2^31 or so here, so the product fits.
            const std::int64_t product = counts[c] * sizes[std::size_t(p)];
            cells[c][std::size_t(p)] = product / total;
            rowLeft[c] -= product / total;
            partLeft[std::size_t(p)] -= product / total;
            if (product % total != 0)
                candidates.push_back({product % total, rng.next(), c, p});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.remainder != b.remainder)
            return a.remainder > b.remainder;
        if (a.key != b.key)
            return a.key < b.key;
        return std::pair(a.c, a.p) < std::pair(b.c, b.p);
    });

    // raised[c][p]: cell (c, p) was rounded up. Only cells with a remainder may be.
    std::vector<std::array<bool, kParts>> eligible(classes, {false, false, false});
    std::vector<std::array<bool, kParts>> raised(classes, {false, false, false});
    for (const Candidate& candidate : candidates) {
        eligible[candidate.c][std::size_t(candidate.p)] = true;
        if (rowLeft[candidate.c] > 0 && partLeft[std::size_t(candidate.p)] > 0) {
            raised[candidate.c][std::size_t(candidate.p)] = true;
            --rowLeft[candidate.c];
            --partLeft[std::size_t(candidate.p)];
        }
    }

    // Repair: from a part still short, find part -> class (not raised) -> part
    // (raised) -> ... -> class with samples left, and flip the cells on it.
    // Each path gives one more sample to the short part and keeps all other
    // margins. Breadth-first over the (few) parts and classes.
    for (int start = 0; start < kParts; ++start) {
        while (partLeft[std::size_t(start)] > 0) {
            std::vector<int> classFrom(classes, -1); // the part a class was reached from
            std::array<std::int64_t, kParts> partFrom{-1, -1, -1}; // the class a part was reached from
            std::array<bool, kParts> partSeen{false, false, false};
            partSeen[std::size_t(start)] = true;
            std::vector<int> frontier{start};
            std::int64_t end = -1;
            while (!frontier.empty() && end < 0) {
                std::vector<int> next;
                for (const int p : frontier) {
                    for (std::size_t c = 0; c < classes && end < 0; ++c) {
                        if (classFrom[c] >= 0 || !eligible[c][std::size_t(p)] || raised[c][std::size_t(p)])
                            continue;
                        classFrom[c] = p;
                        if (rowLeft[c] > 0) {
                            end = std::int64_t(c);
                            break;
                        }
                        for (int q = 0; q < kParts; ++q) {
                            if (!partSeen[std::size_t(q)] && raised[c][std::size_t(q)]) {
                                partSeen[std::size_t(q)] = true;
                                partFrom[std::size_t(q)] = std::int64_t(c);
                                next.push_back(q);
                            }
                        }
                    }
                    if (end >= 0)
                        break;
                }
                frontier = std::move(next);
            }
            if (end < 0)
                throw std::logic_error("stratifiedSplit: no exact allocation found"); // cannot happen, see above
            --rowLeft[std::size_t(end)];
            --partLeft[std::size_t(start)];
            for (auto c = std::size_t(end);;) {
                const int p = classFrom[c];
                raised[c][std::size_t(p)] = true;
                if (p == start)
                    break;
                c = std::size_t(partFrom[std::size_t(p)]);
                raised[c][std::size_t(p)] = false;
            }
        }
    }

    for (std::size_t c = 0; c < classes; ++c)
        for (std::size_t p = 0; p < kParts; ++p)
            cells[c][p] += raised[c][p] ? 1 : 0;
    return cells;
}

} // namespace

Split stratifiedSplit(const std::vector<std::int32_t>& labels, int classes, std::int64_t validation,
                      std::int64_t test, std::uint64_t seed)
{
    const auto total = std::int64_t(labels.size());
    if (validation < 0 || test < 0)
        throw std::invalid_argument("stratifiedSplit: the validation and test sizes must not be negative (" +
                                    std::to_string(validation) + ", " + std::to_string(test) + ")");
    if (validation > total || test > total - validation)
        throw std::invalid_argument("stratifiedSplit: validation " + std::to_string(validation) + " + test " +
                                    std::to_string(test) + " exceed the " + std::to_string(total) + " samples");
    if (classes < 1 && total > 0)
        throw std::invalid_argument("stratifiedSplit: " + std::to_string(classes) + " classes");
    // Rng::below takes counts up to 2^32, and allocate() multiplies two counts.
    if (total > (std::int64_t(1) << 31))
        throw std::invalid_argument("stratifiedSplit: too many samples (" + std::to_string(total) + ")");

    std::vector<std::vector<std::int64_t>> members(std::size_t(std::max(classes, 0)));
    for (std::int64_t i = 0; i < total; ++i) {
        const std::int32_t label = labels[std::size_t(i)];
        if (label < 0 || label >= classes)
            throw std::invalid_argument("stratifiedSplit: label " + std::to_string(label) + " of sample " +
                                        std::to_string(i) + " is outside 0.." + std::to_string(classes - 1));
        members[std::size_t(label)].push_back(i);
    }
    std::vector<std::int64_t> counts;
    counts.reserve(members.size());
    for (const auto& m : members)
        counts.push_back(std::int64_t(m.size()));

    Rng rng(seed, RngStream::Split);
    const std::array<std::int64_t, kParts> sizes{total - validation - test, validation, test};
    const Allocation cells = allocate(counts, sizes, total, rng);

    Split split;
    split.train.reserve(std::size_t(sizes[0]));
    split.validation.reserve(std::size_t(validation));
    split.test.reserve(std::size_t(test));
    for (std::size_t c = 0; c < members.size(); ++c) {
        std::vector<std::int64_t>& m = members[c];
        shuffle(m, rng);
        const auto toValidation = std::ptrdiff_t(cells[c][1]);
        const auto toTest = std::ptrdiff_t(cells[c][2]);
        split.validation.insert(split.validation.end(), m.begin(), m.begin() + toValidation);
        split.test.insert(split.test.end(), m.begin() + toValidation, m.begin() + toValidation + toTest);
        split.train.insert(split.train.end(), m.begin() + toValidation + toTest, m.end());
    }
    shuffle(split.train, rng);
    shuffle(split.validation, rng);
    shuffle(split.test, rng);
    return split;
}

} // namespace mlps
