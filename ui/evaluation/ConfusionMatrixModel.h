#pragma once

#include "nn/Types.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include <cstdint>

namespace mlps::ui {

// A confusion matrix as a table: row = true class, column = predicted class,
// class names in both headers. Either one matrix (counts, shown as counts or
// as rates of the row or of the column) or the difference b - a of two
// matrices of the same classes (for comparing runs). The model gives each cell
// its text, colour (Qt::BackgroundRole / ForegroundRole) and a sentence for
// tooltips and screen readers; HeatmapDelegate paints it.
//
// Colours: on the diagonal (correct answers) a green ramp over 0..100 %, off
// the diagonal (errors) a blue ramp over 0..errorScale() — errors are usually
// a few percent, so a shared 0..100 % scale would leave them all white. Both
// use the row's rate in Counts and RowRates, the column's in ColumnRates. A
// difference is coloured blue where b is better (fewer errors off the
// diagonal, more correct answers on it) and red where b is worse, on
// -changeScale()..changeScale().
class ConfusionMatrixModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfusionMatrixModel)

public:
    enum class Display { Counts, RowRates, ColumnRates };
    enum Role {
        CountRole = Qt::UserRole, // qlonglong: the cell's count (b's in a difference)
        RowRateRole,              // double: count / row total (0 for an empty row)
        ColumnRateRole,           // double: count / column total
        ChangeRole,               // qlonglong: b - a (difference only; else 0)
        // bool: the cell has samples to show (a count; in a difference, a
        // count in either matrix).
        HasSamplesRole,
    };

    explicit ConfusionMatrixModel(QObject* parent = nullptr);

    // A new matrix (square, classNames.size() classes). A matrix of the same
    // size updates the cells in place (selections survive); another size resets.
    void setMatrix(const ConfusionMatrix& confusion, const QStringList& classNames);
    // The difference b - a; `nameA` / `nameB` name the runs in tooltips.
    void setDifference(const ConfusionMatrix& a, const ConfusionMatrix& b, const QStringList& classNames,
                       const QString& nameA = {}, const QString& nameB = {});
    void clear();

    void setDisplay(Display display);
    Display display() const { return m_display; }
    bool isDifference() const { return m_difference; }
    int classes() const { return int(m_names.size()); }
    const QStringList& classNames() const { return m_names; }

    std::int64_t count(int trueClass, int predictedClass) const;
    // Samples behind a cell (a + b in a difference), for "Show n samples".
    std::int64_t samples(int trueClass, int predictedClass) const;
    std::int64_t errorCount() const; // off-diagonal samples (of b in a difference)
    // The top of the error colour scale (a rate in (0, 1]), and of the change
    // scale (a count >= 1).
    double errorScale() const { return m_errorScale; }
    double changeScale() const { return m_changeScale; }
    // The sentence for a cell: "True I → predicted J: 40 (8.1 % of the Is)".
    QString describe(int trueClass, int predictedClass) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    void replace(const ConfusionMatrix& a, const ConfusionMatrix& b, const QStringList& classNames,
                 bool difference);
    void updateScales();
    double rowRate(int row, int column) const;
    double columnRate(int row, int column) const;
    double colourRate(int row, int column) const;
    QColor background(int row, int column) const;
    QString cellText(int row, int column) const;
    QString shareOfTrue(double rate, int trueClass) const;
    QString shareOfPredicted(double rate, int predictedClass) const;

    ConfusionMatrix m_counts; // the matrix (b in a difference)
    ConfusionMatrix m_before; // a in a difference; empty otherwise
    QStringList m_names;
    QString m_nameA;
    QString m_nameB;
    Display m_display = Display::Counts;
    bool m_difference = false;
    double m_errorScale = 1.0;
    double m_changeScale = 1.0;
};

} // namespace mlps::ui
