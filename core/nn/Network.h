#pragma once

#include "nn/Layer.h"
#include "nn/LayerSpec.h"
#include "nn/ParameterLayout.h"
#include "nn/SampleView.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps {

class Optimizer;

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
// flat parameter buffer (layers see slices of it) and computes on `threads`
// threads by splitting each batch's columns into one chunk per thread; each
// thread has its own layer objects, activations and gradient buffer, and the
// gradients are summed in a fixed order, so a run is reproducible bit for bit
// for a given thread count.
class Network {
public:
    explicit Network(const NetworkSpec& spec, int threads = 1);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    const NetworkSpec& spec() const { return m_spec; }
    const ParameterLayout& layout() const { return m_layout; }
    Index parameterCount() const { return m_layout.total; }
    int threads() const { return int(m_replicas.size()); }

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

    // sum over dense layers of l2 * sum(W^2): the regularization term of the loss.
    double l2Penalty() const;

    // Class probabilities (classes x n) for a batch of inputs.
    void predict(ConstMatrixRef batch, MatrixRef probabilities);
    // Class probabilities (classes x view.count) for every sample of a view.
    Eigen::MatrixXf predict(const SampleView& view);

    // Back-propagates dL/dlogits = gradLogits (classes x n) to the inputs, for
    // saliency maps; returns dL/dinput (features x n). Uses Infer mode and
    // overwrites gradient().
    Eigen::MatrixXf inputGradient(ConstMatrixRef batch, ConstMatrixRef gradLogits);

private:
    struct Replica;

    void forwardChunk(Replica& replica, ConstMatrixRef input, const PassContext& context);
    LossSums backwardChunk(Replica& replica, ConstMatrixRef input, const std::int32_t* labels,
                           float gradScale, const PassContext& context);
    // The chunk of `batch` that thread t works on; sets the replica's `active`.
    void chunkWork(int t, ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context);
    // Sums the replicas' gradients over [begin, end) into m_gradient, adds
    // 2 * l2 * W there and returns the slice's share of the L2 penalty.
    double reduceGradient(Index begin, Index end);
    BatchResult gather(Index n, double penalty) const;
    BatchResult trainStepImpl(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                              Optimizer* optimizer, float learningRate);
    std::pair<Index, Index> parameterSlice(int t) const;

    NetworkSpec m_spec;
    ParameterLayout m_layout;
    Eigen::VectorXf m_parameters;
    Eigen::VectorXf m_gradient;
    std::vector<std::unique_ptr<Replica>> m_replicas;
};

} // namespace mlps
