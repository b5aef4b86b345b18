#include "nn/Trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace mlps {

Trainer::Trainer(const NetworkSpec& spec, const TrainConfig& config, const SampleView& train,
                 const SampleView& validation, const SampleView& synthetic)
    : m_config(config)
    , m_train(train)
    , m_validation(validation)
    , m_network(spec, config.threads)
    , m_plateau(config.schedule)
    , m_shuffleRng(config.seed, RngStream::Shuffle)
{
    if (const std::string problem = config.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    if (train.count <= 0)
        throw std::invalid_argument("the training set is empty");
    if (train.features != spec.inputSize)
        throw std::invalid_argument("the training images have " + std::to_string(train.features)
                                    + " pixels, the network's input has " + std::to_string(spec.inputSize));
    if (validation.count > 0 && validation.features != spec.inputSize)
        throw std::invalid_argument("the validation images do not match the network's input size");
    if (config.augment.enabled() && std::int64_t(config.augment.width) * config.augment.height != train.features)
        throw std::invalid_argument("the augmentation's image size " + std::to_string(config.augment.width) + "x"
                                    + std::to_string(config.augment.height) + " does not match the "
                                    + std::to_string(train.features) + " pixels of the training images");

    m_network.initialize(config.seed);
    m_optimizer = makeOptimizer(config.optimizer);
    m_optimizer->reset(m_network.parameterCount());
    if (config.weightAverageDecay > 0.0f)
        m_average = m_network.parameters();
    for (int k = 1; k < config.ensembleSize; ++k) {
        Member member;
        member.seed = memberSeed(config.seed, k);
        member.network = std::make_unique<Network>(spec, config.threads);
        member.network->initialize(member.seed);
        member.optimizer = makeOptimizer(config.optimizer);
        member.optimizer->reset(member.network->parameterCount());
        if (config.weightAverageDecay > 0.0f)
            member.average = member.network->parameters();
        m_members.push_back(std::move(member));
    }

    m_realCount = train.count;
    if (config.syntheticShare > 0.0f) {
        if (synthetic.count <= 0)
            throw std::invalid_argument("a synthetic share of the training data needs a synthetic training set "
                                        "(such as the built-in font letters)");
        if (synthetic.features != train.features)
            throw std::invalid_argument("the synthetic images have " + std::to_string(synthetic.features)
                                        + " pixels, the training images " + std::to_string(train.features));
        for (std::int64_t i = 0; i < synthetic.count; ++i) {
            if (synthetic.label(i) < 0 || synthetic.label(i) >= spec.classes)
                throw std::invalid_argument("the synthetic set has labels outside the network's "
                                            + std::to_string(spec.classes) + " classes");
        }
        m_syntheticPerEpoch = syntheticPerEpoch(train.count, config.syntheticShare);
        const std::size_t features = std::size_t(train.features);
        m_mixPixels.resize(std::size_t(train.count + synthetic.count) * features);
        m_mixLabels.resize(std::size_t(train.count + synthetic.count));
        std::int64_t row = 0;
        for (const SampleView* part : {&train, &synthetic}) {
            for (std::int64_t i = 0; i < part->count; ++i, ++row) {
                std::copy_n(part->image(i), features, m_mixPixels.data() + std::size_t(row) * features);
                m_mixLabels[std::size_t(row)] = part->label(i);
            }
        }
        m_train = SampleView{m_mixPixels.data(), m_mixLabels.data(), nullptr, row, train.features, train.classes};
        m_syntheticOrder.resize(std::size_t(synthetic.count));
        std::iota(m_syntheticOrder.begin(), m_syntheticOrder.end(), train.count);
        m_syntheticNext = synthetic.count; // reshuffled before first use
    }
    const std::int64_t perEpoch = m_realCount + m_syntheticPerEpoch;
    m_stepsPerEpoch = stepsPerEpoch(m_realCount, config);
    m_order.resize(std::size_t(perEpoch));
    std::iota(m_order.begin(), m_order.begin() + m_realCount, std::int64_t(0));
    // The synthetic slots are filled by startEpoch(); until then they hold the
    // first synthetic sample, so that the order is a valid one at every step.
    std::fill(m_order.begin() + m_realCount, m_order.end(), m_realCount);
}

// The layers are bound to the parameter buffer, so the weights are copied
// in and out, never swapped.
Trainer::AveragedWeights::AveragedWeights(Network& network, const Eigen::VectorXf& average)
    : m_network(network)
{
    if (average.size() == 0)
        return;
    m_saved = network.parameters();
    network.parameters() = average;
}

Trainer::AveragedWeights::~AveragedWeights()
{
    if (m_saved.size() > 0)
        m_network.parameters() = m_saved;
}

std::int64_t Trainer::syntheticPerEpoch(std::int64_t realCount, float share)
{
    if (!(share > 0.0f && share < 1.0f))
        return 0;
    // share s of the epoch: m / (real + m) = s, so m = real * s / (1 - s).
    const double s = double(share);
    return std::max<std::int64_t>(1, std::llround(double(realCount) * s / (1.0 - s)));
}

std::int64_t Trainer::stepsPerEpoch(std::int64_t realCount, const TrainConfig& config)
{
    const std::int64_t batch = std::max(1, config.batchSize);
    return (realCount + syntheticPerEpoch(realCount, config.syntheticShare) + batch - 1) / batch;
}

std::uint64_t Trainer::memberSeed(std::uint64_t seed, int k)
{
    // Member 0 is the single network's run; the others' seeds are spread by
    // the golden-ratio increment of splitmix64 (the Rng hashes them further).
    return seed + std::uint64_t(k) * 0x9E3779B97F4A7C15ull;
}

void Trainer::updateAverage(const Network& network, Eigen::VectorXf& average) const
{
    // avg += (1 - d) (w - avg): one pass, vectorized by Eigen.
    if (average.size() > 0)
        average += (1.0f - m_config.weightAverageDecay) * (network.parameters() - average);
}

SchedulePosition Trainer::position() const
{
    return {m_step, m_stepsPerEpoch, totalSteps(), m_plateau.reductions()};
}

double Trainer::learningRate() const
{
    return learningRateAt(m_config.schedule, m_config.optimizer.learningRate, position());
}

void Trainer::startEpoch()
{
    // The real samples keep their places in m_order (in the last epoch's
    // shuffled order, as without mixing); the synthetic ones take the rest.
    if (m_syntheticPerEpoch > 0) {
        std::size_t slot = 0;
        for (std::int64_t& index : m_order) {
            if (index < m_realCount && slot < std::size_t(m_realCount))
                m_order[slot++] = index;
        }
        for (std::int64_t k = 0; k < m_syntheticPerEpoch; ++k) {
            if (m_syntheticNext == std::int64_t(m_syntheticOrder.size())) {
                for (std::size_t i = m_syntheticOrder.size() - 1; i > 0; --i)
                    std::swap(m_syntheticOrder[i], m_syntheticOrder[std::size_t(m_shuffleRng.below(i + 1))]);
                m_syntheticNext = 0;
            }
            m_order[slot++] = m_syntheticOrder[std::size_t(m_syntheticNext++)];
        }
    }
    // Fisher-Yates over the whole order, from the run's own shuffle stream.
    for (std::size_t i = m_order.size() - 1; i > 0; --i)
        std::swap(m_order[i], m_order[std::size_t(m_shuffleRng.below(i + 1))]);
    m_positionInEpoch = 0;
    m_epochLossSum = 0.0;
    m_epochCorrect = 0;
    m_epochSamples = 0;
    m_epochStart = std::chrono::steady_clock::now();
}

StepStatus Trainer::step()
{
    if (m_done)
        return m_message.rfind("Diverged", 0) == 0 ? StepStatus::Diverged : StepStatus::Finished;
    if (m_positionInEpoch == 0)
        startEpoch();

    const std::int64_t begin = m_positionInEpoch * m_config.batchSize;
    const Index n = std::min<std::int64_t>(m_config.batchSize, std::int64_t(m_order.size()) - begin);

    const float lr = float(learningRate());
    PassContext context;
    context.mode = Mode::Train;
    context.seed = m_config.seed;
    context.step = std::uint64_t(m_step);
    context.labelSmoothing = m_config.labelSmoothing;
    m_lastBatch = m_network.trainStep(m_train, m_order.data() + begin, n, context, *m_optimizer, lr, m_config.augment);
    bool finite = std::isfinite(m_lastBatch.loss());
    // The other members of an ensemble: the same batch, their own seeds.
    for (Member& member : m_members) {
        PassContext memberContext = context;
        memberContext.seed = member.seed;
        const BatchResult result = member.network->trainStep(m_train, m_order.data() + begin, n, memberContext,
                                                             *member.optimizer, lr, m_config.augment);
        finite = finite && std::isfinite(result.loss());
        updateAverage(*member.network, member.average);
    }
    ++m_step;
    ++m_positionInEpoch;

    if (!finite) {
        std::ostringstream text;
        text << "Diverged: the loss became " << (std::isnan(m_lastBatch.loss()) ? "NaN" : "infinite")
             << " at epoch " << m_history.size() + 1 << ", step " << m_step << " (learning rate " << lr
             << "); try a smaller learning rate";
        m_message = text.str();
        m_done = true;
        return StepStatus::Diverged;
    }
    updateAverage(m_network, m_average);
    m_epochLossSum += m_lastBatch.loss() * double(n);
    m_epochCorrect += m_lastBatch.correct;
    m_epochSamples += n;

    if (m_positionInEpoch < m_stepsPerEpoch)
        return StepStatus::Running;
    endEpoch();
    return m_done ? StepStatus::Finished : StepStatus::EpochEnd;
}

void Trainer::endEpoch()
{
    EpochRecord record;
    record.epoch = int(m_history.size()) + 1;
    record.trainLoss = m_epochLossSum / double(m_epochSamples);
    record.trainAccuracy = double(m_epochCorrect) / double(m_epochSamples);
    record.learningRate = learningRateAt(m_config.schedule, m_config.optimizer.learningRate,
                                         {m_step - 1, m_stepsPerEpoch, totalSteps(), m_plateau.reductions()});
    if (m_validation.count > 0) {
        const auto evaluationStart = std::chrono::steady_clock::now();
        // With weight averaging, the averaged weights are the ones evaluated;
        // an ensemble is evaluated as one model.
        auto evaluation = std::make_shared<const Evaluation>(evaluatePredictions(predict(m_validation), m_validation));
        // Like Keras' val_loss, the validation loss includes the L2 term (of the first member).
        double penalty = 0.0;
        {
            AveragedWeights averaged(m_network, m_average);
            penalty = m_network.l2Penalty();
        }
        record.validationLoss = evaluation->logLoss + penalty;
        record.evaluationSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - evaluationStart).count();
        record.validationAccuracy = evaluation->scores.accuracy;
        m_lastValidation = std::move(evaluation);
    }
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_epochStart).count();
    m_history.push_back(record);
    m_positionInEpoch = 0;

    const double monitored = record.validationLoss.value_or(record.trainLoss);
    if (m_config.schedule.kind == ScheduleKind::Plateau)
        m_plateau.observe(monitored);

    if (m_config.earlyStoppingPatience > 0 && record.validationLoss) {
        if (m_bestParameters.size() == 0 || monitored < m_bestValidationLoss) {
            m_bestValidationLoss = monitored;
            m_bestParameters = m_average.size() > 0 ? m_average : m_network.parameters();
            for (Member& member : m_members)
                member.best = member.average.size() > 0 ? member.average : member.network->parameters();
            m_epochsSinceBest = 0;
        } else if (++m_epochsSinceBest >= m_config.earlyStoppingPatience) {
            m_network.parameters() = m_bestParameters;
            m_average.resize(0); // the best weights are already averaged ones
            for (Member& member : m_members) {
                member.network->parameters() = member.best;
                member.average.resize(0);
            }
            std::ostringstream text;
            text << "Early stopping: no improvement of the validation loss for " << m_epochsSinceBest
                 << " epochs; restored the weights of epoch " << record.epoch - m_epochsSinceBest;
            m_message = text.str();
            m_done = true;
            return;
        }
    }
    if (int(m_history.size()) >= m_config.epochs) {
        m_done = true;
        // The run's result is the averaged network.
        for (int k = 0; k < ensembleSize(); ++k) {
            Eigen::VectorXf& average = averageOf(k);
            if (average.size() > 0) {
                member(k).parameters() = average;
                average.resize(0);
            }
        }
    }
}

