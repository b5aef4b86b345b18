#pragma once

#include <string>
#include <vector>

namespace mlps::cli {

// `mlp-studio-cli evaluate --project P --data D [--labels L] [--run ID] [--json]`:
// the trained weights of a run kept in a project, evaluated on a dataset.
// Returns the exit code.
int runEvaluateCommand(const std::vector<std::string>& arguments);

} // namespace mlps::cli
