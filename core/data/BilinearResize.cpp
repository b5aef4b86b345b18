#include "data/BilinearResize.h"

#include <algorithm>
#include <cmath>

namespace mlps {

BilinearResize::BilinearResize(int srcWidth, int srcHeight, int dstWidth, int dstHeight)
    : m_srcWidth(srcWidth)
    , m_srcHeight(srcHeight)
    , m_dstWidth(dstWidth)
    , m_dstHeight(dstHeight)
    , m_columns(taps(srcWidth, dstWidth))
    , m_rows(taps(srcHeight, dstHeight))
{
}

std::vector<BilinearResize::Tap> BilinearResize::taps(int srcSize, int dstSize)
{
    std::vector<Tap> result(std::size_t(std::max(dstSize, 0)));
    const double scale = double(srcSize) / double(dstSize);
    for (int i = 0; i < dstSize; ++i) {
        // Pixel centres line up: destination centre i + 0.5 is source position (i + 0.5) * scale.
        const double at = std::clamp((i + 0.5) * scale - 0.5, 0.0, double(srcSize - 1));
        Tap& tap = result[std::size_t(i)];
        tap.first = int(std::floor(at));
        tap.second = std::min(tap.first + 1, srcSize - 1);
        tap.weight = int(std::lround((at - tap.first) * 256.0));
        if (tap.weight == 256) { // rounding reached the next pixel
            tap.first = tap.second;
            tap.weight = 0;
        }
    }
    return result;
}

void BilinearResize::resize(const std::uint8_t* src, std::uint8_t* dst) const
{
    for (int y = 0; y < m_dstHeight; ++y) {
        const Tap& row = m_rows[std::size_t(y)];
        const std::uint8_t* top = src + std::ptrdiff_t(row.first) * m_srcWidth;
        const std::uint8_t* bottom = src + std::ptrdiff_t(row.second) * m_srcWidth;
        for (int x = 0; x < m_dstWidth; ++x) {
            const Tap& column = m_columns[std::size_t(x)];
            // Horizontal then vertical, both in 1/256ths: the sum is value * 65536.
            const int upper = top[column.first] * (256 - column.weight) + top[column.second] * column.weight;
            const int lower = bottom[column.first] * (256 - column.weight) + bottom[column.second] * column.weight;
            const int value = upper * (256 - row.weight) + lower * row.weight;
            dst[std::ptrdiff_t(y) * m_dstWidth + x] = std::uint8_t((value + 32768) >> 16);
        }
    }
}

std::vector<std::uint8_t> BilinearResize::resizeAll(const std::vector<std::uint8_t>& pixels, std::int64_t count) const
{
    const auto srcBytes = std::size_t(m_srcWidth) * std::size_t(m_srcHeight);
    const auto dstBytes = std::size_t(m_dstWidth) * std::size_t(m_dstHeight);
    std::vector<std::uint8_t> out(std::size_t(count) * dstBytes);
    for (std::int64_t i = 0; i < count; ++i)
        resize(pixels.data() + std::size_t(i) * srcBytes, out.data() + std::size_t(i) * dstBytes);
    return out;
}

} // namespace mlps
