#include "nn/Network.h"

#include "nn/DenseLayer.h"
#include "nn/DropoutLayer.h"
#include "nn/Optimizer.h"
#include "nn/Rng.h"

#include <omp.h>

#include <stdexcept>

namespace mlps {

// Everything one thread needs to run its chunk of a batch.
struct Network::Replica {
    std::vector<std::unique_ptr<Layer>> layers;
    std::vector<Eigen::MatrixXf> outputs;   // outputs[k]: layer k's output, capacity columns
    std::vector<Eigen::MatrixXf> gradients; // gradients[k]: dL/d outputs[k]
    Eigen::MatrixXf probabilities;
    Eigen::MatrixXf input;                  // scratch for predict(view)
    Eigen::VectorXf ownGradient;            // parameter gradient (not used by replica 0)
    float* gradient = nullptr;
    Index capacity = 0;
    bool active = false;
    LossSums sums;

    void reserve(Index n)
    {
        if (n <= capacity)
            return;
        for (std::size_t k = 0; k < layers.size(); ++k) {
            outputs[k].resize(layers[k]->outputSize(), n);
            gradients[k].resize(layers[k]->outputSize(), n);
            layers[k]->reserve(n);
        }
        probabilities.resize(layers.back()->outputSize(), n);
        capacity = n;
    }
};

namespace {

// Parameter slices handed to threads start on 64-byte boundaries.
constexpr Index kSliceAlign = 16;

std::pair<Index, Index> chunkOf(Index n, int t, int threads)
{
    return {n * t / threads, n * (t + 1) / threads};
}

} // namespace

Network::Network(const NetworkSpec& spec, int threads)
    : m_spec(spec)
{
    if (const std::string problem = spec.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    threads = std::max(1, threads);

    // The layout: one dense block per Dense layer and the output.
    int width = spec.inputSize;
    int denseCount = 0;
    auto addBlock = [&](int layerIndex, int outputs, float l2, std::string name) {
        DenseBlock block;
        block.name = std::move(name);
        block.layerIndex = layerIndex;
        block.inputs = width;
        block.outputs = outputs;
        block.weightOffset = m_layout.total;
        block.biasOffset = block.weightOffset + block.weightCount();
        block.l2 = l2;
        m_layout.total = block.biasOffset + outputs;
        m_layout.blocks.push_back(block);
    };
    for (std::size_t k = 0; k < spec.hidden.size(); ++k) {
        if (const auto* dense = std::get_if<DenseSpec>(&spec.hidden[k])) {
            addBlock(int(k), dense->units, dense->l2, "dense_" + std::to_string(++denseCount));
            width = dense->units;
        }
    }
    addBlock(int(spec.hidden.size()), spec.classes, spec.outputL2, "output");

    m_parameters.setZero(m_layout.total);
    m_gradient.setZero(m_layout.total);

    for (int t = 0; t < threads; ++t) {
        auto replica = std::make_unique<Replica>();
        if (t > 0)
            replica->ownGradient.setZero(m_layout.total);
        replica->gradient = t == 0 ? m_gradient.data() : replica->ownGradient.data();
        int inputs = spec.inputSize;
        std::size_t block = 0;
        auto addDense = [&](const DenseSpec& dense) {
            auto layer = std::make_unique<DenseLayer>(inputs, dense);
            const Index offset = m_layout.blocks[block++].weightOffset;
            layer->bind(m_parameters.data() + offset, replica->gradient + offset);
            replica->layers.push_back(std::move(layer));
            inputs = dense.units;
        };
        for (const LayerSpec& layerSpec : spec.hidden) {
            if (const auto* dense = std::get_if<DenseSpec>(&layerSpec))
                addDense(*dense);
            else
                replica->layers.push_back(std::make_unique<DropoutLayer>(inputs, std::get<DropoutSpec>(layerSpec).rate));
        }
        addDense(DenseSpec{spec.classes, Activation::Linear, spec.outputL2});
        replica->outputs.resize(replica->layers.size());
        replica->gradients.resize(replica->layers.size());
        m_replicas.push_back(std::move(replica));
    }
}

Network::~Network() = default;

void Network::initialize(std::uint64_t seed)
{
    Rng rng(seed, RngStream::Init);
    for (const DenseBlock& block : m_layout.blocks) {
        DenseLayer::initialize(m_parameters.data() + block.weightOffset, m_parameters.data() + block.biasOffset,
                               block.outputs, block.inputs, m_spec.init, rng);
    }
}

void Network::forwardChunk(Replica& replica, ConstMatrixRef input, const PassContext& context)
{
    const Index n = input.cols();
    PassContext layerContext = context;
    for (std::size_t k = 0; k < replica.layers.size(); ++k) {
        layerContext.layerIndex = int(k);
        auto out = replica.outputs[k].leftCols(n);
        if (k == 0)
            replica.layers[k]->forward(input, out, layerContext);
        else
            replica.layers[k]->forward(replica.outputs[k - 1].leftCols(n), out, layerContext);
    }
}

LossSums Network::backwardChunk(Replica& replica, ConstMatrixRef input, const std::int32_t* labels,
                                float gradScale, const PassContext&)
{
    const Index n = input.cols();
    const std::size_t last = replica.layers.size() - 1;
    const LossSums sums = softmaxCrossEntropy(replica.outputs[last].leftCols(n), labels,
                                              replica.probabilities.leftCols(n),
                                              replica.gradients[last].leftCols(n), gradScale);
    Eigen::MatrixXf none;
    for (std::size_t k = last + 1; k-- > 0;) {
        auto out = replica.outputs[k].leftCols(n);
        auto gradOut = replica.gradients[k].leftCols(n);
        if (k == 0)
            replica.layers[k]->backward(input, out, gradOut, none, false);
        else
            replica.layers[k]->backward(replica.outputs[k - 1].leftCols(n), out, gradOut,
                                        replica.gradients[k - 1].leftCols(n), true);
    }
    return sums;
}

void Network::chunkWork(int t, ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context)
{
    Replica& replica = *m_replicas[t];
    const auto [begin, end] = chunkOf(batch.cols(), t, threads());
    replica.active = end > begin;
    replica.sums = {};
    if (!replica.active)
        return;
    replica.reserve(end - begin);
    PassContext chunkContext = context;
    chunkContext.firstSample = begin;
    const auto input = batch.middleCols(begin, end - begin);
    forwardChunk(replica, input, chunkContext);
    replica.sums = backwardChunk(replica, input, labels + begin, 1.0f / float(batch.cols()), chunkContext);
}

std::pair<Index, Index> Network::parameterSlice(int t) const
{
    const Index total = m_layout.total;
    auto edge = [&](int i) {
        if (i >= threads())
            return total;
        return std::min(total, (total * i / threads()) / kSliceAlign * kSliceAlign);
    };
    return {edge(t), edge(t + 1)};
}

double Network::reduceGradient(Index begin, Index end)
{
    if (begin >= end)
        return 0.0;
    float* g = m_gradient.data();
    if (!m_replicas[0]->active)
        std::fill(g + begin, g + end, 0.0f);
    for (std::size_t r = 1; r < m_replicas.size(); ++r) {
        if (!m_replicas[r]->active)
            continue;
        const float* other = m_replicas[r]->gradient;
        for (Index i = begin; i < end; ++i)
            g[i] += other[i];
    }
    // d/dW of l2 * sum(W^2) is 2 * l2 * W.
    double penalty = 0.0;
    const float* w = m_parameters.data();
    for (const DenseBlock& block : m_layout.blocks) {
        if (block.l2 == 0.0f)
            continue;
        const Index lo = std::max(begin, block.weightOffset);
        const Index hi = std::min(end, block.biasOffset);
        if (lo >= hi)
            continue;
        const float twoL2 = 2.0f * block.l2;
        double squares = 0.0;
        for (Index i = lo; i < hi; ++i) {
            squares += double(w[i]) * w[i];
            g[i] += twoL2 * w[i];
        }
        penalty += block.l2 * squares;
    }
    return penalty;
}

BatchResult Network::gather(Index n, double penalty) const
{
    BatchResult result;
    result.size = n;
    result.penalty = penalty;
    double loss = 0.0;
    for (const auto& replica : m_replicas) {
        loss += replica->sums.loss;
        result.correct += replica->sums.correct;
    }
    result.meanLoss = n > 0 ? loss / double(n) : 0.0;
    return result;
}

BatchResult Network::computeGradient(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context)
{
    return trainStepImpl(batch, labels, context, nullptr, 0.0f);
}

BatchResult Network::trainStep(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                               Optimizer& optimizer, float learningRate)
{
    return trainStepImpl(batch, labels, context, &optimizer, learningRate);
}

BatchResult Network::trainStepImpl(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                                   Optimizer* optimizer, float learningRate)
{
    if (batch.rows() != m_spec.inputSize)
        throw std::invalid_argument("batch has " + std::to_string(batch.rows()) + " features, the network expects "
                                    + std::to_string(m_spec.inputSize));
    const int threadCount = threads();
    std::vector<double> penalties(std::size_t(threadCount), 0.0);
    if (optimizer)
        optimizer->beginStep();
    if (threadCount == 1) {
        chunkWork(0, batch, labels, context);
        penalties[0] = reduceGradient(0, m_layout.total);
        if (optimizer)
            optimizer->update(m_parameters.data(), m_gradient.data(), 0, m_layout.total, learningRate);
    } else {
#pragma omp parallel num_threads(threadCount)
        {
            const int team = omp_get_num_threads();
            for (int t = omp_get_thread_num(); t < threadCount; t += team)
                chunkWork(t, batch, labels, context);
#pragma omp barrier
            for (int t = omp_get_thread_num(); t < threadCount; t += team) {
                const auto [begin, end] = parameterSlice(t);
                penalties[std::size_t(t)] = reduceGradient(begin, end);
                if (optimizer && begin < end)
                    optimizer->update(m_parameters.data(), m_gradient.data(), begin, end, learningRate);
            }
        }
    }
    double penalty = 0.0;
    for (double p : penalties)
        penalty += p;
    return gather(batch.cols(), penalty);
}

double Network::l2Penalty() const
{
    double penalty = 0.0;
    for (const DenseBlock& block : m_layout.blocks) {
        if (block.l2 != 0.0f)
            penalty += block.l2 * double(m_parameters.segment(block.weightOffset, block.weightCount()).squaredNorm());
    }
    return penalty;
}

void Network::predict(ConstMatrixRef batch, MatrixRef probabilities)
{
    Replica& replica = *m_replicas[0];
    constexpr Index block = 256;
    replica.reserve(std::min<Index>(block, batch.cols()));
    for (Index start = 0; start < batch.cols(); start += block) {
        const Index n = std::min(block, batch.cols() - start);
        forwardChunk(replica, batch.middleCols(start, n), PassContext{});
        softmax(replica.outputs.back().leftCols(n), probabilities.middleCols(start, n));
    }
}

Eigen::MatrixXf Network::predict(const SampleView& view)
{
    if (view.features != m_spec.inputSize)
        throw std::invalid_argument("the data has " + std::to_string(view.features)
                                    + " features per sample, the network expects " + std::to_string(m_spec.inputSize));
    Eigen::MatrixXf probabilities(m_spec.classes, view.count);
    constexpr Index block = 256;
    const Index blocks = (view.count + block - 1) / block;
    const int threadCount = threads();
#pragma omp parallel for num_threads(threadCount) schedule(dynamic) if (threadCount > 1 && blocks > 1)
    for (Index b = 0; b < blocks; ++b) {
        Replica& replica = *m_replicas[std::size_t(omp_get_thread_num()) % m_replicas.size()];
        const Index start = b * block;
        const Index n = std::min(block, view.count - start);
        replica.reserve(block);
        if (replica.input.cols() < block)
            replica.input.resize(m_spec.inputSize, block);
        std::vector<std::int64_t> order(static_cast<std::size_t>(n));
        for (Index j = 0; j < n; ++j)
            order[std::size_t(j)] = start + j;
        auto input = replica.input.leftCols(n);
        gatherBatch(view, order.data(), n, input, nullptr);
        forwardChunk(replica, input, PassContext{});
        softmax(replica.outputs.back().leftCols(n), probabilities.middleCols(start, n));
    }
    return probabilities;
}

Eigen::MatrixXf Network::inputGradient(ConstMatrixRef batch, ConstMatrixRef gradLogits)
{
    Replica& replica = *m_replicas[0];
    const Index n = batch.cols();
    replica.reserve(n);
    forwardChunk(replica, batch, PassContext{});
    const std::size_t last = replica.layers.size() - 1;
    replica.gradients[last].leftCols(n) = gradLogits;
    Eigen::MatrixXf gradInput(m_spec.inputSize, n);
    for (std::size_t k = last + 1; k-- > 0;) {
        auto out = replica.outputs[k].leftCols(n);
        auto gradOut = replica.gradients[k].leftCols(n);
        if (k == 0)
            replica.layers[k]->backward(batch, out, gradOut, gradInput, true);
        else
            replica.layers[k]->backward(replica.outputs[k - 1].leftCols(n), out, gradOut,
                                        replica.gradients[k - 1].leftCols(n), true);
    }
    return gradInput;
}

} // namespace mlps
