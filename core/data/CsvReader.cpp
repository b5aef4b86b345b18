#include "data/CsvReader.h"

#include "data/BilinearResize.h"
#include "data/ClassNames.h"
#include "data/DataError.h"
#include "data/FileChecks.h"
#include "data/MessageText.h"
#include "data/PartFile.h"

#include <QFile>
#include <QString>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string_view>
#include <system_error>
#include <unordered_map>

namespace mlps {
namespace {

namespace fs = std::filesystem;

// Integer labels from this on are not class numbers (a column of ids, say).
constexpr std::int64_t kMaxClasses = 10000;
// Rows between progress reports and cancellation checks.
constexpr std::int64_t kProgressRows = 4096;
// The most significant digits the fast decimal path takes (10^19 < 2^64).
constexpr int kFastDigits = 19;

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

// A field's text for a message: quoted, cut short when long.
std::string shown(std::string_view text)
{
    constexpr std::size_t kLongest = 24;
    if (text.size() > kLongest)
        return "'" + std::string(text.substr(0, kLongest)) + "...'";
    return "'" + std::string(text) + "'";
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// The field's value: trimmed, without its surrounding quotes, "" inside quotes
// read as one " (RFC 4180).
std::string fieldValue(std::string_view raw)
{
    std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
        std::string out;
        out.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            out.push_back(text[i]);
            if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"')
                ++i;
        }
        return out;
    }
    return std::string(text);
}

// Where the field starting at p ends: at the separator or line end (\n, \r)
// outside quotes. Every buffer parsed here ends with '\n', which stops the scan.
const char* fieldEnd(const char* p, char separator)
{
    bool quoted = false;
    for (;; ++p) {
        const char c = *p;
        if (c == '\n')
            return p;
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == separator || c == '\r'))
            return p;
    }
}

// The raw fields of the line starting at p; `end` is set to its \r or \n.
std::vector<std::string_view> splitLine(const char* p, char separator, const char** end = nullptr)
{
    std::vector<std::string_view> fields;
    while (true) {
        const char* stop = fieldEnd(p, separator);
        fields.emplace_back(p, std::size_t(stop - p));
        if (*stop != separator) {
            if (end)
                *end = stop;
            return fields;
        }
        p = stop + 1;
    }
}

bool isBlank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Parses a whole field as a number (the slow path: quotes, signs, exponents).
bool parseNumber(std::string_view raw, double& value)
{
    std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = trim(text.substr(1, text.size() - 2));
    if (!text.empty() && text.front() == '+') // from_chars takes no '+'
        text.remove_prefix(1);
    if (text.empty())
        return false;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && stop == end && std::isfinite(value);
}

// Whether the field is a number; used to tell a header from data.
bool isNumber(std::string_view raw)
{
    double value = 0.0;
    return parseNumber(raw, value);
}

// Names a header may give the label column.
bool isLabelName(std::string_view raw)
{
    std::string name = fieldValue(raw);
    for (char& c : name)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    static const char* const names[] = {"label", "labels", "class", "classes", "target", "y",
                                        "digit", "letter", "category", "class_name", "classname"};
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return name == n; });
}

double powerOfTen(int exponent)
{
    static const std::array<double, kFastDigits + 1> powers = [] {
        std::array<double, kFastDigits + 1> p{};
        double value = 1.0;
        for (double& x : p) {
            x = value;
            value *= 10.0;
        }
        return p;
    }();
    return powers[std::size_t(exponent)];
}

