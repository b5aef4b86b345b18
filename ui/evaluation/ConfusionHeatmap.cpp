#include "ConfusionHeatmap.h"

#include "ClassHeaderView.h"
#include "ConfusionMatrixModel.h"
#include "HeatmapDelegate.h"
#include "HeatmapLegend.h"
#include "HeatmapTableView.h"
#include "VerticalLabel.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelection>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace mlps::ui {
namespace {

ConfusionMatrixModel::Display displayFor(ConfusionHeatmap::Mode mode)
{
    switch (mode) {
    case ConfusionHeatmap::Mode::Counts:
        return ConfusionMatrixModel::Display::Counts;
    case ConfusionHeatmap::Mode::RowNormalized:
        return ConfusionMatrixModel::Display::RowRates;
    case ConfusionHeatmap::Mode::ColumnNormalized:
        return ConfusionMatrixModel::Display::ColumnRates;
    }
    return ConfusionMatrixModel::Display::Counts;
}

bool cellLess(const QPoint& a, const QPoint& b)
{
    return a.y() != b.y() ? a.y() < b.y() : a.x() < b.x();
}

} // namespace

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Confusion matrix"));
    m_model = new ConfusionMatrixModel(this);

    // The mode toggle: three exclusive buttons that read like one control.
    m_modeBar = new QWidget(this);
    auto* modeLayout = new QHBoxLayout(m_modeBar);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    modeLayout->setSpacing(0);
    m_modeGroup = new QButtonGroup(this);
    const struct {
        Mode mode;
        QString text;
        QString accessible;
        QString tip;
    } modes[] = {
        {Mode::Counts, tr("Counts"), tr("Show counts"),
         tr("Each cell shows how many samples of the row's true class got the column's prediction")},
        {Mode::RowNormalized, tr("Row %"), tr("Show percent of the true class"),
         tr("Each cell as a share of its row, the true class: the diagonal is each class's recall")},
        {Mode::ColumnNormalized, tr("Column %"), tr("Show percent of the predicted class"),
         tr("Each cell as a share of its column, the predicted class: the diagonal is each class's precision")},
    };
    for (const auto& entry : modes) {
        auto* button = new QToolButton(m_modeBar);
        button->setText(entry.text);
        button->setAccessibleName(entry.accessible);
        button->setToolTip(entry.tip);
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setFocusPolicy(Qt::StrongFocus);
        m_modeGroup->addButton(button, int(entry.mode));
        modeLayout->addWidget(button);
    }
    m_modeGroup->button(int(Mode::Counts))->setChecked(true);
    connect(m_modeGroup, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });

    m_allErrors = new QPushButton(tr("All errors"), this);
    m_allErrors->setAccessibleName(tr("Show all errors"));
    m_allErrors->setToolTip(tr("Select every misclassified cell and show its samples"));
    connect(m_allErrors, &QPushButton::clicked, this, [this] {
        selectAllErrors();
        activate(selectedCells());
    });
    m_showSelected = new QPushButton(tr("Show samples"), this);
    m_showSelected->setAccessibleName(tr("Show the samples of the selected cells"));
    m_showSelected->setToolTip(tr("Show the samples of the selected cells (Enter in the grid)"));
    connect(m_showSelected, &QPushButton::clicked, this, [this] { activate(selectedCells()); });

    auto* toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->addWidget(m_modeBar);
    toolbar->addStretch();
    toolbar->addWidget(m_allErrors);
    toolbar->addWidget(m_showSelected);

    // The grid with its axis titles, laid out by relayout() on every resize.
    m_canvas = new QWidget(this);
    m_canvas->installEventFilter(this);
    m_canvas->setMinimumSize(fontMetrics().height() * 8, fontMetrics().height() * 8);
    m_canvas->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_predictedTitle = new QLabel(tr("Predicted"), m_canvas);
    m_predictedTitle->setAlignment(Qt::AlignCenter);
    m_trueTitle = new VerticalLabel(tr("True"), m_canvas);
    m_empty = new QLabel(tr("No confusion matrix to show."), m_canvas);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_view = new HeatmapTableView(m_canvas);
    m_view->setAccessibleName(tr("Confusion matrix cells"));
    m_view->setAccessibleDescription(
        tr("Rows: true class; columns: predicted class. Enter shows the samples of the selected cells."));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new HeatmapDelegate(m_view));
    connect(m_view, &HeatmapTableView::cellClicked, this,
            [this](const QModelIndex& index) { activate({QPoint(index.column(), index.row())}); });
    connect(m_view, &HeatmapTableView::activationRequested, this, [this] {
        QList<QPoint> cells = selectedCells();
        const QModelIndex current = m_view->currentIndex();
        if (cells.isEmpty() && current.isValid())
            cells = {QPoint(current.column(), current.row())};
        activate(cells);
    });
    // The line under the grid describes the cell the user touched last: the
    // one under the mouse, or the keyboard's current one.
    connect(m_view, &HeatmapTableView::hoveredChanged, this, [this](const QModelIndex& hovered) {
        m_described = hovered.isValid() ? QPersistentModelIndex(hovered)
                                        : QPersistentModelIndex(m_view->currentIndex());
        m_message.clear();
        updateInfo();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        m_described = current;
        m_message.clear();
        updateInfo();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        emit selectionChanged();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConfusionHeatmap::refresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConfusionHeatmap::refresh);

    m_info = new QLabel(this);
    m_info->setTextFormat(Qt::PlainText);
    m_info->setAccessibleName(tr("Cell details"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setMinimumHeight(fontMetrics().lineSpacing() * 3); // the longest description: three lines
    m_info->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_info->setWordWrap(true);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_legend = new HeatmapLegend(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(toolbar);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_info);
    layout->addWidget(m_legend);

    setTabOrder(m_modeGroup->button(int(Mode::Counts)), m_modeGroup->button(int(Mode::RowNormalized)));
    setTabOrder(m_modeGroup->button(int(Mode::RowNormalized)), m_modeGroup->button(int(Mode::ColumnNormalized)));
    setTabOrder(m_modeGroup->button(int(Mode::ColumnNormalized)), m_allErrors);
    setTabOrder(m_allErrors, m_showSelected);
    setTabOrder(m_showSelected, m_view);
    refresh();
}

void ConfusionHeatmap::setMatrix(const ConfusionMatrix& confusion, const QStringList& classNames)
{
    m_model->setMatrix(confusion, classNames);
}

void ConfusionHeatmap::setDifference(const ConfusionMatrix& a, const ConfusionMatrix& b,
                                     const QStringList& classNames, const QString& nameA, const QString& nameB)
{
    m_nameA = nameA.isEmpty() ? tr("run A") : nameA;
    m_nameB = nameB.isEmpty() ? tr("run B") : nameB;
    m_model->setDifference(a, b, classNames, m_nameA, m_nameB);
    refresh(); // the names may have changed alone
}

void ConfusionHeatmap::clear()
{
    m_model->clear();
}

bool ConfusionHeatmap::isDifference() const
{
    return m_model->isDifference();
}

void ConfusionHeatmap::setMode(Mode mode)
{
    if (QAbstractButton* button = m_modeGroup->button(int(mode)))
        button->setChecked(true);
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_model->setDisplay(displayFor(mode));
    emit modeChanged(mode);
}

QList<QPoint> ConfusionHeatmap::selectedCells() const
{
    QList<QPoint> cells;
    for (const QModelIndex& index : m_view->selectionModel()->selectedIndexes())
        cells.append(QPoint(index.column(), index.row()));
    std::sort(cells.begin(), cells.end(), cellLess);
    return cells;
}

void ConfusionHeatmap::selectCells(const QList<QPoint>& cells)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QPoint& cell : cells) {
        const QModelIndex index = m_model->index(cell.y(), cell.x());
        if (!index.isValid())
            continue;
        selection.select(index, index);
        if (!first.isValid())
            first = index;
    }
    QItemSelectionModel* selectionModel = m_view->selectionModel();
    if (first.isValid())
        selectionModel->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
}

