#include "TrainingSetupPanel.h"

#include "LearningRatePreview.h"
#include "NetworkDocument.h"
#include "Presets.h"
#include "TrainingPlan.h"

#include <QApplication>
#include <QCheckBox>
#include <QSettings>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace {

using namespace mlps;
using mlps::ui::NetworkDocument;
using mlps::ui::TrainingSetupPanel;

class SetupPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        panel.setTrainingSamples(20000); // 157 steps per epoch at batch 128
        panel.resize(380, 650);
        panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    }

    QLineEdit* edit(const char* name) const
    {
        auto* line = panel.findChild<QLineEdit*>(QLatin1String(name));
        EXPECT_NE(line, nullptr) << name;
        return line;
    }
    template <typename T>
    T* child(const char* name) const
    {
        auto* widget = panel.findChild<T*>(QLatin1String(name));
        EXPECT_NE(widget, nullptr) << name;
        return widget;
    }
    // The refusal shown under a field (the field's own label, when visible).
    QString errorOf(QLineEdit* line) const
    {
        for (QLabel* label : line->parentWidget()->findChildren<QLabel*>())
            if (label->isVisibleTo(&panel) && !label->text().isEmpty())
                return label->text();
        return {};
    }
    // Replaces the field's text by typing, as a user would.
    void type(QLineEdit* line, const QString& text)
    {
        line->setFocus();
        line->selectAll();
        QTest::keyClicks(line, text);
    }
    void typeAndEnter(QLineEdit* line, const QString& text)
    {
        type(line, text);
        QTest::keyClick(line, Qt::Key_Return);
    }
    void choose(QComboBox* combo, const QString& text)
    {
        const int index = combo->findText(text);
        ASSERT_GE(index, 0) << text.toStdString();
        combo->setFocus();
        // Keyboard: Home, then Down to the item.
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < index; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        ASSERT_EQ(combo->currentIndex(), index);
    }
    QString plan() const { return child<QLabel>("plan")->text(); }
    QLabel* problemLabel() const { return child<QLabel>("problem"); }

    NetworkDocument document;
    TrainingSetupPanel panel{&document};
};

TEST_F(SetupPanelTest, TypedLearningRateIsOneUndoStep)
{
    QLineEdit* rate = edit("learningRate");
    EXPECT_EQ(rate->text(), QStringLiteral("0.01"));
    QSignalSpy planChanged(&panel, &TrainingSetupPanel::planChanged);

    typeAndEnter(rate, QStringLiteral("0.05"));
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.05f);
    EXPECT_EQ(document.undoStack()->count(), 1);
    EXPECT_EQ(document.undoStack()->undoText(), QStringLiteral("Change learning rate"));
    EXPECT_TRUE(plan().contains(QStringLiteral("constant learning rate 0.05")));
    EXPECT_GE(planChanged.count(), 1);

    document.undoStack()->undo();
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.01f);
    EXPECT_EQ(rate->text(), QStringLiteral("0.01"));
    EXPECT_TRUE(plan().contains(QStringLiteral("constant learning rate 0.01")));
    document.undoStack()->redo();
    EXPECT_EQ(rate->text(), QStringLiteral("0.05"));
}

TEST_F(SetupPanelTest, TypingAppliesAsItGoesAndMergesIntoOneStep)
{
    QLineEdit* rate = edit("learningRate");
    type(rate, QStringLiteral("1e-3")); // "1" is valid on the way, "1e" and "1e-" are not
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.001f);
    EXPECT_EQ(rate->text(), QStringLiteral("1e-3")); // the document's echo does not rewrite the text
    EXPECT_EQ(document.undoStack()->count(), 1);
    QTest::keyClick(rate, Qt::Key_Return);
    EXPECT_EQ(document.undoStack()->count(), 1);

    // A new edit of the same field is a new step.
    typeAndEnter(rate, QStringLiteral("0.2"));
    EXPECT_EQ(document.undoStack()->count(), 2);
}

