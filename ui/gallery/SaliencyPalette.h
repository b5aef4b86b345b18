#pragma once

#include <Eigen/Core>
#include <QColor>
#include <QGradientStops>
#include <QImage>

namespace mlps::ui {

// How a saliency map is coloured. Signed: a diverging map (ColorBrewer RdBu),
// red where more ink raises the explained score, blue where it lowers it,
// white for no effect. Magnitude: |gradient| only, white to dark red
// (ColorBrewer YlOrRd's end), for "where does the network look at all".
enum class SaliencyColouring { Signed, Magnitude };

// The colour of t, in [-1, 1] for Signed and [0, 1] for Magnitude (clamped).
QColor saliencyColor(float t, SaliencyColouring colouring);
// The same colours as gradient stops, left (low) to right (high), for a legend.
QGradientStops saliencyGradient(SaliencyColouring colouring);

// The map as an opaque width x height image; `saliency` holds width * height
// values, row-major; a value of `range` (or -range) gets the strongest colour.
QImage saliencyImage(const Eigen::VectorXf& saliency, int width, int height, float range, SaliencyColouring colouring);
// The same as a transparent overlay: each pixel the colour of its sign, its
// opacity growing with |value| / range, so a picture under it shows through
// where the gradient is small.
QImage saliencyOverlay(const Eigen::VectorXf& saliency, int width, int height, float range,
                       SaliencyColouring colouring);

} // namespace mlps::ui
