#pragma once

#include <QString>

namespace mlps::ui {

// Axis bounds for the dashboard's charts: rounded to "nice" numbers (1, 2,
// 2.5, 5 x 10^k steps) with some padding, never collapsing to an empty range
// when every value is the same. Pure functions, so they are easy to test.
struct AxisBounds {
    double min = 0.0;
    double max = 1.0;
    double step = 0.5; // distance between labelled ticks
    int tickCount() const;
};

namespace ChartScale {

// The nice step closest above `rough` (> 0): 1, 2, 2.5 or 5 times a power of 10.
double niceStep(double rough);

// Linear bounds around [low, high] with about five labelled intervals.
// `fromZero` makes the range start at 0 (losses, learning rates); the result
// never leaves [floor, ceiling] (e.g. 0..100 for an accuracy in %).
AxisBounds linear(double low, double high, bool fromZero, double floor = -1e300, double ceiling = 1e300);

// Bounds of the form 1, 2 or 5 x 10^k around [low, high] (both > 0) for a
// base-10 logarithmic axis.
AxisBounds logarithmic(double low, double high);

// Ticks for the x axis over a planned run of `epochs` epochs, starting at 0.
AxisBounds epochs(int epochs);

} // namespace ChartScale
} // namespace mlps::ui
