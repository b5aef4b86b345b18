#pragma once

#include <string>
#include <vector>

namespace mlps::cli {

// `mlp-studio-cli train ...`: loads the data, splits it, trains with one
// progress line per epoch on stderr, evaluates on the test set and prints the
// results (a summary, or one JSON object with --json). Returns the exit code:
// 0 done, 1 training diverged, 2 bad input.
int runTrainCommand(const std::vector<std::string>& arguments);

} // namespace mlps::cli
