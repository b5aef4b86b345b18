#pragma once

#include "data/Dataset.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace mlps::ui {

// One row per class of a dataset: its name, how many images it has, their
// share of the whole, and how many of them are exact copies of an earlier
// image (known once the duplicate analysis is done; "…" until then).
class ClassCountsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ClassColumn, CountColumn, ShareColumn, DuplicatesColumn, ColumnCount };
    // The plain number behind a cell (count, share in 0..1, duplicates).
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit ClassCountsModel(QObject* parent = nullptr);

    // Replaces the rows (the duplicates are unknown again); an empty dataset clears them.
    void setDataset(const Dataset& data);
    // Per class, as DuplicateCounts::duplicatesPerClass; empty = unknown.
    void setDuplicates(const std::vector<std::int64_t>& perClass);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_names;
    std::vector<std::int64_t> m_counts;
    std::vector<std::int64_t> m_duplicates; // empty while unknown
    std::int64_t m_total = 0;
};

} // namespace mlps::ui
