#include "RunDifferences.h"

#include "LayerStackModel.h"
#include "RunRecord.h"

#include "data/Dataset.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <cstdint>
#include <map>
#include <variant>

namespace mlps::ui {

namespace {

// The translation context of this file's texts.
class Text {
    Q_DECLARE_TR_FUNCTIONS(RunDifferences)
};

using Row = std::tuple<QString, QString, QString>;

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString optimizerText(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::Sgd: return Text::tr("SGD");
    case OptimizerKind::Momentum: return Text::tr("SGD with momentum");
    case OptimizerKind::Nesterov: return Text::tr("SGD with Nesterov momentum");
    case OptimizerKind::Adam: return Text::tr("Adam");
    case OptimizerKind::RmsProp: return Text::tr("RMSprop");
    }
    return {};
}

QString scheduleText(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant: return Text::tr("Constant");
    case ScheduleKind::InverseTime: return Text::tr("Inverse-time decay (Keras decay)");
    case ScheduleKind::Step: return Text::tr("Step");
    case ScheduleKind::Exponential: return Text::tr("Exponential");
    case ScheduleKind::Cosine: return Text::tr("Cosine with warm-up");
    case ScheduleKind::Plateau: return Text::tr("Reduce on plateau");
    }
    return {};
}

QString initText(Init init)
{
    switch (init) {
    case Init::HeUniform: return Text::tr("He uniform");
    case Init::HeNormal: return Text::tr("He normal");
    case Init::GlorotUniform: return Text::tr("Glorot uniform");
    case Init::GlorotNormal: return Text::tr("Glorot normal");
    }
    return {};
}

// FNV-1a over the three parts of the split, so that two splits of the same
// sizes but other samples (another seed, other data) read differently.
QString splitFingerprint(const Split& split)
{
    std::uint32_t hash = 2166136261u;
    auto mix = [&hash](std::uint64_t value) {
        for (int byte = 0; byte < 8; ++byte) {
            hash ^= std::uint32_t((value >> (8 * byte)) & 0xffu);
            hash *= 16777619u;
        }
    };
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        mix(part->size());
        for (std::int64_t index : *part)
            mix(std::uint64_t(index));
    }
    return QStringLiteral("%1").arg(hash, 8, 16, QLatin1Char('0'));
}

QString classesText(const std::vector<std::string>& names)
{
    QString text = count(qint64(names.size()));
    if (!names.empty() && names.size() <= 12) {
        QStringList list;
        for (const std::string& name : names)
            list.append(QString::fromStdString(name));
        text += QStringLiteral(" (") + list.join(QStringLiteral(" ")) + QLatin1Char(')');
    }
    return text;
}

} // namespace

QString settingNumber(double value)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(value, 'g', 6);
}

QString architectureText(const NetworkSpec& network)
{
    QStringList sizes{QString::number(network.inputSize)};
    QStringList activations;
    QStringList dropouts;
    bool mixed = false;
    for (const LayerSpec& layer : network.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            const QString activation = QString::fromLatin1(activationName(dense->activation));
            if (!activations.isEmpty() && activations.last() != activation)
                mixed = true;
            activations.append(activation);
            sizes.append(QString::number(dense->units));
        } else {
            const QString rate = settingNumber(double(std::get<DropoutSpec>(layer).rate));
            if (!dropouts.contains(rate))
                dropouts.append(rate);
        }
    }
    if (mixed) {
        // "784-128 relu-64 tanh-10": each hidden size with its own activation.
        for (qsizetype i = 0; i < activations.size(); ++i)
            sizes[i + 1] += QLatin1Char(' ') + activations[i];
    }
    sizes.append(QString::number(network.classes));
    QString text = sizes.join(QLatin1Char('-'));
    if (!mixed && !activations.isEmpty())
        text += QLatin1Char(' ') + activations.first();
    if (!dropouts.isEmpty())
        text += Text::tr(", dropout %1").arg(dropouts.join(QLatin1Char('/')));
    return text;
}

