#pragma once

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"

#include <cstdint>
#include <vector>

namespace mlps {

// Exact duplicates within a set of images (a whole dataset or one part of a split).
struct DuplicateCounts {
    std::int64_t images = 0;
    // Images equal to an earlier image of the set: a group of k identical
    // images counts k - 1. Per class by the label of each such later image.
    std::int64_t duplicates = 0;
    std::vector<std::int64_t> duplicatesPerClass;
    // Distinct images that occur more than once, and the largest such group
    // (notMNIST's all-white "I" is one) with its first image's index.
    std::int64_t groups = 0;
    std::int64_t largestGroup = 0;
    std::int64_t largestGroupFirst = -1;
    // Identical images with different labels: the groups that carry more than
    // one label, and every image in them (per class by its own label). These
    // images are also counted above as duplicates (all but the first of a group).
    std::int64_t conflictingGroups = 0;
    std::int64_t conflictingImages = 0;
    std::vector<std::int64_t> conflictingPerClass;
};

// Images of a later set that also occur in an earlier one (validation images
// that are in train, say). Per class by the later image's label.
struct OverlapCounts {
    std::int64_t images = 0;
    std::vector<std::int64_t> perClass;
    // Of those, the ones whose label is not among the labels their copies have
    // in the earlier set (for two datasets, labels are compared by class name).
    std::int64_t conflicting = 0;
    std::vector<std::int64_t> conflictingPerClass;
};

// Duplicates in each part of a split and the overlap between the parts.
struct SplitDuplicates {
    DuplicateCounts train;
    DuplicateCounts validation;
    DuplicateCounts test;
    OverlapCounts trainValidation; // validation images also in train
    OverlapCounts trainTest;       // test images also in train
    OverlapCounts validationTest;  // test images also in validation
};

// Finds identical images (every pixel equal, and the same size) by a 64-bit
// hash of each image, verified byte for byte whenever hashes match, so a hash
// collision can never merge different images. The constructor hashes every
// image once (on `threads` threads, 0 = all cores) and numbers the distinct
// images; every question after that is integer work over those numbers.
// "First" in a part means first in the part's order, so dropping duplicates
// keeps the order of what remains.
class DuplicateFinder {
public:
    // `data` must outlive the finder and not change while it is used.
    explicit DuplicateFinder(const Dataset& data, int threads = 0);

    const Dataset& data() const { return *m_data; }
    std::int64_t distinctImages() const { return std::int64_t(m_representative.size()); }
    // Equal for two images exactly when their pixels are: 0 .. distinctImages() - 1.
    std::int64_t contentId(std::int64_t index) const { return m_content[std::size_t(index)]; }

    // The whole dataset (for `dataset inspect`), or the images `part` (indices).
    DuplicateCounts count() const;
    DuplicateCounts count(const std::vector<std::int64_t>& part) const;
    // Images of `later` that also occur in `earlier` (both indices of this dataset).
    OverlapCounts overlap(const std::vector<std::int64_t>& earlier, const std::vector<std::int64_t>& later) const;
    // Images of another dataset (all of it, or the indices `laterPart` of it)
    // that also occur in `earlier` of this one.
    OverlapCounts overlap(const std::vector<std::int64_t>& earlier, const DuplicateFinder& other,
                          const std::vector<std::int64_t>* laterPart = nullptr) const;
    // Each part and the overlaps train/validation, train/test, validation/test.
    SplitDuplicates analyse(const Split& split) const;
    // With a separate test dataset: `test` counts `testData` as a whole and the
    // overlaps are those of train and validation with it. Throws
    // std::invalid_argument when the split has a test part as well.
    SplitDuplicates analyse(const Split& split, const DuplicateFinder& testData) const;

    // The groups of identical images in `part` (two or more each), each in
    // the part's order; the groups ordered by their first image's position.
    std::vector<std::vector<std::int64_t>> groups(const std::vector<std::int64_t>& part) const;
    // `part` without the images equal to an earlier one of it.
    std::vector<std::int64_t> dropDuplicates(const std::vector<std::int64_t>& part) const;
    // `part` without the images that occur in `other` (all of it, or its indices `otherPart`).
    std::vector<std::int64_t> without(const std::vector<std::int64_t>& part, const std::vector<std::int64_t>& other) const;
    std::vector<std::int64_t> without(const std::vector<std::int64_t>& part, const DuplicateFinder& other,
                                      const std::vector<std::int64_t>* otherPart = nullptr) const;
    // Each part with only the first of each group of identical images in it.
    Split dropDuplicates(const Split& split) const;
    // Train without the images that also occur in validation or test.
    Split removeOverlapFromTrain(const Split& split) const;
    // The same with a separate test dataset: train without what occurs in
    // validation, in the split's test part or in `testData`.
    Split removeOverlapFromTrain(const Split& split, const DuplicateFinder& testData) const;

    // One-call forms that hash the dataset(s) first.
    static DuplicateCounts analyse(const Dataset& data);
    static SplitDuplicates analyse(const Dataset& data, const Split& split);
    static SplitDuplicates analyse(const Dataset& data, const Split& split, const Dataset& testData);
    static Split dropDuplicates(const Dataset& data, const Split& split);
    static Split removeOverlapFromTrain(const Dataset& data, const Split& split);
    static Split removeOverlapFromTrain(const Dataset& data, const Split& split, const Dataset& testData);

    // The 64-bit hash used (of `bytes` bytes); exposed for tests.
    static std::uint64_t hash(const std::uint8_t* bytes, std::size_t size);

private:
    // For each distinct image of `other`, the equal distinct image of this
    // dataset, or -1 (always -1 when the image sizes differ).
    std::vector<std::int64_t> mapContents(const DuplicateFinder& other) const;
    // For each class of `other`, the class of this dataset with the same name, or -1.
    std::vector<std::int32_t> mapClasses(const DuplicateFinder& other) const;

    const Dataset* m_data;
    std::vector<std::uint32_t> m_content;        // per image: its distinct image's number
    std::vector<std::int64_t> m_representative;  // per distinct image: its first index
    // Per distinct image: its hash. Distinct images are numbered in the order
    // of their hashes, so this is sorted and a hash is found by binary search.
    std::vector<std::uint64_t> m_contentHash;
};

} // namespace mlps
