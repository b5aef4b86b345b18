#include "LayerCommands.h"

#include "NetworkDocument.h"

namespace mlps::ui {

// --- InsertLayerCommand ---

InsertLayerCommand::InsertLayerCommand(NetworkDocument* document, int row, const LayerSpec& layer,
                                       QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_row(row)
    , m_layer(layer)
{
    setText(std::holds_alternative<DenseSpec>(layer) ? tr("Add Dense layer") : tr("Add Dropout layer"));
}

void InsertLayerCommand::redo()
{
    m_document->insertLayer(m_row, m_layer);
}

void InsertLayerCommand::undo()
{
    m_document->removeLayer(m_row);
}

// --- RemoveLayerCommand ---

RemoveLayerCommand::RemoveLayerCommand(NetworkDocument* document, int row, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_row(row)
    , m_layer(document->layer(row))
{
    setText(std::holds_alternative<DenseSpec>(m_layer) ? tr("Remove Dense layer") : tr("Remove Dropout layer"));
}

void RemoveLayerCommand::redo()
{
    m_layer = m_document->removeLayer(m_row);
}

void RemoveLayerCommand::undo()
{
    m_document->insertLayer(m_row, m_layer);
}

// --- MoveLayerCommand ---

MoveLayerCommand::MoveLayerCommand(NetworkDocument* document, int from, int to, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_from(from)
    , m_to(to)
{
    setText(tr("Move layer"));
}

void MoveLayerCommand::redo()
{
    m_document->moveLayer(m_from, m_to);
}

void MoveLayerCommand::undo()
{
    m_document->moveLayer(m_to, m_from);
}

// --- EditLayerCommand ---

EditLayerCommand::EditLayerCommand(NetworkDocument* document, int row, Field field, const LayerSpec& newLayer,
                                   QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_row(row)
    , m_field(field)
    , m_oldLayer(document->layer(row))
    , m_newLayer(newLayer)
{
    switch (field) {
    case Field::Units: setText(tr("Change units")); break;
    case Field::Activation: setText(tr("Change activation")); break;
    case Field::L2: setText(tr("Change L2")); break;
    case Field::DropoutRate: setText(tr("Change dropout rate")); break;
    }
}

void EditLayerCommand::redo()
{
    m_document->setLayer(m_row, m_newLayer);
}

void EditLayerCommand::undo()
{
    m_document->setLayer(m_row, m_oldLayer);
}

int EditLayerCommand::id() const
{
    return kId;
}

bool EditLayerCommand::mergeWith(const QUndoCommand* other)
{
    const auto* edit = static_cast<const EditLayerCommand*>(other); // same id(), so same class
    if (edit->m_document != m_document || edit->m_row != m_row || edit->m_field != m_field)
        return false;
    m_newLayer = edit->m_newLayer;
    setObsolete(m_newLayer == m_oldLayer);
    return true;
}

// --- SetOutputL2Command ---

SetOutputL2Command::SetOutputL2Command(NetworkDocument* document, float l2, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_oldL2(document->network().outputL2)
    , m_newL2(l2)
{
    setText(tr("Change output L2"));
}

void SetOutputL2Command::redo()
{
    m_document->setOutputL2(m_newL2);
}

void SetOutputL2Command::undo()
{
    m_document->setOutputL2(m_oldL2);
}

int SetOutputL2Command::id() const
{
    return kId;
}

bool SetOutputL2Command::mergeWith(const QUndoCommand* other)
{
    const auto* change = static_cast<const SetOutputL2Command*>(other);
    if (change->m_document != m_document)
        return false;
    m_newL2 = change->m_newL2;
    setObsolete(m_newL2 == m_oldL2);
    return true;
}

// --- ApplyPresetCommand ---

ApplyPresetCommand::ApplyPresetCommand(NetworkDocument* document, const NetworkSpec& network,
                                       const TrainConfig& training, const QString& name, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_oldNetwork(document->network())
    , m_oldTraining(document->training())
    , m_newNetwork(network)
    , m_newTraining(training)
{
    setText(tr("Apply preset “%1”").arg(name));
}

void ApplyPresetCommand::redo()
{
    m_document->setDesign(m_newNetwork, m_newTraining);
}

void ApplyPresetCommand::undo()
{
    m_document->setDesign(m_oldNetwork, m_oldTraining);
}

} // namespace mlps::ui
