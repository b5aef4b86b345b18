#include "EvaluationView.h"

#include "ConfusionHeatmap.h"
#include "ConfusionMatrixModel.h"
#include "PerClassModel.h"
#include "nn/Metrics.h"

#include <QButtonGroup>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace mlps::ui {
namespace {

const QString splitterKey = QStringLiteral("evaluation/splitter");
const QString modeKey = QStringLiteral("evaluation/heatmapMode");
const QString setKey = QStringLiteral("evaluation/set");

QLabel* figureLabel(QWidget* parent, const QString& objectName, const QString& accessibleName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setTextFormat(Qt::PlainText);
    // Selectable to copy a figure, but out of the Tab chain.
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QStringList toStringList(const std::vector<std::string>& names)
{
    QStringList list;
    list.reserve(qsizetype(names.size()));
    for (const std::string& name : names)
        list.append(QString::fromStdString(name));
    return list;
}

} // namespace

EvaluationView::EvaluationView(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Evaluation"));
    QSettings settings;
    m_preferred = settings.value(setKey).toString() == QStringLiteral("validation") ? Set::Validation : Set::Test;

    // The empty state: a heading and a sentence, centred.
    m_emptyPage = new QWidget(this);
    m_emptyTitle = new QLabel(m_emptyPage);
    m_emptyTitle->setObjectName(QStringLiteral("emptyTitle"));
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyTitle->setTextFormat(Qt::PlainText);
    m_empty = new QLabel(m_emptyPage);
    m_empty->setObjectName(QStringLiteral("emptyMessage"));
    m_empty->setAccessibleName(tr("Evaluation status"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    auto* emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyTitle);
    emptyLayout->addWidget(m_empty);
    emptyLayout->addStretch();

    auto* content = new QWidget(this);

    // Header: the run and the set switch.
    m_title = figureLabel(content, QStringLiteral("runTitle"), tr("Run"));
    m_subtitle = figureLabel(content, QStringLiteral("runSubtitle"), tr("Evaluated set"));
    m_testButton = new QToolButton(content);
    m_testButton->setText(tr("Test"));
    m_testButton->setAccessibleName(tr("Show the test set"));
    m_validationButton = new QToolButton(content);
    m_validationButton->setText(tr("Validation"));
    m_validationButton->setAccessibleName(tr("Show the validation set"));
    m_setGroup = new QButtonGroup(this);
    for (QToolButton* button : {m_testButton, m_validationButton}) {
        button->setCheckable(true);
        button->setFocusPolicy(Qt::StrongFocus);
    }
    m_setGroup->addButton(m_testButton, int(Set::Test));
    m_setGroup->addButton(m_validationButton, int(Set::Validation));
    connect(m_setGroup, &QButtonGroup::idClicked, this, [this](int id) { setSet(Set(id)); });
    auto* switcher = new QHBoxLayout;
    switcher->setSpacing(0);
    switcher->addWidget(m_testButton);
    switcher->addWidget(m_validationButton);

    auto* heading = new QGridLayout;
    heading->addWidget(m_title, 0, 0);
    heading->addWidget(m_subtitle, 1, 0);
    heading->addLayout(switcher, 0, 1, 2, 1, Qt::AlignRight | Qt::AlignVCenter);
    heading->setColumnStretch(0, 1);

    // The figures, large, with captions under them.
    m_accuracy = figureLabel(content, QStringLiteral("accuracyValue"), tr("Accuracy"));
    m_logLoss = figureLabel(content, QStringLiteral("logLossValue"), tr("Log-loss"));
    m_weightedF1 = figureLabel(content, QStringLiteral("weightedF1Value"), tr("Weighted F1"));
    m_macroF1 = figureLabel(content, QStringLiteral("macroF1Value"), tr("Macro F1"));
    auto* figures = new QGridLayout;
    figures->setHorizontalSpacing(fontMetrics().averageCharWidth() * 5);
    figures->setVerticalSpacing(0);
    const struct {
        QLabel* value;
        QString caption;
        QString tip;
    } figureList[] = {
        {m_accuracy, tr("accuracy"), tr("The share of samples classified correctly")},
        {m_logLoss, tr("log-loss"), tr("The mean of −log p(true class): lower is better")},
        {m_weightedF1, tr("weighted F1"), tr("The classes' F1 scores averaged, weighted by their support")},
        {m_macroF1, tr("macro F1"), tr("The plain mean of the classes' F1 scores")},
    };
    int column = 0;
    for (const auto& figure : figureList) {
        auto* caption = new QLabel(figure.caption, content);
        caption->setForegroundRole(QPalette::PlaceholderText);
        m_captions.append(caption);
        figure.value->setToolTip(figure.tip);
        caption->setToolTip(figure.tip);
        figures->addWidget(figure.value, 0, column, Qt::AlignLeft | Qt::AlignBottom);
        figures->addWidget(caption, 1, column, Qt::AlignLeft | Qt::AlignTop);
        ++column;
    }
    figures->setColumnStretch(column, 1);

    // The per-class table, sortable by any column.
    m_perClass = new PerClassModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_perClass);
    m_sorted->setSortRole(PerClassModel::SortRole);
    m_perClassView = new QTableView(content);
    m_perClassView->setAccessibleName(tr("Scores per class"));
    m_perClassView->setToolTip(tr("Click a column header to sort; double-click a class to see its misclassified "
                                  "samples"));
    m_perClassView->setModel(m_sorted);
    m_perClassView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_perClassView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_perClassView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_perClassView->setAlternatingRowColors(true);
    m_perClassView->setWordWrap(false);
    m_perClassView->setTabKeyNavigation(false);
    m_perClassView->verticalHeader()->hide();
    m_perClassView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 3);
    m_perClassView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_perClassView->horizontalHeader()->setStretchLastSection(false);
    m_perClassView->horizontalHeader()->setSortIndicator(PerClassModel::ClassColumn, Qt::AscendingOrder);
    m_perClassView->setSortingEnabled(true);
    connect(m_perClassView, &QAbstractItemView::activated, this,
            [this](const QModelIndex& index) { openClass(index.data(PerClassModel::ClassRole).toInt()); });

