#include "CellSamples.h"

#include "nn/Metrics.h"

#include <QSet>

namespace mlps::ui {

std::vector<std::int64_t> samplesInCells(const Evaluation& evaluation, const QList<QPoint>& cells)
{
    const QSet<QPoint> wanted(cells.begin(), cells.end());
    std::vector<std::int64_t> samples;
    const auto n = std::min(evaluation.trueLabels.size(), evaluation.predicted.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (wanted.contains(QPoint(evaluation.predicted[i], evaluation.trueLabels[i])))
            samples.push_back(std::int64_t(i));
    }
    return samples;
}

} // namespace mlps::ui
