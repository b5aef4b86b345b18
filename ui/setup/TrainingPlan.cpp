#include "TrainingPlan.h"

#include "LearningRateSampling.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <charconv>

namespace mlps::ui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TrainingPlan", text);
}

// Counted nouns. (Qt's %n plurals would need a loaded English translation to
// drop their "(s)", so one and many are two strings.)
QString epochs(qint64 n)
{
    return n == 1 ? tr("1 epoch") : tr("%1 epochs").arg(n);
}

QString everyEpochs(qint64 n)
{
    return n == 1 ? tr("every epoch") : tr("every %1 epochs").arg(n);
}

QString steps(qint64 n)
{
    return n == 1 ? tr("1 step") : tr("%1 steps").arg(n);
}

QString threads(qint64 n)
{
    return n == 1 ? tr("1 thread") : tr("%1 threads").arg(n);
}

// The shortest text that reads back as exactly this value (0.1f is "0.1").
template <typename T>
QString exact(T value)
{
    // Plain digits from 0.0001 on ("0.0001", not "1e-04"), exponents below.
    char buffer[128];
    const T magnitude = value < 0 ? -value : value;
    const bool plain = magnitude == 0 || (magnitude >= T(1e-4) && magnitude < T(1e15));
    const auto result = plain ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                              : std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

// A computed rate, to three significant digits.
QString rounded(double value)
{
    return QString::number(value, 'g', 3);
}

double rateAt(const TrainConfig& config, qint64 step, qint64 perEpoch, qint64 total)
{
    return learningRateAt(config.schedule, config.optimizer.learningRate, {step, perEpoch, total, 0});
}

QString describeOptimizer(const OptimizerSpec& optimizer)
{
    switch (optimizer.kind) {
    case OptimizerKind::Sgd:
        return tr("SGD");
    case OptimizerKind::Momentum:
        return tr("SGD with momentum %1").arg(exact(optimizer.momentum));
    case OptimizerKind::Nesterov:
        return tr("SGD with Nesterov momentum %1").arg(exact(optimizer.momentum));
    case OptimizerKind::Adam:
        return tr("Adam (beta1 %1, beta2 %2, epsilon %3)")
            .arg(exact(optimizer.beta1), exact(optimizer.beta2), exact(optimizer.epsilon));
    case OptimizerKind::RmsProp:
        return tr("RMSprop (rho %1, epsilon %2)").arg(exact(optimizer.rho), exact(optimizer.epsilon));
    }
    return {};
}

QString describeSchedule(const TrainConfig& config, qint64 perEpoch)
{
    const ScheduleSpec& s = config.schedule;
    const QString lr = exact(config.optimizer.learningRate);
    const qint64 total = perEpoch * config.epochs;
    // The rate of the run's last step, when the run's length is known.
    const QString last = total > 0 ? rounded(rateAt(config, total - 1, perEpoch, total)) : QString();
    switch (s.kind) {
    case ScheduleKind::Constant:
        return tr("constant learning rate %1").arg(lr);
    case ScheduleKind::InverseTime: {
        QString text = tr("learning rate %1 with inverse-time decay %2 per step").arg(lr, exact(s.decay));
        if (!last.isEmpty())
            text += tr(" (%1 at the last step)").arg(last);
        return text;
    }
    case ScheduleKind::Step: {
        QString text = tr("learning rate %1 multiplied by %2 %3").arg(lr, exact(s.gamma), everyEpochs(s.stepSize));
        if (!last.isEmpty())
            text += tr(" (%1 in the last epoch)").arg(last);
        return text;
    }
    case ScheduleKind::Exponential: {
        QString text = tr("learning rate %1 multiplied by %2 every epoch").arg(lr, exact(s.gamma));
        if (!last.isEmpty())
            text += tr(" (%1 in the last epoch)").arg(last);
        return text;
    }
    case ScheduleKind::Cosine: {
        const QString floorText = s.minFraction == 0.0 ? QStringLiteral("0")
                                                       : exact(double(config.optimizer.learningRate) * s.minFraction);
        QString text = s.warmupEpochs > 0.0
            ? tr("learning rate %1 after a linear warm-up of %2, then a cosine decay towards %3")
                  .arg(lr,
                       s.warmupEpochs == 1.0 ? tr("1 epoch") : tr("%1 epochs").arg(exact(s.warmupEpochs)),
                       floorText)
            : tr("learning rate %1 with a cosine decay towards %2").arg(lr, floorText);
        if (!last.isEmpty())
            text += tr(" (%1 at the last step)").arg(last);
        return text;
    }
    case ScheduleKind::Plateau:
        return tr("learning rate %1, multiplied by %2 after %3 without a validation-loss improvement "
                  "of more than %4")
            .arg(lr, exact(s.gamma), epochs(s.patience), exact(s.minDelta));
    }
    return {};
}

QString describeAugmentation(const AugmentSpec& a)
{
    if (!a.enabled())
        return tr("no augmentation");
    QStringList parts;
    if (a.maxShift != 0.0f)
        parts << tr("shift up to %1 px").arg(exact(a.maxShift));
    if (a.maxScale != 0.0f)
        parts << tr("scale ±%1").arg(exact(a.maxScale));
    if (a.maxRotation != 0.0f)
        parts << tr("rotation up to %1°").arg(exact(a.maxRotation));
    if (a.elastic())
        parts << tr("elastic alpha %1 sigma %2").arg(exact(a.elasticAlpha), exact(a.elasticSigma));
    const QString share = a.probability == 1.0f ? tr("every training image")
                                                : tr("a share %1 of the training images").arg(exact(a.probability));
    return tr("augmenting %1 (%2)").arg(share, parts.join(QStringLiteral(", ")));
}

} // namespace

