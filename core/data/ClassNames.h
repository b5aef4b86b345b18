#pragma once

#include <string>
#include <vector>

namespace mlps {

// The class names a reader gives numeric labels 0..classCount-1 when the file
// itself has none, by the same rule as IdxReader: "A", "B", ... when the path
// contains "notmnist" (any case; notMNIST's labels 0..9 are the letters A..J);
// Fashion-MNIST's ten names ("T-shirt/top", ...) when it contains "fashion";
// otherwise the label numbers "0", "1", ... The whole path is searched, so a
// folder named "fashion-mnist" counts too; when both words occur, the one
// nearest the file name wins. Letters apply up to 26 classes and the Fashion
// names up to 10; beyond that the numbers are used.
std::vector<std::string> defaultClassNames(const std::string& path, int classCount);

} // namespace mlps
