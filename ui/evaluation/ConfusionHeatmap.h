#pragma once

#include "nn/Types.h"

#include <QList>
#include <QPersistentModelIndex>
#include <QPoint>
#include <QStringList>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QModelIndex;
class QPushButton;

namespace mlps::ui {

class ConfusionMatrixModel;
class HeatmapLegend;
class HeatmapTableView;
class VerticalLabel;

// A confusion matrix drawn as a heatmap: true class on the rows, predicted
// class on the columns, class names on both axes, a colour legend, a mode
// toggle (counts / % of the row / % of the column), and a line that describes
// the cell under the mouse or the keyboard's current cell. The cells shrink to
// fit (text hidden when too small, tooltips kept) down to a minimum, then the
// grid scrolls. A plain click or Enter opens cells (cellsActivated), Ctrl/
// Shift-click, Shift+arrows or a header click select several, and "All
// errors" opens every off-diagonal cell with a count. Cells without samples
// never open an empty gallery: the line says so instead.
//
// setDifference() shows b - a for a comparison of two runs, in a diverging
// colour map (blue = b better, red = b worse).
class ConfusionHeatmap : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Counts, RowNormalized, ColumnNormalized };

    explicit ConfusionHeatmap(QWidget* parent = nullptr);

    void setMatrix(const ConfusionMatrix& confusion, const QStringList& classNames);
    // Diverging mode for the run comparison: shows b - a (counts), blue for
    // fewer, red for more errors off the diagonal (and the reverse on the
    // diagonal, where more is better) with a legend saying so. `nameA` and
    // `nameB` name the runs in the legend and tooltips ("run A", "run B" when empty).
    void setDifference(const ConfusionMatrix& a, const ConfusionMatrix& b, const QStringList& classNames,
                       const QString& nameA = {}, const QString& nameB = {});
    // No matrix: a short note instead of the grid.
    void clear();
    bool isDifference() const;

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    QList<QPoint> selectedCells() const; // x = predicted column, y = true row; rows first
    void selectCells(const QList<QPoint>& cells);
    void selectAllErrors(); // selects every off-diagonal cell with a count (opens nothing)

    // When off, cells can be looked at and selected but not opened, and
    // `reason` says why (e.g. live during training, before the run has ended).
    void setBrowsable(bool browsable, const QString& reason = {});
    bool isBrowsable() const { return m_browsable; }
    // Shows `text` in the line under the grid until the mouse moves to a cell.
    void showMessage(const QString& text);

    // What a user reads: a cell's text ("" when hidden), its description (the
    // tooltip), the line under the grid, and the legend in words.
    QString cellText(int trueClass, int predictedClass) const;
    bool cellTextVisible(int trueClass, int predictedClass) const;
    QString cellDescription(int trueClass, int predictedClass) const;
    QString infoText() const;
    QString legendText() const;
    // The grid and its model, e.g. for tests and for the window's tab order.
    HeatmapTableView* view() const { return m_view; }
    ConfusionMatrixModel* model() const { return m_model; }
    // The cell's rectangle in the grid's viewport coordinates.
    QRect cellRect(int trueClass, int predictedClass) const;

signals:
    void cellsActivated(const QList<QPoint>& cells); // click/Enter on a cell, or "all errors"
    void selectionChanged();
    void modeChanged(mlps::ui::ConfusionHeatmap::Mode mode);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void activate(const QList<QPoint>& cells);
    void refresh();
    void relayout();
    void updateButtons();
    void updateInfo();
    QString hint() const;

    ConfusionMatrixModel* m_model = nullptr;
    HeatmapTableView* m_view = nullptr;
    QWidget* m_canvas = nullptr;
    QLabel* m_predictedTitle = nullptr;
    VerticalLabel* m_trueTitle = nullptr;
    QLabel* m_empty = nullptr;
    QWidget* m_modeBar = nullptr;
    QButtonGroup* m_modeGroup = nullptr;
    QPushButton* m_allErrors = nullptr;
    QPushButton* m_showSelected = nullptr;
    QLabel* m_info = nullptr;
    HeatmapLegend* m_legend = nullptr;
    Mode m_mode = Mode::Counts;
    bool m_browsable = true;
    QString m_notBrowsableReason;
    QString m_message; // a one-off note (an empty cell clicked); cleared by the next hover
    QPersistentModelIndex m_described; // the cell the info line describes
    QString m_nameA;
    QString m_nameB;
};

} // namespace mlps::ui