Eigen::MatrixXf Trainer::predict(const SampleView& data)
{
    Eigen::MatrixXf probabilities;
    {
        AveragedWeights averaged(m_network, m_average);
        probabilities = m_network.predict(data);
    }
    if (m_members.empty())
        return probabilities;
    for (Member& member : m_members) {
        AveragedWeights averaged(*member.network, member.average);
        probabilities += member.network->predict(data);
    }
    return probabilities / float(ensembleSize());
}

Evaluation Trainer::evaluate(const SampleView& data)
{
    return evaluatePredictions(predict(data), data);
}

void Trainer::discountPause(double seconds)
{
    if (seconds > 0.0)
        m_epochStart += std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}

TrainerState Trainer::state() const
{
    TrainerState state;
    state.step = m_step;
    state.positionInEpoch = m_positionInEpoch;
    state.order = m_order;
    state.syntheticOrder = m_syntheticOrder;
    state.syntheticNext = m_syntheticNext;
    state.shuffle = m_shuffleRng.state();
    state.epochLossSum = m_epochLossSum;
    state.epochCorrect = m_epochCorrect;
    state.epochSamples = m_epochSamples;
    state.epochSeconds = m_positionInEpoch > 0
                             ? std::chrono::duration<double>(std::chrono::steady_clock::now() - m_epochStart).count()
                             : 0.0;
    state.history = m_history;
    state.plateau = m_plateau.state();
    state.bestValidationLoss = m_bestValidationLoss;
    state.epochsSinceBest = m_epochsSinceBest;
    state.lastBatch = m_lastBatch;
    state.done = m_done;
    state.message = m_message;
    const auto memberState = [](const Network& network, Optimizer& optimizer, const Eigen::VectorXf& average,
                                const Eigen::VectorXf& best) {
        MemberState member;
        member.parameters = network.parameters();
        for (const auto& [name, vector] : optimizer.state())
            member.optimizer.emplace_back(name, *vector);
        member.optimizerSteps = optimizer.steps();
        member.average = average;
        member.best = best;
        return member;
    };
    state.members.push_back(memberState(m_network, *m_optimizer, m_average, m_bestParameters));
    for (const Member& member : m_members)
        state.members.push_back(memberState(*member.network, *member.optimizer, member.average, member.best));
    return state;
}