TEST_F(SetupPanelTest, AdamShowsOnlyItsParameters)
{
    choose(child<QComboBox>("optimizer"), QStringLiteral("Adam"));
    EXPECT_EQ(document.training().optimizer.kind, OptimizerKind::Adam);
    EXPECT_TRUE(edit("beta1")->isVisible());
    EXPECT_TRUE(edit("beta2")->isVisible());
    EXPECT_TRUE(edit("epsilon")->isVisible());
    EXPECT_FALSE(edit("momentum")->isVisible());
    EXPECT_FALSE(edit("rho")->isVisible());
    EXPECT_EQ(edit("beta2")->text(), QStringLiteral("0.999"));
    EXPECT_EQ(edit("epsilon")->text(), QStringLiteral("1e-07"));
    EXPECT_TRUE(plan().startsWith(QStringLiteral("Adam (beta1 0.9, beta2 0.999, epsilon 1e-07)")));

    choose(child<QComboBox>("optimizer"), QStringLiteral("RMSprop"));
    EXPECT_TRUE(edit("rho")->isVisible());
    EXPECT_TRUE(edit("epsilon")->isVisible());
    EXPECT_FALSE(edit("beta1")->isVisible());

    choose(child<QComboBox>("optimizer"), QStringLiteral("SGD"));
    for (const char* name : {"momentum", "beta1", "beta2", "rho", "epsilon"})
        EXPECT_FALSE(edit(name)->isVisible()) << name;
    EXPECT_TRUE(edit("learningRate")->isVisible());
}

TEST_F(SetupPanelTest, InverseTimePreviewFollowsTheSchedule)
{
    choose(child<QComboBox>("schedule"), mlps::ui::scheduleDisplayName(ScheduleKind::InverseTime));
    EXPECT_TRUE(edit("decay")->isVisible());
    EXPECT_FALSE(edit("gamma")->isVisible());
    typeAndEnter(edit("decay"), QStringLiteral("0.005"));
    EXPECT_DOUBLE_EQ(document.training().schedule.decay, 0.005);

    const TrainConfig& config = document.training();
    const qint64 perEpoch = ui::stepsPerEpoch(20000, config.batchSize);
    const qint64 total = perEpoch * config.epochs;
    const QList<QPointF> points = panel.previewPoints();
    ASSERT_FALSE(points.isEmpty());
    EXPECT_LE(points.size(), 1000);
    EXPECT_EQ(points.first().x(), 0.0);
    EXPECT_EQ(points.last().x(), double(total - 1));
    for (const QPointF& p : points) {
        const double expected = learningRateAt(config.schedule, config.optimizer.learningRate,
                                               {qint64(p.x()), perEpoch, total, 0});
        EXPECT_DOUBLE_EQ(p.y(), expected) << "step " << p.x();
    }
    EXPECT_TRUE(plan().contains(QStringLiteral("inverse-time decay 0.005 per step")));

    // The chart draws the same curve in epochs.
    auto* preview = child<ui::LearningRatePreview>("preview");
    const QList<QPointF> drawn = preview->drawnPoints();
    ASSERT_EQ(drawn.size(), points.size());
    EXPECT_DOUBLE_EQ(drawn.last().x(), double(total - 1) / double(perEpoch));
    EXPECT_TRUE(preview->caption().contains(QStringLiteral("last step: %1").arg(points.last().y(), 0, 'g', 3)));

    // A longer run is still at most ~1000 points, and a bigger training set changes the plan.
    QSignalSpy planChanged(&panel, &TrainingSetupPanel::planChanged);
    panel.setTrainingSamples(200000);
    EXPECT_EQ(planChanged.count(), 1);
    EXPECT_LE(panel.previewPoints().size(), 1000);
    EXPECT_TRUE(plan().contains(QStringLiteral("10 epochs of 1563 steps")));
}

