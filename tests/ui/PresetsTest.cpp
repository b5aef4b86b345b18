#include "LayerCommands.h"
#include "LayerStackModel.h"
#include "NetworkDocument.h"
#include "Presets.h"
#include "SummaryModel.h"

#include <QAbstractItemModelTester>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace {

using namespace mlps;
using namespace mlps::ui;

class PresetsTest : public ::testing::Test {
protected:
    Preset preset(const char* id) const { return Presets::find(document, QString::fromLatin1(id)); }

    NetworkDocument document;
    LayerStackModel layers{&document};
    SummaryModel summary{&document};
    QAbstractItemModelTester layersTester{&layers, QAbstractItemModelTester::FailureReportingMode::Fatal};
    QAbstractItemModelTester summaryTester{&summary, QAbstractItemModelTester::FailureReportingMode::Fatal};
};

TEST_F(PresetsTest, ListsTheLabsConfigurationsAndTheBestRecipe)
{
    const QList<Preset> presets = Presets::all(document);
    ASSERT_EQ(presets.size(), 5);
    const QStringList ids{QString::fromLatin1(Presets::kLogisticRegression), QString::fromLatin1(Presets::kLabNetwork),
                          QString::fromLatin1(Presets::kLabL2Dropout), QString::fromLatin1(Presets::kLabLrDecay),
                          QString::fromLatin1(Presets::kBestAccuracy)};
    for (int i = 0; i < presets.size(); ++i) {
        SCOPED_TRACE(ids[i].toStdString());
        EXPECT_EQ(presets[i].id, ids[i]);
        EXPECT_FALSE(presets[i].name.isEmpty());
        EXPECT_FALSE(presets[i].description.isEmpty());
        EXPECT_EQ(presets[i].network.validate(), "");
        EXPECT_EQ(presets[i].training.validate(), "");
        EXPECT_EQ(presets[i].network.inputSize, 784);
        EXPECT_EQ(presets[i].network.classes, 10);
    }
    EXPECT_EQ(presets[1].name, QStringLiteral("Lab network"));
    EXPECT_TRUE(Presets::find(document, QStringLiteral("no-such-preset")).id.isEmpty());
}

TEST_F(PresetsTest, LogisticRegressionHasNoHiddenLayer)
{
    const Preset logistic = preset(Presets::kLogisticRegression);
    EXPECT_TRUE(logistic.network.hidden.empty());
    EXPECT_EQ(logistic.network.outputL2, 0.0f);
    EXPECT_EQ(logistic.training.optimizer.kind, OptimizerKind::Sgd);
    EXPECT_EQ(logistic.training.optimizer.learningRate, 0.01f);
    EXPECT_EQ(logistic.training.batchSize, 128);
    EXPECT_EQ(logistic.training.epochs, 20);
}

TEST_F(PresetsTest, LabNetworkIsTheLabsNetwork)
{
    const Preset lab = preset(Presets::kLabNetwork);
    const std::vector<LayerSpec> expected{
        DenseSpec{128, Activation::Relu, 0.0f}, DenseSpec{256, Activation::Relu, 0.0f},
        DenseSpec{128, Activation::Relu, 0.0f}, DenseSpec{64, Activation::Relu, 0.0f}};
    EXPECT_EQ(lab.network.hidden, expected);
    EXPECT_EQ(lab.network.outputL2, 0.0f);
    EXPECT_EQ(lab.training.optimizer.kind, OptimizerKind::Sgd);
    EXPECT_EQ(lab.training.optimizer.learningRate, 0.01f);
    EXPECT_EQ(lab.training.schedule.kind, ScheduleKind::Constant);
    EXPECT_EQ(lab.training.batchSize, 128);
    EXPECT_EQ(lab.training.epochs, 20);
    EXPECT_FALSE(lab.training.augment.enabled());
}