// The whole file in memory: mapped when possible, else read. Whatever is
// parsed ends with '\n' (see Parser): all but the last line are used in place,
// the last one (when the file does not end with a newline) is copied.
class TextFile {
public:
    explicit TextFile(const std::string& path)
        : m_file(QString::fromStdString(path))
    {
        requireFile(path);
        if (!m_file.open(QIODevice::ReadOnly))
            throw DataError(path, "cannot open: " + m_file.errorString().toStdString());
        const qint64 size = m_file.size();
        if (size <= 0)
            throw DataError(path, "the file is empty");
        m_size = std::size_t(size);
        m_data = reinterpret_cast<const char*>(m_file.map(0, size));
        if (!m_data) { // not mappable (a pipe, some file systems): read it
            try {
                m_copy.resize(m_size);
            } catch (const std::bad_alloc&) {
                throw DataError(path, "not enough memory to read " + withSeparators(size) + " bytes");
            }
            if (m_file.read(m_copy.data(), size) != size)
                throw DataError(path, "cannot read: " + m_file.errorString().toStdString());
            m_data = m_copy.data();
        }
    }

    const char* data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    QFile m_file;
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::string m_copy;
};

// Reads rows into images and labels; one per file.
class Parser {
public:
    Parser(const std::string& path, const LoadOptions& options)
        : m_path(path)
        , m_options(options)
    {
    }

    LoadedDataset run();

private:
    [[noreturn]] void fail(const std::string& problem) const { throw DataError(m_path, problem); }
    [[noreturn]] void failAt(int column, const std::string& problem) const
    {
        fail("line " + std::to_string(m_line) + ", column " + std::to_string(column) + ": " + problem);
    }
    [[noreturn]] void wrongCount(const char* lineStart) const
    {
        const std::size_t count = splitLine(lineStart, m_separator).size();
        fail("line " + std::to_string(m_line) + " has " + std::to_string(count) + " values, expected " +
             std::to_string(m_columns));
    }

    void layout(const char* begin, const char* end);
    void parseRows(const char* begin, const char* end);
    const char* parseRow(const char* p);
    const char* parsePixel(const char* p, int column, std::size_t at);
    void storePixel(double value, int column, std::size_t at);
    void toFloat();
    void addLabel(std::string_view raw, int column);
    void finishLabels(Dataset& data, LoadReport& report);
    void finishPixels(Dataset& data, LoadReport& report);
    void progress();

    std::string m_path;
    const LoadOptions& m_options;
    char m_separator = ',';
    int m_columns = 0;     // values per line, label included
    int m_labelColumn = 0; // 0-based
    bool m_trailingEmpty = false; // every line ends with a separator ("1,2,3,")
    bool m_header = false;
    bool m_headerSkipped = false;
    std::string m_headerText;
    int m_width = 0;
    int m_height = 0;
    std::int64_t m_line = 0; // 1-based number of the line being read
    std::int64_t m_rows = 0;
    std::int64_t m_expectedRows = 0;

    // Pixels: bytes while every value is an integer, floats from the first that is not.
    bool m_float = false;
    std::vector<std::uint8_t> m_bytes;
    std::vector<float> m_floats;
    std::size_t m_capacityRows = 0;
    int m_maxInteger = 0;
    double m_maxFloat = 0.0;

    // Labels: numbers while each is one, names from the first that is not.
    bool m_named = false;
    std::vector<std::int64_t> m_numbers;
    std::vector<std::int32_t> m_nameIds;
    std::vector<std::string> m_names; // in order of first appearance
    std::unordered_map<std::string, std::int32_t> m_nameIndex;
};