TEST_F(SetupPanelTest, PlateauCaptionExplainsTheBaseRate)
{
    choose(child<QComboBox>("schedule"), mlps::ui::scheduleDisplayName(ScheduleKind::Plateau));
    EXPECT_TRUE(edit("gamma")->isVisible());
    EXPECT_TRUE(edit("plateauPatience")->isVisible());
    EXPECT_FALSE(edit("decay")->isVisible());
    const QString caption = child<ui::LearningRatePreview>("preview")->caption();
    EXPECT_TRUE(caption.contains(QStringLiteral("multiplied by 0.1")));
    EXPECT_TRUE(caption.contains(QStringLiteral("not improved for 5 epochs")));
    for (const QPointF& p : panel.previewPoints())
        EXPECT_DOUBLE_EQ(p.y(), double(0.01f));
}

TEST_F(SetupPanelTest, PresetUpdatesEveryField)
{
    const int before = document.undoStack()->count();
    ASSERT_TRUE(ui::Presets::apply(&document, ui::Presets::find(document, QLatin1String(ui::Presets::kBestAccuracy))));
    EXPECT_EQ(document.undoStack()->count(), before + 1); // the panel pushed nothing of its own
    EXPECT_EQ(child<QComboBox>("optimizer")->currentText(), ui::optimizerDisplayName(OptimizerKind::Momentum));
    EXPECT_EQ(edit("learningRate")->text(), QStringLiteral("0.05"));
    EXPECT_EQ(edit("momentum")->text(), QStringLiteral("0.9"));
    EXPECT_TRUE(edit("momentum")->isVisible());
    EXPECT_EQ(child<QComboBox>("schedule")->currentText(), ui::scheduleDisplayName(ScheduleKind::Cosine));
    EXPECT_EQ(edit("warmup")->text(), QStringLiteral("1"));
    EXPECT_EQ(edit("minFraction")->text(), QStringLiteral("0"));
    EXPECT_EQ(edit("epochs")->text(), QString::number(document.training().epochs));
    EXPECT_EQ(edit("syntheticShare")->text(), QStringLiteral("0.7"));
    EXPECT_EQ(edit("ensembleSize")->text(), QString::number(document.training().ensembleSize));
    EXPECT_EQ(edit("batchSize")->text(), QStringLiteral("128"));
    EXPECT_EQ(child<QComboBox>("init")->currentText(), ui::initDisplayName(Init::HeUniform));
    EXPECT_TRUE(child<QCheckBox>("augment")->isChecked());
    EXPECT_EQ(edit("shift")->text(), QStringLiteral("2"));
    EXPECT_EQ(edit("scale")->text(), QStringLiteral("0.1"));
    EXPECT_EQ(edit("rotation")->text(), QStringLiteral("10"));
    EXPECT_TRUE(edit("shift")->isVisible());
    EXPECT_EQ(plan(), ui::describeTraining(document.training(), document.network().init, 20000));

    ASSERT_TRUE(ui::Presets::apply(&document, ui::Presets::find(document, QLatin1String(ui::Presets::kLabLrDecay))));
    EXPECT_EQ(child<QComboBox>("schedule")->currentText(), ui::scheduleDisplayName(ScheduleKind::InverseTime));
    EXPECT_EQ(edit("decay")->text(), QStringLiteral("0.005"));
    EXPECT_EQ(edit("learningRate")->text(), QStringLiteral("0.1"));
    EXPECT_EQ(edit("epochs")->text(), QStringLiteral("20"));
    EXPECT_EQ(child<QComboBox>("init")->currentText(), ui::initDisplayName(Init::GlorotUniform));
    EXPECT_FALSE(child<QCheckBox>("augment")->isChecked());
    EXPECT_FALSE(edit("shift")->isVisible());
    EXPECT_TRUE(plan().startsWith(QStringLiteral("SGD with momentum 0.9, learning rate 0.1 with inverse-time decay "
                                                 "0.005 per step")));
}

