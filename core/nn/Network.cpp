#include "nn/Network.h"

#include "nn/Augmenter.h"
#include "nn/DenseLayer.h"
#include "nn/DropoutLayer.h"
#include "nn/Optimizer.h"
#include "nn/Rng.h"
#include "nn/ThreadTeam.h"

#include <atomic>
#include <stdexcept>

namespace mlps {

// Activations and their gradients for up to `capacity` columns.
struct Network::Buffers {
    std::vector<Eigen::MatrixXf> outputs;   // outputs[k]: layer k's output
    std::vector<Eigen::MatrixXf> gradients; // gradients[k]: dL/d outputs[k], then layer k's delta
    Eigen::MatrixXf probabilities;
    Eigen::MatrixXf input;                  // batches assembled from uint8 samples
    std::vector<std::int32_t> labels;       // and their labels
    std::vector<Augmenter> augmenters;      // one per part (thread), with its own scratch
    Index capacity = 0;
};

namespace {

// Block t of T of n items: [n t / T, n (t + 1) / T).
std::pair<Index, Index> share(Index n, int t, int parts)
{
    return {n * t / parts, n * (t + 1) / parts};
}

// Columns of the batches predict(view) assembles, per thread.
constexpr Index kPredictBlock = 256;

} // namespace

Network::Network(const NetworkSpec& spec, int threads)
    : m_spec(spec)
    , m_threads(std::max(1, threads))
    , m_buffers(std::make_unique<Buffers>())
    , m_team(m_threads > 1 ? std::make_unique<ThreadTeam>(m_threads) : nullptr)
{
    if (const std::string problem = spec.validate(); !problem.empty())
        throw std::invalid_argument(problem);

    int width = spec.inputSize;
    int denseCount = 0;
    auto addDense = [&](const DenseSpec& dense, std::string name) {
        DenseBlock block;
        block.name = std::move(name);
        block.layerIndex = int(m_layers.size());
        block.inputs = width;
        block.outputs = dense.units;
        block.weightOffset = m_layout.total;
        block.biasOffset = block.weightOffset + block.weightCount();
        block.l2 = dense.l2;
        m_layout.total = block.biasOffset + dense.units;
        m_layout.blocks.push_back(block);
        m_layers.push_back(std::make_unique<DenseLayer>(width, dense));
        width = dense.units;
    };
    for (const LayerSpec& layer : spec.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer))
            addDense(*dense, "dense_" + std::to_string(++denseCount));
        else
            m_layers.push_back(std::make_unique<DropoutLayer>(width, std::get<DropoutSpec>(layer).rate));
    }
    addDense(DenseSpec{spec.classes, Activation::Linear, spec.outputL2}, "output");

    m_parameters.setZero(m_layout.total);
    m_gradient.setZero(m_layout.total);
    for (const DenseBlock& block : m_layout.blocks) {
        m_layers[std::size_t(block.layerIndex)]->bind(m_parameters.data() + block.weightOffset,
                                                      m_gradient.data() + block.weightOffset);
    }
    m_buffers->outputs.resize(m_layers.size());
    m_buffers->gradients.resize(m_layers.size());
}

Network::~Network() = default;

void Network::reserve(Index n)
{
    Buffers& buffers = *m_buffers;
    if (n <= buffers.capacity)
        return;
    for (std::size_t k = 0; k < m_layers.size(); ++k) {
        buffers.outputs[k].resize(m_layers[k]->outputSize(), n);
        buffers.gradients[k].resize(m_layers[k]->outputSize(), n);
        m_layers[k]->reserve(n);
    }
    buffers.probabilities.resize(m_spec.classes, n);
    buffers.capacity = n;
}

void Network::initialize(std::uint64_t seed)
{
    Rng rng(seed, RngStream::Init);
    for (const DenseBlock& block : m_layout.blocks) {
        DenseLayer::initialize(m_parameters.data() + block.weightOffset, m_parameters.data() + block.biasOffset,
                               block.outputs, block.inputs, m_spec.init, rng);
    }
}

void Network::forwardColumns(ConstMatrixRef input, Index begin, Index end, const PassContext& context)
{
    const Index n = end - begin;
    Buffers& buffers = *m_buffers;
    PassContext layerContext = context;
    layerContext.firstSample = begin;
    for (std::size_t k = 0; k < m_layers.size(); ++k) {
        layerContext.layerIndex = int(k);
        auto out = buffers.outputs[k].middleCols(begin, n);
        if (k == 0)
            m_layers[k]->forward(input.middleCols(begin, n), out, layerContext);
        else
            m_layers[k]->forward(buffers.outputs[k - 1].middleCols(begin, n), out, layerContext);
    }
}

