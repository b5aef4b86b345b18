#pragma once

#include "data/LoadReport.h"

#include <QAbstractListModel>

#include <vector>

namespace mlps::ui {

// The entries a load skipped, one row each: "name — reason" (there can be
// thousands, hence a model rather than a label).
class UnreadableModel : public QAbstractListModel {
    Q_OBJECT

public:
    static constexpr int NameRole = Qt::UserRole + 1;
    static constexpr int ReasonRole = Qt::UserRole + 2;

    explicit UnreadableModel(QObject* parent = nullptr);

    void setEntries(std::vector<UnreadableEntry> entries);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<UnreadableEntry> m_entries;
};

} // namespace mlps::ui
