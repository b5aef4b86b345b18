#pragma once

#include "project/Project.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace mlps {

// Called while saving with the bytes written so far and the total (before
// compression); returning false cancels the save (nothing is changed on disk).
using SaveProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

// The .mlpstudio file: a zip (QuaZip) whose entries are, in this order,
//   mimetype                          "application/x-mlpstudio", stored, first
//                                     (as EPUB and OpenDocument do; see packaging/*.mime.xml)
//   project.json                      settings, runs, histories, scores (ProjectJson)
//   runs/<k>/parameters.npy           float32 (P,): the flat parameter vector in
//                                     ParameterLayout order (per dense layer: W
//                                     column-major outputs x inputs, then b)
//   runs/<k>/{train,validation,test}_indices.npy   int64 (N,)
//   runs/<k>/{validation,test}_true_labels.npy     int32 (N,)
//   runs/<k>/{validation,test}_predicted.npy       int32 (N,)
//   runs/<k>/{validation,test}_probabilities.npy   float32 (N, classes)
//   runs/<k>/{validation,test}_confusion.npy       int64 (classes, classes), [true, predicted]
// where k is the run's position in project.json's "runs" (0-based). Every array
// is a NumPy .npy, so that Python reads the file with zipfile + numpy.load.
class ProjectFile {
public:
    // Writes the whole project to a temporary file beside `path` (QSaveFile)
    // and renames it over `path` only when everything was written, so that a
    // failure or a crash at any point leaves the old file as it was. Always
    // writes kProjectFormatVersion. Throws ProjectError (nothing written) for
    // a project it could not read back: an invalid spec or config, arrays of
    // the wrong size, an unwritable place, or a save cancelled by `progress`.
    static void save(const Project& project, const QString& path, const SaveProgress& progress = {});

    // Reads the whole file into memory and checks everything before returning:
    // throws ProjectError naming the file and the problem for anything but a
    // complete project of a format this build reads (not a zip, a damaged
    // zip, a missing or wrong mimetype, a missing entry, invalid JSON or
    // values, a newer format version, arrays of the wrong dtype or shape).
    static Project load(const QString& path);

    static constexpr const char* kMimeType = "application/x-mlpstudio";
};

} // namespace mlps
