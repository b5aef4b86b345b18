// Augmenter and AugmentSpec: the geometry of the transforms, the elastic
// field's statistics, determinism, and the compact text form.

#include "nn/Augmenter.h"
#include "nn/Rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlps {
namespace {

AugmentSpec imageSpec(int width, int height)
{
    AugmentSpec spec;
    spec.width = width;
    spec.height = height;
    return spec;
}

// Values in [0, 1) drawn from a fixed seed, width x height, row-major.
std::vector<float> randomImage(int width, int height, std::uint64_t seed)
{
    Rng rng(seed, 20);
    std::vector<float> image(std::size_t(width) * std::size_t(height));
    for (float& v : image)
        v = rng.uniform();
    return image;
}

float at(const std::vector<float>& image, int width, int x, int y)
{
    return image[std::size_t(y) * std::size_t(width) + std::size_t(x)];
}

bool bitwiseEqual(const float* a, const float* b, std::size_t n)
{
    return std::memcmp(a, b, n * sizeof(float)) == 0;
}

// Transforms a copy of `image` with fixed parameters (no elastic field).
std::vector<float> transformed(const std::vector<float>& image, int width, int height, const AugmentParams& params)
{
    Augmenter augmenter(imageSpec(width, height));
    std::vector<float> out = image;
    Rng unused(0);
    augmenter.transform(out.data(), params, unused);
    return out;
}

TEST(AugmenterTest, IdentityLeavesTheImageBitExact)
{
    const int w = 7, h = 5; // not square, so that x and y cannot be confused
    const std::vector<float> image = randomImage(w, h, 1);
    EXPECT_TRUE(bitwiseEqual(transformed(image, w, h, AugmentParams{}).data(), image.data(), image.size()));

    // An all-zero spec draws the identity for every sample.
    EXPECT_FALSE(imageSpec(w, h).enabled());
    Augmenter augmenter(imageSpec(w, h));
    Eigen::MatrixXf batch(w * h, 6);
    for (Index j = 0; j < batch.cols(); ++j)
        batch.col(j) = Eigen::Map<const Eigen::VectorXf>(randomImage(w, h, 10 + std::uint64_t(j)).data(), w * h);
    const Eigen::MatrixXf original = batch;
    augmenter.augmentColumns(batch, 3, 4, 0);
    EXPECT_TRUE(bitwiseEqual(batch.data(), original.data(), std::size_t(batch.size())));

    // Probability 0: large settings, but no sample is touched.
    AugmentSpec never = imageSpec(w, h);
    never.maxShift = 3.0f;
    never.maxRotation = 30.0f;
    never.elasticAlpha = 10.0f;
    never.elasticSigma = 2.0f;
    never.probability = 0.0f;
    EXPECT_FALSE(never.enabled());
    Augmenter(never).augmentColumns(batch, 3, 4, 0);
    EXPECT_TRUE(bitwiseEqual(batch.data(), original.data(), std::size_t(batch.size())));
}

TEST(AugmenterTest, ShiftOfOnePixelMovesThePattern)
{
    const int w = 7, h = 5;
    const std::vector<float> image = randomImage(w, h, 2);
    AugmentParams right;
    right.shiftX = 1.0f;
    const std::vector<float> movedRight = transformed(image, w, h, right);
    AugmentParams down;
    down.shiftY = 1.0f;
    const std::vector<float> movedDown = transformed(image, w, h, down);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            // Integer shifts sample exactly on pixels: bit-exact copies, zeros where nothing comes from.
            EXPECT_EQ(at(movedRight, w, x, y), x > 0 ? at(image, w, x - 1, y) : 0.0f) << x << "," << y;
            EXPECT_EQ(at(movedDown, w, x, y), y > 0 ? at(image, w, x, y - 1) : 0.0f) << x << "," << y;
        }
    }
    // Half a pixel: the mean of the two neighbours.
    AugmentParams half;
    half.shiftX = 0.5f;
    const std::vector<float> movedHalf = transformed(image, w, h, half);
    EXPECT_NEAR(at(movedHalf, w, 3, 2), 0.5f * (at(image, w, 2, 2) + at(image, w, 3, 2)), 1e-6f);
}

