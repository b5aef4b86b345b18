#pragma once

#include "nn/AugmentSpec.h"
#include "nn/Types.h"

#include <cstdint>
#include <vector>

namespace mlps {

class Rng;

// The affine part of one sample's transform, as Augmenter::draw() picks it.
// In pixel coordinates (x to the right, y down, pixel (x, y) at y * width + x)
// a point p of the image moves to c + scale * R(rotation) (p - c) + shift,
// where c = ((width - 1) / 2, (height - 1) / 2) is the centre and R the
// rotation matrix [cos -sin; sin cos] (positive angles turn +x towards +y,
// i.e. clockwise on screen).
struct AugmentParams {
    bool apply = true;      // false: the sample passes unchanged (AugmentSpec::probability)
    float shiftX = 0.0f;    // pixels
    float shiftY = 0.0f;    // pixels
    float scale = 1.0f;
    float rotation = 0.0f;  // degrees
};

// Augments training images on the fly as an AugmentSpec says: the affine
// transform of AugmentParams, then, when the spec has one, an elastic
// distortion (Simard, Steinkraus & Platt, "Best Practices for Convolutional
// Neural Networks Applied to Visual Document Analysis", ICDAR 2003, sec. 2):
// the output pixel p takes the transformed image's value at
// p + alpha * (G_sigma * U)(p), where U is uniform noise in (-1, 1) per pixel
// and axis and G_sigma * a Gaussian blur (cut at 3 sigma, zero outside the
// image). Values are sampled bilinearly, zero outside the image.
//
// An Augmenter holds the spec's precomputed Gaussian kernel and its own
// scratch buffers, so augmenting allocates nothing; one Augmenter per thread.
// Cost per 28x28 image on one core: about 1.3 us for the affine transform,
// 5 us with elastic=34:4 (the blur is most of it).
class Augmenter {
public:
    // Throws std::invalid_argument when the spec is invalid or has no image size.
    explicit Augmenter(const AugmentSpec& spec);

    const AugmentSpec& spec() const { return m_spec; }

    // Augments the columns (width * height features each) of a training batch
    // in place: column j is sample firstSample + j of step `step`, drawn from
    // Rng::derive(seed, RngStream::Augment, sampleId(step, firstSample + j)).
    // A sample's result depends on (seed, step, position in the batch) alone,
    // not on how the batch is split between threads.
    void augmentColumns(MatrixRef columns, std::uint64_t seed, std::uint64_t step, Index firstSample);

    // One image in place: draw(rng), then transform() with the same rng.
    void augment(float* image, Rng& rng);

    // The random parameters of one sample: whether to augment it, then the
    // shift, scale and rotation, uniform within the spec's bounds.
    AugmentParams draw(Rng& rng) const;

    // Applies `params` to one image in place; when the spec has an elastic
    // distortion its displacement field is drawn from `rng`. Nothing happens
    // when params.apply is false.
    void transform(float* image, const AugmentParams& params, Rng& rng);

    // The id of a sample's stream within RngStream::Augment.
    static std::uint64_t sampleId(std::uint64_t step, std::uint64_t sample);

private:
    // m_dx, m_dy = alpha * (G_sigma * U), U uniform in (-1, 1).
    void drawDisplacement(Rng& rng);

    AugmentSpec m_spec;
    int m_width = 0;
    int m_height = 0;
    int m_radiusX = 0;                // taps of the blur along x and y: the kernel's radius,
    int m_radiusY = 0;                // capped where further taps would only see zeros
    // Row stride of the per-pixel buffers: width plus at least radiusX zero
    // columns, rounded up to whole vectors.
    int m_stride = 0;
    std::vector<float> m_kernel;      // g[0..radius]: one half of the normalized Gaussian
    std::vector<float> m_kernelAlpha; // alpha * g, for the second pass
    std::vector<float> m_source;      // the image with a zero border (1 pixel left/top, 2 right/bottom)
    std::vector<float> m_gridX;       // x - cx and y - cy of every pixel (height x m_stride)
    std::vector<float> m_gridY;
    std::vector<std::int32_t> m_offset; // per output pixel: its top-left source neighbour in m_source,
    std::vector<float> m_weightX;     // and the bilinear weights of the right and lower neighbours
    std::vector<float> m_weightY;
    std::vector<std::uint16_t> m_bits; // the random bits of U
    std::vector<float> m_noise;       // U, one zero row above and below
    std::vector<float> m_blurred;     // g_x * U, radiusY zero rows above and below
    std::vector<float> m_dx;          // the displacement field, height x m_stride per axis
    std::vector<float> m_dy;
};

} // namespace mlps