// Works out the separator, header, label column and image size from the
// first lines, [begin, end) holding at least the first two (when there are).
void Parser::layout(const char* begin, const char* end)
{
    // Skip blank lines to the first line with content.
    const char* first = begin;
    while (first < end) {
        const char* stop = static_cast<const char*>(std::memchr(first, '\n', std::size_t(end - first)));
        if (!isBlank(std::string_view(first, std::size_t(stop - first))))
            break;
        first = stop + 1;
    }
    if (first >= end)
        fail("has no data (only blank lines)");
    const char* firstEnd = static_cast<const char*>(std::memchr(first, '\n', std::size_t(end - first)));
    const std::string_view firstLine(first, std::size_t(firstEnd - first));

    // The separator: the most frequent of ',', ';' and tab in the first line.
    std::array<std::pair<char, std::ptrdiff_t>, 3> counts{{{',', 0}, {';', 0}, {'\t', 0}}};
    for (auto& [c, n] : counts)
        n = std::count(firstLine.begin(), firstLine.end(), c);
    const auto best =
        std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best->second == 0)
        fail("not a CSV of label,pixel,... rows: the first line has no commas");
    m_separator = best->first;

    std::vector<std::string_view> fields = splitLine(first, m_separator);
    if (fields.size() >= 3 && trim(fields.back()).empty()) {
        m_trailingEmpty = true;
        fields.pop_back();
    }
    m_columns = int(fields.size());
    if (m_columns < 2)
        fail("not a CSV of label,pixel,... rows: the first line has a single value");

    // A header has a pixel field that is not a number, or a label that is not
    // one while the next line's label is.
    bool header = std::any_of(fields.begin() + 1, fields.end(), [](std::string_view f) { return !isNumber(f); });
    if (!header && !isNumber(fields.front())) {
        const char* next = firstEnd + 1;
        while (next < end) {
            const char* stop = static_cast<const char*>(std::memchr(next, '\n', std::size_t(end - next)));
            if (!isBlank(std::string_view(next, std::size_t(stop - next)))) {
                header = isNumber(splitLine(next, m_separator).front());
                break;
            }
            next = stop + 1;
        }
    }
    if (header) {
        m_header = true;
        m_headerText = std::string(firstLine.substr(0, std::min<std::size_t>(firstLine.size(), 60)));
        if (firstLine.size() > 60)
            m_headerText += "...";
        if (!m_headerText.empty() && m_headerText.back() == '\r')
            m_headerText.pop_back();
        // "p0,...,p783,label": the label is last when only the last column is named like one.
        if (!isLabelName(fields.front()) && isLabelName(fields.back()))
            m_labelColumn = m_columns - 1;
    }

    // The image size from the pixel count: a square, or the size asked for.
    const int pixels = m_columns - 1;
    const int side = int(std::lround(std::sqrt(double(pixels))));
    if (side * side == pixels) {
        m_width = m_height = side;
    } else if (std::int64_t(m_options.width) * m_options.height == pixels) {
        m_width = m_options.width;
        m_height = m_options.height;
    } else {
        fail("the first line has " + std::to_string(m_columns) + " values: a label and " + std::to_string(pixels) +
             " pixels, which is not a square image (784 pixels would be 28x28)");
    }
}

void Parser::progress()
{
    if (m_options.cancelled())
        throw LoadCancelled();
    if (m_options.progress)
        m_options.progress({m_rows, m_expectedRows, "reading"});
}

void Parser::toFloat()
{
    m_floats.resize(m_capacityRows * std::size_t(m_columns - 1));
    std::copy(m_bytes.begin(), m_bytes.begin() + std::ptrdiff_t(std::size_t(m_rows) * std::size_t(m_columns - 1)),
              m_floats.begin());
    m_maxFloat = m_maxInteger;
    std::vector<std::uint8_t>().swap(m_bytes);
    m_float = true;
}

void Parser::storePixel(double value, int column, std::size_t at)
{
    if (value < 0.0)
        failAt(column, "pixel value " + number(value) + " is negative (pixels are 0..255, or 0..1 as floats)");
    if (!m_float) {
        if (value == std::floor(value)) {
            if (value > 255.0)
                failAt(column, "pixel value " + withSeparators(std::int64_t(std::min(value, 1e18))) +
                                   " is out of range (pixels are 0..255, or 0..1 as floats)");
            const int v = int(value);
            m_bytes[at] = std::uint8_t(v);
            m_maxInteger = std::max(m_maxInteger, v);
            return;
        }
        toFloat();
    }
    // Floats of 0..255 may be a little above 255 from rounding; they are clamped later.
    if (value > 255.5)
        failAt(column, "pixel value " + number(value) + " is out of range (pixels are 0..255, or 0..1 as floats)");
    m_floats[at] = float(value);
    m_maxFloat = std::max(m_maxFloat, value);
}

