// Network: layout, validation, prediction, input gradients, the fused train step.

#include "GradientCheck.h"

#include "nn/Network.h"
#include "nn/Optimizer.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace mlps {
namespace {

using test::centralDifferences;
using test::gradientsMatch;
using test::randomMatrix;

NetworkSpec labSpec() { return labNetworkSpec(); }

TEST(NetworkTest, LayoutOfTheLabNetwork)
{
    NetworkSpec spec = labSpec();
    spec.hidden.insert(spec.hidden.begin() + 1, DropoutSpec{0.2f});
    const Network network(spec, 2);
    // 784*128+128 + 128*256+256 + 256*128+128 + 128*64+64 + 64*10+10 = 175,306 (Keras' model.summary()).
    EXPECT_EQ(network.parameterCount(), 175306);
    EXPECT_EQ(network.parameters().size(), 175306);
    EXPECT_EQ(network.threads(), 2);
    const auto& blocks = network.layout().blocks;
    ASSERT_EQ(blocks.size(), 5u);
    const char* names[] = {"dense_1", "dense_2", "dense_3", "dense_4", "output"};
    const int inputs[] = {784, 128, 256, 128, 64};
    const int outputs[] = {128, 256, 128, 64, 10};
    const int layerIndex[] = {0, 2, 3, 4, 5}; // the dropout layer is layer 1
    Index offset = 0;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        EXPECT_EQ(blocks[k].name, names[k]);
        EXPECT_EQ(blocks[k].inputs, inputs[k]);
        EXPECT_EQ(blocks[k].outputs, outputs[k]);
        EXPECT_EQ(blocks[k].layerIndex, layerIndex[k]);
        EXPECT_EQ(blocks[k].weightOffset, offset);
        EXPECT_EQ(blocks[k].biasOffset, offset + Index(inputs[k]) * outputs[k]);
        offset = blocks[k].biasOffset + outputs[k];
    }
    EXPECT_EQ(network.layout().total, offset);
}

TEST(NetworkTest, InvalidSpecsAreRejected)
{
    auto rejects = [](const NetworkSpec& spec) {
        EXPECT_FALSE(spec.validate().empty());
        EXPECT_THROW(Network(spec, 1), std::invalid_argument);
    };
    NetworkSpec spec = labSpec();
    EXPECT_EQ(spec.validate(), "");
    spec.inputSize = 0;
    rejects(spec);
    spec = labSpec();
    spec.classes = 1;
    rejects(spec);
    spec = labSpec();
    spec.hidden[1] = DenseSpec{0, Activation::Relu, 0.0f};
    rejects(spec);
    spec = labSpec();
    spec.hidden[0] = DenseSpec{16, Activation::Relu, -0.1f};
    rejects(spec);
    spec = labSpec();
    spec.hidden[0] = DenseSpec{16, Activation::Relu, std::nanf("")};
    rejects(spec);
    spec = labSpec();
    spec.hidden.push_back(DropoutSpec{1.0f});
    rejects(spec);
    spec = labSpec();
    spec.hidden.push_back(DropoutSpec{-0.1f});
    rejects(spec);
    spec = labSpec();
    spec.outputL2 = -1.0f;
    rejects(spec);
}

TEST(NetworkTest, WrongFeatureCountThrows)
{
    NetworkSpec spec;
    spec.inputSize = 5;
    spec.classes = 3;
    Network network(spec, 1);
    const Eigen::MatrixXf batch = Eigen::MatrixXf::Zero(4, 2);
    const std::int32_t labels[] = {0, 1};
    EXPECT_THROW(network.computeGradient(batch, labels, PassContext{}), std::invalid_argument);
}

TEST(NetworkTest, InitializeIsReproducibleAndZeroesBiases)
{
    const NetworkSpec spec = labSpec();
    Network a(spec, 1), b(spec, 2), c(spec, 1);
    a.initialize(5);
    b.initialize(5);
    c.initialize(6);
    EXPECT_EQ(a.parameters(), b.parameters()) << "initial weights must not depend on the thread count";
    EXPECT_NE(a.parameters(), c.parameters());
    for (const DenseBlock& block : a.layout().blocks) {
        EXPECT_TRUE((a.parameters().segment(block.biasOffset, block.outputs).array() == 0.0f).all());
        // He uniform: |w| <= sqrt(6 / fan_in).
        EXPECT_LE(a.parameters().segment(block.weightOffset, block.weightCount()).cwiseAbs().maxCoeff(),
                  std::sqrt(6.0f / float(block.inputs)) * 1.000001f);
    }
}

