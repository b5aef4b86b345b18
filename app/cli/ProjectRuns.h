#pragma once

#include "project/Project.h"

#include <string>

namespace mlps::cli {

class ArgumentList;

// The project at `path`; a file that cannot be read is a DataError naming it.
Project loadProjectForCli(const std::string& path);

// Throws DataError unless the data `reference` names is where it was and
// unchanged (its SHA-256); `context` starts the message ("run 3: ").
void requireSameDataset(const DatasetReference& reference, const std::string& projectPath,
                        const std::string& context = {});

// The run --run ID names, or the last run with trained weights. Throws
// UsageError when there is no such run or it kept no weights.
const StoredRun& chooseTrainedRun(const Project& project, const std::string& projectPath, const ArgumentList& args);

} // namespace mlps::cli
