#pragma once

#include "project/Project.h"

// Field-by-field equality of projects, bitwise for floats and doubles (so
// that NaN equals NaN and -0 differs from 0), with a failure naming the field.
namespace mlps::testing {

void expectSameProject(const Project& expected, const Project& actual);
void expectSameRun(const StoredRun& expected, const StoredRun& actual);

} // namespace mlps::testing