std::string Trainer::problemWith(const TrainerState& state) const
{
    const Index count = m_network.parameterCount();
    if (int(state.members.size()) != ensembleSize())
        return "the checkpoint has " + std::to_string(state.members.size()) + " networks, this run "
               + std::to_string(ensembleSize());
    const auto expected = m_optimizer->state(); // every member's optimizer is of this kind
    for (std::size_t k = 0; k < state.members.size(); ++k) {
        const MemberState& member = state.members[k];
        const std::string which = "network " + std::to_string(k + 1) + ": ";
        if (member.parameters.size() != count)
            return which + std::to_string(member.parameters.size()) + " weights in the checkpoint, "
                   + std::to_string(count) + " in this network";
        if (member.optimizer.size() != expected.size())
            return which + "the optimizer's state does not match " + optimizerName(m_config.optimizer.kind);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (member.optimizer[i].first != expected[i].first || member.optimizer[i].second.size() != count)
                return which + "the optimizer's state '" + member.optimizer[i].first + "' does not match "
                       + optimizerName(m_config.optimizer.kind);
        }
        if (member.optimizerSteps < 0)
            return which + "a negative optimizer step count";
        if ((member.average.size() != 0 && member.average.size() != count)
            || (member.best.size() != 0 && member.best.size() != count))
            return which + "averaged or best weights of another size than the network's";
        if (!state.done && m_config.weightAverageDecay > 0.0f && member.average.size() == 0)
            return which + "no averaged weights, though the run averages them";
    }
    if (state.order.size() != m_order.size())
        return "the checkpoint's epoch has " + std::to_string(state.order.size()) + " samples, this run's "
               + std::to_string(m_order.size());
    std::vector<bool> seen(std::size_t(m_realCount), false);
    std::int64_t real = 0;
    for (std::int64_t index : state.order) {
        if (index < 0 || index >= m_train.count)
            return "the checkpoint's sample order refers to sample " + std::to_string(index) + " of "
                   + std::to_string(m_train.count);
        if (index < m_realCount) {
            if (seen[std::size_t(index)])
                return "the checkpoint's sample order has sample " + std::to_string(index) + " twice";
            seen[std::size_t(index)] = true;
            ++real;
        }
    }
    if (real != m_realCount)
        return "the checkpoint's sample order has " + std::to_string(real) + " of the "
               + std::to_string(m_realCount) + " training samples";
    if (state.syntheticOrder.size() != m_syntheticOrder.size())
        return "the checkpoint mixes in " + std::to_string(state.syntheticOrder.size()) + " synthetic samples, this run "
               + std::to_string(m_syntheticOrder.size());
    for (std::int64_t index : state.syntheticOrder) {
        if (index < m_realCount || index >= m_train.count)
            return "the checkpoint's synthetic order refers to sample " + std::to_string(index);
    }
    if (state.syntheticNext < 0 || state.syntheticNext > std::int64_t(state.syntheticOrder.size()))
        return "the checkpoint's synthetic cursor is out of range";
    if (state.positionInEpoch < 0 || state.positionInEpoch >= m_stepsPerEpoch)
        return "the checkpoint's step in the epoch (" + std::to_string(state.positionInEpoch) + ") is not below the "
               + std::to_string(m_stepsPerEpoch) + " steps of an epoch";
    if (int(state.history.size()) > m_config.epochs)
        return "the checkpoint has " + std::to_string(state.history.size()) + " epochs of history, the run "
               + std::to_string(m_config.epochs);
    for (std::size_t e = 0; e < state.history.size(); ++e) {
        if (state.history[e].epoch != int(e) + 1)
            return "the checkpoint's history is not numbered 1, 2, ...";
    }
    if (!state.done && state.step != std::int64_t(state.history.size()) * m_stepsPerEpoch + state.positionInEpoch)
        return "the checkpoint's step " + std::to_string(state.step) + " does not match its "
               + std::to_string(state.history.size()) + " epochs and " + std::to_string(state.positionInEpoch)
               + " steps into the next";
    if (state.epochSamples < 0 || state.epochCorrect < 0 || state.epochCorrect > state.epochSamples
        || state.epochsSinceBest < 0)
        return "the checkpoint's epoch counts are inconsistent";
    if (state.plateau.badEpochs < 0 || state.plateau.reductions < 0)
        return "the checkpoint's plateau counts are negative";
    if (state.shuffle.words == std::array<std::uint64_t, 4>{})
        return "the checkpoint's shuffle generator is all zero";
    return {};
}

