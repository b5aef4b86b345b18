#pragma once

#include <string>
#include <vector>

namespace mlps::cli {

// `mlp-studio-cli dataset inspect|convert ...`. Returns the exit code.
int runDatasetCommand(const std::vector<std::string>& arguments);

} // namespace mlps::cli
