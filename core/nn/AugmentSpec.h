#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlps {

// On-the-fly augmentation of training images: per sample, a random affine
// transform (rotation about the centre, isotropic scale, shift) followed by an
// optional elastic distortion (Simard, Steinkraus & Platt, "Best Practices for
// Convolutional Neural Networks Applied to Visual Document Analysis", ICDAR
// 2003, section 2). Each magnitude is the bound of a uniform draw; all zero
// (the default) means off. Only training batches are augmented, never
// evaluation or prediction. Applied by Augmenter.
struct AugmentSpec {
    float maxShift = 0.0f;     // pixels; shift x and y each uniform in [-maxShift, maxShift]
    float maxScale = 0.0f;     // fraction; one factor for both axes, uniform in [1 - maxScale, 1 + maxScale]
    float maxRotation = 0.0f;  // degrees; angle uniform in [-maxRotation, maxRotation]
    // Elastic distortion (Simard et al. 2003): a displacement field of uniform
    // noise in [-1, 1] per pixel and axis, smoothed by a Gaussian of standard
    // deviation elasticSigma (pixels) and scaled by elasticAlpha (pixels). The
    // paper's MNIST setting is alpha = 34, sigma = 4. Off when alpha is 0.
    float elasticAlpha = 0.0f;
    float elasticSigma = 0.0f;
    float probability = 1.0f;  // share of the samples augmented; the others pass unchanged
    // The samples' image size: feature k is pixel (k % width, k / width).
    // 0 = unknown (not an image), with which augmentation cannot be enabled.
    int width = 0;
    int height = 0;
    bool operator==(const AugmentSpec&) const = default;

    // Whether any sample would be changed: a magnitude is nonzero and probability > 0.
    bool enabled() const;
    bool elastic() const { return elasticAlpha != 0.0f; }
    // Empty when valid; otherwise the first problem, for the user.
    std::string validate() const;
    // The compact form parseAugmentSpec() reads, with the nonzero settings only:
    // "shift=2,scale=0.1,rotate=10,elastic=34:4,p=0.5,size=28x28"; "off" when
    // nothing is set. Numbers are written so that they read back exactly.
    std::string describe() const;
};

// Reads the compact form of AugmentSpec::describe(): comma-separated
// key=value pairs in any order, each at most once, from
//   shift=PIXELS  scale=FRACTION  rotate=DEGREES  elastic=ALPHA:SIGMA
//   p=PROBABILITY  size=WIDTHxHEIGHT
// ("off", "none" or an empty string: no augmentation). Keys not given keep
// their defaults. The values are checked as validate() does, except that the
// image size may be left out for the caller to fill in from the data. On
// failure returns nullopt and, when `error` is given, a message for the user.
std::optional<AugmentSpec> parseAugmentSpec(std::string_view text, std::string* error = nullptr);

} // namespace mlps
