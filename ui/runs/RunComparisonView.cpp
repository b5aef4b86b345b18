#include "RunComparisonView.h"

#include "ComparisonCurves.h"
#include "ConfusionHeatmap.h"
#include "RunDifferences.h"
#include "RunListModel.h"
#include "RunRecord.h"
#include "SettingsDiffModel.h"

#include "nn/Metrics.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <variant>
#include <vector>

namespace mlps::ui {

namespace {

const QString kSplitterKey = QStringLiteral("runs/comparison/splitter");
const QString kDetailsTabKey = QStringLiteral("runs/comparison/detailsTab");

enum Which { Fixed, Broken, BothWrong };

QString runLabel(const RunRecord& run)
{
    return RunComparisonView::tr("Run %1").arg(run.id);
}

QString runTitle(const RunRecord& run)
{
    return run.name.isEmpty() ? runLabel(run)
                              : RunComparisonView::tr("Run %1 · %2").arg(QString::number(run.id), run.name);
}

// A signed number: "+3.40", "-0.12" (the locale's signs), "0.00".
QString signedNumber(double value, int decimals)
{
    const QString text = QLocale().toString(value, 'f', decimals);
    return value > 0.0 && QLocale().toString(value, 'f', decimals) != QLocale().toString(0.0, 'f', decimals)
        ? QLocale().positiveSign() + text
        : text;
}

qint64 parameterCount(const NetworkSpec& network)
{
    qint64 inputs = network.inputSize;
    qint64 total = 0;
    for (const LayerSpec& layer : network.hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
            total += (inputs + 1) * dense->units;
            inputs = dense->units;
        }
    }
    return total + (inputs + 1) * network.classes;
}

// Which of two values is better, +1 when b is: higher or lower is better.
int verdict(double a, double b, bool higherIsBetter, double tolerance)
{
    if (std::abs(b - a) <= tolerance)
        return 0;
    return (b > a) == higherIsBetter ? 1 : -1;
}

} // namespace

RunComparisonView::RunComparisonView(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Run comparison"));
    m_placeholder = new QLabel(
        tr("Select two runs in the run list (Ctrl+click) and choose Compare to see them side by side."), this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(buildContent());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    QSettings settings;
    m_splitRestored = m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_details->setCurrentIndex(settings.value(kDetailsTabKey, 0).toInt());
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        m_splitRestored = true; // the user's choice from now on
        saveLayout();
    });
    connect(m_details, &QTabWidget::currentChanged, this, &RunComparisonView::saveLayout);
}

RunComparisonView::~RunComparisonView() = default;

