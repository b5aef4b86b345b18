#include "ProjectRuns.h"

#include "ArgumentList.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "project/DatasetCheck.h"
#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QString>

namespace mlps::cli {

Project loadProjectForCli(const std::string& path)
{
    try {
        return ProjectFile::load(QString::fromStdString(path));
    } catch (const ProjectError& error) {
        throw DataError(error.path(), error.problem());
    }
}

void requireSameDataset(const DatasetReference& reference, const std::string& projectPath, const std::string& context)
{
    DatasetCheck check;
    try {
        check = checkDataset(reference);
    } catch (const ProjectError& error) {
        throw DataError(error.path(), error.problem());
    }
    if (check.state != DatasetState::Same)
        throw DataError(projectPath, context + check.message);
}

const StoredRun& chooseTrainedRun(const Project& project, const std::string& projectPath, const ArgumentList& args)
{
    if (args.has("run")) {
        const long long id = args.integer("run", 0);
        for (const StoredRun& run : project.runs) {
            if (run.id == id) {
                if (run.parameters.size() == 0)
                    throw UsageError("run " + std::to_string(id) + " of " + projectPath + " kept no weights (it "
                                     + run.status + ")");
                return run;
            }
        }
        throw UsageError("--run " + std::to_string(id) + ": " + projectPath + " has no run with that number");
    }
    for (auto run = project.runs.rbegin(); run != project.runs.rend(); ++run) {
        if (run->parameters.size() > 0)
            return *run;
    }
    throw UsageError(projectPath + " holds no run with trained weights; train one first (train --project)");
}

} // namespace mlps::cli
