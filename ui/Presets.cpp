#include "Presets.h"

#include "LayerCommands.h"
#include "NetworkDocument.h"

#include <QUndoStack>

namespace mlps::ui {
namespace {

// The reference lab's hidden layers: 784-128-256-128-64-10, ReLU.
std::vector<LayerSpec> labLayers(float l2, float dropoutRate, int dropoutsAfter)
{
    return labNetworkSpec(l2, dropoutRate, dropoutsAfter).hidden;
}

} // namespace

QList<Preset> Presets::all(const NetworkDocument& document)
{
    // What a preset does not decide: the data's shape, the seed, the threads.
    NetworkSpec network;
    network.inputSize = document.network().inputSize;
    network.classes = document.network().classes;
    TrainConfig base;
    base.seed = document.training().seed;
    base.threads = document.training().threads;
    base.augment.width = document.imageWidth();
    base.augment.height = document.imageHeight();

    // The lab trained with Keras: Glorot-uniform weights (Keras' default),
    // plain SGD at Keras' default rate 0.01, batches of 128, 20 epochs.
    network.init = Init::GlorotUniform;
    TrainConfig labTraining = base;
    labTraining.optimizer.kind = OptimizerKind::Sgd;
    labTraining.optimizer.learningRate = 0.01f;
    labTraining.batchSize = 128;
    labTraining.epochs = 20;

    QList<Preset> presets;

    Preset logistic{QString::fromLatin1(kLogisticRegression), tr("Logistic regression"),
                    tr("No hidden layer: one softmax layer over the pixels, the lab's baseline. "
                       "SGD at learning rate 0.01, batches of 128, 20 epochs."),
                    network, labTraining};
    presets.append(logistic);

    Preset lab{QString::fromLatin1(kLabNetwork), tr("Lab network"),
               tr("The reference lab's network, 784-128-256-128-64-10 with ReLU, trained with plain SGD "
                  "at learning rate 0.01, batches of 128, 20 epochs."),
               network, labTraining};
    lab.network.hidden = labLayers(0.0f, 0.0f, 0);
    presets.append(lab);

    Preset regularized{QString::fromLatin1(kLabL2Dropout), tr("Lab network + L2 + dropout"),
                       tr("The lab network with L2 0.001 on every Dense layer, the output included, and "
                          "dropout 0.1 after each of the first three hidden layers."),
                       network, labTraining};
    regularized.network.hidden = labLayers(0.001f, 0.1f, 3);
    regularized.network.outputL2 = 0.001f;
    presets.append(regularized);

    // Keras 2's SGD(lr=0.1, momentum=0.9, decay=lr/epochs): the rate at
    // iteration t is lr / (1 + decay * t), with decay = 0.1 / 20 = 0.005.
    Preset decaying{QString::fromLatin1(kLabLrDecay), tr("Lab network + LR decay"),
                    tr("The lab network trained with momentum SGD (learning rate 0.1, momentum 0.9) and "
                       "Keras' inverse-time decay lr / (1 + 0.005 × iteration), the lab's decay = lr / epochs."),
                    network, labTraining};
    decaying.network.hidden = labLayers(0.0f, 0.0f, 0);
    decaying.training.optimizer.kind = OptimizerKind::Momentum;
    decaying.training.optimizer.learningRate = 0.1f;
    decaying.training.optimizer.momentum = 0.9f;
    decaying.training.schedule.kind = ScheduleKind::InverseTime;
    decaying.training.schedule.decay = 0.005;
    presets.append(decaying);

    // The best recipe found for a small real sample (docs/experiments.md:
    // the shared notMNIST sample, 20 % stratified validation splits, seeds
    // 1-3, 93.9 % on average): one wide ReLU layer with strong dropout,
    // momentum SGD with a one-epoch warm-up and a cosine decay to 0 over 100
    // epochs, training images randomly shifted, scaled, rotated and
    // elastically distorted (only for images: without an image size the
    // samples cannot be transformed), and 70 % of each epoch drawn from the
    // built-in font letters (every real image is still seen once per epoch).
    Preset best{QString::fromLatin1(kBestAccuracy), tr("Best accuracy"),
                tr("One wide layer (1024 ReLU, dropout 0.5), momentum SGD with a one-epoch warm-up and a cosine "
                   "decay, 100 epochs; training images randomly shifted, scaled, rotated and elastically "
                   "distorted, and 70 % of each epoch drawn from the built-in font letters."),
                network, base};
    best.network.init = Init::HeUniform;
    best.network.hidden = {DenseSpec{1024, Activation::Relu, 0.0f}, DropoutSpec{0.5f}};
    best.training.optimizer.kind = OptimizerKind::Momentum;
    best.training.optimizer.learningRate = 0.05f;
    best.training.optimizer.momentum = 0.9f;
    best.training.schedule.kind = ScheduleKind::Cosine;
    best.training.schedule.warmupEpochs = 1.0;
    best.training.schedule.minFraction = 0.0;
    best.training.batchSize = 128;
    best.training.epochs = 100;
    best.training.syntheticShare = 0.7f;
    if (document.imageWidth() > 0 && document.imageHeight() > 0) {
        best.training.augment.maxShift = 2.0f;
        best.training.augment.maxScale = 0.1f;
        best.training.augment.maxRotation = 10.0f;
        best.training.augment.elasticAlpha = 16.0f;
        best.training.augment.elasticSigma = 4.0f;
    }
    presets.append(best);

    return presets;
}

Preset Presets::find(const NetworkDocument& document, const QString& id)
{
    for (const Preset& preset : all(document)) {
        if (preset.id == id)
            return preset;
    }
    return {};
}

bool Presets::apply(NetworkDocument* document, const Preset& preset)
{
    if (document->network() == preset.network && document->training() == preset.training)
        return false;
    document->undoStack()->push(new ApplyPresetCommand(document, preset.network, preset.training, preset.name));
    return true;
}

QString Presets::matching(const NetworkDocument& document)
{
    for (const Preset& preset : all(document)) {
        if (document.network() == preset.network && document.training() == preset.training)
            return preset.id;
    }
    return {};
}

} // namespace mlps::ui