QWidget* RunComparisonView::buildContent()
{
    auto* content = new QWidget(this);
    const int gap = fontMetrics().height() / 2;

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_title->setAccessibleName(tr("Compared runs"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);

    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Summary"));

    // The key figures: a grid filled by fillFigures().
    m_figuresBox = new QGroupBox(tr("Key figures"), content);
    m_figuresBox->setObjectName(QStringLiteral("figures"));
    m_figuresGrid = new QGridLayout(m_figuresBox);
    m_figuresGrid->setHorizontalSpacing(fontMetrics().height());
    m_figuresGrid->setVerticalSpacing(gap / 2);

    // The test samples, fixed and broken.
    m_samplesBox = new QGroupBox(tr("Test samples"), content);
    m_samplesBox->setObjectName(QStringLiteral("samples"));
    m_samplesText = new QLabel(m_samplesBox);
    m_samplesText->setObjectName(QStringLiteral("samplesText"));
    m_samplesText->setTextFormat(Qt::PlainText);
    m_samplesText->setWordWrap(true);
    m_samplesText->setAccessibleName(tr("Test samples fixed and broken"));
    m_fixedButton = new QPushButton(m_samplesBox);
    m_fixedButton->setObjectName(QStringLiteral("fixedButton"));
    m_brokenButton = new QPushButton(m_samplesBox);
    m_brokenButton->setObjectName(QStringLiteral("brokenButton"));
    m_bothWrongButton = new QPushButton(m_samplesBox);
    m_bothWrongButton->setObjectName(QStringLiteral("bothWrongButton"));
    connect(m_fixedButton, &QPushButton::clicked, this, [this] { requestSamples(Fixed); });
    connect(m_brokenButton, &QPushButton::clicked, this, [this] { requestSamples(Broken); });
    connect(m_bothWrongButton, &QPushButton::clicked, this, [this] { requestSamples(BothWrong); });
    auto* samplesLayout = new QVBoxLayout(m_samplesBox);
    samplesLayout->addWidget(m_samplesText);
    samplesLayout->addWidget(m_fixedButton);
    samplesLayout->addWidget(m_brokenButton);
    samplesLayout->addWidget(m_bothWrongButton);

    // The numbers on the left, one above the other.
    auto* numbers = new QWidget(content);
    numbers->setObjectName(QStringLiteral("numbers"));
    auto* numbersLayout = new QVBoxLayout(numbers);
    numbersLayout->setContentsMargins(0, 0, 0, 0);
    numbersLayout->addWidget(m_figuresBox);
    numbersLayout->addWidget(m_samplesBox);
    numbersLayout->addStretch(1);

    // The curves, the settings that differ (and the confusion difference).
    m_curves = new ComparisonCurves(content);
    m_curves->setObjectName(QStringLiteral("curves"));

    auto* settingsBox = new QWidget(content);
    settingsBox->setObjectName(QStringLiteral("settings"));
    m_settingsModel = new SettingsDiffModel(this);
    m_settingsView = new QTableView(settingsBox);
    m_settingsView->setObjectName(QStringLiteral("settingsTable"));
    m_settingsView->setAccessibleName(tr("Settings that differ"));
    m_settingsView->setModel(m_settingsModel);
    m_settingsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_settingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_settingsView->setAlternatingRowColors(true);
    m_settingsView->setShowGrid(false);
    m_settingsView->setWordWrap(false);
    m_settingsView->setTabKeyNavigation(false);
    m_settingsView->verticalHeader()->hide();
    m_settingsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_settingsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_settingsView->horizontalHeader()->setStretchLastSection(true);
    m_settingsView->horizontalHeader()->setHighlightSections(false);
    m_settingsNote = new QLabel(settingsBox);
    m_settingsNote->setObjectName(QStringLiteral("settingsNote"));
    m_settingsNote->setWordWrap(true);
    m_settingsNote->setTextFormat(Qt::PlainText);
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(m_settingsNote);
    settingsLayout->addWidget(m_settingsView, 1);

    // The confusion matrices' difference: second minus first.
    auto* heatmapBox = new QWidget(content);
    m_heatmap = new ConfusionHeatmap(heatmapBox);
    m_heatmap->setObjectName(QStringLiteral("confusionDifference"));
    m_heatmap->setAccessibleName(tr("Difference of the confusion matrices"));
    connect(m_heatmap, &ConfusionHeatmap::cellsActivated, this, &RunComparisonView::openCells);
    m_heatmapNote = new QLabel(heatmapBox);
    m_heatmapNote->setObjectName(QStringLiteral("heatmapNote"));
    m_heatmapNote->setWordWrap(true);
    m_heatmapNote->setTextFormat(Qt::PlainText);
    auto* heatmapLayout = new QVBoxLayout(heatmapBox);
    heatmapLayout->addWidget(m_heatmapNote);
    heatmapLayout->addWidget(m_heatmap, 1);

    m_details = new QTabWidget(content);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setAccessibleName(tr("Comparison details"));
    m_details->setDocumentMode(true);
    m_details->addTab(m_curves, tr("C&urves"));
    m_details->addTab(settingsBox, tr("Se&ttings that differ"));
    m_details->addTab(heatmapBox, tr("Confusi&on difference"));

    m_splitter = new QSplitter(Qt::Horizontal, content);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(numbers);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->setSpacing(gap);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_fixedButton, m_brokenButton);
    setTabOrder(m_brokenButton, m_bothWrongButton);
    setTabOrder(m_bothWrongButton, m_settingsView);
    return content;
}