TEST(AugmenterTest, RotationByNinetyDegreesTurnsASquareImage)
{
    for (int side : {5, 6}) { // centre on a pixel, and between pixels
        // A bar from the centre to the right edge turns into one from the
        // centre to the bottom edge (+x towards +y).
        std::vector<float> bar(std::size_t(side * side), 0.0f);
        for (int x = side / 2; x < side; ++x)
            bar[std::size_t(side / 2 * side + x)] = 1.0f;
        AugmentParams quarter;
        quarter.rotation = 90.0f;
        const std::vector<float> turned = transformed(bar, side, side, quarter);
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                // pixel (x, y) of the input lands on (side - 1 - y, x).
                const float expected = at(bar, side, y, side - 1 - x);
                EXPECT_NEAR(at(turned, side, x, y), expected, 1e-6f) << "side " << side << " at " << x << "," << y;
            }
        }
        if (side == 5) {
            EXPECT_NEAR(at(turned, side, 2, 4), 1.0f, 1e-6f); // the bar's end, now at the bottom
            EXPECT_NEAR(at(turned, side, 4, 2), 0.0f, 1e-6f); // no longer on the right
        }
        // Any image: four quarter turns, checked on one turn's map.
        const std::vector<float> image = randomImage(side, side, 3);
        const std::vector<float> once = transformed(image, side, side, quarter);
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                EXPECT_NEAR(at(once, side, side - 1 - y, x), at(image, side, x, y), 1e-6f);
        AugmentParams minus = quarter;
        minus.rotation = -90.0f;
        const std::vector<float> back = transformed(once, side, side, minus);
        for (std::size_t i = 0; i < image.size(); ++i)
            EXPECT_NEAR(back[i], image[i], 1e-6f);
    }
}

TEST(AugmenterTest, ScaleKeepsTheCentre)
{
    // A 3x3 blob on the centre of a 9x9 image.
    const int side = 9;
    std::vector<float> blob(std::size_t(side * side), 0.0f);
    for (int y = 3; y <= 5; ++y)
        for (int x = 3; x <= 5; ++x)
            blob[std::size_t(y * side + x)] = y == 4 && x == 4 ? 1.0f : 0.5f;
    auto moments = [&](const std::vector<float>& image) {
        double mass = 0.0, mx = 0.0, my = 0.0, spread = 0.0;
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const double v = at(image, side, x, y);
                mass += v;
                mx += v * x;
                my += v * y;
                spread += v * ((x - 4.0) * (x - 4.0) + (y - 4.0) * (y - 4.0));
            }
        }
        return std::array<double, 4>{mass, mx / mass, my / mass, spread / mass};
    };
    const auto before = moments(blob);
    for (float scale : {0.7f, 1.3f}) {
        AugmentParams params;
        params.scale = scale;
        const std::vector<float> out = transformed(blob, side, side, params);
        EXPECT_EQ(at(out, side, 4, 4), 1.0f) << "the centre samples itself";
        const auto after = moments(out);
        EXPECT_NEAR(after[1], 4.0, 1e-5) << "scale " << scale;
        EXPECT_NEAR(after[2], 4.0, 1e-5) << "scale " << scale;
        if (scale > 1.0f) {
            EXPECT_GT(after[3], before[3] * 1.2) << "the blob must spread";
            EXPECT_GT(after[0], before[0]) << "and cover more pixels";
        } else {
            EXPECT_LT(after[3], before[3] * 0.8) << "the blob must shrink";
        }
    }
    // Rotation and scale together still turn about the centre.
    AugmentParams both;
    both.scale = 1.2f;
    both.rotation = 33.0f;
    const auto after = moments(transformed(blob, side, side, both));
    EXPECT_NEAR(after[1], 4.0, 1e-5);
    EXPECT_NEAR(after[2], 4.0, 1e-5);
}

