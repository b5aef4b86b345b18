#pragma once

#include <stdexcept>
#include <string>

namespace mlps {

// A problem with input data, worded for the user: it names the file and what
// is wrong with it ("notmnist-images.gz: not an IDX image file (magic 0x1f8b0808)").
class DataError : public std::runtime_error {
public:
    DataError(const std::string& path, const std::string& problem)
        : std::runtime_error(path.empty() ? problem : path + ": " + problem)
        , m_path(path)
    {
    }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace mlps
