#include "nn/ModelSummary.h"

#include <cstdio>
#include <sstream>

namespace mlps {
namespace {

std::string formatFloat(float value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", double(value));
    return text;
}

} // namespace

ModelSummary summarize(const NetworkSpec& spec)
{
    ModelSummary summary;
    int width = spec.inputSize;
    int denseCount = 0;
    int dropoutCount = 0;
    auto addDense = [&](std::string name, int units, Activation activation, float l2) {
        SummaryRow row;
        row.name = std::move(name);
        row.type = "Dense";
        row.detail = activation == Activation::Linear && row.name == "output" ? "softmax" : activationName(activation);
        if (l2 > 0.0f)
            row.detail += ", L2 " + formatFloat(l2);
        row.outputSize = units;
        row.parameters = std::int64_t(width) * units + units;
        summary.rows.push_back(row);
        width = units;
    };
    for (const LayerSpec& layer : spec.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            addDense("dense_" + std::to_string(++denseCount), dense->units, dense->activation, dense->l2);
        } else {
            SummaryRow row;
            row.name = "dropout_" + std::to_string(++dropoutCount);
            row.type = "Dropout";
            row.detail = "rate " + formatFloat(std::get<DropoutSpec>(layer).rate);
            row.outputSize = width;
            summary.rows.push_back(row);
        }
    }
    addDense("output", spec.classes, Activation::Linear, spec.outputL2);
    for (const SummaryRow& row : summary.rows)
        summary.totalParameters += row.parameters;
    for (SummaryRow& row : summary.rows)
        row.share = summary.totalParameters > 0 ? double(row.parameters) / double(summary.totalParameters) : 0.0;
    return summary;
}

std::string ModelSummary::toText() const
{
    std::ostringstream out;
    char line[160];
    std::snprintf(line, sizeof line, "%-12s %-8s %-24s %-14s %10s %7s\n", "Layer", "Type", "Detail", "Output shape",
                  "Param #", "Share");
    out << line;
    for (const SummaryRow& row : rows) {
        const std::string shape = "(None, " + std::to_string(row.outputSize) + ")";
        std::snprintf(line, sizeof line, "%-12s %-8s %-24s %-14s %10lld %6.1f%%\n", row.name.c_str(),
                      row.type.c_str(), row.detail.c_str(), shape.c_str(), static_cast<long long>(row.parameters),
                      100.0 * row.share);
        out << line;
    }
    out << "Total params: " << totalParameters << "\n";
    return out.str();
}

} // namespace mlps