TEST(AugmenterTest, ElasticWithAlphaZeroIsTheIdentity)
{
    const int w = 12, h = 10;
    AugmentSpec spec = imageSpec(w, h);
    spec.elasticAlpha = 0.0f;
    spec.elasticSigma = 4.0f;
    EXPECT_FALSE(spec.elastic());
    EXPECT_FALSE(spec.enabled());
    const std::vector<float> image = randomImage(w, h, 4);
    std::vector<float> out = image;
    Rng rng(5, RngStream::Augment);
    Augmenter(spec).augment(out.data(), rng);
    EXPECT_TRUE(bitwiseEqual(out.data(), image.data(), image.size()));
}

// On a ramp image (value = x / (w - 1)) bilinear sampling is exact, so the
// elastic output reveals the x displacement it sampled at: d = out (w - 1) - x.
TEST(AugmenterTest, ElasticFieldHasSimardsScaleAndIsSmooth)
{
    const int side = 64;
    const float alpha = 34.0f, sigma = 4.0f; // Simard et al. 2003 for MNIST
    AugmentSpec spec = imageSpec(side, side);
    spec.elasticAlpha = alpha;
    spec.elasticSigma = sigma;
    Augmenter augmenter(spec);
    std::vector<float> ramp(std::size_t(side * side));
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            ramp[std::size_t(y * side + x)] = float(x) / float(side - 1);

    // The expected standard deviation: U has variance 1/3 per pixel, and the
    // 2-D kernel g(x) g(y) scales it by (sum_k g_k^2)^2.
    const int radius = int(std::ceil(3.0f * sigma));
    double sum = 0.0, squares = 0.0;
    for (int k = -radius; k <= radius; ++k)
        sum += std::exp(-double(k * k) / (2.0 * sigma * sigma));
    for (int k = -radius; k <= radius; ++k)
        squares += std::pow(std::exp(-double(k * k) / (2.0 * sigma * sigma)) / sum, 2);
    const double expectedStd = alpha * std::sqrt(1.0 / 3.0) * squares; // about 1.4 pixels

    double sumSquares = 0.0, stepSquares = 0.0;
    std::int64_t count = 0, steps = 0;
    for (std::uint64_t sample = 0; sample < 40; ++sample) {
        std::vector<float> out = ramp;
        Rng rng = Rng::derive(7, static_cast<std::uint64_t>(RngStream::Augment), sample);
        augmenter.transform(out.data(), AugmentParams{}, rng);
        // Away from the borders, where the blur sees only noise and the samples stay inside.
        for (int y = radius; y < side - radius; ++y) {
            for (int x = radius; x < side - radius; ++x) {
                const double d = double(at(out, side, x, y)) * (side - 1) - x;
                sumSquares += d * d;
                ++count;
                if (x > radius) {
                    const double previous = double(at(out, side, x - 1, y)) * (side - 1) - (x - 1);
                    stepSquares += (d - previous) * (d - previous);
                    ++steps;
                }
            }
        }
    }
    const double spread = std::sqrt(sumSquares / double(count));
    EXPECT_NEAR(spread, expectedStd, 0.15 * expectedStd);
    // Smooth: neighbours move together (unsmoothed noise would give sqrt(2) times the spread).
    EXPECT_LT(std::sqrt(stepSquares / double(steps)), 0.3 * spread);
}

AugmentSpec fullSpec()
{
    AugmentSpec spec = imageSpec(28, 28);
    spec.maxShift = 2.0f;
    spec.maxScale = 0.1f;
    spec.maxRotation = 10.0f;
    spec.elasticAlpha = 34.0f;
    spec.elasticSigma = 4.0f;
    return spec;
}

Eigen::MatrixXf sameImageBatch(int columns)
{
    const std::vector<float> image = randomImage(28, 28, 6);
    Eigen::MatrixXf batch(784, columns);
    for (int j = 0; j < columns; ++j)
        batch.col(j) = Eigen::Map<const Eigen::VectorXf>(image.data(), 784);
    return batch;
}

