#include "SampleImage.h"

#include "data/Dataset.h"

#include <cmath>
#include <cstring>

namespace mlps::ui {

QImage sampleImage(const Dataset& data, std::int64_t index)
{
    QImage image(data.width, data.height, QImage::Format_Grayscale8);
    if (index < 0 || index >= data.count()) {
        image.fill(Qt::black);
        return image;
    }
    const std::uint8_t* pixels = data.pixels.data() + index * data.features();
    for (int y = 0; y < data.height; ++y)
        std::memcpy(image.scanLine(y), pixels + std::ptrdiff_t(y) * data.width, std::size_t(data.width));
    return image;
}

QPixmap enlargedPixmap(const QImage& image, int scale, qreal dpr)
{
    const int width = std::max(1, int(std::lround(image.width() * scale * dpr)));
    const int height = std::max(1, int(std::lround(image.height() * scale * dpr)));
    QPixmap pixmap = QPixmap::fromImage(image.scaled(width, height, Qt::IgnoreAspectRatio, Qt::FastTransformation));
    pixmap.setDevicePixelRatio(dpr);
    return pixmap;
}

} // namespace mlps::ui