    m_heatmap = new ConfusionHeatmap(content);
    connect(m_heatmap, &ConfusionHeatmap::cellsActivated, this, [this](const QList<QPoint>& cells) {
        if (m_run && !m_live)
            emit samplesRequested(m_run, m_shown, cells);
    });
    const int mode = settings.value(modeKey, int(ConfusionHeatmap::Mode::Counts)).toInt();
    if (mode >= int(ConfusionHeatmap::Mode::Counts) && mode <= int(ConfusionHeatmap::Mode::ColumnNormalized))
        m_heatmap->setMode(ConfusionHeatmap::Mode(mode));
    connect(m_heatmap, &ConfusionHeatmap::modeChanged, this,
            [](ConfusionHeatmap::Mode changed) { QSettings().setValue(modeKey, int(changed)); });

    m_splitter = new QSplitter(Qt::Horizontal, content);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_perClassView);
    m_splitter->addWidget(m_heatmap);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    const int tableWidth = fontMetrics().averageCharWidth() * 44;
    m_splitter->setSizes({tableWidth, tableWidth * 2});
    m_splitter->restoreState(settings.value(splitterKey).toByteArray());
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(splitterKey, m_splitter->saveState()); });

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(heading);
    contentLayout->addLayout(figures);
    contentLayout->addWidget(m_splitter, 1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    // Tab: the set switch, the table, then the heatmap's controls and grid
    // (the order they are created in).
    applyFonts();
    refresh();
}

QAbstractItemView* EvaluationView::perClassView() const
{
    return m_perClassView;
}

void EvaluationView::showRun(std::shared_ptr<const RunRecord> run)
{
    m_run = std::move(run);
    m_live.reset();
    m_liveNames.clear();
    refresh();
}

void EvaluationView::showLiveValidation(const Evaluation& validation, const QStringList& classNames, int epoch)
{
    showLiveValidation(std::make_shared<const Evaluation>(validation), classNames, epoch);
}

void EvaluationView::showLiveValidation(std::shared_ptr<const Evaluation> validation, const QStringList& classNames,
                                        int epoch)
{
    if (!validation)
        return;
    m_run.reset();
    m_live = std::move(validation);
    m_liveNames = classNames;
    m_liveEpoch = epoch;
    refresh();
}

void EvaluationView::setSet(Set set)
{
    if (set != m_preferred) {
        m_preferred = set;
        QSettings().setValue(setKey, set == Set::Validation ? QStringLiteral("validation") : QStringLiteral("test"));
    }
    refresh();
}

const Evaluation* EvaluationView::evaluation() const
{
    if (m_live)
        return m_live.get();
    if (!m_run)
        return nullptr;
    return m_shown == Set::Test ? m_run->test() : m_run->validation();
}

QString EvaluationView::titleText() const
{
    return m_pages->currentWidget() == m_emptyPage ? QString() : m_title->text();
}

QString EvaluationView::subtitleText() const
{
    return m_pages->currentWidget() == m_emptyPage ? QString() : m_subtitle->text();
}

QString EvaluationView::emptyText() const
{
    if (m_pages->currentWidget() != m_emptyPage)
        return {};
    return m_emptyTitle->text() + QStringLiteral("\n\n") + m_empty->text();
}

