#include "data/DuplicateFinder.h"

#include "data/IdxReader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef MLPS_SHARED_DATA_DIR
#define MLPS_SHARED_DATA_DIR ""
#endif

namespace mlps {
namespace {

using Counts = std::vector<std::int64_t>;
using Indices = std::vector<std::int64_t>;

// A 2x2 image filled with a letter's code, so that equal letters are equal images.
std::vector<std::uint8_t> image(char content)
{
    return {std::uint8_t(content), 1, 2, std::uint8_t(content)};
}

Dataset datasetOf(const std::vector<std::pair<char, std::int32_t>>& images, std::vector<std::string> names)
{
    Dataset data;
    data.width = data.height = 2;
    data.classNames = std::move(names);
    for (const auto& [content, label] : images)
        data.append(image(content).data(), label);
    return data;
}

// The fixture: 16 images of 3 classes with known duplicates.
//   P: 0 (class 0), 2 (0), 6 (0)       - three of one class
//   Q: 1 (0), 8 (1)                     - conflicting labels
//   R: 3 (1), 4 (2)                     - conflicting labels
//   S: 5 (1), 10 (1)
//   T: 7 (2), 12 (2)
//   W: 13 (0), 14 (1), 15 (0)           - conflicting labels
//   U: 9 (2), V: 11 (0)                 - single
Dataset fixture()
{
    return datasetOf({{'P', 0}, {'Q', 0}, {'P', 0}, {'R', 1}, {'R', 2}, {'S', 1}, {'P', 0}, {'T', 2},
                      {'Q', 1}, {'U', 2}, {'S', 1}, {'V', 0}, {'T', 2}, {'W', 0}, {'W', 1}, {'W', 0}},
                     {"0", "1", "2"});
}

Split fixtureSplit()
{
    Split split;
    split.train = {0, 1, 3, 5, 7, 9, 12, 13, 14};
    split.validation = {2, 4, 8, 11, 15};
    split.test = {6, 10};
    return split;
}

TEST(DuplicateFinderTest, WholeDataset)
{
    const Dataset data = fixture();
    const DuplicateFinder finder(data);
    EXPECT_EQ(finder.distinctImages(), 8);
    EXPECT_EQ(finder.contentId(0), finder.contentId(6));
    EXPECT_NE(finder.contentId(0), finder.contentId(1));

    const DuplicateCounts counts = finder.count();
    EXPECT_EQ(counts.images, 16);
    EXPECT_EQ(counts.duplicates, 8); // P 2, Q 1, R 1, S 1, T 1, W 2
    EXPECT_EQ(counts.duplicatesPerClass, (Counts{3, 3, 2}));
    EXPECT_EQ(counts.groups, 6);
    EXPECT_EQ(counts.largestGroup, 3);
    EXPECT_EQ(counts.largestGroupFirst, 0);
    EXPECT_EQ(counts.conflictingGroups, 3); // Q, R, W
    EXPECT_EQ(counts.conflictingImages, 7);
    EXPECT_EQ(counts.conflictingPerClass, (Counts{3, 3, 1}));

    const DuplicateCounts same = DuplicateFinder::analyse(data);
    EXPECT_EQ(same.duplicatesPerClass, counts.duplicatesPerClass);

    const std::vector<Indices> groups = finder.groups(Indices{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
    EXPECT_EQ(groups, (std::vector<Indices>{{0, 2, 6}, {1, 8}, {3, 4}, {5, 10}, {7, 12}, {13, 14, 15}}));
}

TEST(DuplicateFinderTest, SplitParts)
{
    const Dataset data = fixture();
    const SplitDuplicates result = DuplicateFinder::analyse(data, fixtureSplit());

    // Train: T twice (7, 12) and W twice with two labels (13 as 0, 14 as 1).
    EXPECT_EQ(result.train.images, 9);
    EXPECT_EQ(result.train.duplicates, 2);
    EXPECT_EQ(result.train.duplicatesPerClass, (Counts{0, 1, 1}));
    EXPECT_EQ(result.train.groups, 2);
    EXPECT_EQ(result.train.largestGroup, 2);
    EXPECT_EQ(result.train.largestGroupFirst, 7);
    EXPECT_EQ(result.train.conflictingGroups, 1);
    EXPECT_EQ(result.train.conflictingImages, 2);
    EXPECT_EQ(result.train.conflictingPerClass, (Counts{1, 1, 0}));
    EXPECT_EQ(result.validation.duplicates, 0);
    EXPECT_EQ(result.validation.largestGroupFirst, -1);
    EXPECT_EQ(result.test.duplicates, 0);

    // Validation in train: 2 (P, same label), 4 (R: 2 here, 1 in train), 8 (Q: 1 here, 0 in train),
    // 15 (W as 0, which train has too).
    EXPECT_EQ(result.trainValidation.images, 4);
    EXPECT_EQ(result.trainValidation.perClass, (Counts{2, 1, 1}));
    EXPECT_EQ(result.trainValidation.conflicting, 2);
    EXPECT_EQ(result.trainValidation.conflictingPerClass, (Counts{0, 1, 1}));
    // Test in train: 6 (P) and 10 (S), both with the same labels.
    EXPECT_EQ(result.trainTest.images, 2);
    EXPECT_EQ(result.trainTest.perClass, (Counts{1, 1, 0}));
    EXPECT_EQ(result.trainTest.conflicting, 0);
    // Test in validation: 6 (P).
    EXPECT_EQ(result.validationTest.images, 1);
    EXPECT_EQ(result.validationTest.perClass, (Counts{1, 0, 0}));
    EXPECT_EQ(result.validationTest.conflicting, 0);
}

TEST(DuplicateFinderTest, DropDuplicatesAndOverlap)
{
    const Dataset data = fixture();
    const Split split = fixtureSplit();

    const Split unique = DuplicateFinder::dropDuplicates(data, split);
    EXPECT_EQ(unique.train, (Indices{0, 1, 3, 5, 7, 9, 13}));
    EXPECT_EQ(unique.validation, split.validation);
    EXPECT_EQ(unique.test, split.test);

    // Train loses P, Q, R, S (in validation or test) and W (in validation).
    const Split apart = DuplicateFinder::removeOverlapFromTrain(data, split);
    EXPECT_EQ(apart.train, (Indices{7, 9, 12}));
    EXPECT_EQ(apart.validation, split.validation);
    EXPECT_EQ(apart.test, split.test);
    const SplitDuplicates after = DuplicateFinder::analyse(data, apart);
    EXPECT_EQ(after.trainValidation.images, 0);
    EXPECT_EQ(after.trainTest.images, 0);

    // First means first in the part's order, which is kept.
    const DuplicateFinder finder(data);
    EXPECT_EQ(finder.dropDuplicates(Indices{15, 2, 13, 0, 14}), (Indices{15, 2}));
}

TEST(DuplicateFinderTest, SeparateTestDataset)
{
    const Dataset data = fixture();
    Split split = fixtureSplit();
    split.test.clear();
    // Its classes in another order: label 0 is "2", label 2 is "0".
    const Dataset test = datasetOf({{'P', 2}, {'T', 0}, {'X', 1}, {'U', 1}, {'P', 2}}, {"2", "1", "0"});

    const SplitDuplicates result = DuplicateFinder::analyse(data, split, test);
    EXPECT_EQ(result.test.images, 5);
    EXPECT_EQ(result.test.duplicates, 1);
    EXPECT_EQ(result.test.duplicatesPerClass, (Counts{0, 0, 1}));
    // In train: P (as "0" both), T (as "2" both), U ("1" in test, "2" in train: conflicting), P again.
    EXPECT_EQ(result.trainTest.images, 4);
    EXPECT_EQ(result.trainTest.perClass, (Counts{1, 1, 2}));
    EXPECT_EQ(result.trainTest.conflicting, 1);
    EXPECT_EQ(result.trainTest.conflictingPerClass, (Counts{0, 1, 0}));
    // In validation: P twice (validation's 2 is P as "0").
    EXPECT_EQ(result.validationTest.images, 2);
    EXPECT_EQ(result.validationTest.perClass, (Counts{0, 0, 2}));
    EXPECT_EQ(result.validationTest.conflicting, 0);

    // Train without what is in validation (P, R, Q, V, W) or in the test dataset (P, T, X, U).
    const Split apart = DuplicateFinder::removeOverlapFromTrain(data, split, test);
    EXPECT_EQ(apart.train, (Indices{5}));

    // The test dataset without duplicates, and without what train has.
    const DuplicateFinder trainFinder(data);
    const DuplicateFinder testFinder(test);
    EXPECT_EQ(testFinder.dropDuplicates(Indices{0, 1, 2, 3, 4}), (Indices{0, 1, 2, 3}));
    EXPECT_EQ(testFinder.without(Indices{0, 1, 2, 3, 4}, trainFinder, &split.train), (Indices{2}));

    Split withTest = fixtureSplit();
    EXPECT_THROW(trainFinder.analyse(withTest, testFinder), std::invalid_argument);

    // Images of another size never match, even with the same bytes.
    Dataset wide = test;
    wide.width = 4;
    wide.height = 1;
    EXPECT_EQ(trainFinder.overlap(split.train, DuplicateFinder(wide)).images, 0);
}

TEST(DuplicateFinderTest, NearlyEqualImagesAreDistinct)
{
    Dataset data;
    data.width = data.height = 28;
    data.classNames = {"a", "b"};
    std::vector<std::uint8_t> pixels(784, 255);
    data.append(pixels.data(), 0);
    pixels[783] = 254; // the last byte: in the hash's tail
    data.append(pixels.data(), 0);
    pixels[783] = 255;
    pixels[0] = 254;
    data.append(pixels.data(), 1);
    pixels[0] = 255;
    data.append(pixels.data(), 1); // equal to the first, other label
    const DuplicateCounts counts = DuplicateFinder::analyse(data);
    EXPECT_EQ(counts.duplicates, 1);
    EXPECT_EQ(counts.conflictingGroups, 1);
    EXPECT_EQ(counts.conflictingImages, 2);
    EXPECT_EQ(DuplicateFinder(data).distinctImages(), 3);
    EXPECT_NE(DuplicateFinder::hash(data.pixels.data(), 784), DuplicateFinder::hash(data.pixels.data() + 784, 784));
}

// The real notMNIST sample of ../shared/data had its exact duplicates removed;
// copies added back are found, each as a duplicate of its class and as overlap.
TEST(DuplicateFinderTest, NotMnistSample)
{
    const std::string images =
        std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-images-idx3-ubyte.gz";
    if (!std::filesystem::exists(images))
        GTEST_SKIP() << images << " is not here";
    Dataset data = IdxReader::read(images);
    const std::int64_t original = data.count();
    EXPECT_EQ(DuplicateFinder::analyse(data).duplicates, 0);

    Split split;
    for (std::int64_t i = 0; i < original; ++i)
        split.train.push_back(i);
    for (std::int64_t i = 0; i < 100; ++i) {
        const std::vector<std::uint8_t> copy(data.pixels.begin() + i * 784, data.pixels.begin() + (i + 1) * 784);
        data.append(copy.data(), data.labels[std::size_t(i)]);
        split.test.push_back(original + i);
    }
    const DuplicateCounts counts = DuplicateFinder::analyse(data);
    EXPECT_EQ(counts.duplicates, 100);
    EXPECT_EQ(counts.conflictingGroups, 0);
    const SplitDuplicates parts = DuplicateFinder::analyse(data, split);
    EXPECT_EQ(parts.train.duplicates, 0);
    EXPECT_EQ(parts.trainTest.images, 100);
    EXPECT_EQ(DuplicateFinder::removeOverlapFromTrain(data, split).train.size(), std::size_t(original - 100));
}

// notMNIST_large-sized: 530,000 images of 28x28, one in ten a copy; run with
// --gtest_also_run_disabled_tests.
TEST(DuplicateFinderTest, DISABLED_Speed530k)
{
    const std::int64_t count = 530000;
    Dataset data;
    data.classNames = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
    data.pixels.resize(std::size_t(count) * 784);
    data.labels.resize(std::size_t(count));
    std::uint64_t x = 88172645463325252ull;
    for (std::int64_t i = 0; i < count; ++i) {
        std::uint8_t* row = data.pixels.data() + std::size_t(i) * 784;
        if (i % 10 == 9) {
            std::copy(row - 784 * 5, row - 784 * 4, row);
        } else {
            for (int j = 0; j < 784; j += 8) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                std::memcpy(row + j, &x, 8);
            }
        }
        data.labels[std::size_t(i)] = std::int32_t(i % 10);
    }
    const auto start = std::chrono::steady_clock::now();
    const DuplicateFinder finder(data);
    const auto hashed = std::chrono::steady_clock::now();
    const DuplicateCounts counts = finder.count();
    const auto end = std::chrono::steady_clock::now();
    std::cout << "[   TIME   ] hashing " << std::chrono::duration<double>(hashed - start).count() << " s, counting "
              << std::chrono::duration<double>(end - hashed).count() << " s" << std::endl;
    EXPECT_EQ(counts.duplicates, count / 10);
}

} // namespace
} // namespace mlps
