#pragma once

#include "nn/SampleView.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// Labelled grayscale images kept as uint8 (0 = black background, 255 = ink),
// one row of width * height bytes per image, row-major within the image.
struct Dataset {
    int width = 28;
    int height = 28;
    std::vector<std::uint8_t> pixels;
    std::vector<std::int32_t> labels;     // 0 .. classNames.size() - 1
    std::vector<std::string> classNames;  // "A".."J", "0".."9", ...
    std::string source;                   // the path it was read from
    std::string format;                   // "idx", "tar.gz", "folder", "zip", "csv", "npz", "npy", "font-letters"
    // Where each image came from ("A/MDEtMDEtMDAudHRm.png", "DejaVu Sans Bold"),
    // for formats with names; empty otherwise (the index is then the name).
    std::vector<std::string> sampleNames;

    std::int64_t count() const { return std::int64_t(labels.size()); }
    int features() const { return width * height; }
    int classes() const { return int(classNames.size()); }
    std::vector<std::int64_t> classCounts() const;
    // The name of sample i for a user: its entry name, or "#i".
    std::string sampleName(std::int64_t i) const;
    // Appends one image (width * height bytes) with its label and name.
    void append(const std::uint8_t* image, std::int32_t label, const std::string& name = {});

    // All images, or the subset `indices` (which must outlive the view).
    SampleView view() const;
    SampleView view(const std::vector<std::int64_t>& indices) const;
};

} // namespace mlps
