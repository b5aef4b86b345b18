#pragma once

#include <stdexcept>
#include <string>

namespace mlps {

// A project file that cannot be saved or opened, worded for the user: it names
// the file (and the entry or JSON key) and the problem, e.g.
// "lab.mlpstudio: project.json: runs[2].config.optimizer.kind: unknown optimizer 'foo'".
class ProjectError : public std::runtime_error {
public:
    ProjectError(const std::string& path, const std::string& problem)
        : std::runtime_error(path.empty() ? problem : path + ": " + problem)
        , m_path(path)
        , m_problem(problem)
    {
    }
    const std::string& path() const { return m_path; }
    // The message without the file name.
    const std::string& problem() const { return m_problem; }

private:
    std::string m_path;
    std::string m_problem;
};

} // namespace mlps