// One pixel value at p; returns where it ends (at a separator or line end).
const char* Parser::parsePixel(const char* p, int column, std::size_t at)
{
    // Fast path: plain digits, optionally with a fraction, ending at a separator
    // or a line end. Up to kFastDigits digits the mantissa is exact in 64 bits;
    // mantissa / 10^fractionDigits is then within an ulp of the decimal value.
    const char* q = p;
    std::uint64_t mantissa = 0;
    int digits = 0;
    unsigned d = 0;
    while ((d = unsigned(static_cast<unsigned char>(*q)) - '0') <= 9) {
        mantissa = mantissa * 10 + d;
        ++digits;
        ++q;
    }
    if (digits > 0 && digits <= kFastDigits) {
        char c = *q;
        if (c == m_separator || c == '\n' || c == '\r') {
            if (!m_float && mantissa <= 255) { // the common case: an integer pixel
                m_bytes[at] = std::uint8_t(mantissa);
                m_maxInteger = std::max(m_maxInteger, int(mantissa));
                return q;
            }
            storePixel(double(mantissa), column, at);
            return q;
        }
        if (c == '.') {
            ++q;
            int fraction = 0;
            while ((d = unsigned(static_cast<unsigned char>(*q)) - '0') <= 9 && digits < kFastDigits) {
                mantissa = mantissa * 10 + d;
                ++digits;
                ++fraction;
                ++q;
            }
            c = *q;
            if (c == m_separator || c == '\n' || c == '\r') {
                storePixel(double(mantissa) / powerOfTen(fraction), column, at);
                return q;
            }
        }
    }
    // Slow path: the whole field, as text.
    const char* stop = fieldEnd(p, m_separator);
    const std::string_view raw(p, std::size_t(stop - p));
    double value = 0.0;
    if (!parseNumber(raw, value)) {
        if (trim(raw).empty())
            failAt(column, "the pixel value is empty");
        failAt(column, shown(trim(raw)) + " is not a number");
    }
    storePixel(value, column, at);
    return stop;
}

void Parser::addLabel(std::string_view raw, int column)
{
    const std::string text = fieldValue(raw);
    if (text.empty())
        failAt(column, "the label is empty");
    if (!m_named) {
        std::int64_t number = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, number);
        bool integer = error == std::errc() && stop == end;
        if (!integer) { // "3.0" is a number too
            double value = 0.0;
            if (parseNumber(text, value) && value == std::floor(value) && std::abs(value) < 1e15) {
                number = std::int64_t(value);
                integer = true;
            }
        }
        if (integer) {
            if (number < 0)
                failAt(column, "label " + std::to_string(number) + " is negative (labels are class numbers from 0, "
                                                                   "or class names)");
            if (number >= kMaxClasses)
                failAt(column, "label " + withSeparators(number) + " is too large for a class number (at most " +
                                   withSeparators(kMaxClasses - 1) + ")");
            m_numbers.push_back(number);
            return;
        }
        // A name: from here on every label is a name, the numbers so far included.
        m_named = true;
        for (const std::int64_t n : m_numbers) {
            const std::string name = std::to_string(n);
            const auto [it, added] = m_nameIndex.try_emplace(name, std::int32_t(m_names.size()));
            if (added)
                m_names.push_back(name);
            m_nameIds.push_back(it->second);
        }
        std::vector<std::int64_t>().swap(m_numbers);
    }
    const auto [it, added] = m_nameIndex.try_emplace(text, std::int32_t(m_names.size()));
    if (added)
        m_names.push_back(text);
    m_nameIds.push_back(it->second);
}

