#pragma once

#include <stdexcept>
#include <string>

namespace mlps::cli {

// A mistake on the command line (unknown option, impossible value); the CLI
// prints it and exits with code 2.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace mlps::cli