void EvaluationView::refresh()
{
    if (m_live) {
        m_shown = Set::Validation;
        m_testButton->setEnabled(false);
        m_testButton->setToolTip(tr("The test set is evaluated when the run ends"));
        m_validationButton->setEnabled(true);
        m_validationButton->setChecked(true);
        m_title->setText(tr("Training in progress"));
        m_subtitle->setText(tr("Validation · epoch %1, live · %2 samples")
                                .arg(m_liveEpoch)
                                .arg(QLocale().toString(qlonglong(m_live->count()))));
        m_heatmap->setBrowsable(false, tr("The samples can be browsed when the run has ended."));
        showEvaluation(*m_live, m_liveNames);
        return;
    }
    if (!m_run) {
        showEmpty(tr("No results yet"), tr("Train a network: its validation results appear here at each epoch end, "
                                           "and its test results when the run ends."));
        return;
    }
    const Evaluation* test = m_run->test();
    const Evaluation* validation = m_run->validation();
    if (!test && !validation) {
        const QString why = m_run->result.message.isEmpty() ? tr("The run ended before any evaluation.")
                                                            : m_run->result.message;
        showEmpty(tr("“%1” has no results to show").arg(m_run->name), why);
        return;
    }
    m_shown = m_preferred;
    if (m_shown == Set::Test && !test)
        m_shown = Set::Validation;
    if (m_shown == Set::Validation && !validation)
        m_shown = Set::Test;
    m_testButton->setEnabled(test != nullptr);
    m_testButton->setToolTip(test ? tr("Show the results on the test set") : tr("This run has no test set"));
    m_validationButton->setEnabled(validation != nullptr);
    m_validationButton->setToolTip(validation ? tr("Show the results on the validation set")
                                              : tr("This run has no validation set"));
    (m_shown == Set::Test ? m_testButton : m_validationButton)->setChecked(true);

    const Evaluation& shown = m_shown == Set::Test ? *test : *validation;
    const std::int64_t errors = shown.count() - shown.confusion.trace();
    m_title->setText(m_run->name);
    QString subtitle = (m_shown == Set::Test ? tr("Test set · %1 samples · %2 errors")
                                             : tr("Validation set · %1 samples · %2 errors"))
                           .arg(QLocale().toString(qlonglong(shown.count())), QLocale().toString(qlonglong(errors)));
    if (!m_run->dataName.isEmpty())
        subtitle = tr("%1 · %2").arg(subtitle, m_run->dataName);
    m_subtitle->setText(subtitle);
    m_heatmap->setBrowsable(true);
    showEvaluation(shown, toStringList(m_run->classNames()));
}

void EvaluationView::showEmpty(const QString& title, const QString& text)
{
    m_emptyTitle->setText(title);
    m_empty->setText(text);
    m_empty->setAccessibleDescription(title);
    m_pages->setCurrentWidget(m_emptyPage);
    m_perClass->clear();
    m_heatmap->clear();
}

void EvaluationView::showEvaluation(const Evaluation& evaluation, const QStringList& classNames)
{
    const QLocale locale;
    m_accuracy->setText(tr("%1 %").arg(locale.toString(evaluation.scores.accuracy * 100.0, 'f', 1)));
    m_logLoss->setText(locale.toString(evaluation.logLoss, 'f', 3));
    m_weightedF1->setText(locale.toString(evaluation.scores.f1Weighted, 'f', 3));
    m_macroF1->setText(locale.toString(evaluation.scores.f1Macro, 'f', 3));
    m_perClass->setScores(evaluation.scores, classNames);
    // The table is as wide as its columns: every score stays in sight.
    m_perClassView->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
    const int tableWidth = m_perClassView->horizontalHeader()->length() + 2 * m_perClassView->frameWidth() +
                           m_perClassView->verticalScrollBar()->sizeHint().width();
    m_perClassView->setMinimumWidth(tableWidth);
    m_heatmap->setMatrix(evaluation.confusion, classNames);
    m_pages->setCurrentIndex(1);
}

void EvaluationView::openClass(int classIndex)
{
    const Evaluation* shown = evaluation();
    if (!shown || classIndex < 0 || classIndex >= shown->confusion.rows())
        return;
    QList<QPoint> cells;
    for (int predicted = 0; predicted < shown->confusion.cols(); ++predicted) {
        if (predicted != classIndex && shown->confusion(classIndex, predicted) > 0)
            cells.append(QPoint(predicted, classIndex));
    }
    const QString name = m_heatmap->model()->headerData(classIndex, Qt::Vertical).toString();
    if (cells.isEmpty()) {
        m_heatmap->selectCells({QPoint(classIndex, classIndex)});
        m_heatmap->showMessage(tr("No %1 was misclassified.").arg(name));
        return;
    }
    m_heatmap->selectCells(cells);
    if (m_live) {
        m_heatmap->showMessage(tr("The samples can be browsed when the run has ended."));
        return;
    }
    if (m_run)
        emit samplesRequested(m_run, m_shown, cells);
}

void EvaluationView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts();
}

void EvaluationView::applyFonts()
{
    QFont title = font();
    title.setBold(true);
    title.setPointSizeF(font().pointSizeF() * 1.3);
    m_title->setFont(title);
    QFont figure = font();
    figure.setBold(true);
    figure.setPointSizeF(font().pointSizeF() * 2.0);
    for (QLabel* label : {m_accuracy, m_logLoss, m_weightedF1, m_macroF1})
        label->setFont(figure);
    QFont empty = font();
    empty.setBold(true);
    empty.setPointSizeF(font().pointSizeF() * 1.3);
    m_emptyTitle->setFont(empty);
}

} // namespace mlps::ui
