#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// Reads one JSON object of a project file with checks, and knows where it is
// ("project.json" and "runs[2].config.optimizer"), so that every problem is a
// ProjectError naming the file, the entry, the key and what is wrong:
// "lab.mlpstudio: project.json: runs[2].config.epochs: expected an integer, found a string".
class JsonReader {
public:
    JsonReader(QJsonObject object, std::string file, std::string entry, std::string where = {});

    bool has(const char* key) const;
    // The nested object or array of objects at `key` (required).
    JsonReader object(const char* key) const;
    std::vector<JsonReader> objects(const char* key) const;

    std::string string(const char* key) const;
    bool boolean(const char* key) const;
    // An integral number within [min, max].
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) const;
    int integer32(const char* key, int min, int max) const;
    // A finite number; float() also checks that it fits a float.
    double number(const char* key) const;
    float floatNumber(const char* key) const;
    // A number, or "NaN", "Infinity", "-Infinity" (as Python's json writes them).
    double anyNumber(const char* key) const;
    // A 64-bit unsigned integer written as a decimal string (JSON numbers are doubles).
    std::uint64_t unsigned64(const char* key) const;
    // An array of those.
    std::vector<std::uint64_t> unsigned64s(const char* key) const;
    std::vector<std::string> strings(const char* key) const;

    // Throws the ProjectError for `key` (or for this object when key is null).
    [[noreturn]] void fail(const char* key, const std::string& problem) const;
    // The dotted path of `key` in this object: "runs[2].config.epochs".
    std::string pathOf(const char* key) const;
    const std::string& file() const { return m_file; }
    const std::string& entry() const { return m_entry; }

private:
    QJsonValue required(const char* key) const;
    // `value` (at `key`, array item `item`) as a 64-bit unsigned decimal string.
    std::uint64_t unsigned64Of(const QJsonValue& value, const char* key, const std::string& item) const;

    QJsonObject m_object;
    std::string m_file;
    std::string m_entry;
    std::string m_where;
};

// The JSON for a double that may be NaN or infinite (see JsonReader::anyNumber).
QJsonValue jsonNumber(double value);
// The double nearest the shortest decimal that reads back as `value`, so that
// 1e-4f is written 0.0001, not 9.999999747378752e-05; converting the number
// read back to float gives `value` exactly.
double jsonFloat(float value);

} // namespace mlps
