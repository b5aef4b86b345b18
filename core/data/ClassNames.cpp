#include "data/ClassNames.h"

#include "data/TextCase.h"

namespace mlps {

std::vector<std::string> defaultClassNames(const std::string& path, int classCount)
{
    // Fashion-MNIST's names are from its README
    // (https://github.com/zalandoresearch/fashion-mnist), in label order.
    static const char* const fashionNames[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                               "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    const std::string lower = lowercase(path);
    const std::size_t notMnistAt = lower.rfind("notmnist");
    const std::size_t fashionAt = lower.rfind("fashion");
    // The word nearest the file name wins (rfind gives npos, the largest value, when absent).
    const bool notMnist = notMnistAt != std::string::npos && (fashionAt == std::string::npos || notMnistAt > fashionAt);
    const bool fashion = !notMnist && fashionAt != std::string::npos;

    std::vector<std::string> names;
    if (classCount <= 0)
        return names;
    names.reserve(std::size_t(classCount));
    for (int k = 0; k < classCount; ++k) {
        if (notMnist && classCount <= 26)
            names.emplace_back(1, char('A' + k));
        else if (fashion && classCount <= 10)
            names.emplace_back(fashionNames[k]);
        else
            names.push_back(std::to_string(k));
    }
    return names;
}

} // namespace mlps
