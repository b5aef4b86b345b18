#include "export/ExportedModel.h"

#include "nn/Network.h"

namespace mlps {

std::string ExportedModel::validate() const
{
    if (std::string problem = network.validate(); !problem.empty())
        return problem;
    if (imageWidth < 1 || imageHeight < 1 || imageWidth * imageHeight != network.inputSize)
        return "the image size " + std::to_string(imageWidth) + "x" + std::to_string(imageHeight)
               + " does not match the network's " + std::to_string(network.inputSize) + " inputs";
    if (!classNames.empty() && int(classNames.size()) != network.classes)
        return std::to_string(classNames.size()) + " class names for a network of " + std::to_string(network.classes)
               + " classes";
    const Index expected = layout().total;
    if (parameters.size() != expected)
        return "the model has " + std::to_string(parameters.size()) + " parameters, its network needs "
               + std::to_string(expected);
    if (!parameters.allFinite())
        return "the weights are not all finite numbers (did the training diverge?)";
    return {};
}

ParameterLayout ExportedModel::layout() const
{
    // The network is the one authority on its layout.
    return Network(network).layout();
}

std::vector<Activation> ExportedModel::activations() const
{
    std::vector<Activation> result;
    for (const LayerSpec& layer : network.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer))
            result.push_back(dense->activation);
    }
    result.push_back(Activation::Linear);
    return result;
}

std::vector<std::string> ExportedModel::effectiveClassNames() const
{
    if (!classNames.empty())
        return classNames;
    std::vector<std::string> names;
    for (int c = 0; c < network.classes; ++c)
        names.push_back(std::to_string(c));
    return names;
}

} // namespace mlps