// One data row starting at p (not blank); returns the start of the next line.
const char* Parser::parseRow(const char* p)
{
    const char* lineStart = p;
    const int pixels = m_columns - 1;
    if (std::size_t(m_rows) == m_capacityRows) { // more rows than lines counted: cannot happen, but stay safe
        m_capacityRows = m_capacityRows * 2 + 1;
        if (m_float)
            m_floats.resize(m_capacityRows * std::size_t(pixels));
        else
            m_bytes.resize(m_capacityRows * std::size_t(pixels));
    }
    std::size_t at = std::size_t(m_rows) * std::size_t(pixels);
    for (int column = 0; column < m_columns; ++column) {
        if (column == m_labelColumn) {
            const char* stop = fieldEnd(p, m_separator);
            addLabel(std::string_view(p, std::size_t(stop - p)), column + 1);
            p = stop;
        } else {
            p = parsePixel(p, column + 1, at++);
        }
        // Each value but the last is followed by a separator, the last by the line end.
        if (column + 1 < m_columns) {
            if (*p != m_separator)
                wrongCount(lineStart);
            ++p;
        }
    }
    if (m_trailingEmpty && *p == m_separator) {
        const char* stop = fieldEnd(p + 1, m_separator);
        if (trim(std::string_view(p + 1, std::size_t(stop - p - 1))).empty())
            p = stop;
    }
    // Spaces after the last value are allowed.
    while (*p == ' ' || *p == '\t')
        ++p;
    if (*p == '\r')
        ++p;
    if (*p != '\n')
        wrongCount(lineStart);
    ++m_rows;
    return p + 1;
}

// Parses the lines of [begin, end); end[-1] is '\n'.
void Parser::parseRows(const char* begin, const char* end)
{
    const char* p = begin;
    while (p < end) {
        ++m_line;
        // Blank lines (and the header) are skipped.
        const char* q = p;
        while (*q == ' ' || *q == '\t' || *q == '\r')
            ++q;
        if (*q == '\n') {
            p = q + 1;
            continue;
        }
        if (m_header && !m_headerSkipped) { // the first line with content
            m_headerSkipped = true;
            p = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p))) + 1;
            continue;
        }
        p = parseRow(p);
        if (m_rows % kProgressRows == 0)
            progress();
    }
}

void Parser::finishLabels(Dataset& data, LoadReport& report)
{
    if (!m_named) {
        const std::int64_t largest = *std::max_element(m_numbers.begin(), m_numbers.end());
        if (largest + 1 < 2)
            fail(tooFewClasses(std::to_string(largest)));
        const int classes = int(largest + 1);
        data.labels.assign(m_numbers.begin(), m_numbers.end());
        data.classNames = defaultClassNames(m_path, classes);
        std::vector<std::int64_t> counts(std::size_t(classes), 0);
        for (const std::int64_t n : m_numbers)
            ++counts[std::size_t(n)];
        std::string empty;
        int emptyCount = 0;
        for (int k = 0; k < classes; ++k) {
            if (counts[std::size_t(k)] == 0 && ++emptyCount <= 10)
                empty += (empty.empty() ? "" : ", ") + std::to_string(k);
        }
        if (emptyCount > 0)
            report.notes.push_back("labels run 0.." + std::to_string(largest) + " but " + std::to_string(emptyCount) +
                                   (emptyCount == 1 ? " class has" : " classes have") + " no images (" + empty +
                                   (emptyCount > 10 ? ", ..." : "") + ")");
        return;
    }

    if (m_names.size() < 2)
        fail(tooFewClasses(shown(m_names.front())));
    // Names are numbered in sorted order, so that the numbering does not depend on the row order.
    std::vector<std::int32_t> order(m_names.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = std::int32_t(i);
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return m_names[std::size_t(a)] < m_names[std::size_t(b)];
    });
    std::vector<std::int32_t> newId(m_names.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        newId[std::size_t(order[k])] = std::int32_t(k);
        data.classNames.push_back(m_names[std::size_t(order[k])]);
    }
    data.labels.resize(m_nameIds.size());
    for (std::size_t i = 0; i < m_nameIds.size(); ++i)
        data.labels[i] = newId[std::size_t(m_nameIds[i])];
    std::string listed;
    for (std::size_t k = 0; k < data.classNames.size() && k < 10; ++k)
        listed += (k ? ", " : "") + data.classNames[k];
    if (data.classNames.size() > 10)
        listed += ", ...";
    report.notes.push_back("labels are class names, numbered in sorted order: " + listed);
}

