#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mlps::cli {

// Command-line options of the form --name VALUE, --name=VALUE and --switch.
// Every option must be declared; an unknown one, a missing value or a value
// that does not parse is a UsageError naming the option.
class ArgumentList {
public:
    ArgumentList(std::set<std::string> valueOptions, std::set<std::string> switches);

    void parse(const std::vector<std::string>& arguments);

    bool has(const std::string& name) const;
    std::string text(const std::string& name, const std::string& fallback = {}) const;
    std::optional<std::string> optionalText(const std::string& name) const;
    double number(const std::string& name, double fallback) const;
    long long integer(const std::string& name, long long fallback) const;
    std::uint64_t unsignedInteger(const std::string& name, std::uint64_t fallback) const;

private:
    std::set<std::string> m_valueOptions;
    std::set<std::string> m_switches;
    std::map<std::string, std::string> m_values;
};

} // namespace mlps::cli