void ConfusionHeatmap::selectAllErrors()
{
    QList<QPoint> cells;
    for (int row = 0; row < m_model->classes(); ++row) {
        for (int column = 0; column < m_model->classes(); ++column) {
            if (row != column && m_model->count(row, column) > 0)
                cells.append(QPoint(column, row));
        }
    }
    selectCells(cells);
}

void ConfusionHeatmap::setBrowsable(bool browsable, const QString& reason)
{
    m_browsable = browsable;
    m_notBrowsableReason = reason;
    m_message.clear();
    updateButtons();
    updateInfo();
}

void ConfusionHeatmap::showMessage(const QString& text)
{
    m_message = text;
    updateInfo();
}

QString ConfusionHeatmap::cellText(int trueClass, int predictedClass) const
{
    return m_model->index(trueClass, predictedClass).data(Qt::DisplayRole).toString();
}

bool ConfusionHeatmap::cellTextVisible(int trueClass, int predictedClass) const
{
    const QRect rect = cellRect(trueClass, predictedClass);
    return !cellText(trueClass, predictedClass).isEmpty() &&
           HeatmapDelegate::textFits(cellText(trueClass, predictedClass), rect.adjusted(0, 0, -1, -1).size(),
                                     m_view->font());
}

QString ConfusionHeatmap::cellDescription(int trueClass, int predictedClass) const
{
    return m_model->describe(trueClass, predictedClass);
}