void Parser::finishPixels(Dataset& data, LoadReport& report)
{
    const std::size_t total = std::size_t(m_rows) * std::size_t(m_columns - 1);
    std::vector<std::string> conversions;
    if (!m_float) {
        m_bytes.resize(total);
        if (m_bytes.capacity() > total + total / 8)
            m_bytes.shrink_to_fit();
        if (m_maxInteger == 1) {
            for (std::uint8_t& v : m_bytes)
                v = std::uint8_t(v * 255);
            conversions.push_back("pixel values are all 0 or 1: read as black and white (0 and 255)");
        }
        data.pixels = std::move(m_bytes);
    } else {
        data.pixels.resize(total);
        char largest[32];
        std::snprintf(largest, sizeof largest, "%.4g", m_maxFloat);
        // Floats up to 1.5 are taken as 0..1 (a few just above 1 from rounding);
        // larger ones as 0..255.
        if (m_maxFloat <= 1.5) {
            for (std::size_t i = 0; i < total; ++i)
                data.pixels[i] = std::uint8_t(std::lround(std::min(m_floats[i], 1.0f) * 255.0f));
            conversions.push_back(std::string("pixel values are floats 0..1 (largest ") + largest +
                                  "): scaled to 0..255");
        } else {
            for (std::size_t i = 0; i < total; ++i)
                data.pixels[i] = std::uint8_t(std::lround(std::min(m_floats[i], 255.0f)));
            conversions.push_back(std::string("pixel values are floats 0..255 (largest ") + largest +
                                  "): rounded to integers");
        }
        std::vector<float>().swap(m_floats);
    }
    data.width = m_width;
    data.height = m_height;

    if (m_options.width > 0 && m_options.height > 0 && (m_width != m_options.width || m_height != m_options.height)) {
        const BilinearResize resize(m_width, m_height, m_options.width, m_options.height);
        data.pixels = resize.resizeAll(data.pixels, m_rows);
        data.width = m_options.width;
        data.height = m_options.height;
        conversions.push_back(withSeparators(m_rows) + (m_rows == 1 ? " image of " : " images of ") +
                              std::to_string(m_width) + "x" + std::to_string(m_height) + " resized to " +
                              std::to_string(data.width) + "x" + std::to_string(data.height) + " (bilinear)");
    }
    for (const std::string& text : conversions)
        report.conversion += (report.conversion.empty() ? "" : "; ") + text;
}