TEST(AugmenterTest, SameSeedSameOutputDifferentSeedDifferent)
{
    const Eigen::MatrixXf original = sameImageBatch(8);
    Eigen::MatrixXf a = original, b = original, c = original, d = original;
    Augmenter(fullSpec()).augmentColumns(a, 11, 5, 0);
    Augmenter(fullSpec()).augmentColumns(b, 11, 5, 0);
    Augmenter(fullSpec()).augmentColumns(c, 12, 5, 0);
    Augmenter(fullSpec()).augmentColumns(d, 11, 6, 0);
    EXPECT_TRUE(bitwiseEqual(a.data(), b.data(), std::size_t(a.size())));
    EXPECT_GT((a - c).cwiseAbs().maxCoeff(), 0.1f) << "another seed";
    EXPECT_GT((a - d).cwiseAbs().maxCoeff(), 0.1f) << "another step";
    EXPECT_GT((a - original).cwiseAbs().maxCoeff(), 0.1f);
    // The same image in every column, yet every sample gets its own transform.
    for (int j = 1; j < 8; ++j)
        EXPECT_GT((a.col(j) - a.col(0)).cwiseAbs().maxCoeff(), 0.1f) << "column " << j;
    // Reusing an Augmenter (its scratch) changes nothing.
    Augmenter reused(fullSpec());
    Eigen::MatrixXf e = original;
    reused.augmentColumns(c, 12, 5, 0);
    reused.augmentColumns(e, 11, 5, 0);
    EXPECT_TRUE(bitwiseEqual(a.data(), e.data(), std::size_t(a.size())));
}

TEST(AugmenterTest, ABatchSplitBetweenAugmentersGivesTheSameColumns)
{
    // What two threads do with their own Augmenters and columns.
    const Eigen::MatrixXf original = sameImageBatch(10);
    Eigen::MatrixXf whole = original, split = original;
    Augmenter(fullSpec()).augmentColumns(whole, 3, 9, 0);
    Augmenter first(fullSpec()), second(fullSpec());
    first.augmentColumns(split.leftCols(4), 3, 9, 0);
    second.augmentColumns(split.rightCols(6), 3, 9, 4);
    EXPECT_TRUE(bitwiseEqual(whole.data(), split.data(), std::size_t(whole.size())));
}

TEST(AugmenterTest, ProbabilityIsTheShareOfSamplesChanged)
{
    AugmentSpec spec = fullSpec();
    spec.elasticAlpha = 0.0f;
    spec.probability = 0.3f;
    const Eigen::MatrixXf original = sameImageBatch(1000);
    Eigen::MatrixXf batch = original;
    Augmenter(spec).augmentColumns(batch, 1, 0, 0);
    int changed = 0;
    for (Index j = 0; j < batch.cols(); ++j)
        changed += batch.col(j) != original.col(j);
    EXPECT_NEAR(changed / 1000.0, 0.3, 0.05);
}

TEST(AugmenterTest, DrawsStayWithinTheBounds)
{
    const AugmentSpec spec = fullSpec();
    Augmenter augmenter(spec);
    Rng rng(8, RngStream::Augment);
    float lowest = 0.0f, highest = 0.0f;
    for (int i = 0; i < 2000; ++i) {
        const AugmentParams p = augmenter.draw(rng);
        EXPECT_TRUE(p.apply);
        ASSERT_LE(std::abs(p.shiftX), spec.maxShift);
        ASSERT_LE(std::abs(p.shiftY), spec.maxShift);
        ASSERT_LE(std::abs(p.scale - 1.0f), spec.maxScale + 1e-6f);
        ASSERT_LE(std::abs(p.rotation), spec.maxRotation);
        lowest = std::min(lowest, p.rotation);
        highest = std::max(highest, p.rotation);
    }
    EXPECT_LT(lowest, -9.5f);
    EXPECT_GT(highest, 9.5f);
}

TEST(AugmenterTest, OutputsStayInRange)
{
    // Bilinear sampling of values in [0, 1] with zeros outside stays in [0, 1].
    Eigen::MatrixXf batch = sameImageBatch(50);
    Augmenter(fullSpec()).augmentColumns(batch, 2, 0, 0);
    EXPECT_GE(batch.minCoeff(), 0.0f);
    EXPECT_LE(batch.maxCoeff(), 1.0f);
    EXPECT_TRUE(batch.allFinite());
}