QString ConfusionHeatmap::infoText() const
{
    return m_info->text();
}

QString ConfusionHeatmap::legendText() const
{
    return m_legend->text();
}

QRect ConfusionHeatmap::cellRect(int trueClass, int predictedClass) const
{
    return m_view->visualRect(m_model->index(trueClass, predictedClass));
}

void ConfusionHeatmap::activate(const QList<QPoint>& cells)
{
    QList<QPoint> withSamples;
    for (const QPoint& cell : cells) {
        if (m_model->samples(cell.y(), cell.x()) > 0)
            withSamples.append(cell);
    }
    std::sort(withSamples.begin(), withSamples.end(), cellLess);
    if (!m_browsable) {
        m_message = m_notBrowsableReason;
    } else if (withSamples.isEmpty() && cells.size() == 1) {
        const QStringList& names = m_model->classNames();
        const QPoint cell = cells.first();
        m_message = tr("No samples here: no true %1 was predicted %2.")
                        .arg(names.value(cell.y()), names.value(cell.x()));
    } else if (withSamples.isEmpty()) {
        m_message = cells.isEmpty() ? tr("Select one or more cells first.") : tr("The selected cells hold no samples.");
    } else {
        m_message.clear();
        updateInfo();
        emit cellsActivated(withSamples);
        return;
    }
    updateInfo();
}

void ConfusionHeatmap::refresh()
{
    const bool difference = m_model->isDifference();
    const bool empty = m_model->classes() == 0;
    m_modeBar->setVisible(!difference);
    m_allErrors->setVisible(!difference);
    m_view->setVisible(!empty);
    m_predictedTitle->setVisible(!empty);
    m_trueTitle->setVisible(!empty);
    m_empty->setVisible(empty);
    m_legend->setVisible(!empty);
    if (difference) {
        m_legend->showChanges(m_model->changeScale(), tr("%1 better").arg(m_nameB), tr("%1 worse").arg(m_nameB));
    } else {
        m_legend->showRates(m_model->errorScale(), m_mode == Mode::ColumnNormalized
                                                       ? tr("of the predicted class (column)")
                                                       : tr("of the true class (row)"));
    }
    updateButtons();
    updateInfo();
    relayout();
}

void ConfusionHeatmap::updateButtons()
{
    const std::int64_t errors = m_model->errorCount();
    m_allErrors->setText(tr("All errors (%1)").arg(QLocale().toString(qlonglong(errors))));
    m_allErrors->setEnabled(m_browsable && errors > 0);
    std::int64_t selected = 0;
    for (const QPoint& cell : selectedCells())
        selected += m_model->samples(cell.y(), cell.x());
    // In a difference a sample may be in a cell of both runs: no total then.
    if (m_model->isDifference() || selected == 0)
        m_showSelected->setText(tr("Show samples"));
    else
        m_showSelected->setText(tr("Show samples (%1)").arg(QLocale().toString(qlonglong(selected))));
    m_showSelected->setEnabled(m_browsable && selected > 0);
    const QString why = m_browsable ? QString() : m_notBrowsableReason;
    m_allErrors->setToolTip(why.isEmpty() ? tr("Select every misclassified cell and show its samples") : why);
    m_showSelected->setToolTip(why.isEmpty() ? tr("Show the samples of the selected cells (Enter in the grid)")
                                             : why);
}

