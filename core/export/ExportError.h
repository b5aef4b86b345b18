#pragma once

#include <stdexcept>
#include <string>

namespace mlps {

// A model export that could not be written, worded for the user: it names the
// file or folder and the problem ("/tmp/out/model.onnx: cannot write: Permission denied").
class ExportError : public std::runtime_error {
public:
    ExportError(const std::string& path, const std::string& problem)
        : std::runtime_error(path.empty() ? problem : path + ": " + problem)
        , m_path(path)
    {
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace mlps
