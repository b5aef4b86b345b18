#pragma once

#include "RunStore.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace mlps::ui {

// The runs of a RunStore as a table, one row per run in the store's order
// (oldest first): #, name, status, test accuracy, weighted F1, epochs, time,
// samples/s, started. Display texts are formatted for the user; SortRole
// gives the raw value of each cell (numbers as numbers, a missing figure as
// -1) so that a QSortFilterProxyModel sorts by value. The current run of the
// store is shown in bold; a stopped run that can be continued says so in
// its status and carries a pause mark by its name. The model follows the
// store's signals.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Number, Name, Status, TestAccuracy, WeightedF1, Epochs, Time, SamplesPerSecond, Started, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // the raw value of the cell
        RunIdRole,               // int: the run's id (every column)
    };

    explicit RunListModel(RunStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    RunStore* store() const { return m_store; }
    // The run of a row (of this model); null outside.
    RunStore::RunPointer run(int row) const;
    // The row of the run with this id; -1 when there is none.
    int rowOf(int id) const;

    // Texts shared with the comparison: "89.42 %", "1 min 05 s", "Finished".
    static QString accuracyText(double accuracy);
    static QString durationText(double seconds);
    static QString statusText(TrainingStatus status);
    // The run's status in full: "Stopped at step 130 of 1,200 – can be
    // continued" for a run with a checkpoint, statusText(status) otherwise.
    static QString statusText(const RunRecord& run);

private:
    void currentRunChanged(const RunStore::RunPointer& run);
    void runReplaced(int row);
    QVariant display(const RunRecord& run, int column) const;
    QVariant sortValue(const RunRecord& run, int column) const;
    QString toolTip(const RunRecord& run) const;

    QPointer<RunStore> m_store;
    int m_currentId = -1;
};

} // namespace mlps::ui
