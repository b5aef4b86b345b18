#include "nn/AugmentSpec.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mlps {
namespace {

// Largest accepted image side and elastic sigma: beyond them the buffers and
// Gaussian kernels Augmenter builds would be absurd for this application.
constexpr int kMaxSide = 65536;
constexpr float kMaxSigma = 1000.0f;

std::string number(float value)
{
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value); // shortest form that reads back exactly
    return ec == std::errc{} ? std::string(text, end) : std::string("?");
}

// The checks of validate() that concern the values, not the missing image size.
std::string valueProblem(const AugmentSpec& spec)
{
    auto bad = [](float v) { return !std::isfinite(v) || v < 0.0f; };
    if (bad(spec.maxShift))
        return "the augmentation shift must be a number of pixels >= 0, got " + number(spec.maxShift);
    if (bad(spec.maxScale) || spec.maxScale >= 1.0f)
        return "the augmentation scale must be a fraction in [0, 1), got " + number(spec.maxScale);
    if (bad(spec.maxRotation) || spec.maxRotation > 180.0f)
        return "the augmentation rotation must be in [0, 180] degrees, got " + number(spec.maxRotation);
    if (bad(spec.elasticAlpha))
        return "the elastic alpha must be a number of pixels >= 0, got " + number(spec.elasticAlpha);
    if (bad(spec.elasticSigma) || spec.elasticSigma > kMaxSigma)
        return "the elastic sigma must be in [0, " + number(kMaxSigma) + "] pixels, got " + number(spec.elasticSigma);
    if (spec.elasticAlpha > 0.0f && spec.elasticSigma == 0.0f)
        return "elastic distortion needs a sigma > 0 (the smoothing of its displacement field), e.g. elastic=34:4";
    if (!(spec.probability >= 0.0f && spec.probability <= 1.0f))
        return "the augmentation probability must be in [0, 1], got " + number(spec.probability);
    if (spec.width < 0 || spec.height < 0 || spec.width > kMaxSide || spec.height > kMaxSide
        || (spec.width == 0) != (spec.height == 0))
        return "the augmented image size must be two sides in [1, " + std::to_string(kMaxSide) + "], got "
            + std::to_string(spec.width) + "x" + std::to_string(spec.height);
    return {};
}

bool readFloat(std::string_view text, float& out)
{
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end && !text.empty();
}

bool readInt(std::string_view text, int& out)
{
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end && !text.empty();
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

} // namespace

bool AugmentSpec::enabled() const
{
    return probability > 0.0f
        && (maxShift != 0.0f || maxScale != 0.0f || maxRotation != 0.0f || elasticAlpha != 0.0f);
}

std::string AugmentSpec::validate() const
{
    if (std::string problem = valueProblem(*this); !problem.empty())
        return problem;
    if (enabled() && width == 0)
        return "augmentation needs the samples' image size (width x height); these features are not an image";
    return {};
}

std::string AugmentSpec::describe() const
{
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : ",") + part; };
    if (maxShift != 0.0f)
        add("shift=" + number(maxShift));
    if (maxScale != 0.0f)
        add("scale=" + number(maxScale));
    if (maxRotation != 0.0f)
        add("rotate=" + number(maxRotation));
    if (elasticAlpha != 0.0f || elasticSigma != 0.0f)
        add("elastic=" + number(elasticAlpha) + ":" + number(elasticSigma));
    if (probability != 1.0f)
        add("p=" + number(probability));
    if (width != 0 || height != 0)
        add("size=" + std::to_string(width) + "x" + std::to_string(height));
    return text.empty() ? "off" : text;
}

std::optional<AugmentSpec> parseAugmentSpec(std::string_view text, std::string* error)
{
    auto fail = [&](std::string message) -> std::optional<AugmentSpec> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };
    AugmentSpec spec;
    text = trim(text);
    if (text.empty() || text == "off" || text == "none")
        return spec;

    std::string seen = ",";
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string_view part = trim(text.substr(at, comma - at));
        at = comma + 1;
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos)
            return fail("augmentation: expected key=value, got \"" + std::string(part)
                        + "\" (keys: shift, scale, rotate, elastic, p, size)");
        const std::string key(trim(part.substr(0, equals)));
        const std::string_view value = trim(part.substr(equals + 1));
        if (seen.find("," + key + ",") != std::string::npos)
            return fail("augmentation: \"" + key + "\" is given twice");
        seen += key + ",";

        const std::string badValue = "augmentation: bad value \"" + std::string(value) + "\" for " + key;
        float* scalar = key == "shift" ? &spec.maxShift
            : key == "scale"            ? &spec.maxScale
            : key == "rotate"           ? &spec.maxRotation
            : key == "p"                ? &spec.probability
                                        : nullptr;
        if (scalar) {
            if (!readFloat(value, *scalar))
                return fail(badValue);
        } else if (key == "elastic") {
            const std::size_t colon = value.find(':');
            if (colon == std::string_view::npos || !readFloat(value.substr(0, colon), spec.elasticAlpha)
                || !readFloat(value.substr(colon + 1), spec.elasticSigma))
                return fail(badValue + " (expected ALPHA:SIGMA in pixels, e.g. elastic=34:4)");
        } else if (key == "size") {
            const std::size_t x = value.find('x');
            if (x == std::string_view::npos || !readInt(value.substr(0, x), spec.width)
                || !readInt(value.substr(x + 1), spec.height))
                return fail(badValue + " (expected WIDTHxHEIGHT, e.g. size=28x28)");
        } else {
            return fail("augmentation: unknown key \"" + key + "\" (keys: shift, scale, rotate, elastic, p, size)");
        }
    }
    if (std::string problem = valueProblem(spec); !problem.empty())
        return fail(problem);
    return spec;
}

} // namespace mlps
