#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace mlps::ui {

class NetworkDocument;

// The undo commands of the network designer. Each one calls the document's
// primitive edits (NetworkDocument.h), which announce the change so that the
// models update. Rows must be valid when a command is created; the commands
// check nothing themselves (LayerStackModel validates what the user asks for).

// Adds a layer so that it ends up at `row`.
class InsertLayerCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(InsertLayerCommand)

public:
    InsertLayerCommand(NetworkDocument* document, int row, const LayerSpec& layer, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    NetworkDocument* m_document;
    int m_row;
    LayerSpec m_layer;
};

// Removes the layer at `row`.
class RemoveLayerCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(RemoveLayerCommand)

public:
    RemoveLayerCommand(NetworkDocument* document, int row, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    NetworkDocument* m_document;
    int m_row;
    LayerSpec m_layer;
};

// Moves the layer at `from` so that it ends up at index `to` (from != to).
class MoveLayerCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(MoveLayerCommand)

public:
    MoveLayerCommand(NetworkDocument* document, int from, int to, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    NetworkDocument* m_document;
    int m_from;
    int m_to;
};

// Changes one setting of the layer at `row`. Repeated changes of the same
// setting of the same layer (a spin box stepping through values) merge into
// one undo step; a merge that ends where it started leaves no step at all.
class EditLayerCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(EditLayerCommand)

public:
    enum class Field { Units, Activation, L2, DropoutRate };
    static constexpr int kId = 0x6d6c01; // "ml" 1: unique among the studio's commands

    EditLayerCommand(NetworkDocument* document, int row, Field field, const LayerSpec& newLayer,
                     QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    NetworkDocument* m_document;
    int m_row;
    Field m_field;
    LayerSpec m_oldLayer;
    LayerSpec m_newLayer;
};

// Changes the L2 factor of the softmax output layer; repeated changes merge.
class SetOutputL2Command : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(SetOutputL2Command)

public:
    static constexpr int kId = 0x6d6c02;

    SetOutputL2Command(NetworkDocument* document, float l2, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    NetworkDocument* m_document;
    float m_oldL2;
    float m_newL2;
};

// Replaces the whole design, network and training (a preset). `name` is the
// translated name of what is applied, for the command's text.
class ApplyPresetCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(ApplyPresetCommand)

public:
    ApplyPresetCommand(NetworkDocument* document, const NetworkSpec& network, const TrainConfig& training,
                       const QString& name, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    NetworkDocument* m_document;
    NetworkSpec m_oldNetwork;
    TrainConfig m_oldTraining;
    NetworkSpec m_newNetwork;
    TrainConfig m_newTraining;
};

} // namespace mlps::ui
