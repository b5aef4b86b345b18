#include "SaliencyPalette.h"

#include <algorithm>
#include <cmath>

namespace mlps::ui {

namespace {

const QColor kWhite(247, 247, 247);
const QColor kRed(178, 24, 43);     // RdBu's red end
const QColor kBlue(33, 102, 172);   // RdBu's blue end
const QColor kOrange(253, 141, 60); // YlOrRd, middle
const QColor kDarkRed(189, 0, 38);  // YlOrRd, end

QColor mix(const QColor& a, const QColor& b, float t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

float ratio(float value, float range)
{
    return range > 0.0f && std::isfinite(value) ? value / range : 0.0f;
}

} // namespace

QColor saliencyColor(float t, SaliencyColouring colouring)
{
    if (colouring == SaliencyColouring::Signed) {
        t = std::clamp(t, -1.0f, 1.0f);
        return t >= 0.0f ? mix(kWhite, kRed, t) : mix(kWhite, kBlue, -t);
    }
    t = std::clamp(t, 0.0f, 1.0f);
    return t <= 0.5f ? mix(kWhite, kOrange, t * 2.0f) : mix(kOrange, kDarkRed, (t - 0.5f) * 2.0f);
}

QGradientStops saliencyGradient(SaliencyColouring colouring)
{
    QGradientStops stops;
    if (colouring == SaliencyColouring::Signed) {
        stops << QGradientStop(0.0, kBlue) << QGradientStop(0.5, kWhite) << QGradientStop(1.0, kRed);
    } else {
        stops << QGradientStop(0.0, kWhite) << QGradientStop(0.5, kOrange) << QGradientStop(1.0, kDarkRed);
    }
    return stops;
}

QImage saliencyImage(const Eigen::VectorXf& saliency, int width, int height, float range, SaliencyColouring colouring)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const float value = saliency[Eigen::Index(y) * width + x];
            const float t = ratio(colouring == SaliencyColouring::Signed ? value : std::abs(value), range);
            line[x] = saliencyColor(t, colouring).rgb();
        }
    }
    return image;
}

QImage saliencyOverlay(const Eigen::VectorXf& saliency, int width, int height, float range, SaliencyColouring colouring)
{
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const float value = saliency[Eigen::Index(y) * width + x];
            const float strength = std::clamp(std::abs(ratio(value, range)), 0.0f, 1.0f);
            const QColor base = colouring == SaliencyColouring::Magnitude ? kDarkRed : (value >= 0.0f ? kRed : kBlue);
            // Mostly opaque at the strongest pixels, fading faster than linearly
            // so that the many weak ones leave the picture readable.
            const float alpha = 225.0f * strength * std::sqrt(strength);
            line[x] = qPremultiply(qRgba(base.red(), base.green(), base.blue(), int(std::lround(alpha))));
        }
    }
    return image;
}

} // namespace mlps::ui
