#include "SetTrainingCommand.h"

#include "NetworkDocument.h"

namespace mlps::ui {

SetTrainingCommand::SetTrainingCommand(NetworkDocument* document, const QString& field, int session,
                                       const TrainingDesign& newDesign, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_field(field)
    , m_session(session)
    , m_old(current(*document))
    , m_new(newDesign)
{
    setText(tr("Change %1").arg(field));
}

TrainingDesign SetTrainingCommand::current(const NetworkDocument& document)
{
    return {document.training(), document.network().init};
}

void SetTrainingCommand::apply(const TrainingDesign& design)
{
    NetworkSpec network = m_document->network();
    network.init = design.init;
    m_document->setDesign(network, design.training);
}

void SetTrainingCommand::redo()
{
    apply(m_new);
}

void SetTrainingCommand::undo()
{
    apply(m_old);
}

int SetTrainingCommand::id() const
{
    return kId;
}

bool SetTrainingCommand::mergeWith(const QUndoCommand* other)
{
    const auto* edit = static_cast<const SetTrainingCommand*>(other); // same id(), so same class
    if (m_session == 0 || edit->m_document != m_document || edit->m_session != m_session || edit->m_field != m_field)
        return false;
    m_new = edit->m_new;
    setObsolete(m_new == m_old);
    return true;
}

} // namespace mlps::ui
