#include "nn/Augmenter.h"

#include "nn/Rng.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mlps {
namespace {

// The Gaussian kernel is cut at 3 sigma (99.7% of its mass) and normalized
// to sum 1 over what is kept, as scipy.ndimage.gaussian_filter does (at 4 sigma).
constexpr float kKernelSigmas = 3.0f;
// Row strides are whole vectors of kChunk floats; the blur handles kBlock
// floats (four AVX vectors) at a time.
constexpr int kChunk = 8;
constexpr int kBlock = 32;

// The inverse transform of Augmenter::transform(), from output pixels to
// source points, and the source's layout.
struct InverseMap {
    float cosT, sinT;     // cos and sin of the angle, over the scale
    float cx, cy;         // the centre
    float shiftX, shiftY;
    float maxX, maxY;     // width and height: points are clamped to [-1, max]
    int sourceStride;
};

// out[i] = g[0] in[i] + sum_{k=1..radius} g[k] (in[i - k step] + in[i + k step])
// for i in [0, n) rounded up to kBlock: a 1-D Gaussian blur along the axis
// whose neighbours are `step` apart, the kernel folded around its centre tap.
// in[i - radius step] and in[i + radius step] must be readable (zero margins).
// kBlock sums at a time stay in registers over all the taps, in several
// independent chains, so the loop is not bound by the latency of an addition.
void blurAlong(const float* in, float* out, std::ptrdiff_t n, std::ptrdiff_t step, const float* g, int radius)
{
    using Block = Eigen::Array<float, kBlock, 1>;
    for (std::ptrdiff_t i = 0; i < n; i += kBlock) {
        Block sum = g[0] * Eigen::Map<const Block>(in + i);
        for (int k = 1; k <= radius; ++k)
            sum += g[k] * (Eigen::Map<const Block>(in + i - k * step) + Eigen::Map<const Block>(in + i + k * step));
        Eigen::Map<Block>(out + i) = sum;
    }
}

// For the n cells of the pixel grid (x - cx, y - cy), plus the elastic
// displacement (dx, dy) when Elastic: the top-left source neighbour of the
// point each reads from (an offset from pixel (0, 0) of the source) and the
// bilinear weights of its right and lower neighbours. The buffers are
// distinct (__restrict spares the runtime overlap checks, after ten of
// which GCC would not vectorize).
template <bool Elastic>
void locate(const float* __restrict gridX, const float* __restrict gridY, const float* __restrict dx,
            const float* __restrict dy, const InverseMap& map, std::ptrdiff_t n, std::int32_t* __restrict offset,
            float* __restrict weightX, float* __restrict weightY)
{
    const InverseMap m = map;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        float px = gridX[i] - m.shiftX;
        float py = gridY[i] - m.shiftY;
        if constexpr (Elastic) {
            // Elastic: the output pixel p reads the affine image at p + d(p).
            px += dx[i];
            py += dy[i];
        }
        // Points beyond the border are clamped onto the zeros around it.
        const float qx = std::min(m.maxX, std::max(-1.0f, m.cosT * px + m.sinT * py + m.cx));
        const float qy = std::min(m.maxY, std::max(-1.0f, m.cosT * py - m.sinT * px + m.cy));
        // floor(q) for q >= -1 by truncation, which vectorizes (std::floor does
        // not, under -ftrapping-math). Where q + 1 rounds up to an integer the
        // weight comes out a hair below 0 instead of a hair below 1: the same value.
        const std::int32_t ix = std::int32_t(qx + 1.0f) - 1;
        const std::int32_t iy = std::int32_t(qy + 1.0f) - 1;
        offset[i] = iy * m.sourceStride + ix;
        weightX[i] = qx - float(ix);
        weightY[i] = qy - float(iy);
    }
}

} // namespace

