#pragma once

#include "data/Dataset.h"
#include "export/ExportedModel.h"

#include <QString>
#include <QStringList>

#include <string>

// Shared helpers of the export tests: small trained models, their data, and
// running the system Python on a check script.
namespace exporttest {

// A seeded dataset of `count` 4x4 images in 3 classes (a bright row per class,
// with noise); `hard` makes the rows' brightness overlap, so that some images
// are near the decision boundary and the accuracy is well below 100 %.
mlps::Dataset tinyDataset(int count, std::uint64_t seed, bool hard = false);

// A 16-8-6-3 network (relu with L2, dropout, tanh by default) trained two
// epochs on tinyDataset, so its weights are not the initial ones.
mlps::ExportedModel trainedModel(mlps::Activation first = mlps::Activation::Relu,
                                 mlps::Activation second = mlps::Activation::Tanh);

// The engine's class probabilities (classes x n) and number of correct predictions on a dataset.
Eigen::MatrixXf engineProbabilities(const mlps::ExportedModel& model, const mlps::Dataset& data);
std::int64_t engineCorrect(const mlps::ExportedModel& model, const mlps::Dataset& data);

// Writes a float32 .npy of a row-major matrix (rows x cols) of `values`.
void writeNpy(const std::string& path, const Eigen::MatrixXf& rowsByCols);

struct PythonResult {
    int exitCode = -1;
    QString output; // stdout and stderr
};
inline constexpr int kSkipExitCode = 77; // a check script's "a module is missing"

// Runs /usr/bin/python3 with the arguments in `workingDir` (when given).
PythonResult runPython(const QStringList& arguments, const QString& workingDir = {}, int timeoutMs = 120000);
// True when /usr/bin/python3 can import every module.
bool pythonHas(const QStringList& modules);
// The path of a script in tests/export.
QString scriptPath(const char* name);

} // namespace exporttest