void RunComparisonView::saveLayout() const
{
    QSettings settings;
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kDetailsTabKey, m_details->currentIndex());
}

void RunComparisonView::compare(std::shared_ptr<const RunRecord> first, std::shared_ptr<const RunRecord> second)
{
    if (!first || !second) {
        m_first.reset();
        m_second.reset();
        m_samples = {};
        m_figures.clear();
        m_settingsModel->setDifferences({}, {}, {});
        m_curves->clear();
        m_heatmap->clear();
        m_pages->setCurrentWidget(m_placeholder);
        return;
    }
    m_first = std::move(first);
    m_second = std::move(second);

    m_title->setText(title());
    m_curves->setRuns(runLabel(*m_first), m_first->result.history, runLabel(*m_second), m_second->result.history);

    const auto differences = settingDifferences(*m_first, *m_second);
    m_settingsModel->setDifferences(differences, runLabel(*m_first), runLabel(*m_second));
    m_settingsView->resizeColumnsToContents();
    m_settingsView->setVisible(!differences.isEmpty());
    m_details->setTabText(1, differences.isEmpty() ? tr("Se&ttings that differ")
                                                   : tr("Se&ttings that differ (%1)").arg(differences.size()));
    m_settingsNote->setText(differences.isEmpty()
                                ? tr("The two runs were set up exactly alike.")
                            : differences.size() == 1
                                ? tr("1 setting differs; all others are the same.")
                                : tr("%1 settings differ; all others are the same.").arg(differences.size()));

    m_samples = compareTestSamples(*m_first, *m_second);
    fillFigures();
    fillSamples();
    fillHeatmap();
    m_pages->setCurrentIndex(1);
    // Lay the new figures out now rather than at the next event loop pass.
    m_figuresGrid->activate();
    if (!m_splitRestored) {
        // Until the user moves the splitter: the numbers take what they need, the tabs the rest.
        const int numbers = m_splitter->widget(0)->sizeHint().width();
        m_splitter->setSizes({numbers, std::max(1, m_splitter->width() - numbers)});
    }
    if (QLayout* content = m_pages->widget(1)->layout())
        content->activate();
}

QString RunComparisonView::title() const
{
    if (!m_first || !m_second)
        return {};
    return tr("%1  vs  %2").arg(runTitle(*m_first), runTitle(*m_second));
}

QString RunComparisonView::summary() const
{
    if (!m_first || !m_second || !m_first->test() || !m_second->test())
        return {};
    const double a = m_first->test()->scores.accuracy;
    const double b = m_second->test()->scores.accuracy;
    return tr("Test accuracy %1 → %2 (%3 points)")
        .arg(RunListModel::accuracyText(a), RunListModel::accuracyText(b), signedNumber((b - a) * 100.0, 2));
}

