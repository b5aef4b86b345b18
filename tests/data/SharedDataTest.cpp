// Reads the real data sets when they are on this machine, and skips otherwise:
// the notMNIST sample of ../shared/data (MLPS_SHARED_DATA_DIR, set by
// tests/CMakeLists.txt) and Debian's dataset-fashion-mnist package.
#include "data/IdxReader.h"
#include "data/StratifiedSplit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#ifndef MLPS_SHARED_DATA_DIR
#define MLPS_SHARED_DATA_DIR ""
#endif

namespace mlps {
namespace {

namespace fs = std::filesystem;

// Reads `images` and reports how long it took.
Dataset timedRead(const std::string& images)
{
    const auto start = std::chrono::steady_clock::now();
    Dataset data = IdxReader::read(images);
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "[   TIME   ] " << fs::path(images).filename().string() << ": " << data.count() << " images in "
              << elapsed.count() << " ms" << std::endl;
    ::testing::Test::RecordProperty("load_ms", std::to_string(elapsed.count()));
    return data;
}

TEST(SharedDataTest, NotMnistSample)
{
    const std::string images =
        std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-images-idx3-ubyte.gz";
    if (!fs::exists(images))
        GTEST_SKIP() << "the shared notMNIST sample is not here: " << images
                     << " (configure with -DMLPS_SHARED_DATA_DIR=<folder with notmnist/>)";
    ASSERT_TRUE(IdxReader::looksLikeIdxImages(images));
    EXPECT_EQ(IdxReader::labelsPathFor(images),
              std::string(MLPS_SHARED_DATA_DIR) + "/notmnist/notmnist-train-clean-labels-idx1-ubyte.gz");

    const Dataset data = timedRead(images);
    EXPECT_EQ(data.count(), 6623);
    EXPECT_EQ(data.width, 28);
    EXPECT_EQ(data.height, 28);
    EXPECT_EQ(data.pixels.size(), 6623u * 28u * 28u);
    EXPECT_EQ(data.classCounts(), (std::vector<std::int64_t>{684, 681, 667, 666, 651, 685, 674, 667, 591, 657}));
    EXPECT_EQ(data.classNames, (std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}));
    EXPECT_EQ(data.format, "idx");
    EXPECT_EQ(data.source, images);
    // Glyphs are white on black: both extremes occur.
    EXPECT_NE(std::find(data.pixels.begin(), data.pixels.end(), 0), data.pixels.end());
    EXPECT_NE(std::find(data.pixels.begin(), data.pixels.end(), 255), data.pixels.end());

    const Split split = stratifiedSplit(data.labels, data.classes(), 993, 0, 1);
    EXPECT_EQ(split.validation.size(), 993u);
    EXPECT_EQ(split.train.size(), 6623u - 993u);
}

TEST(SharedDataTest, FashionMnist)
{
    const std::string folder = "/usr/share/datasets/fashion-mnist";
    const std::string train = folder + "/train-images-idx3-ubyte.gz";
    const std::string test = folder + "/t10k-images-idx3-ubyte.gz";
    if (!fs::exists(train) || !fs::exists(test))
        GTEST_SKIP() << "Fashion-MNIST is not installed in " << folder << " (apt-get install dataset-fashion-mnist)";

    const Dataset data = timedRead(train);
    EXPECT_EQ(data.count(), 60000);
    EXPECT_EQ(data.width, 28);
    EXPECT_EQ(data.height, 28);
    EXPECT_EQ(data.classes(), 10);
    EXPECT_EQ(data.classCounts(), std::vector<std::int64_t>(10, 6000));
    EXPECT_EQ(data.classNames.front(), "T-shirt/top");
    EXPECT_EQ(data.classNames.back(), "Ankle boot");

    const Dataset testData = timedRead(test);
    EXPECT_EQ(testData.count(), 10000);
    EXPECT_EQ(testData.classes(), 10);
}

} // namespace
} // namespace mlps