LossSums Network::columnPhase(ConstMatrixRef batch, const std::int32_t* labels, Index begin, Index end, int part,
                              float gradScale, const PassContext& context, const Gather& gather)
{
    const Index n = end - begin;
    Buffers& buffers = *m_buffers;
    if (gather.view) {
        gatherBatch(*gather.view, gather.order + begin, n, buffers.input.middleCols(begin, n), gather.labels + begin);
        if (gather.augmenters)
            gather.augmenters[part].augmentColumns(buffers.input.middleCols(begin, n), context.seed, context.step, begin);
    }
    forwardColumns(batch, begin, end, context);
    const std::size_t last = m_layers.size() - 1;
    const LossSums sums = softmaxCrossEntropy(buffers.outputs[last].middleCols(begin, n), labels + begin,
                                              buffers.probabilities.middleCols(begin, n),
                                              buffers.gradients[last].middleCols(begin, n), gradScale,
                                              context.labelSmoothing);
    PassContext layerContext = context;
    layerContext.firstSample = begin;
    Eigen::MatrixXf none;
    for (std::size_t k = last + 1; k-- > 0;) {
        layerContext.layerIndex = int(k);
        auto out = buffers.outputs[k].middleCols(begin, n);
        auto delta = buffers.gradients[k].middleCols(begin, n);
        if (k == 0)
            m_layers[k]->backwardInput(out, delta, none, false, layerContext);
        else
            m_layers[k]->backwardInput(out, delta, buffers.gradients[k - 1].middleCols(begin, n), true, layerContext);
    }
    return sums;
}

double Network::parameterPhase(ConstMatrixRef batch, int part, int parts, Optimizer* optimizer, float learningRate)
{
    const Index n = batch.cols();
    Buffers& buffers = *m_buffers;
    float* w = m_parameters.data();
    float* g = m_gradient.data();
    double penalty = 0.0;
    for (std::size_t b = 0; b < m_layout.blocks.size(); ++b) {
        const DenseBlock& block = m_layout.blocks[b];
        const std::size_t k = std::size_t(block.layerIndex);
        const auto [first, last] = share(block.inputs, part, parts);
        const bool withBias = int(b % std::size_t(parts)) == part;
        ConstMatrixRef input = k == 0 ? batch : ConstMatrixRef(buffers.outputs[k - 1].leftCols(n));
        m_layers[k]->parameterGradient(input, buffers.gradients[k].leftCols(n), int(first), int(last), withBias);

        const Index begin = block.weightOffset + first * block.outputs;
        const Index end = block.weightOffset + last * block.outputs;
        if (block.l2 != 0.0f) {
            // The L2 term l2 * sum(W^2) adds 2 * l2 * W to the weights' gradient.
            const float twoL2 = 2.0f * block.l2;
            double squares = 0.0;
            for (Index i = begin; i < end; ++i) {
                squares += double(w[i]) * w[i];
                g[i] += twoL2 * w[i];
            }
            penalty += double(block.l2) * squares;
        }
        if (optimizer) {
            optimizer->update(w, g, begin, end, learningRate);
            if (withBias)
                optimizer->update(w, g, block.biasOffset, block.biasOffset + block.outputs, learningRate);
        }
    }
    return penalty;
}

BatchResult Network::run(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                         Optimizer* optimizer, float learningRate, const Gather& gather)
{
    if (batch.rows() != m_spec.inputSize)
        throw std::invalid_argument("batch has " + std::to_string(batch.rows()) + " features, the network expects "
                                    + std::to_string(m_spec.inputSize));
    if (batch.outerStride() != batch.rows()) // the kernels need columns back to back
        return run(Eigen::MatrixXf(batch), labels, context, optimizer, learningRate, gather);
    const Index n = batch.cols();
    reserve(n);
    const float gradScale = 1.0f / float(n);
    const int parts = m_threads;
    std::vector<LossSums> sums(static_cast<std::size_t>(parts));
    std::vector<double> penalties(std::size_t(parts), 0.0);
    if (optimizer)
        optimizer->beginStep();
    if (parts == 1) {
        sums[0] = columnPhase(batch, labels, 0, n, 0, gradScale, context, gather);
        penalties[0] = parameterPhase(batch, 0, 1, optimizer, learningRate);
    } else {
        m_team->run([&](int t) {
            const auto [begin, end] = share(n, t, parts);
            if (begin < end)
                sums[std::size_t(t)] = columnPhase(batch, labels, begin, end, t, gradScale, context, gather);
            m_team->barrier(); // every column's delta is ready
            penalties[std::size_t(t)] = parameterPhase(batch, t, parts, optimizer, learningRate);
        });
    }
    BatchResult result;
    result.size = n;
    double loss = 0.0;
    for (int t = 0; t < parts; ++t) {
        loss += sums[std::size_t(t)].loss;
        result.correct += sums[std::size_t(t)].correct;
        result.penalty += penalties[std::size_t(t)];
    }
    result.meanLoss = n > 0 ? loss / double(n) : 0.0;
    return result;
}

BatchResult Network::computeGradient(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context)
{
    return run(batch, labels, context, nullptr, 0.0f, Gather{});
}

BatchResult Network::trainStep(ConstMatrixRef batch, const std::int32_t* labels, const PassContext& context,
                               Optimizer& optimizer, float learningRate)
{
    return run(batch, labels, context, &optimizer, learningRate, Gather{});
}