// Images of a SampleView, and the same images as a features x n batch.
struct ViewData {
    std::vector<std::uint8_t> pixels;
    std::vector<std::int32_t> labels;
    SampleView view;
    Eigen::MatrixXf batch;
};

ViewData makeView(int features, int classes, std::int64_t count, std::uint64_t seed)
{
    ViewData d;
    Rng rng(seed);
    d.pixels.resize(std::size_t(count * features));
    for (auto& p : d.pixels)
        p = std::uint8_t(rng.below(256));
    for (std::int64_t i = 0; i < count; ++i)
        d.labels.push_back(std::int32_t(rng.below(std::uint64_t(classes))));
    d.view = SampleView{d.pixels.data(), d.labels.data(), nullptr, count, features, classes};
    d.batch.resize(features, count);
    for (std::int64_t j = 0; j < count; ++j)
        for (int k = 0; k < features; ++k)
            d.batch(k, j) = float(d.pixels[std::size_t(j * features + k)]) / 255.0f;
    return d;
}

TEST(NetworkTest, PredictOfAViewEqualsPredictOfTheBatch)
{
    NetworkSpec spec;
    spec.inputSize = 20;
    spec.classes = 4;
    spec.hidden = {DenseSpec{16, Activation::Relu, 0.0f}, DropoutSpec{0.5f}, DenseSpec{8, Activation::Sigmoid, 0.0f}};
    // 600 samples: three blocks of 256 columns, the last one partial.
    const ViewData d = makeView(20, 4, 600, 51);
    Network one(spec, 1), two(spec, 2);
    one.initialize(52);
    two.parameters() = one.parameters();
    Eigen::MatrixXf fromBatch(4, 600);
    one.predict(d.batch, fromBatch);
    const Eigen::MatrixXf fromView1 = one.predict(d.view);
    const Eigen::MatrixXf fromView2 = two.predict(d.view);
    ASSERT_EQ(fromView1.rows(), 4);
    ASSERT_EQ(fromView1.cols(), 600);
    EXPECT_TRUE(fromView1.isApprox(fromBatch, 1e-6f));
    EXPECT_EQ(fromView1, fromView2) << "prediction must not depend on the thread count";
    for (Index j = 0; j < 600; ++j)
        ASSERT_NEAR(fromView1.col(j).sum(), 1.0f, 1e-5f);
    // Prediction is in Infer mode: dropout is off, so the answer is repeatable.
    EXPECT_EQ(one.predict(d.view), fromView1);
}

TEST(NetworkTest, PredictOfASubsetViewUsesItsIndices)
{
    NetworkSpec spec;
    spec.inputSize = 10;
    spec.classes = 3;
    ViewData d = makeView(10, 3, 50, 53);
    Network network(spec, 1);
    network.initialize(54);
    const std::vector<std::int64_t> indices = {49, 3, 17};
    SampleView subset = d.view;
    subset.indices = indices.data();
    subset.count = 3;
    const Eigen::MatrixXf all = network.predict(d.view);
    const Eigen::MatrixXf some = network.predict(subset);
    for (Index j = 0; j < 3; ++j)
        EXPECT_TRUE(some.col(j).isApprox(all.col(indices[std::size_t(j)]), 1e-6f)) << j;
}

