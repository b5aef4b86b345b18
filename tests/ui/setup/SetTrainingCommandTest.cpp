#include "NetworkDocument.h"
#include "SetTrainingCommand.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace {

using mlps::Init;
using mlps::ui::NetworkDocument;
using mlps::ui::SetTrainingCommand;
using mlps::ui::TrainingDesign;

TrainingDesign withRate(const NetworkDocument& document, float rate)
{
    TrainingDesign design = SetTrainingCommand::current(document);
    design.training.optimizer.learningRate = rate;
    return design;
}

TEST(SetTrainingCommand, AppliesAndUndoesTrainingAndInit)
{
    NetworkDocument document;
    const TrainingDesign before = SetTrainingCommand::current(document);
    TrainingDesign after = withRate(document, 0.5f);
    after.init = Init::GlorotNormal;
    QSignalSpy trainingChanged(&document, &NetworkDocument::trainingChanged);

    document.undoStack()->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 0, after));
    EXPECT_EQ(SetTrainingCommand::current(document), after);
    EXPECT_EQ(trainingChanged.count(), 1);
    EXPECT_EQ(document.undoStack()->undoText(), QStringLiteral("Change learning rate"));

    document.undoStack()->undo();
    EXPECT_EQ(SetTrainingCommand::current(document), before);
}

TEST(SetTrainingCommand, KeepsTheDataShape)
{
    NetworkDocument document;
    ASSERT_TRUE(document.setDataShape(16, 3, 4, 4));
    TrainingDesign after = withRate(document, 0.5f);
    after.training.augment.width = 28; // stale: the data decides
    document.undoStack()->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 0, after));
    EXPECT_EQ(document.training().augment.width, 4);
    EXPECT_EQ(document.network().inputSize, 16);
}

TEST(SetTrainingCommand, MergesOneSessionOfOneFieldOnly)
{
    NetworkDocument document;
    QUndoStack* stack = document.undoStack();
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 7, withRate(document, 1.0f)));
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 7, withRate(document, 0.001f)));
    EXPECT_EQ(stack->count(), 1);
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.001f);

    // Another session, another step; session 0 never merges.
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 8, withRate(document, 0.002f)));
    EXPECT_EQ(stack->count(), 2);
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 0, withRate(document, 0.003f)));
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 0, withRate(document, 0.004f)));
    EXPECT_EQ(stack->count(), 4);

    stack->undo();
    stack->undo();
    stack->undo();
    stack->undo();
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.01f);
}

TEST(SetTrainingCommand, ASessionEndingWhereItStartedLeavesNoStep)
{
    NetworkDocument document;
    QUndoStack* stack = document.undoStack();
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 9, withRate(document, 1.0f)));
    stack->push(new SetTrainingCommand(&document, QStringLiteral("learning rate"), 9, withRate(document, 0.01f)));
    EXPECT_EQ(stack->count(), 0);
    EXPECT_FLOAT_EQ(document.training().optimizer.learningRate, 0.01f);
}

} // namespace
