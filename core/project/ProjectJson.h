#pragma once

#include "project/Project.h"

#include <QJsonObject>

#include <string>

namespace mlps {

// project.json: everything of a Project but its arrays. A run's arrays
// (parameters, indices, predictions) live in .npy entries beside it; the JSON
// keeps their sizes ("parameters": true/false, "trainCount", ...,
// "test": {"samples": N, ...}) so that fromJson() can size the vectors and
// matrices and ProjectFile can check each entry's shape against them.
class ProjectJson {
public:
    static QJsonObject toJson(const Project& project);
    // Reads what toJson() wrote, every value checked; vectors and matrices get
    // their sizes, their contents are left to the .npy entries. `file` names
    // the project file in errors. Throws ProjectError, including for a
    // formatVersion newer than kProjectFormatVersion.
    static Project fromJson(const QJsonObject& json, const std::string& file);

    // The number of parameters a network of `spec` has (its ParameterLayout's total).
    static std::int64_t parameterCount(const NetworkSpec& spec);
};

} // namespace mlps
