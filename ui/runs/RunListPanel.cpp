#include "RunListPanel.h"

#include "RunListModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mlps::ui {

namespace {

const QString kHiddenColumnsKey = QStringLiteral("runs/list/hiddenColumns");
const QString kSortColumnKey = QStringLiteral("runs/list/sortColumn");
const QString kSortOrderKey = QStringLiteral("runs/list/sortOrder");

bool askWithMessageBox(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

} // namespace

RunListPanel::RunListPanel(RunStore* store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_confirm(askWithMessageBox)
{
    Q_ASSERT(store);
    setAccessibleName(tr("Run list"));

    m_model = new RunListModel(store, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("runTable"));
    m_view->setAccessibleName(tr("Runs"));
    m_view->setAccessibleDescription(
        tr("The session's training runs. Select two with Ctrl+click to compare them; Delete removes the selected runs."));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setShowGrid(false);
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the buttons
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RunListModel::Name, QHeaderView::Stretch);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("0000")));
    header->setHighlightSections(false);
    header->setSectionsMovable(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &RunListPanel::showHeaderMenu);
    m_view->setSortingEnabled(true);

    m_placeholder = new QLabel(
        tr("No runs yet.\nEvery training run appears here with its settings and results; select two of them "
           "(Ctrl+click) to compare them."),
        this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false); // drawn in the disabled (grey) colour
    m_placeholder->setMargin(fontMetrics().height());

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_view);

    m_compareAction = new QAction(tr("&Compare"), this);
    m_compareAction->setToolTip(tr("Compare the two selected runs side by side"));
    m_deleteAction = new QAction(tr("&Delete…"), this);
    m_deleteAction->setToolTip(tr("Remove the selected runs from the session"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_compareAction);
    m_view->addAction(m_deleteAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_compareAction, &QAction::triggered, this, &RunListPanel::compareSelected);
    connect(m_deleteAction, &QAction::triggered, this, &RunListPanel::deleteSelected);

    m_selectionInfo = new QLabel(this);
    m_selectionInfo->setObjectName(QStringLiteral("selectionInfo"));
    m_selectionInfo->setAccessibleName(tr("Selection"));
    m_selectionInfo->setTextFormat(Qt::PlainText);
    m_selectionInfo->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elides rather than widens
    m_compareButton = new QPushButton(tr("&Compare"), this);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setAccessibleName(tr("Compare the selected runs"));
    m_compareButton->setToolTip(m_compareAction->toolTip());
    m_deleteButton = new QPushButton(tr("&Delete…"), this);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_deleteButton->setAccessibleName(tr("Delete the selected runs"));
    m_deleteButton->setToolTip(m_deleteAction->toolTip());
    connect(m_compareButton, &QPushButton::clicked, m_compareAction, &QAction::trigger);
    connect(m_deleteButton, &QPushButton::clicked, m_deleteAction, &QAction::trigger);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_selectionInfo, 1);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_deleteButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_view);
    setTabOrder(m_view, m_compareButton);
    setTabOrder(m_compareButton, m_deleteButton);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunListPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncing || !current.isValid())
                    return;
                m_store->setCurrent(current.data(RunListModel::RunIdRole).toInt());
            });
    connect(store, &RunStore::currentChanged, this, &RunListPanel::followStoreCurrent);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RunListPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RunListPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunListPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &RunListPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunListPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunListPanel::updateActions); // a run continued
    connect(header, &QHeaderView::sortIndicatorChanged, this, &RunListPanel::saveSettings);

    restoreSettings();
    updatePlaceholder();
    followStoreCurrent(store->current());
    updateActions();
}

RunListPanel::~RunListPanel() = default;

QAbstractItemView* RunListPanel::view() const
{
    return m_view;
}

void RunListPanel::addRunAction(QAction* action)
{
    if (!m_separator) {
        m_separator = new QAction(this);
        m_separator->setSeparator(true);
        m_view->insertAction(m_compareAction, m_separator);
    }
    m_view->insertAction(m_separator, action);
}

void RunListPanel::setConfirmation(Confirmation confirmation)
{
    m_confirm = confirmation ? std::move(confirmation) : Confirmation(askWithMessageBox);
}

int RunListPanel::proxyRow(int id) const
{
    const int row = m_model->rowOf(id);
    return row < 0 ? -1 : m_proxy->mapFromSource(m_model->index(row, 0)).row();
}

QList<RunStore::RunPointer> RunListPanel::selectedRuns() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(m_proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end()); // the store's order: oldest first
    QList<RunStore::RunPointer> runs;
    for (int row : rows) {
        if (RunStore::RunPointer run = m_model->run(row))
            runs.append(std::move(run));
    }
    return runs;
}

