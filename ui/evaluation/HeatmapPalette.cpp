#include "HeatmapPalette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace mlps::ui::heatmap {
namespace {

using Stops = std::array<QRgb, 9>;

// ColorBrewer Blues-9, Greens-9 (light to dark) and RdBu-9 (blue to red).
constexpr Stops blues = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6,
                         0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
constexpr Stops greens = {0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476,
                          0x41ab5d, 0x238b45, 0x006d2c, 0x00441b};
constexpr Stops blueWhiteRed = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b};

QColor interpolate(const Stops& stops, double t)
{
    if (!std::isfinite(t))
        t = 0.0;
    t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
    const auto low = std::min(std::size_t(t), stops.size() - 2);
    const double f = t - double(low);
    const QColor a = QColor::fromRgb(stops[low]);
    const QColor b = QColor::fromRgb(stops[low + 1]);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
                            float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

} // namespace

QColor errorColor(double t)
{
    // Starts at pure white so that an empty cell stays blank.
    return t <= 0.0 ? QColor(Qt::white) : interpolate(blues, 0.08 + 0.92 * t);
}

QColor correctColor(double t)
{
    return t <= 0.0 ? QColor(Qt::white) : interpolate(greens, 0.08 + 0.92 * t);
}

QColor changeColor(double t)
{
    return t == 0.0 ? QColor(Qt::white) : interpolate(blueWhiteRed, (std::clamp(t, -1.0, 1.0) + 1.0) / 2.0);
}

QColor textColorOn(const QColor& background)
{
    // Relative luminance (ITU-R BT.709 weights) of the background.
    const double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

double niceCeiling(double value)
{
    if (!(value > 0.0) || !std::isfinite(value))
        return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * decade >= value * (1.0 - 1e-12))
            return step * decade;
    }
    return 10.0 * decade;
}

} // namespace mlps::ui::heatmap
