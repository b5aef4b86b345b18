#include "data/TextCase.h"

#include <cctype>

namespace mlps {

std::string lowercase(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool replaceLastKeepingCase(std::string& text, const std::string& from, const std::string& to)
{
    const std::size_t at = lowercase(text).rfind(from);
    if (at == std::string::npos)
        return false;
    for (std::size_t i = 0; i < to.size(); ++i) {
        const auto original = static_cast<unsigned char>(text[at + i]);
        const auto replacement = static_cast<unsigned char>(to[i]);
        text[at + i] = char(std::isupper(original) ? std::toupper(replacement) : replacement);
    }
    return true;
}

} // namespace mlps
