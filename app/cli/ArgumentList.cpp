#include "ArgumentList.h"

#include "UsageError.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace mlps::cli {

ArgumentList::ArgumentList(std::set<std::string> valueOptions, std::set<std::string> switches)
    : m_valueOptions(std::move(valueOptions))
    , m_switches(std::move(switches))
{
}

void ArgumentList::parse(const std::vector<std::string>& arguments)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument.rfind("--", 0) != 0 || argument.size() == 2)
            throw UsageError("unexpected argument '" + argument + "' (options start with --)");
        std::string name = argument.substr(2);
        std::optional<std::string> value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name.resize(equals);
        }
        if (m_switches.count(name)) {
            if (value)
                throw UsageError("option --" + name + " takes no value");
            m_values[name] = "1";
        } else if (m_valueOptions.count(name)) {
            if (!value) {
                if (i + 1 >= arguments.size())
                    throw UsageError("option --" + name + " needs a value");
                value = arguments[++i];
            }
            m_values[name] = *value;
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

bool ArgumentList::has(const std::string& name) const
{
    return m_values.count(name) > 0;
}

std::string ArgumentList::text(const std::string& name, const std::string& fallback) const
{
    const auto found = m_values.find(name);
    return found == m_values.end() ? fallback : found->second;
}

std::optional<std::string> ArgumentList::optionalText(const std::string& name) const
{
    const auto found = m_values.find(name);
    if (found == m_values.end())
        return std::nullopt;
    return found->second;
}

double ArgumentList::number(const std::string& name, double fallback) const
{
    const auto found = m_values.find(name);
    if (found == m_values.end())
        return fallback;
    const std::string& text = found->second;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
        throw UsageError("--" + name + " needs a number, got '" + text + "'");
    return value;
}

long long ArgumentList::integer(const std::string& name, long long fallback) const
{
    const auto found = m_values.find(name);
    if (found == m_values.end())
        return fallback;
    const std::string& text = found->second;
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        throw UsageError("--" + name + " needs a whole number, got '" + text + "'");
    return value;
}

std::uint64_t ArgumentList::unsignedInteger(const std::string& name, std::uint64_t fallback) const
{
    const auto found = m_values.find(name);
    if (found == m_values.end())
        return fallback;
    const std::string& text = found->second;
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        throw UsageError("--" + name + " needs a whole number >= 0, got '" + text + "'");
    return value;
}

} // namespace mlps::cli
