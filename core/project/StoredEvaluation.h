#pragma once

#include "nn/Metrics.h"

namespace mlps {

// A run's answers on its validation or test set as a project file keeps them:
// scores, log-loss, confusion matrix, true and predicted labels and the class
// probabilities (classes x samples). nn's Evaluation holds exactly these.
using StoredEvaluation = Evaluation;

} // namespace mlps