TEST_F(SetupPanelTest, RefusedValuesLeaveTheDocumentAndSayWhy)
{
    const TrainConfig original = document.training();
    QLineEdit* rate = edit("learningRate");

    typeAndEnter(rate, QStringLiteral("0"));
    EXPECT_EQ(document.training(), original);
    EXPECT_EQ(rate->text(), QStringLiteral("0")); // kept for correction
    EXPECT_TRUE(errorOf(rate).contains(QStringLiteral("greater than 0"))) << errorOf(rate).toStdString();
    EXPECT_TRUE(problemLabel()->isVisible());
    EXPECT_TRUE(panel.problem().contains(QStringLiteral("learning rate"))) << panel.problem().toStdString();

    typeAndEnter(rate, QStringLiteral("abc"));
    EXPECT_EQ(document.training(), original);
    EXPECT_TRUE(errorOf(rate).contains(QStringLiteral("not a number")));

    // Escape puts the document's value back.
    QTest::keyClick(rate, Qt::Key_Escape);
    EXPECT_EQ(rate->text(), QStringLiteral("0.01"));
    EXPECT_TRUE(errorOf(rate).isEmpty());
    EXPECT_TRUE(panel.problem().isEmpty());
    EXPECT_FALSE(problemLabel()->isVisible());

    typeAndEnter(edit("batchSize"), QStringLiteral("0"));
    EXPECT_EQ(document.training().batchSize, original.batchSize);
    EXPECT_TRUE(errorOf(edit("batchSize")).contains(QStringLiteral("at least 1")));
    typeAndEnter(edit("epochs"), QStringLiteral("0"));
    EXPECT_EQ(document.training().epochs, original.epochs);
    EXPECT_FALSE(errorOf(edit("epochs")).isEmpty());
    typeAndEnter(edit("threads"), QString::number(QThread::idealThreadCount() + 1));
    EXPECT_EQ(document.training().threads, original.threads);
    EXPECT_TRUE(errorOf(edit("threads")).contains(QStringLiteral("threads")));
    EXPECT_EQ(document.undoStack()->count(), 0);

    // Correcting a field clears its reason as soon as the text is good.
    type(edit("batchSize"), QStringLiteral("64"));
    EXPECT_TRUE(errorOf(edit("batchSize")).isEmpty());
    EXPECT_EQ(document.training().batchSize, 64);
}

TEST_F(SetupPanelTest, MomentumOfOneAndAHalfIsRefused)
{
    choose(child<QComboBox>("optimizer"), ui::optimizerDisplayName(OptimizerKind::Momentum));
    const TrainConfig before = document.training();
    const int steps = document.undoStack()->count();
    QLineEdit* momentum = edit("momentum");
    typeAndEnter(momentum, QStringLiteral("1.5"));
    EXPECT_EQ(document.training(), before);
    EXPECT_EQ(document.undoStack()->count(), steps);
    EXPECT_TRUE(errorOf(momentum).contains(QStringLiteral("less than 1")));
    EXPECT_EQ(momentum->text(), QStringLiteral("1.5"));
}

TEST_F(SetupPanelTest, ARefusedEndUndoesWhatTheTypingApplied)
{
    QLineEdit* rate = edit("learningRate");
    type(rate, QStringLiteral("1e-")); // "1" was applied on the way
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 1.0f);
    QTest::keyClick(rate, Qt::Key_Return);
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.01f);
    EXPECT_EQ(document.undoStack()->count(), 0);
    EXPECT_EQ(rate->text(), QStringLiteral("1e-"));
    EXPECT_FALSE(errorOf(rate).isEmpty());
    EXPECT_FALSE(panel.problem().isEmpty());

    // Escape mid-typing also goes back to where the session started.
    type(rate, QStringLiteral("0.3"));
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.3f);
    QTest::keyClick(rate, Qt::Key_Escape);
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.01f);
    EXPECT_EQ(rate->text(), QStringLiteral("0.01"));
    EXPECT_EQ(document.undoStack()->count(), 0);
}

