#pragma once

#include "RunRecord.h"

#include <QList>
#include <QPoint>
#include <QStringList>
#include <QWidget>

#include <memory>

class QAbstractItemView;
class QButtonGroup;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace mlps {
struct Evaluation;
}

namespace mlps::ui {

class ConfusionHeatmap;
class PerClassModel;

// The evaluation tab: how a run did on its test set (or validation set, or
// live on the validation set at each epoch end while it trains). A header
// with the run's name and the figures in large type (accuracy, log-loss,
// weighted and macro F1), a sortable per-class table (precision, recall, F1,
// support) and the confusion heatmap. Clicking cells, "All errors" or
// double-clicking a class asks the window for the gallery of those samples
// (samplesRequested). The splitter, the heatmap's mode and the chosen set
// persist in QSettings ("evaluation/...").
class EvaluationView : public QWidget {
    Q_OBJECT

public:
    enum class Set { Test, Validation };
    Q_ENUM(Set)

    explicit EvaluationView(QWidget* parent = nullptr);

    // A finished (or stopped) run; null: the empty state. A run without
    // results (diverged, failed) says why.
    void showRun(std::shared_ptr<const RunRecord> run);
    // Live during a run: the validation evaluation at an epoch end. Its cells
    // can be looked at but not opened until the run is shown with showRun().
    void showLiveValidation(const Evaluation& validation, const QStringList& classNames, int epoch);
    void showLiveValidation(std::shared_ptr<const Evaluation> validation, const QStringList& classNames, int epoch);

    // The set to show when the run has it (the user's choice, kept).
    void setSet(Set set);
    // The set shown (Validation while live).
    Set set() const { return m_shown; }

    ConfusionHeatmap* heatmap() const { return m_heatmap; }
    QAbstractItemView* perClassView() const;
    std::shared_ptr<const RunRecord> run() const { return m_run; }
    // The evaluation on screen; null in the empty state.
    const Evaluation* evaluation() const;
    bool isLive() const { return m_live != nullptr; }

    // What the header says, for tests and screen readers.
    QString titleText() const;
    QString subtitleText() const;
    QString emptyText() const; // "heading\n\nexplanation"; "" when results are shown

signals:
    // The user wants to see these samples: the cells (x = predicted, y = true)
    // of the shown evaluation of `set` of `run`. The window opens the gallery.
    void samplesRequested(std::shared_ptr<const mlps::ui::RunRecord> run, mlps::ui::EvaluationView::Set set,
                          const QList<QPoint>& cells);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void showEmpty(const QString& title, const QString& text);
    void showEvaluation(const Evaluation& evaluation, const QStringList& classNames);
    void openClass(int classIndex);
    void applyFonts();

    std::shared_ptr<const RunRecord> m_run;
    std::shared_ptr<const Evaluation> m_live;
    QStringList m_liveNames;
    int m_liveEpoch = 0;
    Set m_preferred = Set::Test;
    Set m_shown = Set::Test;

    QStackedWidget* m_pages = nullptr;
    QWidget* m_emptyPage = nullptr;
    QLabel* m_emptyTitle = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QButtonGroup* m_setGroup = nullptr;
    QToolButton* m_testButton = nullptr;
    QToolButton* m_validationButton = nullptr;
    QLabel* m_accuracy = nullptr;
    QLabel* m_logLoss = nullptr;
    QLabel* m_weightedF1 = nullptr;
    QLabel* m_macroF1 = nullptr;
    QList<QLabel*> m_captions;
    PerClassModel* m_perClass = nullptr;
    QSortFilterProxyModel* m_sorted = nullptr;
    QTableView* m_perClassView = nullptr;
    ConfusionHeatmap* m_heatmap = nullptr;
    QSplitter* m_splitter = nullptr;
};

} // namespace mlps::ui
