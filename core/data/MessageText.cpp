#include "data/MessageText.h"

#include <system_error>

namespace mlps {

std::string systemMessage(int error) { return std::error_code(error, std::generic_category()).message(); }

std::string withSeparators(std::uint64_t n)
{
    std::string digits = std::to_string(n);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(std::size_t(at), ",");
    return digits;
}

std::string withSeparators(std::int64_t n)
{
    // The magnitude as unsigned, so that the most negative value has one too.
    const std::uint64_t magnitude = n < 0 ? std::uint64_t(0) - std::uint64_t(n) : std::uint64_t(n);
    return n < 0 ? "-" + withSeparators(magnitude) : withSeparators(magnitude);
}

std::string tooFewClasses(const std::string& label)
{
    return "every label is " + label + ": a classifier needs at least 2 classes";
}

} // namespace mlps
