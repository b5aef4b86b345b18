#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <tuple>

namespace mlps::ui {

// The settings that differ between two runs as a read-only table: setting,
// value in the first run, value in the second (settingDifferences()). The
// column headers name the runs ("Run 1", "Run 2").
class SettingsDiffModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Setting, First, Second, ColumnCount };

    explicit SettingsDiffModel(QObject* parent = nullptr);

    void setDifferences(const QList<std::tuple<QString, QString, QString>>& rows, const QString& firstName,
                        const QString& secondName);
    const QList<std::tuple<QString, QString, QString>>& differences() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<std::tuple<QString, QString, QString>> m_rows;
    QString m_firstName;
    QString m_secondName;
};

} // namespace mlps::ui
