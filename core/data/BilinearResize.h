#pragma once

#include <cstdint>
#include <vector>

namespace mlps {

// Scales 8-bit grayscale images from one size to another by bilinear
// interpolation, sampling at pixel centres (source x = (x + 0.5) * srcW / dstW
// - 0.5, clamped to the border), as OpenCV's INTER_LINEAR and
// PIL's BILINEAR do for enlarging. It is "simple" bilinear: shrinking by more
// than 2x reads only the 4 nearest pixels, so fine detail may alias. The
// weights are worked out once per size pair; resizing is then integer-only.
class BilinearResize {
public:
    BilinearResize(int srcWidth, int srcHeight, int dstWidth, int dstHeight);

    // Scales one image of srcWidth * srcHeight bytes into dst (dstWidth * dstHeight bytes).
    void resize(const std::uint8_t* src, std::uint8_t* dst) const;

    // Scales `count` images stored one after another; returns the new pixels.
    std::vector<std::uint8_t> resizeAll(const std::vector<std::uint8_t>& pixels, std::int64_t count) const;

private:
    // For each destination column / row: the two source positions and the
    // weight of the second one, in 1/256ths.
    struct Tap {
        int first = 0;
        int second = 0;
        int weight = 0;
    };
    static std::vector<Tap> taps(int srcSize, int dstSize);

    int m_srcWidth;
    int m_srcHeight;
    int m_dstWidth;
    int m_dstHeight;
    std::vector<Tap> m_columns;
    std::vector<Tap> m_rows;
};

} // namespace mlps
