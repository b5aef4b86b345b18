#pragma once

#include "nn/LayerSpec.h"

#include <QAbstractListModel>
#include <QColor>

namespace mlps::ui {

// The designer's palette: the kinds of layer a user can add to the stack
// (Dense, Dropout), each with the settings a new layer starts with. Rows are
// dragged into the stack as copies: mimeData() is
// LayerStackModel::paletteMimeData() of the row's default layer.
class PaletteModel : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaletteModel)

public:
    enum Role {
        LayerTypeRole = Qt::UserRole, // QString "Dense" / "Dropout" (not translated)
        HintRole,                     // QString, one translated line
    };
    enum Row { DenseRow, DropoutRow, RowCount };

    explicit PaletteModel(QObject* parent = nullptr);

    // The layer a row adds: Dense 128 relu, Dropout 0.5.
    static LayerSpec defaultLayer(int row);
    // The colour that marks this kind of layer, in the palette and the stack.
    static QColor accentColor(const QString& layerType);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;

private:
    QIcon icon(int row) const;
};

} // namespace mlps::ui
