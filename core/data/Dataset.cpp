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

std::string Dataset::sampleName(std::int64_t i) const
{
    if (i >= 0 && std::size_t(i) < sampleNames.size() && !sampleNames[std::size_t(i)].empty())
        return sampleNames[std::size_t(i)];
    return "#" + std::to_string(i);
}

void Dataset::append(const std::uint8_t* image, std::int32_t label, const std::string& name)
{
    pixels.insert(pixels.end(), image, image + features());
    labels.push_back(label);
    if (!name.empty() || !sampleNames.empty()) {
        sampleNames.resize(labels.size() - 1);
        sampleNames.push_back(name);
    }
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
