#include "QuadrantData.h"

#include "nn/Rng.h"

#include <vector>

namespace mlps::test {

std::shared_ptr<const Dataset> quadrantData(std::int64_t count, std::uint64_t seed, const QuadrantStyle& style)
{
    auto data = std::make_shared<Dataset>();
    data->width = 8;
    data->height = 8;
    data->classNames = {"A", "B", "C", "D"};
    data->format = style.format;
    data->source = style.source;
    Rng rng(seed);
    std::vector<std::uint8_t> image(64);
    for (std::int64_t i = 0; i < count; ++i) {
        const int look = int(i % 4);
        int label = look;
        if (style.wrongOneIn > 0 && rng.below(std::uint64_t(style.wrongOneIn)) == 0)
            label = int((look + 1 + rng.below(3)) % 4);
        for (int y = 0; y < 8; ++y) {
            for (int x = 0; x < 8; ++x) {
                const bool bright = (y / 4) * 2 + x / 4 == look;
                image[std::size_t(y * 8 + x)] =
                    std::uint8_t(bright ? style.brightMin + int(rng.below(std::uint64_t(style.brightSpan)))
                                        : int(rng.below(std::uint64_t(style.darkSpan))));
            }
        }
        const std::string name =
            style.fileNames ? data->classNames[std::size_t(label)] + "/" + std::to_string(i) + ".png" : std::string();
        data->append(image.data(), label, name);
    }
    return data;
}

} // namespace mlps::test
