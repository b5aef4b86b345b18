#pragma once

#include <QColor>

namespace mlps::ui::heatmap {

// The colour maps of the confusion heatmap and its legend, after ColorBrewer's
// sequential Blues and Greens and diverging RdBu (Cynthia Brewer,
// colorbrewer2.org), interpolated linearly between the published stops.

// Errors (off the diagonal): 0 -> white, 1 -> deep blue.
QColor errorColor(double t);
// Correct answers (the diagonal): 0 -> white, 1 -> deep green.
QColor correctColor(double t);
// A change: -1 -> deep blue (better), 0 -> white, +1 -> deep red (worse).
QColor changeColor(double t);
// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);
// The smallest of 1, 2, 2.5, 5 x 10^k that is >= value (value > 0); 1 for
// value <= 0. Used for the top of a legend's scale.
double niceCeiling(double value);

} // namespace mlps::ui::heatmap
