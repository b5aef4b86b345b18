// ModelSummary: Keras-style parameter counts of a NetworkSpec.

#include "nn/ModelSummary.h"
#include "nn/Network.h"

#include <gtest/gtest.h>

#include <numeric>

namespace mlps {
namespace {

NetworkSpec labSpec() { return labNetworkSpec(); }

TEST(ModelSummaryTest, LabNetworkHas175306Parameters)
{
    // Keras' model.summary() for Dense(128)-Dense(256)-Dense(128)-Dense(64)-Dense(10) on 784 inputs:
    // 100,480 + 33,024 + 32,896 + 8,256 + 650 = 175,306.
    const ModelSummary summary = summarize(labSpec());
    EXPECT_EQ(summary.totalParameters, 175306);
    ASSERT_EQ(summary.rows.size(), 5u);
    const std::int64_t expected[] = {100480, 33024, 32896, 8256, 650};
    const char* names[] = {"dense_1", "dense_2", "dense_3", "dense_4", "output"};
    const int outputs[] = {128, 256, 128, 64, 10};
    for (std::size_t k = 0; k < 5; ++k) {
        EXPECT_EQ(summary.rows[k].parameters, expected[k]) << k;
        EXPECT_EQ(summary.rows[k].name, names[k]);
        EXPECT_EQ(summary.rows[k].type, "Dense");
        EXPECT_EQ(summary.rows[k].outputSize, outputs[k]);
    }
    EXPECT_EQ(summary.rows[0].detail, "relu");
    EXPECT_EQ(summary.rows[4].detail, "softmax");
    // Agrees with the network's own layout.
    EXPECT_EQ(summary.totalParameters, Network(labSpec(), 1).parameterCount());
}

TEST(ModelSummaryTest, LogisticRegressionHas7850Parameters)
{
    NetworkSpec spec;
    spec.inputSize = 784;
    spec.classes = 10;
    const ModelSummary summary = summarize(spec);
    // 784 * 10 weights + 10 biases.
    EXPECT_EQ(summary.totalParameters, 7850);
    ASSERT_EQ(summary.rows.size(), 1u);
    EXPECT_EQ(summary.rows[0].name, "output");
    EXPECT_DOUBLE_EQ(summary.rows[0].share, 1.0);
}

TEST(ModelSummaryTest, DropoutRowsHaveNoParametersAndTheInputWidth)
{
    NetworkSpec spec = labSpec();
    spec.hidden.insert(spec.hidden.begin() + 1, DropoutSpec{0.2f});
    spec.hidden.insert(spec.hidden.begin(), DropoutSpec{0.1f}); // dropout on the inputs
    std::get<DenseSpec>(spec.hidden[1]).l2 = 0.001f;
    const ModelSummary summary = summarize(spec);
    EXPECT_EQ(summary.totalParameters, 175306);
    ASSERT_EQ(summary.rows.size(), 7u);
    EXPECT_EQ(summary.rows[0].name, "dropout_1");
    EXPECT_EQ(summary.rows[0].type, "Dropout");
    EXPECT_EQ(summary.rows[0].parameters, 0);
    EXPECT_EQ(summary.rows[0].outputSize, 784);
    EXPECT_EQ(summary.rows[0].share, 0.0);
    EXPECT_EQ(summary.rows[0].detail, "rate 0.1");
    EXPECT_EQ(summary.rows[1].name, "dense_1");
    EXPECT_EQ(summary.rows[1].detail, "relu, L2 0.001");
    EXPECT_EQ(summary.rows[2].name, "dropout_2");
    EXPECT_EQ(summary.rows[2].parameters, 0);
    EXPECT_EQ(summary.rows[2].outputSize, 128);
    EXPECT_EQ(summary.rows[3].name, "dense_2");
    EXPECT_EQ(summary.rows[3].parameters, 33024);
}

TEST(ModelSummaryTest, SharesSumToOne)
{
    NetworkSpec spec = labSpec();
    spec.hidden.push_back(DropoutSpec{0.5f});
    const ModelSummary summary = summarize(spec);
    double total = 0.0;
    for (const SummaryRow& row : summary.rows) {
        EXPECT_NEAR(row.share, double(row.parameters) / 175306.0, 1e-15);
        total += row.share;
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_NEAR(summary.rows[0].share, 100480.0 / 175306.0, 1e-15);
}

TEST(ModelSummaryTest, TextContainsTheRowsAndTheTotal)
{
    NetworkSpec spec = labSpec();
    spec.hidden.push_back(DropoutSpec{0.5f});
    const std::string text = summarize(spec).toText();
    EXPECT_NE(text.find("Total params: 175306"), std::string::npos) << text;
    EXPECT_NE(text.find("dense_1"), std::string::npos);
    EXPECT_NE(text.find("dropout_1"), std::string::npos);
    EXPECT_NE(text.find("(None, 256)"), std::string::npos);
    EXPECT_NE(text.find("100480"), std::string::npos);
    EXPECT_NE(text.find("softmax"), std::string::npos);
}

} // namespace
} // namespace mlps