QString optimizerDisplayName(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Sgd: return tr("SGD");
    case OptimizerKind::Momentum: return tr("SGD + momentum");
    case OptimizerKind::Nesterov: return tr("SGD + Nesterov");
    case OptimizerKind::Adam: return tr("Adam");
    case OptimizerKind::RmsProp: return tr("RMSprop");
    }
    return {};
}

QString scheduleDisplayName(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant: return tr("Constant");
    case ScheduleKind::InverseTime: return tr("Inverse-time decay");
    case ScheduleKind::Step: return tr("Step");
    case ScheduleKind::Exponential: return tr("Exponential");
    case ScheduleKind::Cosine: return tr("Cosine + warm-up");
    case ScheduleKind::Plateau: return tr("Reduce on plateau");
    }
    return {};
}

QString initDisplayName(Init init)
{
    switch (init) {
    case Init::HeUniform: return tr("He uniform");
    case Init::HeNormal: return tr("He normal");
    case Init::GlorotUniform: return tr("Glorot uniform");
    case Init::GlorotNormal: return tr("Glorot normal");
    }
    return {};
}

QString scheduleFormula(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant: return tr("The same rate for every step.");
    case ScheduleKind::InverseTime:
        return tr("lr / (1 + decay × step): Keras' SGD(decay=…), the “Keras decay”.");
    case ScheduleKind::Step: return tr("lr × gamma^⌊epoch / step size⌋, as PyTorch's StepLR.");
    case ScheduleKind::Exponential: return tr("lr × gamma^epoch, as PyTorch's ExponentialLR.");
    case ScheduleKind::Cosine:
        return tr("A linear warm-up to lr, then half a cosine down towards final fraction × lr.");
    case ScheduleKind::Plateau:
        return tr("lr × gamma whenever the validation loss has not improved for “patience” epochs, as Keras' "
                  "ReduceLROnPlateau.");
    }
    return {};
}

qint64 stepsPerEpoch(qint64 trainSamples, int batchSize)
{
    if (trainSamples <= 0 || batchSize <= 0)
        return 0;
    return (trainSamples + batchSize - 1) / batchSize; // as Trainer's constructor
}

qint64 epochSamples(qint64 trainSamples, const TrainConfig& config)
{
    if (trainSamples <= 0 || config.syntheticShare <= 0.0f)
        return std::max<qint64>(0, trainSamples);
    // As Trainer's constructor: the real samples plus the synthetic share of the epoch.
    const double share = config.syntheticShare;
    return trainSamples + std::max<qint64>(1, std::llround(double(trainSamples) * share / (1.0 - share)));
}

QString describeTraining(const TrainConfig& config, Init init, qint64 trainSamples)
{
    const qint64 perEpoch = stepsPerEpoch(epochSamples(trainSamples, config), config.batchSize);
    const QString optimizer = describeOptimizer(config.optimizer) + QStringLiteral(", ")
        + describeSchedule(config, perEpoch);

    QString run = perEpoch > 0
        ? tr("%1 of %2 (batch %3)").arg(epochs(config.epochs), steps(perEpoch), QString::number(config.batchSize))
        : tr("%1 (batch %2; the steps per epoch follow from the training set's size)")
              .arg(epochs(config.epochs), QString::number(config.batchSize));
    run += tr(", seed %1, %2").arg(QString::number(config.seed), threads(config.threads));

    const QString initText = tr("%1 init").arg(initDisplayName(init));
    const QString stopping = config.earlyStoppingPatience > 0
        ? tr("early stopping after %1 without a validation-loss improvement, restoring the best epoch")
              .arg(epochs(config.earlyStoppingPatience))
        : tr("no early stopping");

    QStringList parts{optimizer, run, initText, describeAugmentation(config.augment), stopping};
    if (config.syntheticShare > 0.0f)
        parts << tr("built-in font letters as %1 % of each epoch").arg(QString::number(100.0 * config.syntheticShare, 'g', 3));
    if (config.labelSmoothing > 0.0f)
        parts << tr("label smoothing %1").arg(QString::number(config.labelSmoothing, 'g', 6));
    if (config.weightAverageDecay > 0.0f)
        parts << tr("weight averaging (decay %1)").arg(QString::number(config.weightAverageDecay, 'g', 6));
    if (config.ensembleSize > 1)
        parts << tr("an ensemble of %1 networks").arg(config.ensembleSize);
    return parts.join(QStringLiteral("; "));
}

QList<QPointF> plannedLearningRates(const TrainConfig& config, qint64 trainSamples, int maxPoints)
{
    const qint64 perEpoch = stepsPerEpoch(epochSamples(trainSamples, config), config.batchSize);
    const qint64 total = perEpoch * std::max(0, config.epochs);
    if (total <= 0 || maxPoints < 2 || !config.validate().empty())
        return {};

    const std::vector<std::int64_t> steps = learningRateSampleSteps(config.schedule, perEpoch, total, maxPoints);
    QList<QPointF> points;
    points.reserve(qsizetype(steps.size()));
    for (const qint64 s : steps)
        points.append(QPointF(double(s), rateAt(config, s, perEpoch, total)));
    return points;
}

} // namespace mlps::ui