void Trainer::restore(const TrainerState& state)
{
    if (const std::string problem = problemWith(state); !problem.empty())
        throw std::invalid_argument(problem);
    m_step = state.step;
    m_positionInEpoch = state.positionInEpoch;
    m_order = state.order;
    m_syntheticOrder = state.syntheticOrder;
    m_syntheticNext = state.syntheticNext;
    m_shuffleRng.restore(state.shuffle);
    m_epochLossSum = state.epochLossSum;
    m_epochCorrect = state.epochCorrect;
    m_epochSamples = state.epochSamples;
    m_epochStart = std::chrono::steady_clock::now()
                   - std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                       std::chrono::duration<double>(std::max(0.0, state.epochSeconds)));
    m_history = state.history;
    m_plateau.restore(state.plateau);
    m_bestValidationLoss = state.bestValidationLoss;
    m_epochsSinceBest = state.epochsSinceBest;
    m_lastBatch = state.lastBatch;
    m_done = state.done;
    m_message = state.message;
    for (int k = 0; k < ensembleSize(); ++k) {
        const MemberState& saved = state.members[std::size_t(k)];
        Optimizer& optimizer = k == 0 ? *m_optimizer : *m_members[std::size_t(k - 1)].optimizer;
        member(k).parameters() = saved.parameters;
        const auto vectors = optimizer.state();
        for (std::size_t i = 0; i < vectors.size(); ++i)
            *vectors[i].second = saved.optimizer[i].second;
        optimizer.setSteps(saved.optimizerSteps);
        averageOf(k) = saved.average;
        (k == 0 ? m_bestParameters : m_members[std::size_t(k - 1)].best) = saved.best;
    }
    // The live evaluation of the last epoch end, as it was (same weights).
    m_lastValidation.reset();
    if (!m_done && m_positionInEpoch == 0 && !m_history.empty() && m_validation.count > 0)
        m_lastValidation = std::make_shared<const Evaluation>(evaluatePredictions(predict(m_validation), m_validation));
}

} // namespace mlps