void RunListPanel::selectRuns(const QList<int>& ids)
{
    QItemSelection selection;
    QModelIndex last;
    for (int id : ids) {
        const int row = proxyRow(id);
        if (row < 0)
            continue;
        last = m_proxy->index(row, 0);
        selection.select(last, m_proxy->index(row, RunListModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (last.isValid())
        m_view->selectionModel()->setCurrentIndex(last, QItemSelectionModel::NoUpdate);
}

void RunListPanel::followStoreCurrent(const RunStore::RunPointer& run)
{
    if (!run)
        return;
    const int row = proxyRow(run->id);
    if (row < 0 || m_view->selectionModel()->currentIndex().row() == row)
        return;
    m_syncing = true;
    const QModelIndex index = m_proxy->index(row, 0);
    // Keep a multiple selection the run is part of; otherwise select just it.
    if (m_view->selectionModel()->isRowSelected(row, {}))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    else
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_syncing = false;
}

void RunListPanel::updateActions()
{
    const QList<RunStore::RunPointer> runs = selectedRuns();
    m_compareAction->setEnabled(runs.size() == 2);
    m_deleteAction->setEnabled(!runs.isEmpty());
    m_compareButton->setEnabled(m_compareAction->isEnabled());
    m_deleteButton->setEnabled(m_deleteAction->isEnabled());
    QString info;
    if (runs.size() == 2)
        info = tr("Run %1 vs run %2").arg(runs[0]->id).arg(runs[1]->id);
    else if (runs.size() == 1 && runs[0]->id == m_trainingRunId)
        info = tr("Run %1 is training on; the list shows it as it was").arg(runs[0]->id);
    else if (runs.size() == 1 && runs[0]->canContinue())
        info = tr("Run %1 can continue from step %2")
                   .arg(QString::number(runs[0]->id), QLocale().toString(qint64(runs[0]->result.checkpoint->step)));
    else if (m_store->count() >= 2)
        info = tr("Ctrl+click two runs to compare them");
    else if (m_store->count() > 0)
        info = tr("1 run");
    m_selectionInfo->setText(info);
    m_selectionInfo->setToolTip(info);
}

void RunListPanel::setTrainingRunId(int id)
{
    m_trainingRunId = id;
    updateActions();
}

void RunListPanel::updatePlaceholder()
{
    m_stack->setCurrentWidget(m_store->count() > 0 ? static_cast<QWidget*>(m_view) : m_placeholder);
    updateActions();
}

void RunListPanel::compareSelected()
{
    const QList<RunStore::RunPointer> runs = selectedRuns();
    if (runs.size() != 2)
        return;
    emit compareRequested(runs[0], runs[1]);
}

void RunListPanel::deleteSelected()
{
    const QList<RunStore::RunPointer> runs = selectedRuns();
    if (runs.isEmpty())
        return;
    QString question;
    if (runs.size() == 1) {
        question = tr("Delete run %1 · %2?").arg(QString::number(runs.first()->id), runs.first()->name);
    } else {
        QStringList names;
        for (const RunStore::RunPointer& run : runs)
            names.append(tr("Run %1 · %2").arg(QString::number(run->id), run->name));
        question = tr("Delete these %1 runs?").arg(runs.size()) + QLatin1Char('\n')
            + names.join(QLatin1Char('\n'));
    }
    question += QStringLiteral("\n\n")
        + tr("Their settings, curves, results and weights leave the session. This cannot be undone.");
    if (!m_confirm(this, tr("Delete Runs"), question))
        return;
    for (const RunStore::RunPointer& run : runs)
        m_store->remove(run->id);
}

void RunListPanel::showHeaderMenu(const QPoint& position)
{
    QMenu menu(this);
    menu.setAccessibleName(tr("Columns"));
    for (int column = 0; column < RunListModel::ColumnCount; ++column) {
        if (column == RunListModel::Name)
            continue; // a run always shows its name
        QAction* action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) { setColumnShown(column, shown); });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(position));
}

void RunListPanel::setColumnShown(int column, bool shown)
{
    if (column < 0 || column >= RunListModel::ColumnCount || column == RunListModel::Name)
        return;
    m_view->setColumnHidden(column, !shown);
    saveSettings();
}

bool RunListPanel::isColumnShown(int column) const
{
    return column >= 0 && column < RunListModel::ColumnCount && !m_view->isColumnHidden(column);
}

void RunListPanel::saveSettings() const
{
    QStringList hidden;
    for (int column = 0; column < RunListModel::ColumnCount; ++column) {
        if (m_view->isColumnHidden(column))
            hidden.append(QString::number(column));
    }
    QSettings settings;
    settings.setValue(kHiddenColumnsKey, hidden);
    settings.setValue(kSortColumnKey, m_view->horizontalHeader()->sortIndicatorSection());
    settings.setValue(kSortOrderKey, int(m_view->horizontalHeader()->sortIndicatorOrder()));
}

void RunListPanel::restoreSettings()
{
    QSettings settings;
    // By default the narrow dock leaves out the status (an icon by the name
    // marks runs that did not finish), the throughput and the start time.
    const QStringList defaultHidden{QString::number(RunListModel::Status),
                                    QString::number(RunListModel::SamplesPerSecond),
                                    QString::number(RunListModel::Started)};
    const QStringList hidden = settings.value(kHiddenColumnsKey, defaultHidden).toStringList();
    for (int column = 0; column < RunListModel::ColumnCount; ++column)
        m_view->setColumnHidden(column, column != RunListModel::Name && hidden.contains(QString::number(column)));
    int sortColumn = settings.value(kSortColumnKey, int(RunListModel::Number)).toInt();
    if (sortColumn < 0 || sortColumn >= RunListModel::ColumnCount)
        sortColumn = RunListModel::Number;
    const auto order = settings.value(kSortOrderKey, int(Qt::AscendingOrder)).toInt() == int(Qt::DescendingOrder)
        ? Qt::DescendingOrder
        : Qt::AscendingOrder;
    m_view->sortByColumn(sortColumn, order);
}

} // namespace mlps::ui
