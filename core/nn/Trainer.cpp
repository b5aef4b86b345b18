#include "nn/Trainer.h"

#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace mlps {

Trainer::Trainer(const NetworkSpec& spec, const TrainConfig& config, const SampleView& train,
                 const SampleView& validation)
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

    m_stepsPerEpoch = (train.count + config.batchSize - 1) / config.batchSize;
    m_order.resize(std::size_t(train.count));
    std::iota(m_order.begin(), m_order.end(), std::int64_t(0));
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
    const Index n = std::min<std::int64_t>(m_config.batchSize, m_train.count - begin);

    const float lr = float(learningRate());
    PassContext context;
    context.mode = Mode::Train;
    context.seed = m_config.seed;
    context.step = std::uint64_t(m_step);
    m_lastBatch = m_network.trainStep(m_train, m_order.data() + begin, n, context, *m_optimizer, lr, m_config.augment);
    ++m_step;
    ++m_positionInEpoch;

    if (!std::isfinite(m_lastBatch.loss())) {
        std::ostringstream text;
        text << "Diverged: the loss became " << (std::isnan(m_lastBatch.loss()) ? "NaN" : "infinite")
             << " at epoch " << m_history.size() + 1 << ", step " << m_step << " (learning rate " << lr
             << "); try a smaller learning rate";
        m_message = text.str();
        m_done = true;
        return StepStatus::Diverged;
    }
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
        auto evaluation = std::make_shared<const Evaluation>(evaluate(m_validation));
        record.evaluationSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - evaluationStart).count();
        // Like Keras' val_loss, the validation loss includes the L2 term.
        record.validationLoss = evaluation->logLoss + m_network.l2Penalty();
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
            m_bestParameters = m_network.parameters();
            m_epochsSinceBest = 0;
        } else if (++m_epochsSinceBest >= m_config.earlyStoppingPatience) {
            m_network.parameters() = m_bestParameters;
            std::ostringstream text;
            text << "Early stopping: no improvement of the validation loss for " << m_epochsSinceBest
                 << " epochs; restored the weights of epoch " << record.epoch - m_epochsSinceBest;
            m_message = text.str();
            m_done = true;
            return;
        }
    }
    if (int(m_history.size()) >= m_config.epochs)
        m_done = true;
}

Evaluation Trainer::evaluate(const SampleView& data)
{
    return evaluatePredictions(m_network.predict(data), data);
}

} // namespace mlps
