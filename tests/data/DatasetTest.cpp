#include "data/Dataset.h"

#include <gtest/gtest.h>

namespace mlps {
namespace {

Dataset threeImages()
{
    Dataset data;
    data.width = 2;
    data.height = 3;
    data.pixels = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25};
    data.labels = {2, 0, 2};
    data.classNames = {"A", "B", "C", "D"};
    return data;
}

TEST(DatasetTest, SizesAndClassCounts)
{
    const Dataset data = threeImages();
    EXPECT_EQ(data.count(), 3);
    EXPECT_EQ(data.features(), 6);
    EXPECT_EQ(data.classes(), 4);
    EXPECT_EQ(data.classCounts(), (std::vector<std::int64_t>{1, 0, 2, 0}));
    EXPECT_TRUE(Dataset{}.classCounts().empty());
}

TEST(DatasetTest, ViewOfAll)
{
    const Dataset data = threeImages();
    const SampleView view = data.view();
    EXPECT_EQ(view.pixels, data.pixels.data());
    EXPECT_EQ(view.labels, data.labels.data());
    EXPECT_EQ(view.indices, nullptr);
    EXPECT_EQ(view.count, 3);
    EXPECT_EQ(view.features, 6);
    EXPECT_EQ(view.classes, 4);
    EXPECT_EQ(view.image(1)[0], 10);
    EXPECT_EQ(view.label(1), 0);
}

TEST(DatasetTest, ViewOfSubset)
{
    const Dataset data = threeImages();
    const std::vector<std::int64_t> indices = {2, 1};
    const SampleView view = data.view(indices);
    EXPECT_EQ(view.indices, indices.data());
    EXPECT_EQ(view.count, 2);
    EXPECT_EQ(view.features, 6);
    EXPECT_EQ(view.classes, 4);
    EXPECT_EQ(view.image(0)[5], 25);
    EXPECT_EQ(view.label(0), 2);
    EXPECT_EQ(view.image(1)[0], 10);
    EXPECT_EQ(view.label(1), 0);

    const std::vector<std::int64_t> none;
    EXPECT_EQ(data.view(none).count, 0);
}

} // namespace
} // namespace mlps