TEST_F(SetupPanelTest, EarlyStoppingSwitchAndPatience)
{
    auto* stopping = child<QCheckBox>("earlyStopping");
    EXPECT_FALSE(edit("patience")->isVisible());
    // A click on the box itself (at the left of the text).
    const QPoint box(stopping->fontMetrics().height() / 2 + 2, stopping->height() / 2);
    QTest::mouseClick(stopping, Qt::LeftButton, {}, box);
    EXPECT_EQ(document.training().earlyStoppingPatience, 5);
    EXPECT_TRUE(edit("patience")->isVisible());
    EXPECT_TRUE(plan().contains(QStringLiteral("early stopping after 5 epochs")));
    EXPECT_TRUE(plan().contains(QStringLiteral("restoring the best epoch")));

    typeAndEnter(edit("patience"), QStringLiteral("0"));
    EXPECT_EQ(document.training().earlyStoppingPatience, 5);
    EXPECT_TRUE(errorOf(edit("patience")).contains(QStringLiteral("untick")));
    typeAndEnter(edit("patience"), QStringLiteral("3"));
    EXPECT_EQ(document.training().earlyStoppingPatience, 3);

    stopping->setFocus();
    QTest::keyClick(stopping, Qt::Key_Space);
    EXPECT_EQ(document.training().earlyStoppingPatience, 0);
    EXPECT_TRUE(plan().contains(QStringLiteral("no early stopping")));
    QTest::keyClick(stopping, Qt::Key_Space); // back on: the last patience again
    EXPECT_EQ(document.training().earlyStoppingPatience, 3);
}

TEST_F(SetupPanelTest, AugmentationSwitchAndNonImageData)
{
    auto* augment = child<QCheckBox>("augment");
    augment->setFocus();
    QTest::keyClick(augment, Qt::Key_Space);
    EXPECT_TRUE(document.training().augment.enabled());
    EXPECT_FLOAT_EQ(document.training().augment.maxShift, 2.0f);
    EXPECT_TRUE(edit("shift")->isVisible());
    EXPECT_TRUE(plan().contains(QStringLiteral("shift up to 2 px")));

    typeAndEnter(edit("elasticAlpha"), QStringLiteral("34"));
    EXPECT_FLOAT_EQ(document.training().augment.elasticAlpha, 34.0f);
    typeAndEnter(edit("scale"), QStringLiteral("1.5"));
    EXPECT_FLOAT_EQ(document.training().augment.maxScale, 0.1f);
    EXPECT_FALSE(errorOf(edit("scale")).isEmpty());
    QTest::keyClick(edit("scale"), Qt::Key_Escape);

    QTest::keyClick(augment, Qt::Key_Space);
    EXPECT_FALSE(document.training().augment.enabled());
    EXPECT_FALSE(edit("shift")->isVisible());
    QTest::keyClick(augment, Qt::Key_Space); // on again: the settings from before
    EXPECT_FLOAT_EQ(document.training().augment.elasticAlpha, 34.0f);

    // Data that are not images cannot be augmented: the group says so, and
    // augmentation left on from image data is a problem that can be turned off.
    ASSERT_TRUE(document.setDataShape(10, 3, 0, 0));
    EXPECT_TRUE(panel.problem().contains(QStringLiteral("image size"))) << panel.problem().toStdString();
    EXPECT_TRUE(augment->isEnabled());
    EXPECT_FALSE(edit("shift")->isEnabled());
    QTest::keyClick(augment, Qt::Key_Space);
    EXPECT_FALSE(document.training().augment.enabled());
    EXPECT_TRUE(panel.problem().isEmpty());
    EXPECT_FALSE(augment->isEnabled());
    bool noteShown = false;
    for (QLabel* label : panel.findChildren<QLabel*>())
        noteShown = noteShown || (label->isVisible() && label->text().contains(QStringLiteral("not images")));
    EXPECT_TRUE(noteShown);
}