TEST(NetworkTest, InputGradientMatchesCentralDifferences)
{
    // With gradLogits = p - onehot(y), inputGradient() is d(-log p_y)/dx.
    NetworkSpec spec;
    spec.inputSize = 5;
    spec.classes = 3;
    spec.hidden = {DenseSpec{6, Activation::Tanh, 0.0f}, DropoutSpec{0.5f}, DenseSpec{4, Activation::Elu, 0.0f}};
    Network network(spec, 1);
    network.initialize(55);
    Rng rng(56);
    Eigen::MatrixXf x = randomMatrix(5, 3, 0.0f, 1.0f, rng);
    const std::int32_t labels[] = {2, 0, 1};
    Eigen::MatrixXf p(3, 3);
    network.predict(x, p);
    Eigen::MatrixXf gradLogits = p;
    for (Index j = 0; j < 3; ++j)
        gradLogits(labels[j], j) -= 1.0f;
    const Eigen::MatrixXf analytic = network.inputGradient(x, gradLogits);
    ASSERT_EQ(analytic.rows(), 5);
    ASSERT_EQ(analytic.cols(), 3);
    const Eigen::VectorXd numeric = centralDifferences(x.data(), x.size(), [&] {
        Eigen::MatrixXf q(3, 3);
        network.predict(x, q);
        double loss = 0.0;
        for (Index j = 0; j < 3; ++j)
            loss -= std::log(double(q(labels[j], j)));
        return loss;
    });
    EXPECT_TRUE(gradientsMatch(analytic, numeric));
}

// trainStep() fuses the reduction and the update; it must equal
// computeGradient() followed by the optimizer's step on the same gradient.
class FusedTrainStepTest : public ::testing::TestWithParam<int> {};

TEST_P(FusedTrainStepTest, EqualsComputeGradientThenStep)
{
    NetworkSpec spec;
    spec.inputSize = 40;
    spec.classes = 5;
    spec.hidden = {DenseSpec{24, Activation::Relu, 0.001f}, DropoutSpec{0.3f}, DenseSpec{12, Activation::Tanh, 0.0f}};
    spec.outputL2 = 0.001f;
    const int threads = GetParam();
    Network fused(spec, threads), separate(spec, threads);
    fused.initialize(61);
    separate.parameters() = fused.parameters();
    OptimizerSpec optimizerSpec;
    optimizerSpec.kind = OptimizerKind::Adam;
    auto optimizerA = makeOptimizer(optimizerSpec);
    auto optimizerB = makeOptimizer(optimizerSpec);
    optimizerA->reset(fused.parameterCount());
    optimizerB->reset(separate.parameterCount());
    const ViewData d = makeView(40, 5, 33, 62);
    for (std::uint64_t step = 0; step < 4; ++step) {
        PassContext c;
        c.mode = Mode::Train;
        c.seed = 63;
        c.step = step;
        const BatchResult a = fused.trainStep(d.batch, d.labels.data(), c, *optimizerA, 0.01f);
        const BatchResult b = separate.computeGradient(d.batch, d.labels.data(), c);
        optimizerB->step(separate.parameters(), separate.gradient(), 0.01f);
        EXPECT_EQ(a.meanLoss, b.meanLoss);
        EXPECT_EQ(a.correct, b.correct);
        EXPECT_NEAR(a.penalty, b.penalty, 1e-12);
        EXPECT_EQ(fused.gradient(), separate.gradient());
        EXPECT_EQ(fused.parameters(), separate.parameters()) << "step " << step;
    }
    EXPECT_EQ(optimizerA->steps(), 4);
}

INSTANTIATE_TEST_SUITE_P(Threads, FusedTrainStepTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& paramInfo) {
                             return "threads" + std::to_string(paramInfo.param);
                         });

TEST(SampleViewTest, GatherBatchScalesAndFollowsTheOrder)
{
    const std::uint8_t pixels[] = {0, 255, 51, 102, 204, 1};
    const std::int32_t labels[] = {7, 8, 9};
    const SampleView view{pixels, labels, nullptr, 3, 2, 10};
    const std::int64_t order[] = {2, 0};
    Eigen::MatrixXf out(2, 2);
    std::int32_t outLabels[2] = {-1, -1};
    gatherBatch(view, order, 2, out, outLabels);
    EXPECT_FLOAT_EQ(out(0, 0), 204.0f / 255.0f);
    EXPECT_FLOAT_EQ(out(1, 0), 1.0f / 255.0f);
    EXPECT_FLOAT_EQ(out(0, 1), 0.0f);
    EXPECT_FLOAT_EQ(out(1, 1), 1.0f);
    EXPECT_EQ(outLabels[0], 9);
    EXPECT_EQ(outLabels[1], 7);
}

} // namespace
} // namespace mlps