QString ConfusionHeatmap::hint() const
{
    if (m_model->classes() == 0)
        return {};
    if (!m_browsable)
        return tr("Hover a cell for details. %1").arg(m_notBrowsableReason);
    return tr("Hover a cell for details, click it to see its samples; Ctrl- or Shift-click selects several.");
}

void ConfusionHeatmap::updateInfo()
{
    const QModelIndex index = m_described;
    QString text;
    if (!m_message.isEmpty())
        text = m_message;
    else if (index.isValid())
        text = m_model->describe(index.row(), index.column());
    else
        text = hint();
    m_info->setText(text);
    static_cast<ClassHeaderView*>(m_view->verticalHeader())->setHighlightedSection(index.isValid() ? index.row() : -1);
    static_cast<ClassHeaderView*>(m_view->horizontalHeader())
        ->setHighlightedSection(index.isValid() ? index.column() : -1);
}

bool ConfusionHeatmap::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas && event->type() == QEvent::Resize)
        relayout();
    return QWidget::eventFilter(watched, event);
}

void ConfusionHeatmap::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        relayout();
}

void ConfusionHeatmap::relayout()
{
    const int n = m_model->classes();
    const QRect area = m_canvas->rect();
    if (n == 0) {
        m_empty->setGeometry(area);
        return;
    }
    const QFontMetrics metrics = fontMetrics();
    const int spacing = metrics.averageCharWidth() / 2;
    const int titleHeight = m_predictedTitle->sizeHint().height();
    const int titleWidth = m_trueTitle->sizeHint().width();
    const int availableWidth = std::max(1, area.width() - titleWidth - spacing);
    const int availableHeight = std::max(1, area.height() - titleHeight - spacing);
    // Cells from half a line (still clickable, text hidden) to
    // four lines high; below that the grid scrolls.
    const int minCell = std::max(6, metrics.height() * 45 / 100);
    const int maxCell = metrics.height() * 4;
    auto* rows = static_cast<ClassHeaderView*>(m_view->verticalHeader());
    auto* columns = static_cast<ClassHeaderView*>(m_view->horizontalHeader());
    int cell = m_view->cellSize();
    // The headers' thickness depends on the cell size (rotated or shrunken
    // labels), so settle in two passes.
    for (int pass = 0; pass < 2; ++pass) {
        m_view->setCellSize(cell);
        const int gridWidth = availableWidth - rows->sizeHint().width();
        const int gridHeight = availableHeight - columns->sizeHint().height();
        cell = std::clamp(std::min(gridWidth, gridHeight) / n, minCell, maxCell);
    }
    m_view->setCellSize(cell);
    const int headerWidth = rows->sizeHint().width();
    const int headerHeight = columns->sizeHint().height();
    const int grid = n * cell;
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    const bool tooTall = headerHeight + grid > availableHeight;
    const bool tooWide = headerWidth + grid > availableWidth;
    const int viewWidth = std::min(availableWidth, headerWidth + grid + (tooTall ? scrollBar : 0));
    const int viewHeight = std::min(availableHeight, headerHeight + grid + (tooWide ? scrollBar : 0));

    // Centred horizontally, at the top.
    const int left = area.left() + std::max(0, (area.width() - (titleWidth + spacing + viewWidth)) / 2);
    const int viewLeft = left + titleWidth + spacing;
    const int viewTop = area.top() + titleHeight + spacing;
    m_view->setGeometry(viewLeft, viewTop, viewWidth, viewHeight);
    const int titleLength = std::max(m_predictedTitle->sizeHint().width(), std::min(grid, viewWidth - headerWidth));
    m_predictedTitle->setGeometry(viewLeft + headerWidth, area.top(), titleLength, titleHeight);
    m_trueTitle->setGeometry(left, viewTop + headerHeight, titleWidth,
                             std::max(m_trueTitle->sizeHint().height(), std::min(grid, viewHeight - headerHeight)));
}

} // namespace mlps::ui