TEST_F(SetupPanelTest, UndoRedoAndSeedInitFollowTheDocument)
{
    typeAndEnter(edit("seed"), QStringLiteral("18446744073709551615"));
    EXPECT_EQ(document.training().seed, 18446744073709551615ull);
    choose(child<QComboBox>("init"), ui::initDisplayName(Init::GlorotNormal));
    EXPECT_EQ(document.network().init, Init::GlorotNormal);
    EXPECT_TRUE(plan().contains(QStringLiteral("Glorot normal init")));
    EXPECT_EQ(document.undoStack()->count(), 2);

    document.undoStack()->undo();
    document.undoStack()->undo();
    EXPECT_EQ(document.undoStack()->count(), 2); // following the document pushes nothing
    EXPECT_EQ(edit("seed")->text(), QStringLiteral("1"));
    EXPECT_EQ(child<QComboBox>("init")->currentText(), ui::initDisplayName(Init::HeUniform));

    typeAndEnter(edit("seed"), QStringLiteral("-1"));
    EXPECT_EQ(document.training().seed, 1u);
    EXPECT_FALSE(errorOf(edit("seed")).isEmpty());
}

TEST_F(SetupPanelTest, UnknownTrainingSetSaysSo)
{
    panel.setTrainingSamples(0);
    EXPECT_TRUE(panel.previewPoints().isEmpty());
    const QString caption = child<ui::LearningRatePreview>("preview")->caption();
    EXPECT_TRUE(caption.contains(QStringLiteral("size of the training set")));
    EXPECT_TRUE(plan().contains(QStringLiteral("steps per epoch follow from")));
}

TEST_F(SetupPanelTest, FitsANarrowDockWithoutHorizontalScrolling)
{
    auto* scroll = panel.findChild<QScrollArea*>();
    ASSERT_NE(scroll, nullptr);
    ASSERT_TRUE(ui::Presets::apply(&document, ui::Presets::find(document, QLatin1String(ui::Presets::kBestAccuracy))));
    choose(child<QComboBox>("optimizer"), QStringLiteral("Adam"));
    EXPECT_LE(scroll->widget()->minimumSizeHint().width(), 340);
    EXPECT_LE(panel.minimumSizeHint().width(), 340);
    panel.resize(340, 600);
    QTest::qWait(20); // let the layouts settle
    EXPECT_FALSE(scroll->horizontalScrollBar()->isVisible());
    // Every visible field lies inside the viewport's width, none is clipped on the right.
    for (QLineEdit* line : scroll->widget()->findChildren<QLineEdit*>()) {
        if (!line->isVisible())
            continue;
        const QPoint right = line->mapTo(scroll->viewport(), QPoint(line->width(), 0));
        EXPECT_LE(right.x(), scroll->viewport()->width()) << line->objectName().toStdString();
    }
    // For a look at it (the studio's dock is 340-420 px wide).
    EXPECT_TRUE(panel.grab().save(QStringLiteral("/tmp/setup-narrow.png")));
}