LoadedDataset Parser::run()
{
    const auto start = std::chrono::steady_clock::now();
    const TextFile file(m_path);
    std::string_view text(file.data(), file.size());
    if (text.starts_with("\xEF\xBB\xBF")) // UTF-8 byte-order mark
        text.remove_prefix(3);

    // Everything up to the last newline is parsed in place; the rest, a last
    // line without a newline, from a copy that has one.
    const std::size_t lastNewline = text.rfind('\n');
    const std::string_view body = lastNewline == std::string_view::npos ? std::string_view()
                                                                        : text.substr(0, lastNewline + 1);
    std::string tail(text.substr(body.size()));
    if (!tail.empty())
        tail.push_back('\n');

    // The layout from a copy of the first lines (two with content, at most 1 MB).
    {
        std::size_t headBytes = 0;
        int withContent = 0;
        while (headBytes < text.size() && withContent < 2 && headBytes < (std::size_t(1) << 20)) {
            std::size_t stop = text.find('\n', headBytes);
            if (stop == std::string_view::npos)
                stop = text.size();
            if (!isBlank(text.substr(headBytes, stop - headBytes)))
                ++withContent;
            headBytes = stop + 1;
        }
        std::string head(text.substr(0, std::min(headBytes, text.size())));
        if (head.empty() || head.back() != '\n')
            head.push_back('\n');
        layout(head.data(), head.data() + head.size());
    }

    const auto lines = std::size_t(std::count(body.begin(), body.end(), '\n')) + (tail.empty() ? 0 : 1);
    m_expectedRows = std::int64_t(lines) - (m_header ? 1 : 0);
    m_capacityRows = lines;
    try {
        m_bytes.resize(m_capacityRows * std::size_t(m_columns - 1));
    } catch (const std::bad_alloc&) {
        fail("not enough memory for " + withSeparators(std::int64_t(lines)) + " images of " +
             std::to_string(m_columns - 1) + " pixels");
    }

    progress();
    parseRows(body.data(), body.data() + body.size());
    parseRows(tail.data(), tail.data() + tail.size());
    if (m_rows == 0)
        fail(m_header ? "has a header line but no data rows" : "has no data rows");
    progress();

    LoadedDataset result;
    Dataset& data = result.data;
    LoadReport& report = result.report;
    data.source = m_path;
    data.format = "csv";
    report.format = "csv";
    if (m_header)
        report.notes.push_back("the first line is a header: " + m_headerText);
    if (m_labelColumn != 0)
        report.notes.push_back("labels are in the last column");
    finishLabels(data, report);
    finishPixels(data, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace

LoadedDataset CsvReader::read(const std::string& path, const LoadOptions& options)
{
    Parser parser(path, options);
    return parser.run();
}

void CsvReader::write(const Dataset& data, const std::string& path)
{
    const int features = data.features();
    if (data.width < 1 || data.height < 1)
        throw DataError(path, "cannot write images of " + std::to_string(data.width) + "x" +
                                  std::to_string(data.height) + " pixels");
    if (data.pixels.size() != std::size_t(data.count()) * std::size_t(features))
        throw DataError(path, "cannot write: " + withSeparators(std::int64_t(data.pixels.size())) +
                                  " pixel bytes do not make " + withSeparators(data.count()) + " images of " +
                                  std::to_string(data.width) + "x" + std::to_string(data.height));
    for (const std::int32_t label : data.labels) {
        if (label < 0)
            throw DataError(path, "cannot write the negative label " + std::to_string(label));
    }

    // The decimal text of each byte value, so that a row is a run of appends.
    std::array<std::array<char, 4>, 256> numbers{};
    std::array<std::uint8_t, 256> lengths{};
    for (int v = 0; v < 256; ++v) {
        const auto [stop, error] = std::to_chars(numbers[std::size_t(v)].data(), numbers[std::size_t(v)].data() + 4, v);
        lengths[std::size_t(v)] = std::uint8_t(stop - numbers[std::size_t(v)].data());
    }

    PartFile part(path);
    part.open();
    bool ok = true;
    std::string buffer;
    constexpr std::size_t kFlushBytes = std::size_t(1) << 20;
    buffer.reserve(kFlushBytes + std::size_t(features) * 4 + 32);
    auto flush = [&] {
        if (ok && !buffer.empty())
            ok = part.write(buffer.data(), buffer.size());
        buffer.clear();
    };

    buffer += "label";
    for (int j = 0; j < features; ++j) {
        buffer += ",p";
        buffer += std::to_string(j);
    }
    buffer += '\n';
    for (std::int64_t i = 0; i < data.count() && ok; ++i) {
        buffer += std::to_string(data.labels[std::size_t(i)]);
        const std::uint8_t* image = data.pixels.data() + std::size_t(i) * std::size_t(features);
        for (int j = 0; j < features; ++j) {
            buffer += ',';
            buffer.append(numbers[image[j]].data(), lengths[image[j]]);
        }
        buffer += '\n';
        if (buffer.size() >= kFlushBytes)
            flush();
    }
    flush();
    part.commit();
}

} // namespace mlps