void RunComparisonView::fillFigures()
{
    m_figures.clear();
    const QString none = tr("—");
    const Evaluation* testA = m_first->test();
    const Evaluation* testB = m_second->test();
    const Evaluation* validationA = m_first->validation();
    const Evaluation* validationB = m_second->validation();

    // A figure both runs may or may not have; `decimals` for the values.
    auto add = [&](const QString& name, std::optional<double> a, std::optional<double> b,
                   const std::function<QString(double)>& text, const std::function<QString(double, double)>& change,
                   int judgement) {
        KeyFigure figure;
        figure.name = name;
        figure.first = a ? text(*a) : none;
        figure.second = b ? text(*b) : none;
        figure.change = a && b ? change(*a, *b) : none;
        figure.verdict = a && b ? judgement * verdict(*a, *b, true, 1e-12) : 0;
        m_figures.append(figure);
    };
    auto accuracy = [](double v) { return RunListModel::accuracyText(v); };
    auto points = [](double a, double b) { return tr("%1 points").arg(signedNumber((b - a) * 100.0, 2)); };
    auto score = [](double v) { return QLocale().toString(v, 'f', 4); };
    auto difference = [](double a, double b) { return signedNumber(b - a, 4); };
    auto whole = [](double v) { return QLocale().toString(qint64(std::llround(v))); };
    auto wholeDifference = [](double a, double b) { return signedNumber(std::round(b - a), 0); };
    auto ratio = [](double a, double b) {
        return a > 0.0 ? tr("×%1").arg(QLocale().toString(b / a, 'g', 3)) : tr("—");
    };
    auto of = [](const Evaluation* e, auto get) { return e ? std::optional<double>(get(*e)) : std::nullopt; };

    add(tr("Test accuracy"), of(testA, [](const Evaluation& e) { return e.scores.accuracy; }),
        of(testB, [](const Evaluation& e) { return e.scores.accuracy; }), accuracy, points, 1);
    add(tr("Weighted F1"), of(testA, [](const Evaluation& e) { return e.scores.f1Weighted; }),
        of(testB, [](const Evaluation& e) { return e.scores.f1Weighted; }), score, difference, 1);
    add(tr("Macro F1"), of(testA, [](const Evaluation& e) { return e.scores.f1Macro; }),
        of(testB, [](const Evaluation& e) { return e.scores.f1Macro; }), score, difference, 1);
    add(tr("Test log-loss"), of(testA, [](const Evaluation& e) { return e.logLoss; }),
        of(testB, [](const Evaluation& e) { return e.logLoss; }), score, difference, -1);
    add(tr("Validation accuracy"), of(validationA, [](const Evaluation& e) { return e.scores.accuracy; }),
        of(validationB, [](const Evaluation& e) { return e.scores.accuracy; }), accuracy, points, 1);
    add(tr("Parameters"), double(parameterCount(m_first->job.network)), double(parameterCount(m_second->job.network)),
        whole, wholeDifference, 0);
    add(tr("Epochs"), double(m_first->result.history.size()), double(m_second->result.history.size()), whole,
        wholeDifference, 0);
    add(tr("Training time"), m_first->result.trainSeconds, m_second->result.trainSeconds,
        [](double v) { return RunListModel::durationText(v); }, ratio, 0);

    // Rebuild the grid: a header row, then one row per figure.
    while (QLayoutItem* item = m_figuresGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto cell = [this](const QString& text, int row, int column, bool bold = false, int verdictSign = 0) {
        auto* label = new QLabel(text, m_figuresBox);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setObjectName(QStringLiteral("figure_%1_%2").arg(row).arg(column));
        if (bold) {
            QFont font = label->font();
            font.setBold(true);
            label->setFont(font);
        }
        if (verdictSign != 0) {
            // Green for better, red for worse, dark enough to read on a light
            // background and light enough on a dark one.
            QPalette palette = label->palette();
            palette.setColor(QPalette::WindowText, verdictSign > 0 ? QColor(0x2e, 0x8b, 0x3e) : QColor(0xd0, 0x3b, 0x2f));
            label->setPalette(palette);
        }
        const Qt::Alignment alignment = column == 0 ? Qt::AlignLeft : Qt::AlignRight;
        m_figuresGrid->addWidget(label, row, column, alignment | Qt::AlignVCenter);
        label->show(); // now, not at the next event loop pass (a grab may come first)
        return label;
    };
    cell(QString(), 0, 0);
    cell(runLabel(*m_first), 0, 1, true)->setToolTip(tr("%1 (dashed lines)").arg(runTitle(*m_first)));
    cell(runLabel(*m_second), 0, 2, true)->setToolTip(tr("%1 (solid lines)").arg(runTitle(*m_second)));
    cell(tr("Change"), 0, 3, true);
    for (int i = 0; i < m_figures.size(); ++i) {
        const KeyFigure& figure = m_figures[i];
        cell(figure.name, i + 1, 0);
        cell(figure.first, i + 1, 1);
        cell(figure.second, i + 1, 2);
        QLabel* change = cell(figure.change, i + 1, 3, false, figure.verdict);
        change->setAccessibleName(tr("%1: %2 → %3, %4").arg(figure.name, figure.first, figure.second, figure.change));
    }
    m_figuresGrid->setColumnStretch(0, 1);

    const QString text = summary();
    m_summary->setText(text.isEmpty() ? tr("The runs have no test results to compare.")
                                      : text + tr(". %1 is drawn dashed, %2 solid.")
                                                   .arg(runLabel(*m_first), runLabel(*m_second)));
}

void RunComparisonView::fillSamples()
{
    const bool comparable = m_samples.comparable;
    for (QPushButton* button : {m_fixedButton, m_brokenButton, m_bothWrongButton})
        button->setVisible(comparable);
    if (!comparable) {
        m_samplesText->setText(m_samples.reason);
        return;
    }
    const QLocale locale;
    m_samplesText->setText(tr("Of %1 test samples, %2 fixed %3, broke %4; both wrong %5, both right %6.")
                               .arg(locale.toString(m_samples.total), runLabel(*m_second))
                               .arg(locale.toString(qint64(m_samples.fixed.size())))
                               .arg(locale.toString(qint64(m_samples.broken.size())))
                               .arg(locale.toString(qint64(m_samples.bothWrong.size())))
                               .arg(locale.toString(m_samples.bothRight)));
    const QString first = runLabel(*m_first);
    const QString second = runLabel(*m_second);
    m_fixedButton->setText(tr("Fi&xed: %1").arg(m_samples.fixed.size()));
    m_fixedButton->setToolTip(tr("Show the samples %1 got wrong and %2 gets right, as %1 answered them")
                                  .arg(first, second));
    m_fixedButton->setAccessibleName(tr("Show the fixed samples (%1)").arg(m_samples.fixed.size()));
    m_brokenButton->setText(tr("&Broken: %1").arg(m_samples.broken.size()));
    m_brokenButton->setToolTip(tr("Show the samples %1 got right and %2 gets wrong, as %2 answers them")
                                   .arg(first, second));
    m_brokenButton->setAccessibleName(tr("Show the broken samples (%1)").arg(m_samples.broken.size()));
    m_bothWrongButton->setText(tr("Both &wrong: %1").arg(m_samples.bothWrong.size()));
    m_bothWrongButton->setToolTip(tr("Show the samples both runs get wrong, as %1 answers them").arg(second));
    m_bothWrongButton->setAccessibleName(
        tr("Show the samples both runs get wrong (%1)").arg(m_samples.bothWrong.size()));
    m_fixedButton->setEnabled(!m_samples.fixed.isEmpty());
    m_brokenButton->setEnabled(!m_samples.broken.isEmpty());
    m_bothWrongButton->setEnabled(!m_samples.bothWrong.isEmpty());
}

void RunComparisonView::requestSamples(int which)
{
    if (!m_first || !m_second || !m_samples.comparable)
        return;
    const QString first = runLabel(*m_first);
    const QString second = runLabel(*m_second);
    switch (which) {
    case Fixed:
        emit samplesRequested(m_first, m_samples.fixed,
                              tr("Fixed by %1: %2's wrong answers").arg(second, first));
        break;
    case Broken:
        emit samplesRequested(m_second, m_samples.broken,
                              tr("Broken by %1: %1's wrong answers that %2 got right").arg(second, first));
        break;
    case BothWrong:
        emit samplesRequested(m_second, m_samples.bothWrong,
                              tr("Wrong in both runs: %1's answers").arg(second));
        break;
    }
}

void RunComparisonView::fillHeatmap()
{
    const Evaluation* a = m_first->test();
    const Evaluation* b = m_second->test();
    if (!a || !b) {
        m_heatmap->clear();
        m_heatmapNote->setText(tr("Both runs need a test evaluation for their confusion matrices to be compared."));
        return;
    }
    if (m_first->classNames() != m_second->classNames() || a->confusion.rows() != b->confusion.rows()) {
        m_heatmap->clear();
        m_heatmapNote->setText(tr("The runs classify different classes, so their confusion matrices cannot be compared."));
        return;
    }
    QStringList classNames;
    for (const std::string& name : m_first->classNames())
        classNames.append(QString::fromStdString(name));
    m_heatmap->setDifference(a->confusion, b->confusion, classNames, runLabel(*m_first), runLabel(*m_second));
    QString note = tr("%2 minus %1 on the test set; click a cell to see its samples.")
                       .arg(runLabel(*m_first), runLabel(*m_second));
    if (!m_samples.comparable)
        note += QLatin1Char(' ') + tr("The runs were tested on different samples, so the counts are of different images.");
    m_heatmapNote->setText(note);
}

void RunComparisonView::openCells(const QList<QPoint>& cells)
{
    if (!m_first || !m_second || cells.isEmpty())
        return;
    // Each run's samples in these cells (x = predicted, y = true class).
    const int classes = int(m_first->classNames().size());
    std::vector<char> open(std::size_t(classes) * std::size_t(classes), 0);
    for (const QPoint& cell : cells) {
        if (cell.x() >= 0 && cell.y() >= 0 && cell.x() < classes && cell.y() < classes)
            open[std::size_t(cell.y()) * std::size_t(classes) + std::size_t(cell.x())] = 1;
    }
    auto samplesIn = [&open, classes](const Evaluation& evaluation) {
        QList<qint64> indices;
        for (std::int64_t i = 0; i < evaluation.count(); ++i) {
            const auto t = std::size_t(evaluation.trueLabels[std::size_t(i)]);
            const auto p = std::size_t(evaluation.predicted[std::size_t(i)]);
            if (t < std::size_t(classes) && p < std::size_t(classes) && open[t * std::size_t(classes) + p])
                indices.append(i);
        }
        return indices;
    };
    const Evaluation* a = m_first->test();
    const Evaluation* b = m_second->test();
    if (!a || !b)
        return;
    // Where the second run has more samples (more errors, off the diagonal)
    // its samples are the news; where it has fewer, the first run's are.
    const QList<qint64> inFirst = samplesIn(*a);
    const QList<qint64> inSecond = samplesIn(*b);
    const bool second = inSecond.size() >= inFirst.size();
    const std::shared_ptr<const RunRecord>& run = second ? m_second : m_first;
    const QList<qint64>& indices = second ? inSecond : inFirst;
    QString title;
    if (cells.size() == 1) {
        const auto& names = run->classNames();
        const QPoint cell = cells.first();
        const QString trueName = QString::fromStdString(names.at(std::size_t(cell.y())));
        const QString predictedName = QString::fromStdString(names.at(std::size_t(cell.x())));
        title = tr("%1: true %2 read as %3 (%4 had %5, %6 has %7)")
                    .arg(runLabel(*run), trueName, predictedName, runLabel(*m_first))
                    .arg(inFirst.size())
                    .arg(runLabel(*m_second))
                    .arg(inSecond.size());
    } else {
        title = tr("%1: %2 cells of the confusion difference").arg(runLabel(*run)).arg(cells.size());
    }
    if (indices.isEmpty()) {
        m_heatmap->showMessage(tr("Neither run has samples in this cell."));
        return;
    }
    emit samplesRequested(run, indices, title);
}

QList<std::tuple<QString, QString, QString>> RunComparisonView::differences() const
{
    return m_settingsModel->differences();
}

QList<qint64> RunComparisonView::fixedSamples() const
{
    return m_samples.fixed;
}

QList<qint64> RunComparisonView::brokenSamples() const
{
    return m_samples.broken;
}

QList<qint64> RunComparisonView::bothWrongSamples() const
{
    return m_samples.bothWrong;
}

} // namespace mlps::ui