Augmenter::Augmenter(const AugmentSpec& spec)
    : m_spec(spec)
    , m_width(spec.width)
    , m_height(spec.height)
{
    if (const std::string problem = spec.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    if (m_width <= 0 || m_height <= 0)
        throw std::invalid_argument("augmentation needs the samples' image size (width x height)");

    if (spec.elastic()) {
        // g[k] = exp(-k^2 / (2 sigma^2)) / sum_{|j| <= radius} exp(-j^2 / (2 sigma^2)).
        const double sigma = spec.elasticSigma;
        const int radius = std::max(1, int(std::ceil(kKernelSigmas * sigma)));
        std::vector<double> g(std::size_t(radius) + 1);
        double sum = 0.0;
        for (int k = 0; k <= radius; ++k) {
            g[std::size_t(k)] = std::exp(-double(k) * double(k) / (2.0 * sigma * sigma));
            sum += k == 0 ? g[0] : 2.0 * g[std::size_t(k)];
        }
        // Taps further than the image's side only ever meet the zeros outside it.
        m_radiusX = std::min(radius, m_width - 1);
        m_radiusY = std::min(radius, m_height - 1);
        for (int k = 0; k <= std::max(m_radiusX, m_radiusY); ++k) {
            m_kernel.push_back(float(g[std::size_t(k)] / sum));
            m_kernelAlpha.push_back(float(double(spec.elasticAlpha) * g[std::size_t(k)] / sum));
        }
    }
    m_stride = (m_width + m_radiusX + kChunk - 1) / kChunk * kChunk;
    const std::size_t stride = std::size_t(m_stride);
    const std::size_t cells = std::size_t(m_height) * stride;
    m_source.assign(std::size_t(m_width + 3) * std::size_t(m_height + 3), 0.0f);
    m_gridX.resize(cells);
    m_gridY.resize(cells);
    for (std::size_t y = 0; y < std::size_t(m_height); ++y) {
        for (std::size_t x = 0; x < stride; ++x) {
            m_gridX[y * stride + x] = float(x) - 0.5f * float(m_width - 1);
            m_gridY[y * stride + x] = float(y) - 0.5f * float(m_height - 1);
        }
    }
    m_offset.resize(cells);
    m_weightX.resize(cells);
    m_weightY.resize(cells);
    if (spec.elastic()) {
        // With zero margins for blurAlong() and a block's worth of tail.
        m_bits.resize((std::size_t(m_width) * std::size_t(m_height) + 3) / 4 * 4);
        m_noise.assign(cells + 2 * stride + kBlock, 0.0f);
        m_blurred.assign(cells + 2 * std::size_t(m_radiusY) * stride + kBlock, 0.0f);
        m_dx.assign(cells + kBlock, 0.0f);
        m_dy.assign(cells + kBlock, 0.0f);
    }
}

std::uint64_t Augmenter::sampleId(std::uint64_t step, std::uint64_t sample)
{
    // As the dropout masks' ids: batches hold fewer than 2^24 samples.
    return (step << 24) ^ sample;
}

void Augmenter::augmentColumns(MatrixRef columns, std::uint64_t seed, std::uint64_t step, Index firstSample)
{
    if (columns.rows() != Index(m_width) * m_height)
        throw std::invalid_argument("the samples have " + std::to_string(columns.rows()) + " features, the "
                                    + std::to_string(m_width) + "x" + std::to_string(m_height)
                                    + " augmentation needs " + std::to_string(m_width * m_height));
    for (Index j = 0; j < columns.cols(); ++j) {
        Rng rng = Rng::derive(seed, static_cast<std::uint64_t>(RngStream::Augment),
                              sampleId(step, std::uint64_t(firstSample + j)));
        augment(columns.col(j).data(), rng);
    }
}

void Augmenter::augment(float* image, Rng& rng)
{
    transform(image, draw(rng), rng);
}

AugmentParams Augmenter::draw(Rng& rng) const
{
    // Always the same five draws, so that a sample's elastic field does not
    // depend on which of the other settings are on.
    AugmentParams params;
    params.apply = rng.uniform() < m_spec.probability;
    params.shiftX = rng.uniform(-m_spec.maxShift, m_spec.maxShift);
    params.shiftY = rng.uniform(-m_spec.maxShift, m_spec.maxShift);
    params.scale = 1.0f + rng.uniform(-m_spec.maxScale, m_spec.maxScale);
    params.rotation = rng.uniform(-m_spec.maxRotation, m_spec.maxRotation);
    return params;
}

void Augmenter::drawDisplacement(Rng& rng)
{
    // The Gaussian is separable: G * U = g_y * (g_x * U), one 1-D pass per
    // axis. Rows are m_stride apart with at least radiusX zeros between them
    // (and a zero row before the first), so that the x pass can run over the
    // buffer as one vector as the y pass does. Its results in the gaps are
    // not zero, but the y pass never mixes columns.
    const std::ptrdiff_t stride = m_stride;
    const std::ptrdiff_t n = std::ptrdiff_t(m_height) * stride;
    float* noise = m_noise.data() + stride;
    float* blurred = m_blurred.data() + std::ptrdiff_t(m_radiusY) * stride;
    for (float* field : {m_dx.data(), m_dy.data()}) {
        // U: uniform in (-1, 1), four 16-bit values from each 64-bit draw
        // (plenty of resolution for noise that is then averaged over many pixels).
        std::uint16_t* bits = m_bits.data();
        for (std::size_t j = 0; j < m_bits.size(); j += 4) {
            const std::uint64_t r = rng.next();
            bits[j] = std::uint16_t(r);
            bits[j + 1] = std::uint16_t(r >> 16);
            bits[j + 2] = std::uint16_t(r >> 32);
            bits[j + 3] = std::uint16_t(r >> 48);
        }
        for (int y = 0; y < m_height; ++y) {
            const std::uint16_t* in = bits + std::ptrdiff_t(y) * m_width;
            float* row = noise + std::ptrdiff_t(y) * stride;
            for (int x = 0; x < m_width; ++x)
                row[x] = (float(in[x]) + 0.5f) * 0x1.0p-15f - 1.0f;
        }
        blurAlong(noise, blurred, n, 1, m_kernel.data(), m_radiusX);
        blurAlong(blurred, field, n, stride, m_kernelAlpha.data(), m_radiusY);
    }
}

void Augmenter::transform(float* image, const AugmentParams& params, Rng& rng)
{
    if (!params.apply)
        return;
    const int w = m_width;
    const int h = m_height;
    const bool elastic = m_spec.elastic();
    if (elastic)
        drawDisplacement(rng);

    // The source with a zero border: one column/row before, two after, so that
    // the four neighbours of any point clamped to [-1, w] x [-1, h] exist.
    const int sourceStride = w + 3;
    for (int y = 0; y < h; ++y)
        std::copy_n(image + std::size_t(y) * std::size_t(w), w,
                    m_source.data() + std::size_t(y + 1) * std::size_t(sourceStride) + 1);

    // Inverse map of p' = c + s R(theta) (p - c) + t: p = c + (1 / s) R(theta)^T (p' - c - t).
    const double theta = double(params.rotation) * std::numbers::pi / 180.0;
    const float inv = 1.0f / params.scale;
    const float cosT = float(std::cos(theta)) * inv;
    const float sinT = float(std::sin(theta)) * inv;
    const float cx = 0.5f * float(w - 1);
    const float cy = 0.5f * float(h - 1);

    // First, for every pixel (a loop the compiler vectorizes), where it reads
    // from: its top-left source neighbour and the bilinear weights.
    const InverseMap map{cosT, sinT, cx, cy, params.shiftX, params.shiftY, float(w), float(h), sourceStride};
    const std::ptrdiff_t n = std::ptrdiff_t(h) * m_stride;
    if (elastic)
        locate<true>(m_gridX.data(), m_gridY.data(), m_dx.data(), m_dy.data(), map, n, m_offset.data(),
                     m_weightX.data(), m_weightY.data());
    else
        locate<false>(m_gridX.data(), m_gridY.data(), nullptr, nullptr, map, n, m_offset.data(), m_weightX.data(),
                      m_weightY.data());

    // Then bilinear sampling: lerp along x in both rows, then along y.
    const float* origin = m_source.data() + sourceStride + 1; // pixel (0, 0)
    const std::int32_t* offset = m_offset.data();
    const float* weightX = m_weightX.data();
    const float* weightY = m_weightY.data();
    for (int y = 0; y < h; ++y) {
        float* out = image + std::size_t(y) * std::size_t(w);
        const std::size_t row = std::size_t(y) * std::size_t(m_stride);
        for (int x = 0; x < w; ++x) {
            const float* p = origin + offset[row + std::size_t(x)];
            const float ax = weightX[row + std::size_t(x)];
            const float ay = weightY[row + std::size_t(x)];
            const float top = p[0] + ax * (p[1] - p[0]);
            const float bottom = p[sourceStride] + ax * (p[sourceStride + 1] - p[sourceStride]);
            out[x] = top + ay * (bottom - top);
        }
    }
}

} // namespace mlps
