#include "nn/Misclassified.h"

#include <algorithm>

namespace mlps {

std::vector<Misclassified> misclassified(const Evaluation& evaluation)
{
    std::vector<Misclassified> wrong;
    for (std::int64_t i = 0; i < evaluation.count(); ++i) {
        const std::int32_t truth = evaluation.trueLabels[std::size_t(i)];
        const std::int32_t predicted = evaluation.predicted[std::size_t(i)];
        if (truth == predicted)
            continue;
        wrong.push_back({i, truth, predicted, evaluation.probabilities(predicted, i), evaluation.probabilities(truth, i)});
    }
    std::stable_sort(wrong.begin(), wrong.end(),
                     [](const Misclassified& a, const Misclassified& b) { return a.confidence > b.confidence; });
    return wrong;
}

} // namespace mlps
