#pragma once

#include <string>
#include <string_view>

// Internal to mlps_data: letter-case helpers shared by the readers.
namespace mlps {

// `text` with every ASCII letter in lower case (other bytes unchanged).
std::string lowercase(std::string_view text);

// Replaces the last occurrence of `from` (lower case; matched in any case) in
// `text` by `to`, keeping the case of each replaced letter ("Images" ->
// "Labels"). Both are the same length. False, and `text` unchanged, when
// `from` does not occur.
bool replaceLastKeepingCase(std::string& text, const std::string& from, const std::string& to);

} // namespace mlps
