#include "nn/Saliency.h"

#include "nn/Network.h"

#include <stdexcept>
#include <string>

namespace mlps {

namespace {

void checkInput(const Network& network, Index features)
{
    if (features != network.spec().inputSize)
        throw std::invalid_argument("the input has " + std::to_string(features) + " features, the network expects "
                                    + std::to_string(network.spec().inputSize));
}

void checkClass(const Network& network, int cls)
{
    if (cls < 0 || cls >= network.spec().classes)
        throw std::invalid_argument("class " + std::to_string(cls) + " is not one of the network's "
                                    + std::to_string(network.spec().classes) + " classes");
}

} // namespace

Eigen::MatrixXf classScoreGradients(Network& network, ConstMatrixRef batch, const std::vector<std::int32_t>& classes)
{
    checkInput(network, batch.rows());
    if (Index(classes.size()) != batch.cols())
        throw std::invalid_argument("one class per column is needed: " + std::to_string(classes.size())
                                    + " classes for " + std::to_string(batch.cols()) + " columns");
    // dL/dlogits = one-hot(c): back-propagating it gives d z_c / d input.
    Eigen::MatrixXf oneHot = Eigen::MatrixXf::Zero(network.spec().classes, batch.cols());
    for (Index j = 0; j < batch.cols(); ++j) {
        checkClass(network, classes[std::size_t(j)]);
        oneHot(classes[std::size_t(j)], j) = 1.0f;
    }
    return network.inputGradient(batch, oneHot);
}

Eigen::VectorXf classScoreGradient(Network& network, const float* input, int features, int cls)
{
    checkInput(network, features);
    const Eigen::Map<const Eigen::MatrixXf> column(input, features, 1);
    return classScoreGradients(network, column, {cls}).col(0);
}

Eigen::VectorXf classContrastGradient(Network& network, const float* input, int features, int a, int b)
{
    checkInput(network, features);
    checkClass(network, a);
    checkClass(network, b);
    const Eigen::Map<const Eigen::MatrixXf> column(input, features, 1);
    Eigen::MatrixXf gradLogits = Eigen::MatrixXf::Zero(network.spec().classes, 1);
    gradLogits(a, 0) += 1.0f;
    gradLogits(b, 0) -= 1.0f;
    return network.inputGradient(column, gradLogits).col(0);
}

} // namespace mlps
