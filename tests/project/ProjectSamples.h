#pragma once

#include "project/Project.h"

#include <QString>

#include <cstdint>

// Projects for the tests and the benchmark: every setting type set away from
// its default, runs with histories, evaluations and parameters of known values.
namespace mlps::testing {

// A run of a small network (every activation, dropout) trained with `config`
// on `samples` test samples of 10 classes; values drawn from `seed`.
StoredRun sampleRun(int id, const TrainConfig& config, std::int64_t samples, std::uint32_t seed);

// The training settings of run `which` (0, 1, 2): different optimizers,
// schedules, augmentation and early stopping.
TrainConfig sampleConfig(int which);

// Three runs (finished, stopped with a NaN in its history, failed without weights).
Project sampleProject();

// A small project of literal values, as tests/project/data/format1.mlpstudio
// holds it (written by `mlps_project_sample --fixture FILE`); never change it,
// add a fixture for a new format instead.
Project format1Project();

// The whole file as bytes, and a file of these bytes.
QByteArray readAll(const QString& path);
void writeAll(const QString& path, const QByteArray& bytes);

} // namespace mlps::testing