TEST(AugmenterTest, RejectsSpecsWithoutAnImageOrOfAnotherSize)
{
    AugmentSpec noImage;
    noImage.maxShift = 1.0f;
    EXPECT_NE(noImage.validate(), "");
    EXPECT_THROW(Augmenter{noImage}, std::invalid_argument);
    Augmenter augmenter(fullSpec());
    Eigen::MatrixXf wrong(100, 2);
    EXPECT_THROW(augmenter.augmentColumns(wrong, 1, 0, 0), std::invalid_argument);
}

TEST(AugmentSpecTest, DescribeAndParseRoundTrip)
{
    const std::string text = "shift=2,scale=0.1,rotate=10,elastic=34:4,p=0.5";
    std::string error;
    const std::optional<AugmentSpec> spec = parseAugmentSpec(text, &error);
    ASSERT_TRUE(spec.has_value()) << error;
    EXPECT_EQ(spec->maxShift, 2.0f);
    EXPECT_EQ(spec->maxScale, 0.1f);
    EXPECT_EQ(spec->maxRotation, 10.0f);
    EXPECT_EQ(spec->elasticAlpha, 34.0f);
    EXPECT_EQ(spec->elasticSigma, 4.0f);
    EXPECT_EQ(spec->probability, 0.5f);
    EXPECT_EQ(spec->width, 0) << "the size comes from the data";
    EXPECT_EQ(spec->describe(), text);

    // Any order and spaces read the same; describe() writes the canonical order.
    const auto shuffled = parseAugmentSpec(" p=0.5, elastic = 34:4,rotate=10,scale=0.1,shift=2 ");
    ASSERT_TRUE(shuffled.has_value());
    EXPECT_EQ(*shuffled, *spec);

    AugmentSpec full = fullSpec();
    full.maxShift = 1.25f;
    full.probability = 0.7f;
    EXPECT_EQ(full.describe(), "shift=1.25,scale=0.1,rotate=10,elastic=34:4,p=0.7,size=28x28");
    EXPECT_EQ(parseAugmentSpec(full.describe()), full);
    EXPECT_EQ(full.validate(), "");

    EXPECT_EQ(AugmentSpec{}.describe(), "off");
    for (const char* off : {"off", "none", "", "  "})
        EXPECT_EQ(parseAugmentSpec(off), AugmentSpec{}) << '"' << off << '"';
    EXPECT_EQ(parseAugmentSpec("shift=3")->describe(), "shift=3");
}

TEST(AugmentSpecTest, BadStringsAreRejectedWithAMessage)
{
    for (const char* bad : {"shift", "shift=", "shift=abc", "shift=2px", "shift=-1", "shift=nan", "scale=1",
                            "scale=1.5", "rotate=181", "elastic=34", "elastic=34:", "elastic=34:0", "elastic=-1:4",
                            "p=1.5", "p=-0.1", "blur=2", "shift=1,shift=2", "shift=2,", ",shift=2", "size=28",
                            "size=0x28", "size=28x-1", "size=axb", "on"}) {
        std::string error;
        EXPECT_FALSE(parseAugmentSpec(bad, &error).has_value()) << '"' << bad << '"';
        EXPECT_NE(error, "") << '"' << bad << '"';
    }
    std::string error;
    parseAugmentSpec("blur=2", &error);
    EXPECT_NE(error.find("blur"), std::string::npos) << error;
}

TEST(AugmentSpecTest, EnabledAndValidate)
{
    AugmentSpec spec;
    EXPECT_FALSE(spec.enabled());
    EXPECT_EQ(spec.validate(), "");
    spec.maxRotation = 5.0f;
    EXPECT_TRUE(spec.enabled());
    EXPECT_NE(spec.validate(), "") << "enabled without an image size";
    spec.width = 28;
    spec.height = 28;
    EXPECT_EQ(spec.validate(), "");
    spec.probability = 0.0f;
    EXPECT_FALSE(spec.enabled());
    spec = imageSpec(28, 28);
    spec.elasticAlpha = 34.0f;
    EXPECT_TRUE(spec.enabled());
    EXPECT_NE(spec.validate(), "") << "elastic needs a sigma";
    spec.elasticSigma = 4.0f;
    EXPECT_EQ(spec.validate(), "");
}

} // namespace
} // namespace mlps
