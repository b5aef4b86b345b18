#include "nn/LayerSpec.h"

#include <cmath>

namespace mlps {

const char* initName(Init init)
{
    switch (init) {
    case Init::HeUniform: return "he_uniform";
    case Init::HeNormal: return "he_normal";
    case Init::GlorotUniform: return "glorot_uniform";
    case Init::GlorotNormal: return "glorot_normal";
    }
    return "?";
}

bool parseInit(const std::string& name, Init& out)
{
    if (name == "he" || name == "he_uniform" || name == "he-uniform")
        out = Init::HeUniform;
    else if (name == "he_normal" || name == "he-normal")
        out = Init::HeNormal;
    else if (name == "glorot" || name == "xavier" || name == "glorot_uniform" || name == "glorot-uniform")
        out = Init::GlorotUniform;
    else if (name == "glorot_normal" || name == "glorot-normal")
        out = Init::GlorotNormal;
    else
        return false;
    return true;
}

namespace {

std::string checkL2(float l2, const std::string& where)
{
    if (!std::isfinite(l2) || l2 < 0.0f)
        return where + ": L2 factor must be a finite number >= 0, got " + std::to_string(l2);
    return {};
}

} // namespace

NetworkSpec labNetworkSpec(float l2, float dropoutRate, int dropoutsAfter)
{
    NetworkSpec spec;
    spec.inputSize = 784;
    spec.classes = 10;
    int dense = 0;
    for (int units : {128, 256, 128, 64}) {
        spec.hidden.push_back(DenseSpec{units, Activation::Relu, l2});
        if (++dense <= dropoutsAfter)
            spec.hidden.push_back(DropoutSpec{dropoutRate});
    }
    spec.outputL2 = l2;
    return spec;
}

std::string NetworkSpec::validate() const
{
    if (inputSize <= 0)
        return "input size must be positive, got " + std::to_string(inputSize);
    if (classes < 2)
        return "the output needs at least 2 classes, got " + std::to_string(classes);
    for (std::size_t i = 0; i < hidden.size(); ++i) {
        const std::string where = "layer " + std::to_string(i + 1);
        if (const auto* dense = std::get_if<DenseSpec>(&hidden[i])) {
            if (dense->units <= 0)
                return where + ": a dense layer needs at least 1 unit, got " + std::to_string(dense->units);
            if (auto problem = checkL2(dense->l2, where); !problem.empty())
                return problem;
        } else if (const auto* dropout = std::get_if<DropoutSpec>(&hidden[i])) {
            if (!(dropout->rate >= 0.0f && dropout->rate < 1.0f))
                return where + ": dropout rate must be in [0, 1), got " + std::to_string(dropout->rate);
        }
    }
    return checkL2(outputL2, "output layer");
}

} // namespace mlps
