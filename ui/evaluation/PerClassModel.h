#pragma once

#include "nn/Metrics.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace mlps::ui {

// Precision, recall, F1 and support of every class (one row per class) of an
// evaluation, as scikit-learn's classification report has them. Texts have
// three decimals; SortRole gives the number itself so that a
// QSortFilterProxyModel sorts numbers as numbers (the class column sorts in
// class order). A first click on a header sorts ascending: the weakest classes
// first.
class PerClassModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PerClassModel)

public:
    enum Column { ClassColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // double, or qlonglong for support, or the class index
        ClassRole,               // int: the class index of the row
    };

    explicit PerClassModel(QObject* parent = nullptr);

    // A same-sized table updates in place; another size resets the model.
    void setScores(const ClassificationScores& scores, const QStringList& classNames);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    std::vector<ClassMetrics> m_metrics;
    QStringList m_names;
};

} // namespace mlps::ui
