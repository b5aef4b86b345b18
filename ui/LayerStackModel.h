#pragma once

#include "nn/LayerSpec.h"

#include <QAbstractListModel>
#include <QList>
#include <QStringList>

#include <optional>

namespace mlps::ui {

class NetworkDocument;

// The hidden layers of a NetworkDocument as a flat list, one row per layer in
// the order the data flows. The fixed Input (its shape from the dataset) and
// softmax Output (its classes from the dataset) are NOT rows: the designer
// shows them above and below the list. So row i is always
// NetworkSpec::hidden[i], every row can be dragged, and a drop anywhere in the
// list lands between two hidden layers.
//
// The model never changes the document itself. Edits, drops and moves become
// undo commands (LayerCommands.h) on the document's undo stack, and the model
// follows the document's change signals. Removal is RemoveLayerCommand, which
// the view pushes (Delete); removeRows() is deliberately not reimplemented,
// because views call it on the source rows after a Move drag, which here has
// already moved them.
class LayerStackModel : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerStackModel)

public:
    enum Role {
        TypeRole = Qt::UserRole, // QString "Dense" or "Dropout" (not translated)
        UnitsRole,               // int (Dense; editable)
        ActivationRole,          // QString, activationName() (Dense; editable)
        L2Role,                  // double (Dense; editable)
        DropoutRateRole,         // double (Dropout; editable)
        OutputSizeRole,          // int, the width of the layer's output
        ParameterCountRole,      // qlonglong, weights and biases
        DisplayTextRole,         // QString "Dense 128, relu, L2 0.001" (also Qt::DisplayRole)
    };

    // Dragging rows within the stack, and new layers from the palette.
    static constexpr auto kRowsMimeType = "application/x-mlpstudio-layer-rows";
    static constexpr auto kPaletteMimeType = "application/x-mlpstudio-palette-layer";
    // Largest number of units a Dense layer may have.
    static constexpr int kMaxUnits = 100000;

    explicit LayerStackModel(NetworkDocument* document, QObject* parent = nullptr);

    NetworkDocument* document() const;
    // Why the last setData() or drop was refused; empty after a success.
    QString lastError() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // The editable roles push an EditLayerCommand. Qt::EditRole is the layer's
    // main number: units (Dense) or dropout rate (Dropout).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    // What QListView's internal move calls: pushes MoveLayerCommands.
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count, const QModelIndex& destinationParent,
                  int destinationChild) override;

    // A palette drag's data: a new layer with these settings.
    static QMimeData* paletteMimeData(const LayerSpec& layer);
    // The layer in a palette drag's data, if it holds a valid one.
    static std::optional<LayerSpec> paletteLayer(const QMimeData* data);

    // The checks setData() and drops apply: empty when the value is possible,
    // otherwise why not, for the user.
    static QString checkUnits(double units);
    static QString checkL2(double l2);
    static QString checkDropoutRate(double rate);
    static QString checkActivation(const QString& name);
    static QString checkLayer(const LayerSpec& layer);
    // The activations a Dense layer may use, by activationName().
    static QStringList activationNames();
    // "Dense 128, relu, L2 0.001", "Dropout 0.1".
    static QString describe(const LayerSpec& layer);

private:
    bool refuse(const QString& reason);
    // Why this drop is impossible; empty when it is possible.
    QString dropProblem(const QMimeData* data, Qt::DropAction action, int row, const QModelIndex& parent) const;
    // Moves the rows (any order) so they end up together, in their current
    // order, before the layer now at `destination` (layerCount(): at the end).
    bool moveLayers(QList<int> rows, int destination);
    void onNetworkChanged();

    NetworkDocument* m_document;
    QString m_lastError;
};

} // namespace mlps::ui
