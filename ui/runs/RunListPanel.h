#pragma once

#include "RunStore.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAbstractItemView;
class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace mlps::ui {

class RunListModel;

// The run list (a dock, about 380 x 250 px): the session's runs in a sortable
// table. The store's current run follows the selection (and the selection
// follows the store, so a new run is selected when it arrives). Delete (the
// key, the button or the context menu) removes the selected runs after a
// confirmation; Compare is enabled when exactly two runs are selected
// (Ctrl+click) and emits compareRequested with the older run first; a single
// selected run that can be continued says so under the list. Which
// columns are shown and the sort order persist (QSettings).
class RunListPanel : public QWidget {
    Q_OBJECT

public:
    // Asks the user a yes/no question; true means go ahead. The default shows
    // a QMessageBox; tests may inject their own.
    using Confirmation = std::function<bool(QWidget* parent, const QString& title, const QString& text)>;

    explicit RunListPanel(RunStore* store, QWidget* parent = nullptr);
    ~RunListPanel() override;

    QAbstractItemView* view() const;
    RunListModel* model() const { return m_model; }

    // The selected runs, oldest (in the store's order) first.
    QList<RunStore::RunPointer> selectedRuns() const;
    // Selects exactly these runs (by id), the last one made current.
    void selectRuns(const QList<int>& ids);

    void setConfirmation(Confirmation confirmation);

    // Shows or hides a column (the header's context menu does this); the
    // name column is always shown. Persists.
    void setColumnShown(int column, bool shown);
    bool isColumnShown(int column) const;

    // The run being trained on (a continued run), whose row shows its state
    // before it went on; 0 when none.
    void setTrainingRunId(int id);

    // Puts an action that works on the current run (e.g. Continue Run) first
    // in the runs' context menu.
    void addRunAction(QAction* action);

    QAction* compareAction() const { return m_compareAction; }
    QAction* deleteAction() const { return m_deleteAction; }

signals:
    void compareRequested(std::shared_ptr<const mlps::ui::RunRecord> first,
                          std::shared_ptr<const mlps::ui::RunRecord> second);

private:
    void compareSelected();
    void deleteSelected();
    void updateActions();
    void updatePlaceholder();
    void followStoreCurrent(const RunStore::RunPointer& run);
    void showHeaderMenu(const QPoint& position);
    void saveSettings() const;
    void restoreSettings();
    int proxyRow(int id) const;

    RunStore* m_store = nullptr;
    RunListModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_selectionInfo = nullptr;
    QPushButton* m_compareButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QAction* m_compareAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_separator = nullptr; // between addRunAction()'s actions and the list's own
    Confirmation m_confirm;
    bool m_syncing = false; // the selection is being set from the store
    int m_trainingRunId = 0;
};

} // namespace mlps::ui
