#include "project/JsonReader.h"

#include "project/ProjectError.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace mlps {

namespace {

std::string typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

std::string shortNumber(double value)
{
    return QString::number(value, 'g', 17).toStdString();
}

} // namespace

JsonReader::JsonReader(QJsonObject object, std::string file, std::string entry, std::string where)
    : m_object(std::move(object))
    , m_file(std::move(file))
    , m_entry(std::move(entry))
    , m_where(std::move(where))
{
}

std::string JsonReader::pathOf(const char* key) const
{
    if (!key)
        return m_where;
    return m_where.empty() ? std::string(key) : m_where + "." + key;
}

void JsonReader::fail(const char* key, const std::string& problem) const
{
    const std::string where = pathOf(key);
    throw ProjectError(m_file, m_entry + ": " + (where.empty() ? "" : where + ": ") + problem);
}

bool JsonReader::has(const char* key) const
{
    return m_object.contains(QLatin1String(key));
}

QJsonValue JsonReader::required(const char* key) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined())
        fail(key, "missing");
    return value;
}

JsonReader JsonReader::object(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isObject())
        fail(key, "expected an object, found " + typeName(value));
    return JsonReader(value.toObject(), m_file, m_entry, pathOf(key));
}

std::vector<JsonReader> JsonReader::objects(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isArray())
        fail(key, "expected an array, found " + typeName(value));
    const QJsonArray array = value.toArray();
    std::vector<JsonReader> result;
    result.reserve(std::size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string where = pathOf(key) + "[" + std::to_string(i) + "]";
        if (!array[i].isObject())
            JsonReader(m_object, m_file, m_entry, where)
                .fail(nullptr, "expected an object, found " + typeName(array[i]));
        result.emplace_back(array[i].toObject(), m_file, m_entry, where);
    }
    return result;
}

std::string JsonReader::string(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isString())
        fail(key, "expected a string, found " + typeName(value));
    return value.toString().toStdString();
}

bool JsonReader::boolean(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isBool())
        fail(key, "expected true or false, found " + typeName(value));
    return value.toBool();
}

std::int64_t JsonReader::integer(const char* key, std::int64_t min, std::int64_t max) const
{
    const QJsonValue value = required(key);
    if (!value.isDouble())
        fail(key, "expected an integer, found " + typeName(value));
    const double d = value.toDouble();
    // 2^53: beyond it a JSON number is no longer an exact integer.
    constexpr double kExact = 9007199254740992.0;
    if (!(std::floor(d) == d) || std::fabs(d) > kExact)
        fail(key, "expected an integer, found " + shortNumber(d));
    const auto n = std::int64_t(d);
    if (n < min || n > max)
        fail(key, "out of range: " + std::to_string(n) + " (allowed " + std::to_string(min) + " to " +
                      std::to_string(max) + ")");
    return n;
}

int JsonReader::integer32(const char* key, int min, int max) const
{
    return int(integer(key, min, max));
}

double JsonReader::number(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isDouble())
        fail(key, "expected a number, found " + typeName(value));
    return value.toDouble();
}

float JsonReader::floatNumber(const char* key) const
{
    const double d = number(key);
    if (std::fabs(d) > double(std::numeric_limits<float>::max()))
        fail(key, "out of range for a float: " + shortNumber(d));
    return float(d);
}

double JsonReader::anyNumber(const char* key) const
{
    const QJsonValue value = required(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        const QString text = value.toString();
        if (text == QLatin1String("NaN"))
            return std::numeric_limits<double>::quiet_NaN();
        if (text == QLatin1String("Infinity"))
            return std::numeric_limits<double>::infinity();
        if (text == QLatin1String("-Infinity"))
            return -std::numeric_limits<double>::infinity();
        fail(key, "expected a number, found '" + text.toStdString() + "'");
    }
    fail(key, "expected a number, found " + typeName(value));
}

std::uint64_t JsonReader::unsigned64(const char* key) const
{
    return unsigned64Of(required(key), key, {});
}

std::vector<std::uint64_t> JsonReader::unsigned64s(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isArray())
        fail(key, "expected an array of decimal strings, found " + typeName(value));
    std::vector<std::uint64_t> result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        result.push_back(unsigned64Of(array[i], key, "item " + std::to_string(i) + ": "));
    return result;
}

std::uint64_t JsonReader::unsigned64Of(const QJsonValue& value, const char* key, const std::string& item) const
{
    if (!value.isString())
        fail(key, item + "expected a decimal string (a 64-bit integer), found " + typeName(value));
    bool ok = false;
    const QString text = value.toString();
    const qulonglong n = text.toULongLong(&ok, 10);
    if (!ok || text.isEmpty() || !text.front().isDigit())
        fail(key, item + "not a 64-bit unsigned integer: '" + text.toStdString() + "'");
    return std::uint64_t(n);
}

std::vector<std::string> JsonReader::strings(const char* key) const
{
    const QJsonValue value = required(key);
    if (!value.isArray())
        fail(key, "expected an array of strings, found " + typeName(value));
    std::vector<std::string> result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isString())
            fail(key, "item " + std::to_string(i) + ": expected a string, found " + typeName(array[i]));
        result.push_back(array[i].toString().toStdString());
    }
    return result;
}

double jsonFloat(float value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer - 1, value);
    *result.ptr = '\0';
    return std::strtod(buffer, nullptr);
}

QJsonValue jsonNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return value;
}

} // namespace mlps
