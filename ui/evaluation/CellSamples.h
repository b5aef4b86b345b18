#pragma once

#include <QList>
#include <QPoint>

#include <cstdint>
#include <vector>

namespace mlps {
struct Evaluation;
}

namespace mlps::ui {

// The samples of an evaluation that fall in confusion cells (x = predicted
// class, y = true class), as indices in the evaluation's sample order, in
// that order. What EvaluationView::samplesRequested's cells stand for; the
// window maps them to images with RunRecord::testSampleIndex() /
// validationSampleIndex().
std::vector<std::int64_t> samplesInCells(const Evaluation& evaluation, const QList<QPoint>& cells);

} // namespace mlps::ui
