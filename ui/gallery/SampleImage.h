#pragma once

#include <QImage>
#include <QPixmap>

#include <cstdint>

namespace mlps {
struct Dataset;
}

namespace mlps::ui {

// Pictures of a dataset's uint8 images, shown as stored: 0 (background)
// black, 255 (ink) white.

// Image `index` of `data` as an 8-bit grayscale QImage of the data's size (a copy).
QImage sampleImage(const Dataset& data, std::int64_t index);

// `image` enlarged `scale` times with nearest-neighbour sampling, for a screen
// of device pixel ratio `dpr`: the pixmap has scale * dpr physical pixels per
// image pixel (rounded) and reports `dpr`, so it is scale times the image's
// size in logical pixels and stays crisp.
QPixmap enlargedPixmap(const QImage& image, int scale, qreal dpr);

} // namespace mlps::ui
