#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>

// Internal to mlps_data: pieces of the readers' and writers' messages.
namespace mlps {

// strerror's text for an errno value, without strerror's static buffer (files
// may be read on worker threads).
std::string systemMessage(int error);

// A count with thousands separators: "60,000".
std::string withSeparators(std::uint64_t n);
// The same for a signed count: "-1,234".
std::string withSeparators(std::int64_t n);
// Any other integer type (int, qint64, std::uint32_t, ...), as one of those.
template <std::integral T>
std::string withSeparators(T n)
{
    if constexpr (std::is_signed_v<T>)
        return withSeparators(std::int64_t(n));
    else
        return withSeparators(std::uint64_t(n));
}

// The message of a reader whose labels are all `label` (a number, or a quoted
// name): "every label is 3: a classifier needs at least 2 classes".
std::string tooFewClasses(const std::string& label);

} // namespace mlps
