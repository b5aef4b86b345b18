#include "RunDifferences.h"
#include "RunFixtures.h"
#include "TestSampleComparison.h"

#include "nn/Metrics.h"

#include <gtest/gtest.h>

#include <QStringList>

namespace {

using namespace mlps;
using namespace mlps::ui;
using Row = std::tuple<QString, QString, QString>;

QString s(const char* text)
{
    return QString::fromUtf8(text);
}

QStringList labels(const QList<Row>& rows)
{
    QStringList list;
    for (const Row& row : rows)
        list.append(std::get<0>(row));
    return list;
}

// A RunRecord with settings only (no training), for the settings tests.
RunRecord settingsRun(const NetworkSpec& network, const TrainConfig& config, std::uint64_t splitSeed = 3)
{
    RunRecord run;
    run.id = 1;
    run.dataName = QStringLiteral("Noisy quadrants");
    run.job.network = network;
    run.job.config = config;
    run.job.data = test::noisyQuadrants(200);
    run.job.split = test::quadrantSplit(*run.job.data, splitSeed);
    return run;
}

QString valueOf(const QList<Row>& settings, const char* key)
{
    for (const Row& row : settings) {
        if (std::get<0>(row) == QString::fromLatin1(key))
            return std::get<2>(row);
    }
    return QStringLiteral("<missing>");
}

TEST(ArchitectureText, NamesSizesActivationsAndDropout)
{
    EXPECT_EQ(architectureText(test::quadrantNetwork()), s("64-4"));
    EXPECT_EQ(architectureText(test::quadrantNetwork({16, 8})), s("64-16-8-4 relu"));
    EXPECT_EQ(architectureText(labNetworkSpec()), s("784-128-256-128-64-10 relu"));
    EXPECT_EQ(architectureText(labNetworkSpec(0.001f, 0.5f, 2)), s("784-128-256-128-64-10 relu, dropout 0.5"));

    NetworkSpec mixed = test::quadrantNetwork({16, 8});
    std::get<DenseSpec>(mixed.hidden[1]).activation = Activation::Tanh;
    mixed.hidden.insert(mixed.hidden.begin() + 1, DropoutSpec{0.2f});
    mixed.hidden.push_back(DropoutSpec{0.5f});
    EXPECT_EQ(architectureText(mixed), s("64-16 relu-8 tanh-4, dropout 0.2/0.5"));
}

TEST(RunSettings, ListsEverySettingInOrder)
{
    TrainConfig config = test::quickConfig();
    config.earlyStoppingPatience = 3;
    const RunRecord run = settingsRun(test::quadrantNetwork({16}), config);
    const QList<Row> settings = runSettings(run);
    QStringList keys;
    for (const Row& row : settings)
        keys.append(std::get<0>(row));
    EXPECT_EQ(keys, (QStringList{s("network.architecture"), s("network.layer.1"), s("network.outputL2"),
                                 s("network.init"), s("optimizer"), s("optimizer.learningRate"),
                                 s("optimizer.momentum"), s("schedule"), s("epochs"), s("batchSize"), s("seed"),
                                 s("threads"), s("earlyStopping"), s("augment"), s("data"), s("data.images"),
                                 s("data.imageSize"), s("data.classes"), s("data.testSet"), s("split.train"),
                                 s("split.validation"), s("split.test"), s("split.fingerprint")}));
    EXPECT_EQ(valueOf(settings, "network.architecture"), s("64-16-4 relu"));
    EXPECT_EQ(valueOf(settings, "network.layer.1"), s("Dense 16, relu"));
    EXPECT_EQ(valueOf(settings, "optimizer"), s("SGD with momentum"));
    EXPECT_EQ(valueOf(settings, "optimizer.learningRate"), s("0.05"));
    EXPECT_EQ(valueOf(settings, "optimizer.momentum"), s("0.9"));
    EXPECT_EQ(valueOf(settings, "schedule"), s("Constant"));
    EXPECT_EQ(valueOf(settings, "epochs"), s("2"));
    EXPECT_EQ(valueOf(settings, "batchSize"), s("32"));
    EXPECT_EQ(valueOf(settings, "seed"), s("5"));
    EXPECT_EQ(valueOf(settings, "earlyStopping"), s("after 3 epochs without improvement"));
    EXPECT_EQ(valueOf(settings, "augment"), s("off"));
    EXPECT_EQ(valueOf(settings, "data"), s("Noisy quadrants"));
    EXPECT_EQ(valueOf(settings, "data.images"), s("200"));
    EXPECT_EQ(valueOf(settings, "data.classes"), s("4 (A B C D)"));
    EXPECT_EQ(valueOf(settings, "split.train"), s("110"));
    EXPECT_EQ(valueOf(settings, "split.validation"), s("40"));
    EXPECT_EQ(valueOf(settings, "split.test"), s("50"));
    // Labels are for people, keys for code: no label is empty.
    for (const Row& row : settings)
        EXPECT_FALSE(std::get<1>(row).isEmpty()) << std::get<0>(row).toStdString();
}

TEST(RunSettings, ScheduleAndAugmentationParameters)
{
    TrainConfig config = test::quickConfig();
    config.schedule.kind = ScheduleKind::InverseTime;
    config.schedule.decay = 0.005;
    config.augment.maxShift = 2.0f;
    config.augment.width = 8;
    config.augment.height = 8;
    const QList<Row> settings = runSettings(settingsRun(test::quadrantNetwork(), config));
    EXPECT_EQ(valueOf(settings, "schedule"), s("Inverse-time decay (Keras decay)"));
    EXPECT_EQ(valueOf(settings, "schedule.decay"), s("0.005"));
    EXPECT_EQ(valueOf(settings, "schedule.gamma"), s("<missing>")); // not used by this schedule
    EXPECT_EQ(valueOf(settings, "augment"), QString::fromStdString(config.augment.describe()));
    EXPECT_EQ(valueOf(settings, "network.hidden"), s("none (logistic regression)"));
}

TEST(RunSettings, ASeparateTestSet)
{
    RunRecord run = settingsRun(test::quadrantNetwork(), test::quickConfig());
    auto testSet = std::make_shared<Dataset>(*test::noisyQuadrants(40, 9));
    testSet->source = "/data/test.npz";
    run.job.testData = testSet;
    const QList<Row> settings = runSettings(run);
    EXPECT_EQ(valueOf(settings, "data.testSet"), s("separate: /data/test.npz (40 images)"));
    EXPECT_EQ(valueOf(settings, "split.test"), s("<missing>")); // the split's test part is not used
    const RunRecord fromSplit = settingsRun(test::quadrantNetwork(), test::quickConfig());
    const QList<Row> differences = settingDifferences(fromSplit, run);
    EXPECT_EQ(labels(differences), (QStringList{s("Test set"), s("Test samples")}));
    EXPECT_EQ(differences[1], Row(s("Test samples"), s("50"), s("—")));
}

TEST(SettingDifferences, SameSetupHasNone)
{
    const RunRecord a = settingsRun(test::quadrantNetwork({16}), test::quickConfig());
    const RunRecord b = settingsRun(test::quadrantNetwork({16}), test::quickConfig());
    EXPECT_TRUE(settingDifferences(a, b).isEmpty());
}

TEST(SettingDifferences, LogisticRegressionAgainstAHiddenLayer)
{
    const RunRecord a = settingsRun(test::quadrantNetwork(), test::quickConfig());
    const RunRecord b = settingsRun(test::quadrantNetwork({16}), test::quickConfig());
    const QList<Row> differences = settingDifferences(a, b);
    ASSERT_EQ(differences.size(), 3);
    EXPECT_EQ(differences[0], Row(s("Network"), s("64-4"), s("64-16-4 relu")));
    EXPECT_EQ(differences[1], Row(s("Hidden layers"), s("none (logistic regression)"), s("—")));
    EXPECT_EQ(differences[2], Row(s("Layer 1"), s("—"), s("Dense 16, relu")));
}

TEST(SettingDifferences, OptimizerParametersOnlyWhereUsed)
{
    TrainConfig adam = test::quickConfig();
    adam.optimizer.kind = OptimizerKind::Adam;
    adam.optimizer.learningRate = 0.001f;
    adam.optimizer.beta2 = 0.99f;
    const RunRecord a = settingsRun(test::quadrantNetwork({16}), test::quickConfig());
    const RunRecord b = settingsRun(test::quadrantNetwork({16}), adam);
    const QList<Row> differences = settingDifferences(a, b);
    EXPECT_EQ(labels(differences),
              (QStringList{s("Optimizer"), s("Learning rate"), s("Momentum"), s("Adam β1"), s("Adam β2"),
                           s("Epsilon")}));
    EXPECT_EQ(differences[1], Row(s("Learning rate"), s("0.05"), s("0.001")));
    EXPECT_EQ(differences[2], Row(s("Momentum"), s("0.9"), s("—")));
    EXPECT_EQ(differences[4], Row(s("Adam β2"), s("—"), s("0.99")));
    // And back: where the lists part, the first run's settings come first.
    EXPECT_EQ(labels(settingDifferences(b, a)),
              (QStringList{s("Optimizer"), s("Learning rate"), s("Adam β1"), s("Adam β2"), s("Epsilon"),
                           s("Momentum")}));
}

TEST(SettingDifferences, RegularizationAndRunSettings)
{
    TrainConfig config = test::quickConfig();
    config.seed = 9;
    config.epochs = 4;
    NetworkSpec regularized = test::quadrantNetwork({16});
    std::get<DenseSpec>(regularized.hidden[0]).l2 = 0.001f;
    regularized.hidden.push_back(DropoutSpec{0.5f});
    regularized.outputL2 = 0.001f;
    const QList<Row> differences
        = settingDifferences(settingsRun(test::quadrantNetwork({16}), test::quickConfig()), settingsRun(regularized, config));
    EXPECT_EQ(differences,
              (QList<Row>{Row(s("Network"), s("64-16-4 relu"), s("64-16-4 relu, dropout 0.5")),
                          Row(s("Layer 1"), s("Dense 16, relu"), s("Dense 16, relu, L2 0.001")),
                          Row(s("Layer 2"), s("—"), s("Dropout 0.5")),
                          Row(s("Output L2"), s("0"), s("0.001")), Row(s("Epochs"), s("2"), s("4")),
                          Row(s("Seed"), s("5"), s("9"))}));
}

TEST(SettingDifferences, AnotherSplitOfTheSameSizes)
{
    const RunRecord a = settingsRun(test::quadrantNetwork(), test::quickConfig(), 3);
    const RunRecord b = settingsRun(test::quadrantNetwork(), test::quickConfig(), 4);
    const QList<Row> differences = settingDifferences(a, b);
    ASSERT_EQ(differences.size(), 1);
    EXPECT_EQ(std::get<0>(differences[0]), s("Split fingerprint"));
    EXPECT_NE(std::get<1>(differences[0]), std::get<2>(differences[0]));
}

// The direct computation the comparison must agree with.
void expectOutcomesMatch(const RunRecord& a, const RunRecord& b, const TestSampleComparison& comparison)
{
    const Evaluation& ea = *a.test();
    const Evaluation& eb = *b.test();
    qint64 fixed = 0, broken = 0, bothWrong = 0, bothRight = 0;
    for (std::int64_t i = 0; i < ea.count(); ++i) {
        const bool ra = ea.predicted[std::size_t(i)] == ea.trueLabels[std::size_t(i)];
        const bool rb = eb.predicted[std::size_t(i)] == eb.trueLabels[std::size_t(i)];
        fixed += !ra && rb;
        broken += ra && !rb;
        bothWrong += !ra && !rb;
        bothRight += ra && rb;
    }
    EXPECT_EQ(comparison.fixed.size(), fixed);
    EXPECT_EQ(comparison.broken.size(), broken);
    EXPECT_EQ(comparison.bothWrong.size(), bothWrong);
    EXPECT_EQ(comparison.bothRight, bothRight);
    EXPECT_EQ(comparison.total, ea.count());
    for (qint64 i : comparison.fixed) {
        EXPECT_NE(ea.predicted[std::size_t(i)], ea.trueLabels[std::size_t(i)]);
        EXPECT_EQ(eb.predicted[std::size_t(i)], eb.trueLabels[std::size_t(i)]);
    }
    for (qint64 i : comparison.broken) {
        EXPECT_EQ(ea.predicted[std::size_t(i)], ea.trueLabels[std::size_t(i)]);
        EXPECT_NE(eb.predicted[std::size_t(i)], eb.trueLabels[std::size_t(i)]);
    }
}

TEST(TestSampleComparison, FixedAndBrokenMatchADirectCount)
{
    const auto data = test::noisyQuadrants();
    const Split split = test::quadrantSplit(*data);
    const auto logistic = test::trainRun(1, s("Logistic regression"), test::quadrantNetwork(), test::quickConfig(), data, split);
    const auto hidden = test::trainRun(2, s("Hidden layer"), test::quadrantNetwork({16}), test::quickConfig(), data, split);
    const TestSampleComparison comparison = compareTestSamples(*logistic, *hidden);
    ASSERT_TRUE(comparison.comparable) << comparison.reason.toStdString();
    EXPECT_TRUE(comparison.reason.isEmpty());
    expectOutcomesMatch(*logistic, *hidden, comparison);
    // The two runs do disagree somewhere, so the check above is not vacuous.
    EXPECT_GT(comparison.fixed.size() + comparison.broken.size(), 0);
    EXPECT_GT(comparison.bothRight, 0);

    // Reversed, fixed and broken swap.
    const TestSampleComparison reversed = compareTestSamples(*hidden, *logistic);
    EXPECT_EQ(reversed.fixed, comparison.broken);
    EXPECT_EQ(reversed.broken, comparison.fixed);
}

TEST(TestSampleComparison, EqualCopiesOfTheDataCompare)
{
    // The same images, loaded twice (as after reopening a project): compared by pixels.
    const Split split = test::quadrantSplit(*test::noisyQuadrants());
    const auto a = test::trainRun(1, s("a"), test::quadrantNetwork(), test::quickConfig(), test::noisyQuadrants(), split);
    const auto b = test::trainRun(2, s("b"), test::quadrantNetwork({8}), test::quickConfig(), test::noisyQuadrants(), split);
    const TestSampleComparison comparison = compareTestSamples(*a, *b);
    ASSERT_TRUE(comparison.comparable) << comparison.reason.toStdString();
    expectOutcomesMatch(*a, *b, comparison);
}

TEST(TestSampleComparison, OtherTestSamplesAreNotCompared)
{
    const auto data = test::noisyQuadrants();
    const auto a = test::trainRun(1, s("a"), test::quadrantNetwork(), test::quickConfig(), data, test::quadrantSplit(*data, 3));
    // Another split of the same sizes: same count, other samples.
    const auto b = test::trainRun(2, s("b"), test::quadrantNetwork(), test::quickConfig(), data, test::quadrantSplit(*data, 4));
    const TestSampleComparison otherSplit = compareTestSamples(*a, *b);
    EXPECT_FALSE(otherSplit.comparable);
    EXPECT_TRUE(otherSplit.fixed.isEmpty());
    EXPECT_TRUE(otherSplit.broken.isEmpty());
    EXPECT_TRUE(otherSplit.reason.contains(s("different samples"))) << otherSplit.reason.toStdString();

    // Other data of another size.
    const auto other = test::noisyQuadrants(400, 11);
    const auto c = test::trainRun(3, s("c"), test::quadrantNetwork(), test::quickConfig(), other, test::quadrantSplit(*other));
    const TestSampleComparison otherSize = compareTestSamples(*a, *c);
    EXPECT_FALSE(otherSize.comparable);
    EXPECT_TRUE(otherSize.reason.contains(s("150 and 100 samples"))) << otherSize.reason.toStdString();

    // A run without a test evaluation (it diverged).
    auto diverged = std::make_shared<RunRecord>(*a);
    diverged->id = 4;
    diverged->result.test.reset();
    const TestSampleComparison missing = compareTestSamples(*diverged, *b);
    EXPECT_FALSE(missing.comparable);
    EXPECT_TRUE(missing.reason.contains(s("Run 4 has no test evaluation"))) << missing.reason.toStdString();
}

} // namespace
