#include "data/Dataset.h"

#include <algorithm>

namespace mlps {

std::vector<std::int64_t> Dataset::classCounts() const
{
    std::vector<std::int64_t> counts(std::size_t(std::max(classes(), 0)), 0);
    for (const std::int32_t label : labels) {
        // Labels outside 0..classes-1 would be a bug elsewhere; they are not counted.
        if (label >= 0 && std::size_t(label) < counts.size())
            ++counts[std::size_t(label)];
    }
    return counts;
}

SampleView Dataset::view() const
{
    SampleView v;
    v.pixels = pixels.data();
    v.labels = labels.data();
    v.indices = nullptr;
    v.count = count();
    v.features = features();
    v.classes = classes();
    return v;
}

SampleView Dataset::view(const std::vector<std::int64_t>& indices) const
{
    SampleView v = view();
    v.indices = indices.data();
    v.count = std::int64_t(indices.size());
    return v;
}

} // namespace mlps
