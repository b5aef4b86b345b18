#include "nn/Layer.h"

namespace mlps {

void Layer::backward(ConstMatrixRef in, ConstMatrixRef out, MatrixRef gradOut, MatrixRef gradIn, bool needGradIn)
{
    backwardInput(out, gradOut, gradIn, needGradIn, PassContext{});
    parameterGradient(in, gradOut, 0, gradientColumns(), true);
}

} // namespace mlps
