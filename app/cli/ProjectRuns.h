#pragma once

#include "project/Project.h"

#include <string>

namespace mlps::cli {

class ArgumentList;

// The project at `path`; a file that cannot be read is a DataError naming it.
Project loadProjectForCli(const std::string& path);

// The run --run ID names, or the last run with trained weights. Throws
// UsageError when there is no such run or it kept no weights.
const StoredRun& chooseTrainedRun(const Project& project, const std::string& projectPath, const ArgumentList& args);

} // namespace mlps::cli
