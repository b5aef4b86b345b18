#pragma once

#include "nn/ModelSummary.h"

#include <QAbstractTableModel>

#include <cstdint>

namespace mlps::ui {

class NetworkDocument;

// The live, Keras-like summary of a NetworkDocument's network (nn::summarize):
// an Input row (the data's width, no parameters), one row per hidden layer,
// the softmax Output row, and a footer row "Total". It follows
// networkChanged(): a model reset when the number of rows changes, otherwise
// one dataChanged() over the table.
class SummaryModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryModel)

public:
    enum Column { LayerColumn, TypeColumn, OutputShapeColumn, ParametersColumn, ShareColumn, ColumnCount };
    enum Role {
        // The cell's value unformatted: the name, the type, the output width
        // (int), the parameter count (qlonglong), the share in percent (double).
        ValueRole = Qt::UserRole,
        // The layer's settings in a few words ("relu, L2 0.001"); also the tooltip.
        DetailRole,
    };

    explicit SummaryModel(NetworkDocument* document, QObject* parent = nullptr);

    std::int64_t totalParameters() const;
    // The row of the footer ("Total").
    int totalRow() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();
    QVariant value(int row, int column) const;
    QString display(int row, int column) const;

    NetworkDocument* m_document;
    ModelSummary m_summary;
    int m_inputSize = 0;
};

} // namespace mlps::ui
