#pragma once

#include "nn/AugmentSpec.h"
#include "nn/Layer.h"
#include "nn/LayerSpec.h"
#include "nn/ParameterLayout.h"
#include "nn/SampleView.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps {

class Augmenter;
class Optimizer;
class ThreadTeam;

// The outcome of one training batch.
struct BatchResult {
    double meanLoss = 0.0;      // mean cross-entropy over the batch
    double penalty = 0.0;       // the L2 term at the weights the batch saw
    std::int64_t correct = 0;   // samples whose arg-max was the true class
    Index size = 0;
    double loss() const { return meanLoss + penalty; } // what Keras reports
};

// A feed-forward network built from a NetworkSpec: the hidden layers, then a
// dense output layer with a fused softmax + cross-entropy loss. It owns one
// flat parameter buffer and one flat gradient buffer; layers see slices.
//
// On `threads` threads a training step runs in two phases. First each thread
// takes a block of the batch's columns through the forward pass, the loss and
// the backward pass down to every layer's delta (no thread waits for another:
// a column depends only on itself). Then, after one barrier, each thread takes
// a share of every layer's weight columns, computes their gradient from the
// whole batch (dW = delta x^T, no partial sums to add up) and updates them
// with the optimizer while they are still in cache. Nothing depends on timing,
// so a run is reproducible bit for bit for a given thread count.
class Network {
public:
    explicit Network(const NetworkSpec& spec, int threads = 1);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    const NetworkSpec& spec() const { return m_spec; }
    const ParameterLayout& layout() const { return m_layout; }
    Index parameterCount() const { return m_layout.total; }
    int threads() const { return m_threads; }

    Eigen::VectorXf& parameters() { return m_parameters; }
    const Eigen::VectorXf& parameters() const { return m_parameters; }
    // The gradient of the last computeGradient() (mean over the batch, plus L2).
    const Eigen::VectorXf& gradient() const { return m_gradient; }

    // He/Glorot weights and zero biases from the seed's init stream.
    void initialize(std::uint64_t seed);

    // Forward and backward over one batch (features x n, values in [0, 1]):
    // leaves the mean gradient, L2 included, in gradient().
    BatchResult computeGradient(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context);

    // computeGradient() and the optimizer's update, fused: each thread sums the
    // partial gradients of its slice of parameters, adds the L2 term and updates them.
    BatchResult trainStep(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                       Optimizer& optimizer, float learningRate);

    // trainStep() on the samples order[0..n) of `view`; each thread converts
    // its own columns of the batch from uint8 as it starts on them and, in
    // Mode::Train with an enabled `augment`, augments them (Augmenter), each
    // sample from its own stream (seed, step, position in the batch), so the
    // batch does not depend on the thread count. The per-thread Augmenters are
    // built when the spec first differs from the last one's; augment's image
    // size must match the input size.
    BatchResult trainStep(const SampleView& view, const std::int64_t* order, Index n, const PassContext& context,
                          Optimizer& optimizer, float learningRate, const AugmentSpec& augment = {});

    // sum over dense layers of l2 * sum(W^2): the regularization term of the loss.
    double l2Penalty() const;

    // Class probabilities (classes x n) for a batch of inputs.
    void predict(ConstMatrixRef batch, MatrixRef probabilities);
    // Class probabilities (classes x view.count) for every sample of a view.
    Eigen::MatrixXf predict(const SampleView& view);

    // Back-propagates dL/dlogits = gradLogits (classes x n) to the inputs, for
    // saliency maps; returns dL/dinput (features x n). Uses Infer mode; the
    // parameters' gradient() is left as it was.
    Eigen::MatrixXf inputGradient(ConstMatrixRef batch, ConstMatrixRef gradLogits);

private:
    struct Buffers;

    // Forward, loss and backward to the deltas for the columns [begin, end).
    // Samples to gather into the batch's columns as the column phase starts,
    // and when set, one Augmenter per part to augment them with.
    struct Gather {
        const SampleView* view = nullptr;
        const std::int64_t* order = nullptr;
        std::int32_t* labels = nullptr;
        Augmenter* augmenters = nullptr;
    };
    // `part` (of m_threads) is the share of the columns, which picks the Augmenter.
    LossSums columnPhase(ConstMatrixRef batch, const std::int32_t* labels, Index begin, Index end, int part,
                         float gradScale, const PassContext& context, const Gather& gather);
    void forwardColumns(ConstMatrixRef input, Index begin, Index end, const PassContext& context);
    // Weight gradients (and biases) of part `part` of `parts`, with L2, then
    // the optimizer's update of those parameters when one is given. Returns
    // that share of the L2 penalty (at the weights before the update).
    double parameterPhase(ConstMatrixRef batch, int part, int parts, Optimizer* optimizer, float learningRate);
    void reserve(Index n);
    // The m_threads Augmenters for `spec`, rebuilt only when the spec changes.
    Augmenter* augmenters(const AugmentSpec& spec);
    BatchResult run(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                    Optimizer* optimizer, float learningRate, const Gather& gather);

    NetworkSpec m_spec;
    ParameterLayout m_layout;
    Eigen::VectorXf m_parameters;
    Eigen::VectorXf m_gradient;
    int m_threads = 1;
    std::vector<std::unique_ptr<Layer>> m_layers;
    std::unique_ptr<Buffers> m_buffers;
    std::unique_ptr<ThreadTeam> m_team; // the threads of a step; null on one thread
};

} // namespace mlps