TEST_F(SetupPanelTest, LooksTidyInEveryState)
{
    // Screenshots for review, in the states a user meets; each must render.
    auto shot = [this](const char* name) {
        // Word-wrapped labels settle over a few layout passes.
        auto* planLabel = child<QLabel>("plan");
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return planLabel->height() >= planLabel->heightForWidth(planLabel->width()); }));
        QTest::qWait(20);
        auto* scroll = panel.findChild<QScrollArea*>();
        const QImage image = scroll->widget()->grab().toImage();
        EXPECT_FALSE(image.isNull());
        EXPECT_TRUE(image.save(QStringLiteral("/tmp/setup-%1-content.png").arg(QLatin1String(name))));
        EXPECT_TRUE(panel.grab().save(QStringLiteral("/tmp/setup-%1.png").arg(QLatin1String(name))));
    };
    shot("default");
    ASSERT_TRUE(ui::Presets::apply(&document, ui::Presets::find(document, QLatin1String(ui::Presets::kBestAccuracy))));
    child<QCheckBox>("earlyStopping")->click();
    shot("best");
    choose(child<QComboBox>("optimizer"), QStringLiteral("Adam"));
    choose(child<QComboBox>("schedule"), mlps::ui::scheduleDisplayName(ScheduleKind::Step));
    typeAndEnter(edit("learningRate"), QStringLiteral("abc"));
    typeAndEnter(edit("gamma"), QStringLiteral("1.5"));
    EXPECT_TRUE(child<QLabel>("problem")->isVisible());
    shot("errors");
    // The plan under the settings is never cut off, even below two refusals.
    for (QLabel* label : {child<QLabel>("problem"), child<QLabel>("plan")}) {
        EXPECT_TRUE(QTest::qWaitFor([&] { return label->height() >= label->heightForWidth(label->width()); }))
            << label->objectName().toStdString();
        EXPECT_LE(label->mapTo(&panel, QPoint(0, label->height())).y(), panel.height());
    }
    QTest::keyClick(edit("gamma"), Qt::Key_Escape);
    QTest::keyClick(edit("learningRate"), Qt::Key_Escape);
    child<ui::LearningRatePreview>("preview")->setLogScale(true);
    choose(child<QComboBox>("schedule"), mlps::ui::scheduleDisplayName(ScheduleKind::InverseTime));
    typeAndEnter(edit("decay"), QStringLiteral("0.005"));
    shot("log");
    child<ui::LearningRatePreview>("preview")->setLogScale(false);
}

} // namespace

namespace {

TEST_F(SetupPanelTest, EveryControlIsNamedAndReachableByKeyboard)
{
    for (QWidget* widget : panel.findChildren<QWidget*>()) {
        if (qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget) || qobject_cast<QCheckBox*>(widget)) {
            EXPECT_FALSE(widget->accessibleName().isEmpty()) << widget->metaObject()->className();
            EXPECT_NE(widget->focusPolicy() & Qt::TabFocus, 0) << widget->accessibleName().toStdString();
        }
    }
    // The labels' mnemonics focus their fields.
    panel.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&panel));
    QTest::keyClick(&panel, Qt::Key_R, Qt::AltModifier);
    EXPECT_EQ(QApplication::focusWidget(), edit("learningRate"));
    QTest::keyClick(&panel, Qt::Key_B, Qt::AltModifier);
    EXPECT_EQ(QApplication::focusWidget(), edit("batchSize"));
    QTest::keyClick(&panel, Qt::Key_O, Qt::AltModifier);
    EXPECT_EQ(QApplication::focusWidget(), child<QComboBox>("optimizer"));
    // Tab walks on to the learning rate, and from the batch size to the seed.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_EQ(QApplication::focusWidget(), edit("learningRate"));
    edit("batchSize")->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_EQ(QApplication::focusWidget(), edit("seed"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    EXPECT_EQ(QApplication::focusWidget(), edit("batchSize"));
}

TEST_F(SetupPanelTest, ScheduleFormulaNamesKerasDecay)
{
    choose(child<QComboBox>("schedule"), mlps::ui::scheduleDisplayName(ScheduleKind::InverseTime));
    EXPECT_TRUE(child<QLabel>("scheduleFormula")->text().contains(QStringLiteral("Keras decay")));
    // One keyboard visit to the combo is one undo step, however many items it passed.
    EXPECT_EQ(document.undoStack()->count(), 1);
}

TEST_F(SetupPanelTest, LogScaleTogglePersists)
{
    auto* preview = child<ui::LearningRatePreview>("preview");
    preview->setLogScale(true);
    EXPECT_TRUE(QSettings().value(QStringLiteral("setup/previewLogScale")).toBool());
    TrainingSetupPanel second(&document);
    EXPECT_TRUE(second.findChild<ui::LearningRatePreview*>()->logScale());
    preview->setLogScale(false);
    EXPECT_FALSE(QSettings().value(QStringLiteral("setup/previewLogScale")).toBool());
}

} // namespace
