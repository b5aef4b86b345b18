#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace mlps::ui {

class NetworkDocument;

// What the training setup panel edits: the TrainConfig and the network's
// weight initialisation (which lives in NetworkSpec but is a training choice).
struct TrainingDesign {
    TrainConfig training;
    Init init = Init::HeUniform;
    bool operator==(const TrainingDesign&) const = default;
};

// One edit of the training setup, as an undo step. Applied with
// NetworkDocument::setDesign(), which keeps the data's shape. Consecutive
// edits of the same field in the same editing session (the keystrokes of one
// typed number) merge into one step; a merge that ends where it started
// leaves no step at all (QUndoStack drops obsolete commands).
class SetTrainingCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(SetTrainingCommand)

public:
    static constexpr int kId = 0x6d6c10; // "ml" 0x10: unique among the studio's commands

    // `field` names what changed, for the undo text ("Change learning rate");
    // `session` 0 never merges, equal non-zero sessions of one field do.
    SetTrainingCommand(NetworkDocument* document, const QString& field, int session, const TrainingDesign& newDesign,
                       QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    // The document's current training design.
    static TrainingDesign current(const NetworkDocument& document);

private:
    void apply(const TrainingDesign& design);

    NetworkDocument* m_document;
    QString m_field;
    int m_session;
    TrainingDesign m_old;
    TrainingDesign m_new;
};

} // namespace mlps::ui