Augmenter* Network::augmenters(const AugmentSpec& spec)
{
    std::vector<Augmenter>& perThread = m_buffers->augmenters;
    if (perThread.empty() || !(perThread.front().spec() == spec)) {
        perThread.clear();
        if (Index(spec.width) * spec.height != m_spec.inputSize)
            throw std::invalid_argument("the augmentation's image size " + std::to_string(spec.width) + "x"
                                        + std::to_string(spec.height) + " does not match the network's "
                                        + std::to_string(m_spec.inputSize) + " inputs");
        perThread.assign(std::size_t(m_threads), Augmenter(spec));
    }
    return perThread.data();
}

BatchResult Network::trainStep(const SampleView& view, const std::int64_t* order, Index n, const PassContext& context,
                               Optimizer& optimizer, float learningRate, const AugmentSpec& augment)
{
    if (view.features != m_spec.inputSize)
        throw std::invalid_argument("the data has " + std::to_string(view.features)
                                    + " features per sample, the network expects " + std::to_string(m_spec.inputSize));
    Buffers& buffers = *m_buffers;
    if (buffers.input.cols() < n)
        buffers.input.resize(m_spec.inputSize, n);
    if (Index(buffers.labels.size()) < n)
        buffers.labels.resize(static_cast<std::size_t>(n));
    // The columns are filled in by the threads (columnPhase) before anything reads them.
    Augmenter* augmenting = context.mode == Mode::Train && augment.enabled() ? augmenters(augment) : nullptr;
    return run(buffers.input.leftCols(n), buffers.labels.data(), context, &optimizer, learningRate,
               Gather{&view, order, buffers.labels.data(), augmenting});
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
    if (batch.outerStride() != batch.rows())
        return predict(Eigen::MatrixXf(batch), probabilities);
    const Index n = batch.cols();
    reserve(n);
    const int parts = m_threads;
    const auto forwardPart = [&](int t) {
        const auto [begin, end] = share(n, t, parts);
        if (begin >= end)
            return;
        forwardColumns(batch, begin, end, PassContext{});
        softmax(m_buffers->outputs.back().middleCols(begin, end - begin), probabilities.middleCols(begin, end - begin));
    };
    if (parts > 1 && n >= 2 * parts) {
        m_team->run(forwardPart);
    } else {
        for (int t = 0; t < parts; ++t)
            forwardPart(t);
    }
}

Eigen::MatrixXf Network::predict(const SampleView& view)
{
    if (view.features != m_spec.inputSize)
        throw std::invalid_argument("the data has " + std::to_string(view.features)
                                    + " features per sample, the network expects " + std::to_string(m_spec.inputSize));
    Eigen::MatrixXf probabilities(m_spec.classes, view.count);
    const Index blocks = (view.count + kPredictBlock - 1) / kPredictBlock;
    const int parts = m_threads;
    reserve(kPredictBlock * parts);
    Buffers& buffers = *m_buffers;
    if (buffers.input.cols() < kPredictBlock * parts)
        buffers.input.resize(m_spec.inputSize, kPredictBlock * parts);
    // Blocks are handed out one at a time to whichever part is free; a
    // block's probabilities depend only on its samples, not on the part.
    std::atomic<Index> nextBlock{0};
    const auto predictBlocks = [&](int part) {
        // Each part works in its own columns of the buffers.
        const Index column = kPredictBlock * part;
        std::vector<std::int64_t> order(static_cast<std::size_t>(kPredictBlock));
        for (Index b = nextBlock.fetch_add(1, std::memory_order_relaxed); b < blocks;
             b = nextBlock.fetch_add(1, std::memory_order_relaxed)) {
            const Index start = b * kPredictBlock;
            const Index n = std::min(kPredictBlock, view.count - start);
            for (Index j = 0; j < n; ++j)
                order[std::size_t(j)] = start + j;
            gatherBatch(view, order.data(), n, buffers.input.middleCols(column, n), nullptr);
            forwardColumns(buffers.input, column, column + n, PassContext{});
            softmax(buffers.outputs.back().middleCols(column, n), probabilities.middleCols(start, n));
        }
    };
    if (parts > 1 && blocks > 1)
        m_team->run(predictBlocks);
    else
        predictBlocks(0);
    return probabilities;
}

Eigen::MatrixXf Network::inputGradient(ConstMatrixRef batch, ConstMatrixRef gradLogits)
{
    if (batch.outerStride() != batch.rows())
        return inputGradient(Eigen::MatrixXf(batch), gradLogits);
    const Index n = batch.cols();
    reserve(n);
    Buffers& buffers = *m_buffers;
    forwardColumns(batch, 0, n, PassContext{});
    const std::size_t last = m_layers.size() - 1;
    buffers.gradients[last].leftCols(n) = gradLogits;
    Eigen::MatrixXf gradInput(m_spec.inputSize, n);
    for (std::size_t k = last + 1; k-- > 0;) {
        auto out = buffers.outputs[k].leftCols(n);
        auto delta = buffers.gradients[k].leftCols(n);
        if (k == 0)
            m_layers[k]->backwardInput(out, delta, gradInput, true, PassContext{});
        else
            m_layers[k]->backwardInput(out, delta, buffers.gradients[k - 1].leftCols(n), true, PassContext{});
    }
    return gradInput;
}

} // namespace mlps
