#pragma once

#include <string>
#include <vector>

namespace mlps::cli {

// `mlp-studio-cli resume --project P [--run ID]`: continues a run kept in a
// project from its checkpoint (one stopped in the studio, or a CLI run that
// was interrupted or killed), exactly where it stood, and records its end in
// the same run. Returns the exit code.
int runResumeCommand(const std::vector<std::string>& arguments);

} // namespace mlps::cli