QList<Row> runSettings(const RunRecord& run)
{
    QList<Row> rows;
    auto add = [&rows](const char* key, const QString& label, const QString& value) {
        rows.append({QString::fromLatin1(key), label, value});
    };
    const NetworkSpec& network = run.job.network;
    const TrainConfig& config = run.job.config;

    // The network.
    add("network.architecture", Text::tr("Network"), architectureText(network));
    if (network.hidden.empty())
        add("network.hidden", Text::tr("Hidden layers"), Text::tr("none (logistic regression)"));
    for (std::size_t i = 0; i < network.hidden.size(); ++i) {
        rows.append({QStringLiteral("network.layer.%1").arg(i + 1), Text::tr("Layer %1").arg(i + 1),
                     LayerStackModel::describe(network.hidden[i])});
    }
    add("network.outputL2", Text::tr("Output L2"), settingNumber(double(network.outputL2)));
    add("network.init", Text::tr("Weight init"), initText(network.init));

    // The optimizer and the parameters it uses.
    const OptimizerSpec& optimizer = config.optimizer;
    add("optimizer", Text::tr("Optimizer"), optimizerText(optimizer.kind));
    add("optimizer.learningRate", Text::tr("Learning rate"), settingNumber(double(optimizer.learningRate)));
    switch (optimizer.kind) {
    case OptimizerKind::Sgd:
        break;
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov:
        add("optimizer.momentum", Text::tr("Momentum"), settingNumber(double(optimizer.momentum)));
        break;
    case OptimizerKind::Adam:
        add("optimizer.beta1", Text::tr("Adam β1"), settingNumber(double(optimizer.beta1)));
        add("optimizer.beta2", Text::tr("Adam β2"), settingNumber(double(optimizer.beta2)));
        add("optimizer.epsilon", Text::tr("Epsilon"), settingNumber(double(optimizer.epsilon)));
        break;
    case OptimizerKind::RmsProp:
        add("optimizer.rho", Text::tr("RMSprop ρ"), settingNumber(double(optimizer.rho)));
        add("optimizer.epsilon", Text::tr("Epsilon"), settingNumber(double(optimizer.epsilon)));
        break;
    }

    // The schedule and the parameters it uses.
    const ScheduleSpec& schedule = config.schedule;
    add("schedule", Text::tr("Learning-rate schedule"), scheduleText(schedule.kind));
    switch (schedule.kind) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::InverseTime:
        add("schedule.decay", Text::tr("Decay per step"), settingNumber(schedule.decay));
        break;
    case ScheduleKind::Step:
        add("schedule.stepSize", Text::tr("Step every (epochs)"), QString::number(schedule.stepSize));
        add("schedule.gamma", Text::tr("Factor (gamma)"), settingNumber(schedule.gamma));
        break;
    case ScheduleKind::Exponential:
        add("schedule.gamma", Text::tr("Factor (gamma)"), settingNumber(schedule.gamma));
        break;
    case ScheduleKind::Cosine:
        add("schedule.warmupEpochs", Text::tr("Warm-up (epochs)"), settingNumber(schedule.warmupEpochs));
        add("schedule.minFraction", Text::tr("Final fraction of the rate"), settingNumber(schedule.minFraction));
        break;
    case ScheduleKind::Plateau:
        add("schedule.gamma", Text::tr("Factor (gamma)"), settingNumber(schedule.gamma));
        add("schedule.patience", Text::tr("Plateau patience (epochs)"), QString::number(schedule.patience));
        add("schedule.minDelta", Text::tr("Plateau minimum improvement"), settingNumber(schedule.minDelta));
        break;
    }

    // The run.
    add("epochs", Text::tr("Epochs"), QString::number(config.epochs));
    add("batchSize", Text::tr("Batch size"), QString::number(config.batchSize));
    add("seed", Text::tr("Seed"), QString::number(config.seed));
    add("threads", Text::tr("Threads"), QString::number(config.threads));
    add("earlyStopping", Text::tr("Early stopping"),
        config.earlyStoppingPatience > 0
            ? (config.earlyStoppingPatience == 1
                   ? Text::tr("after 1 epoch without improvement")
                   : Text::tr("after %1 epochs without improvement").arg(config.earlyStoppingPatience))
            : Text::tr("off"));
    add("augment", Text::tr("Augmentation"),
        config.augment.enabled() ? QString::fromStdString(config.augment.describe()) : Text::tr("off"));

    // The data and the split.
    if (run.job.data) {
        const Dataset& data = *run.job.data;
        QString name = run.dataName;
        if (name.isEmpty())
            name = QString::fromStdString(data.source.empty() ? data.format : data.source);
        add("data", Text::tr("Data"), name);
        add("data.images", Text::tr("Images"), count(data.count()));
        add("data.imageSize", Text::tr("Image size"), Text::tr("%1 × %2").arg(data.width).arg(data.height));
        add("data.classes", Text::tr("Classes"), classesText(data.classNames));
    }
    if (run.job.testData) {
        const Dataset& test = *run.job.testData;
        add("data.testSet", Text::tr("Test set"),
            Text::tr("separate: %1 (%2 images)")
                .arg(QString::fromStdString(test.source.empty() ? test.format : test.source), count(test.count())));
    } else {
        add("data.testSet", Text::tr("Test set"), Text::tr("from the split"));
    }
    add("split.train", Text::tr("Training samples"), count(qint64(run.job.split.train.size())));
    add("split.validation", Text::tr("Validation samples"), count(qint64(run.job.split.validation.size())));
    if (!run.job.testData)
        add("split.test", Text::tr("Test samples"), count(qint64(run.job.split.test.size())));
    add("split.fingerprint", Text::tr("Split fingerprint"), splitFingerprint(run.job.split));
    return rows;
}

QList<Row> settingDifferences(const RunRecord& a, const RunRecord& b)
{
    const QList<Row> first = runSettings(a);
    const QList<Row> second = runSettings(b);
    std::map<QString, qsizetype> inFirst;
    for (qsizetype i = 0; i < first.size(); ++i)
        inFirst[std::get<0>(first[i])] = i;
    std::map<QString, qsizetype> inSecond;
    for (qsizetype i = 0; i < second.size(); ++i)
        inSecond[std::get<0>(second[i])] = i;

    // Both lists follow runSettings()' order, so walk them side by side:
    // where they part (a layer only one network has, Adam's parameters
    // against momentum's), the first run's settings come before the second's.
    const QString none = Text::tr("—");
    QList<Row> differences;
    auto compareRow = [&differences](const QString& label, const QString& valueA, const QString& valueB) {
        if (valueA != valueB)
            differences.append({label, valueA, valueB});
    };
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < first.size() || j < second.size()) {
        if (i < first.size() && !inSecond.contains(std::get<0>(first[i]))) {
            compareRow(std::get<1>(first[i]), std::get<2>(first[i]), none);
            ++i;
        } else if (j < second.size() && !inFirst.contains(std::get<0>(second[j]))) {
            compareRow(std::get<1>(second[j]), none, std::get<2>(second[j]));
            ++j;
        } else if (i < first.size()) {
            const qsizetype match = inSecond.at(std::get<0>(first[i]));
            compareRow(std::get<1>(first[i]), std::get<2>(first[i]), std::get<2>(second[match]));
            ++i;
            j = std::max(j, match + 1);
        } else {
            ++j; // a key both have, already compared
        }
    }
    return differences;
}

} // namespace mlps::ui