TEST_F(PresetsTest, L2DropoutPresetRegularizesEveryDenseLayer)
{
    const Preset regularized = preset(Presets::kLabL2Dropout);
    const std::vector<LayerSpec>& hidden = regularized.network.hidden;
    const std::vector<LayerSpec> expected{
        DenseSpec{128, Activation::Relu, 0.001f}, DropoutSpec{0.1f}, DenseSpec{256, Activation::Relu, 0.001f},
        DropoutSpec{0.1f},                        DenseSpec{128, Activation::Relu, 0.001f}, DropoutSpec{0.1f},
        DenseSpec{64, Activation::Relu, 0.001f}};
    EXPECT_EQ(hidden, expected);

    // L2 0.001 on all five Dense layers: the four hidden ones and the output.
    int denseWithL2 = 0;
    for (const LayerSpec& layer : hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer); dense && dense->l2 == 0.001f)
            ++denseWithL2;
    }
    if (regularized.network.outputL2 == 0.001f)
        ++denseWithL2;
    EXPECT_EQ(denseWithL2, 5);
    // Dropout 0.1 right after each of the first three Dense layers, not after the last.
    for (std::size_t i : {1u, 3u, 5u}) {
        ASSERT_TRUE(std::holds_alternative<DenseSpec>(hidden[i - 1]));
        ASSERT_TRUE(std::holds_alternative<DropoutSpec>(hidden[i]));
        EXPECT_EQ(std::get<DropoutSpec>(hidden[i]).rate, 0.1f);
    }
    EXPECT_TRUE(std::holds_alternative<DenseSpec>(hidden.back()));
    EXPECT_EQ(regularized.training, preset(Presets::kLabNetwork).training);
}

TEST_F(PresetsTest, LrDecayPresetIsKerasInverseTimeDecay)
{
    const Preset decaying = preset(Presets::kLabLrDecay);
    EXPECT_EQ(decaying.network.hidden, preset(Presets::kLabNetwork).network.hidden);
    EXPECT_EQ(decaying.training.optimizer.kind, OptimizerKind::Momentum);
    EXPECT_EQ(decaying.training.optimizer.learningRate, 0.1f);
    EXPECT_EQ(decaying.training.optimizer.momentum, 0.9f);
    EXPECT_EQ(decaying.training.schedule.kind, ScheduleKind::InverseTime);
    EXPECT_DOUBLE_EQ(decaying.training.schedule.decay, 0.005);
    EXPECT_EQ(decaying.training.epochs, 20);
    EXPECT_DOUBLE_EQ(decaying.training.schedule.decay, 0.1 / decaying.training.epochs); // decay = lr / epochs
    EXPECT_EQ(decaying.training.batchSize, 128);
}

TEST_F(PresetsTest, BestAccuracyAugmentsImagesOfTheDatasetsSize)
{
    Preset best = preset(Presets::kBestAccuracy);
    EXPECT_EQ(best.network.hidden,
              (std::vector<LayerSpec>{DenseSpec{1024, Activation::Relu, 0.0f}, DropoutSpec{0.5f}}));
    EXPECT_EQ(best.training.optimizer.kind, OptimizerKind::Momentum);
    EXPECT_EQ(best.training.optimizer.momentum, 0.9f);
    EXPECT_EQ(best.training.schedule.kind, ScheduleKind::Cosine);
    EXPECT_EQ(best.training.schedule.warmupEpochs, 1.0);
    EXPECT_EQ(best.training.epochs, 100);
    EXPECT_EQ(best.training.syntheticShare, 0.7f);
    EXPECT_EQ(best.training.ensembleSize, 1);
    EXPECT_EQ(best.training.augment.maxShift, 2.0f);
    EXPECT_EQ(best.training.augment.maxScale, 0.1f);
    EXPECT_EQ(best.training.augment.maxRotation, 10.0f);
    EXPECT_EQ(best.training.augment.elasticAlpha, 16.0f);
    EXPECT_EQ(best.training.augment.elasticSigma, 4.0f);
    EXPECT_EQ(best.training.augment.width, 28);
    EXPECT_EQ(best.training.augment.height, 28);
    EXPECT_TRUE(best.training.augment.enabled());

    ASSERT_TRUE(document.setDataShape(32 * 32, 5, 32, 32));
    best = preset(Presets::kBestAccuracy);
    EXPECT_EQ(best.network.inputSize, 1024);
    EXPECT_EQ(best.network.classes, 5);
    EXPECT_EQ(best.training.augment.width, 32);
    EXPECT_EQ(best.training.validate(), "");

    // Samples that are not images cannot be shifted or rotated: no augmentation.
    ASSERT_TRUE(document.setDataShape(50, 3, 0, 0));
    best = preset(Presets::kBestAccuracy);
    EXPECT_FALSE(best.training.augment.enabled());
    EXPECT_EQ(best.training.validate(), "");
}

TEST_F(PresetsTest, WhatIsShownIsExactlyWhatWillRun)
{
    for (const Preset& shown : Presets::all(document)) {
        SCOPED_TRACE(shown.id.toStdString());
        Presets::apply(&document, shown);
        EXPECT_EQ(document.training(), shown.training);
        EXPECT_EQ(document.network(), shown.network);
        EXPECT_EQ(Presets::matching(document), shown.id);
        EXPECT_EQ(document.undoStack()->text(document.undoStack()->index() - 1),
                  QStringLiteral("Apply preset “%1”").arg(shown.name));
    }
}

