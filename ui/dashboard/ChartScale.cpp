#include "ChartScale.h"

#include <algorithm>
#include <cmath>

namespace mlps::ui {

int AxisBounds::tickCount() const
{
    if (!(step > 0.0) || !(max > min))
        return 2;
    return int(std::lround((max - min) / step)) + 1;
}

namespace ChartScale {

double niceStep(double rough)
{
    if (!(rough > 0.0) || !std::isfinite(rough))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / magnitude;
    // A little tolerance so that 0.2 / 0.1 = 2.0000000000000004 stays a 2.
    constexpr double slack = 1e-9;
    if (fraction <= 1.0 + slack)
        return magnitude;
    if (fraction <= 2.0 + slack)
        return 2.0 * magnitude;
    if (fraction <= 2.5 + slack)
        return 2.5 * magnitude;
    if (fraction <= 5.0 + slack)
        return 5.0 * magnitude;
    return 10.0 * magnitude;
}

AxisBounds linear(double low, double high, bool fromZero, double floor, double ceiling)
{
    if (!std::isfinite(low) || !std::isfinite(high) || low > high) {
        low = fromZero ? 0.0 : std::max(floor, 0.0);
        high = low + 1.0;
    }
    if (fromZero)
        low = std::min(low, 0.0);
    const double span = high - low;
    if (span <= std::abs(high) * 1e-9 || span <= 1e-300) {
        // All values equal: open a window around them, 10 % of their size (or 1).
        const double pad = high != 0.0 ? std::abs(high) * 0.1 : 1.0;
        high += pad;
        if (!fromZero || low != 0.0)
            low -= pad;
    } else {
        // 5 % padding so that the extremes do not touch the frame.
        high += span * 0.05;
        if (!fromZero)
            low -= span * 0.05;
    }
    low = std::max(low, floor);
    high = std::min(high, ceiling);
    if (!(high > low)) // clamped onto one value, e.g. 100 % everywhere
        low = std::max(floor, high - 1.0);
    const double step = niceStep((high - low) / 5.0);
    AxisBounds bounds;
    bounds.step = step;
    bounds.min = std::max(floor, std::floor(low / step + 1e-9) * step);
    bounds.max = std::min(ceiling, std::ceil(high / step - 1e-9) * step);
    if (!(bounds.max > bounds.min))
        bounds.max = bounds.min + step;
    return bounds;
}

AxisBounds logarithmic(double low, double high)
{
    if (!(low > 0.0) || !std::isfinite(low))
        low = high > 0.0 && std::isfinite(high) ? high : 1.0;
    if (!(high >= low) || !std::isfinite(high))
        high = low;
    // The nearest 1, 2 or 5 x 10^k around the values: tighter than whole
    // decades, and the axis still labels round numbers.
    const auto roundDown = [](double value) {
        const double decade = std::pow(10.0, std::floor(std::log10(value) + 1e-12));
        for (double mantissa : {5.0, 2.0, 1.0})
            if (mantissa * decade <= value * (1.0 + 1e-12))
                return mantissa * decade;
        return decade;
    };
    const auto roundUp = [](double value) {
        const double decade = std::pow(10.0, std::floor(std::log10(value) - 1e-12));
        for (double mantissa : {1.0, 2.0, 5.0, 10.0})
            if (mantissa * decade >= value * (1.0 - 1e-12))
                return mantissa * decade;
        return 10.0 * decade;
    };
    AxisBounds bounds;
    bounds.min = roundDown(low);
    bounds.max = roundUp(high);
    if (!(bounds.max > bounds.min * (1.0 + 1e-9))) // one value: open a window around it
        bounds.max = roundUp(bounds.min * 1.5);
    bounds.step = 10.0; // a factor, for a log axis
    return bounds;
}

AxisBounds epochs(int epochs)
{
    AxisBounds bounds;
    bounds.min = 0.0;
    bounds.max = std::max(1, epochs);
    // Whole epochs from 2 epochs on, about 5 to 10 intervals.
    bounds.step = bounds.max <= 1.0 ? 0.25 : std::max(1.0, niceStep(bounds.max / 8.0));
    if (bounds.step == 2.5) // no half epochs on the labels
        bounds.step = 2.0;
    bounds.max = std::ceil(bounds.max / bounds.step - 1e-9) * bounds.step;
    return bounds;
}

} // namespace ChartScale
} // namespace mlps::ui
