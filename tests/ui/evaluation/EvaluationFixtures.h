#pragma once

#include "RunRecord.h"
#include "nn/Metrics.h"

#include <QStringList>

#include <memory>
#include <ostream>

// Readable QStrings in GoogleTest's failure messages.
inline void PrintTo(const QString& text, std::ostream* os)
{
    *os << '"' << text.toStdString() << '"';
}

namespace mlps::ui::testing {

// The 3-class example most tests use: true x predicted
//   A: 7 2 0      supports 9, 10, 20 (sorting "9" after "20" as text would be wrong)
//   B: 1 5 4
//   C: 0 0 20
ConfusionMatrix exampleConfusion();
QStringList exampleNames(); // A, B, C
// An evaluation with exactly this confusion: samples in row-major cell order,
// the predicted class at probability 0.7, the rest shared equally.
Evaluation evaluationFrom(const ConfusionMatrix& confusion, double logLoss);
// A run around `test` (and optionally `validation`) with class names `names`.
std::shared_ptr<const RunRecord> runWith(const QString& name, std::shared_ptr<const Evaluation> test,
                                         std::shared_ptr<const Evaluation> validation, const QStringList& names);
// A tiny real run: a softmax layer trained for one epoch on 8x8 quadrant
// images of 4 classes with a tiny learning rate, so that it still errs; test
// and validation evaluated by the trainer.
std::shared_ptr<const RunRecord> tinyRealRun();
// A random-ish confusion matrix of `classes` classes (mostly diagonal).
ConfusionMatrix largeConfusion(int classes);

} // namespace mlps::ui::testing