TEST_F(PresetsTest, KeepsTheSeedAndThreads)
{
    TrainConfig training = document.training();
    training.seed = 42;
    training.threads = 4;
    document.reset(document.network(), training);

    const Preset lab = preset(Presets::kLabNetwork);
    EXPECT_EQ(lab.training.seed, 42u);
    EXPECT_EQ(lab.training.threads, 4);
    ASSERT_TRUE(Presets::apply(&document, lab));
    EXPECT_EQ(document.training().seed, 42u);
    EXPECT_EQ(document.training().threads, 4);
}

TEST_F(PresetsTest, UndoingAPresetRestoresThePreviousDesign)
{
    NetworkSpec network = document.network();
    network.hidden = {DenseSpec{300, Activation::Tanh, 0.0001f}, DropoutSpec{0.25f}};
    network.outputL2 = 0.01f;
    network.init = Init::GlorotNormal;
    TrainConfig training = document.training();
    training.optimizer.kind = OptimizerKind::Adam;
    training.optimizer.learningRate = 0.001f;
    training.epochs = 7;
    training.batchSize = 32;
    document.reset(network, training);
    const NetworkSpec before = document.network();
    const TrainConfig beforeTraining = document.training();
    EXPECT_TRUE(Presets::matching(document).isEmpty());

    const Preset decaying = preset(Presets::kLabLrDecay);
    ASSERT_TRUE(Presets::apply(&document, decaying));
    EXPECT_EQ(document.network(), decaying.network);
    EXPECT_EQ(document.undoStack()->count(), 1);
    EXPECT_EQ(layers.rowCount(), 4);
    EXPECT_EQ(summary.totalParameters(), 175306);

    document.undoStack()->undo();
    EXPECT_EQ(document.network(), before);
    EXPECT_EQ(document.training(), beforeTraining);
    EXPECT_EQ(layers.rowCount(), 2);
    EXPECT_EQ(summary.totalParameters(), (784 * 300 + 300) + (300 * 10 + 10));

    document.undoStack()->redo();
    EXPECT_EQ(document.network(), decaying.network);
    EXPECT_EQ(document.training(), decaying.training);
}

TEST_F(PresetsTest, ApplyingTheCurrentPresetAgainRecordsNothing)
{
    const Preset lab = preset(Presets::kLabNetwork);
    ASSERT_TRUE(Presets::apply(&document, lab));
    EXPECT_FALSE(Presets::apply(&document, lab));
    EXPECT_EQ(document.undoStack()->count(), 1);
}

TEST_F(PresetsTest, AnEditLeavesThePreset)
{
    ASSERT_TRUE(Presets::apply(&document, preset(Presets::kLabNetwork)));
    EXPECT_EQ(Presets::matching(document), QString::fromLatin1(Presets::kLabNetwork));
    ASSERT_TRUE(layers.setData(layers.index(0), 100, LayerStackModel::UnitsRole));
    EXPECT_TRUE(Presets::matching(document).isEmpty());
    document.undoStack()->undo();
    EXPECT_EQ(Presets::matching(document), QString::fromLatin1(Presets::kLabNetwork));

    // The L2 of the output is part of the design too.
    document.undoStack()->push(new SetOutputL2Command(&document, 0.001f));
    EXPECT_EQ(document.network().outputL2, 0.001f);
    EXPECT_TRUE(Presets::matching(document).isEmpty());
    document.undoStack()->undo();
    EXPECT_EQ(Presets::matching(document), QString::fromLatin1(Presets::kLabNetwork));
}

TEST_F(PresetsTest, PresetsFollowTheDatasAndTheDesignKeepsItsShape)
{
    ASSERT_TRUE(Presets::apply(&document, preset(Presets::kLabNetwork)));
    ASSERT_TRUE(document.setDataShape(32 * 32, 5, 32, 32));
    EXPECT_EQ(Presets::matching(document), QString::fromLatin1(Presets::kLabNetwork));
    EXPECT_EQ(summary.totalParameters(), (1024 * 128 + 128) + 33024 + 32896 + 8256 + (64 * 5 + 5));

    // Undoing the preset goes back to the design before it, on the new data.
    document.undoStack()->undo();
    EXPECT_TRUE(document.network().hidden.empty());
    EXPECT_EQ(document.network().inputSize, 1024);
    EXPECT_EQ(document.network().classes, 5);
    EXPECT_EQ(document.training().augment.width, 32);
}

} // namespace
