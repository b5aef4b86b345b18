#include "DatasetPanel.h"

#include "ClassCountsModel.h"
#include "DatasetText.h"
#include "DatasetLoadTask.h"
#include "DuplicateAnalyser.h"
#include "SampleGrid.h"
#include "SplitEditor.h"
#include "UnreadableModel.h"

#include "data/DataFormat.h"
#include "data/IdxReader.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>
#include <stdexcept>

namespace mlps::ui {
namespace {

const QString kLastFolderKey = QStringLiteral("dataset/lastFolder");
const QString kTabKey = QStringLiteral("dataset/tab");
const QString kUnreadableShownKey = QStringLiteral("dataset/unreadableShown");
const QString kSplitterKey = QStringLiteral("dataset/splitter");

enum Tab { ClassesTab, SamplesTab, ReportTab };

QString displayName(const QString& path)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    return name.isEmpty() ? QDir(path).dirName() : name;
}

qint64 total(const Split& split)
{
    return qint64(split.train.size() + split.validation.size() + split.test.size());
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent)
{
    // A load, the hashing, a split's analysis and a cancelled load finishing.
    m_pool.setMaxThreadCount(4);
    m_classModel = new ClassCountsModel(this);
    m_unreadableModel = new UnreadableModel(this);
    m_analyser = new DuplicateAnalyser(&m_pool, this);
    buildUi();
    setAcceptDrops(true);

    connect(m_analyser, &DuplicateAnalyser::finderReady, this, [this] {
        if (const DuplicateCounts* counts = m_analyser->wholeDataset())
            m_classModel->setDuplicates(counts->duplicatesPerClass);
        if (removesDuplicates() || removesOverlap()) {
            applyFixes();
            updateSplitCounts();
            emit splitChanged();
        }
        updateFindings();
    });
    connect(m_analyser, &DuplicateAnalyser::analysisReady, this, [this](const QString& key) {
        if (key == splitKey())
            updateFindings();
    });
    connect(m_splitEditor, &SplitEditor::valuesChanged, this, [this] {
        saveSplitSettings();
        rebuildSplit();
        emit splitChanged();
    });
    connect(m_splitEditor, &SplitEditor::problemChanged, this, &DatasetPanel::updateSplitCounts);

    setDataset(nullptr, {}, {});
}

DatasetPanel::~DatasetPanel()
{
    // Stop every load still running (the current one and cancelled ones
    // finishing) before the pool goes; each task waits for its worker.
    const QList<DatasetLoadTask*> tasks = findChildren<DatasetLoadTask*>();
    for (DatasetLoadTask* task : tasks)
        task->cancel();
    qDeleteAll(tasks);
    delete m_analyser;
    m_analyser = nullptr;
}

void DatasetPanel::buildUi()
{
    auto* layout = new QVBoxLayout(this);

    m_openFileButton = new QPushButton(tr("Open &file…"), this);
    m_openFileButton->setObjectName(QStringLiteral("openFileButton"));
    m_openFileButton->setAccessibleName(tr("Open a dataset file"));
    m_openFileButton->setToolTip(tr("notMNIST .tar.gz, a .zip of class folders, IDX, CSV or NumPy files"));
    m_openFolderButton = new QPushButton(tr("Open f&older…"), this);
    m_openFolderButton->setObjectName(QStringLiteral("openFolderButton"));
    m_openFolderButton->setAccessibleName(tr("Open a folder of class folders"));
    m_openFolderButton->setToolTip(tr("A folder with one folder of images per class (A, B, …)"));
    m_builtInButton = new QPushButton(tr("Font &letters (built-in)"), this);
    m_builtInButton->setObjectName(QStringLiteral("builtInButton"));
    m_builtInButton->setAccessibleName(tr("Load the built-in font letters"));
    m_builtInButton->setToolTip(tr("Letters A to J rendered from the fonts on this computer, the way notMNIST was made"));
    connect(m_openFileButton, &QPushButton::clicked, this, &DatasetPanel::chooseFile);
    connect(m_openFolderButton, &QPushButton::clicked, this, &DatasetPanel::chooseFolder);
    connect(m_builtInButton, &QPushButton::clicked, this, &DatasetPanel::loadBuiltIn);
    auto* openRow = new QGridLayout;
    openRow->addWidget(m_openFileButton, 0, 0);
    openRow->addWidget(m_openFolderButton, 0, 1);
    openRow->addWidget(m_builtInButton, 1, 0, 1, 2);
    layout->addLayout(openRow);

    m_loadingRow = new QWidget(this);
    auto* loadingLayout = new QGridLayout(m_loadingRow);
    loadingLayout->setContentsMargins(0, 0, 0, 0);
    m_stageLabel = new QLabel(m_loadingRow);
    m_stageLabel->setObjectName(QStringLiteral("stageLabel"));
    m_stageLabel->setWordWrap(true);
    m_progressBar = new QProgressBar(m_loadingRow);
    m_progressBar->setObjectName(QStringLiteral("loadingProgress"));
    m_progressBar->setAccessibleName(tr("Loading progress"));
    m_progressBar->setTextVisible(false);
    m_cancelButton = new QPushButton(tr("&Cancel"), m_loadingRow);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel loading"));
    connect(m_cancelButton, &QPushButton::clicked, this, &DatasetPanel::cancelLoading);
    loadingLayout->addWidget(m_stageLabel, 0, 0, 1, 2);
    loadingLayout->addWidget(m_progressBar, 1, 0);
    loadingLayout->addWidget(m_cancelButton, 1, 1);
    m_loadingRow->setVisible(false);
    layout->addWidget(m_loadingRow);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setAccessibleName(tr("Loading message"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setFrameShape(QFrame::StyledPanel);
    m_messageLabel->setMargin(fontMetrics().height() / 4);
    m_messageLabel->setVisible(false);
    layout->addWidget(m_messageLabel);

    m_nameLabel = new QLabel(this);
    m_nameLabel->setObjectName(QStringLiteral("nameLabel"));
    m_nameLabel->setAccessibleName(tr("Dataset name"));
    QFont nameFont = m_nameLabel->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    m_nameLabel->setFont(nameFont);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_nameLabel);
    m_detailsLabel = new QLabel(this);
    m_detailsLabel->setObjectName(QStringLiteral("detailsLabel"));
    m_detailsLabel->setAccessibleName(tr("Dataset summary"));
    m_detailsLabel->setWordWrap(true);
    m_detailsLabel->setTextFormat(Qt::RichText);
    m_detailsLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_detailsLabel, &QLabel::linkActivated, this, [this] {
        m_tabs->setCurrentIndex(ReportTab);
        m_unreadableToggle->setChecked(true);
    });
    layout->addWidget(m_detailsLabel);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("datasetTabs"));
    m_tabs->setAccessibleName(tr("Dataset details"));
    m_tabs->setDocumentMode(true);

    m_classTable = new QTableView(m_tabs);
    m_classTable->setObjectName(QStringLiteral("classTable"));
    m_classTable->setAccessibleName(tr("Images per class"));
    auto* sorted = new QSortFilterProxyModel(m_classTable);
    sorted->setSourceModel(m_classModel);
    sorted->setSortRole(ClassCountsModel::ValueRole);
    m_classTable->setModel(sorted);
    m_classTable->setSortingEnabled(true);
    m_classTable->sortByColumn(-1, Qt::AscendingOrder); // the classes' own order until a header is clicked
    m_classTable->verticalHeader()->setVisible(false);
    m_classTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_classTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_classTable->horizontalHeader()->setSectionResizeMode(ClassCountsModel::ClassColumn, QHeaderView::Stretch);
    m_classTable->setAlternatingRowColors(true);
    m_classTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setWordWrap(false);
    m_classTable->setTabKeyNavigation(false); // Tab moves on to the split, not from cell to cell
    m_tabs->addTab(m_classTable, tr("Classes"));

    auto* sampleScroll = new QScrollArea(m_tabs);
    sampleScroll->setObjectName(QStringLiteral("sampleScroll"));
    sampleScroll->setAccessibleName(tr("Sample images per class"));
    sampleScroll->setWidgetResizable(true);
    sampleScroll->setFrameShape(QFrame::NoFrame);
    m_sampleGrid = new SampleGrid(sampleScroll);
    m_sampleGrid->setObjectName(QStringLiteral("sampleGrid"));
    sampleScroll->setWidget(m_sampleGrid);
    m_tabs->addTab(sampleScroll, tr("Samples"));

    auto* report = new QWidget(m_tabs);
    auto* reportLayout = new QVBoxLayout(report);
    m_reportLabel = new QLabel(report);
    m_reportLabel->setObjectName(QStringLiteral("reportLabel"));
    m_reportLabel->setAccessibleName(tr("Load report"));
    m_reportLabel->setWordWrap(true);
    m_reportLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reportLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    reportLayout->addWidget(m_reportLabel);
    m_unreadableToggle = new QToolButton(report);
    m_unreadableToggle->setObjectName(QStringLiteral("unreadableToggle"));
    m_unreadableToggle->setAccessibleName(tr("Show the unreadable files"));
    m_unreadableToggle->setCheckable(true);
    m_unreadableToggle->setAutoRaise(true);
    m_unreadableToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_unreadableToggle->setArrowType(Qt::RightArrow);
    m_unreadableToggle->setFocusPolicy(Qt::StrongFocus);
    reportLayout->addWidget(m_unreadableToggle);
    m_unreadableList = new QListView(report);
    m_unreadableList->setObjectName(QStringLiteral("unreadableList"));
    m_unreadableList->setAccessibleName(tr("Unreadable files and why"));
    m_unreadableList->setModel(m_unreadableModel);
    m_unreadableList->setUniformItemSizes(true); // thousands of rows stay fast
    m_unreadableList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_unreadableList->setAlternatingRowColors(true);
    reportLayout->addWidget(m_unreadableList, 1);
    reportLayout->addStretch(0);
    const bool shown = QSettings().value(kUnreadableShownKey, false).toBool();
    m_unreadableToggle->setChecked(shown);
    m_unreadableList->setVisible(shown);
    connect(m_unreadableToggle, &QToolButton::toggled, this, [this](bool on) {
        m_unreadableToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_unreadableList->setVisible(on);
        QSettings().setValue(kUnreadableShownKey, on);
    });
    m_unreadableToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_tabs->addTab(report, tr("Load report"));
    m_tabs->setCurrentIndex(std::clamp(QSettings().value(kTabKey, 0).toInt(), 0, m_tabs->count() - 1));
    connect(m_tabs, &QTabWidget::currentChanged, this, [](int index) { QSettings().setValue(kTabKey, index); });
    // The details above, the split below; the user sets the share of each.
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("datasetSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tabs);
    auto* splitScroll = new QScrollArea(m_splitter);
    splitScroll->setObjectName(QStringLiteral("splitScroll"));
    splitScroll->setWidgetResizable(true);
    splitScroll->setFrameShape(QFrame::NoFrame);
    splitScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_splitter->addWidget(splitScroll);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);

    auto* splitBox = new QGroupBox(tr("Split"), splitScroll);
    splitBox->setObjectName(QStringLiteral("splitBox"));
    splitBox->setAccessibleName(tr("Train, validation and test split"));
    auto* splitLayout = new QVBoxLayout(splitBox);
    m_splitEditor = new SplitEditor(splitBox);
    m_splitEditor->setObjectName(QStringLiteral("splitEditor"));
    splitLayout->addWidget(m_splitEditor);
    m_splitCountsLabel = new QLabel(splitBox);
    m_splitCountsLabel->setObjectName(QStringLiteral("splitCountsLabel"));
    m_splitCountsLabel->setAccessibleName(tr("Images in train, validation and test"));
    m_splitCountsLabel->setWordWrap(true);
    splitLayout->addWidget(m_splitCountsLabel);
    m_findingsLabel = new QLabel(splitBox);
    m_findingsLabel->setObjectName(QStringLiteral("findingsLabel"));
    m_findingsLabel->setAccessibleName(tr("Duplicates and overlap found"));
    m_findingsLabel->setWordWrap(true);
    m_findingsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    splitLayout->addWidget(m_findingsLabel);

    m_removeDuplicatesButton = new QPushButton(tr("Remove &duplicates"), splitBox);
    m_removeDuplicatesButton->setObjectName(QStringLiteral("removeDuplicatesButton"));
    m_removeDuplicatesButton->setAccessibleName(tr("Remove duplicates inside train, validation and test"));
    m_removeDuplicatesButton->setToolTip(tr("Keep only the first of each group of identical images in every part"));
    m_removeDuplicatesButton->setCheckable(true);
    m_removeOverlapButton = new QPushButton(tr("Remove &overlap from training"), splitBox);
    m_removeOverlapButton->setObjectName(QStringLiteral("removeOverlapButton"));
    m_removeOverlapButton->setAccessibleName(tr("Remove from train the images that also occur in validation or test"));
    m_removeOverlapButton->setToolTip(tr("Take out of train every image that also occurs in validation or test"));
    m_removeOverlapButton->setCheckable(true);
    m_undoFixesButton = new QPushButton(tr("&Undo fixes"), splitBox);
    m_undoFixesButton->setObjectName(QStringLiteral("undoFixesButton"));
    m_undoFixesButton->setAccessibleName(tr("Undo the duplicate fixes"));
    connect(m_removeDuplicatesButton, &QPushButton::toggled, this, &DatasetPanel::onFixToggled);
    connect(m_removeOverlapButton, &QPushButton::toggled, this, &DatasetPanel::onFixToggled);
    connect(m_undoFixesButton, &QPushButton::clicked, this, [this] {
        const QSignalBlocker blockDuplicates(m_removeDuplicatesButton);
        const QSignalBlocker blockOverlap(m_removeOverlapButton);
        m_removeDuplicatesButton->setChecked(false);
        m_removeOverlapButton->setChecked(false);
        onFixToggled();
    });
    // One above the other: side by side they would not fit a narrow dock.
    splitLayout->addWidget(m_removeDuplicatesButton, 0, Qt::AlignLeft);
    splitLayout->addWidget(m_removeOverlapButton, 0, Qt::AlignLeft);
    auto* applied = new QHBoxLayout;
    m_fixesLabel = new QLabel(splitBox);
    m_fixesLabel->setObjectName(QStringLiteral("fixesLabel"));
    m_fixesLabel->setAccessibleName(tr("Fixes applied"));
    m_fixesLabel->setWordWrap(true);
    applied->addWidget(m_fixesLabel, 1);
    applied->addWidget(m_undoFixesButton, 0, Qt::AlignTop);
    splitLayout->addLayout(applied);
    splitLayout->addStretch(1);
    splitScroll->setWidget(splitBox);
    if (!m_splitter->restoreState(QSettings().value(kSplitterKey).toByteArray()))
        m_splitter->setSizes({1, 1});
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(kSplitterKey, m_splitter->saveState()); });

    setTabOrder(m_openFileButton, m_openFolderButton);
    setTabOrder(m_openFolderButton, m_builtInButton);
    setTabOrder(m_builtInButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_detailsLabel);
    setTabOrder(m_detailsLabel, m_tabs);
    setTabOrder(m_tabs, m_classTable);
    setTabOrder(m_classTable, m_splitEditor->validationEdit());
    setTabOrder(m_splitEditor->validationEdit(), m_splitEditor->testEdit());
    setTabOrder(m_splitEditor->testEdit(), m_splitEditor->seedEdit());
    setTabOrder(m_splitEditor->seedEdit(), m_removeDuplicatesButton);
    setTabOrder(m_removeDuplicatesButton, m_removeOverlapButton);
    setTabOrder(m_removeOverlapButton, m_undoFixesButton);
}

// Loading --------------------------------------------------------------------

void DatasetPanel::loadBuiltIn()
{
    startLoad(QString::fromUtf8(kFontLettersPath.data(), qsizetype(kFontLettersPath.size())), {}, tr("Font letters"));
}

void DatasetPanel::openPath(const QString& path)
{
    openPathWithLabels(path, {});
}

void DatasetPanel::openPathWithLabels(const QString& path, const QString& labelsPath)
{
    startLoad(path, labelsPath, displayName(path));
}

void DatasetPanel::chooseFile()
{
    QSettings settings;
    const QString folder = settings.value(kLastFolderKey, QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a dataset"), folder,
        tr("Datasets (*.tar.gz *.tgz *.tar *.tar.bz2 *.tar.xz *.zip *.csv *.npz *.npy *.gz *-ubyte *.idx *.idx3)"
           ";;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    QString labels;
    try {
        // IDX images keep their labels in another file, found by MNIST naming
        // as the CLI does; only when there is none by that name, ask for it.
        const std::string images = path.toStdString();
        if (detectDataFormat(images) == DataFormat::Idx && IdxReader::labelsPathFor(images).empty())
            labels = QFileDialog::getOpenFileName(this, tr("Choose the labels of %1").arg(displayName(path)),
                                                  QFileInfo(path).absolutePath(),
                                                  tr("IDX labels (*idx1* *labels*);;All files (*)"));
    } catch (const std::exception&) {
        // Not readable or no known format: the load below says so.
    }
    openPathWithLabels(path, labels);
}

void DatasetPanel::chooseFolder()
{
    QSettings settings;
    const QString folder = settings.value(kLastFolderKey, QDir::homePath()).toString();
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open a folder of class folders"), folder);
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    openPath(path);
}

void DatasetPanel::startLoad(const QString& path, const QString& labelsPath, const QString& name)
{
    if (m_task) {
        // A second open replaces the first: that load is cancelled and ends unheard.
        const QString previous = m_loadingName;
        detachTask();
        emit loadingFinished(false, tr("Stopped loading %1 to open %2 instead.").arg(previous, name));
    }
    m_loadingName = name;
    m_task = new DatasetLoadTask(path, labelsPath, m_cacheFolder, &m_pool, this);
    connect(m_task, &DatasetLoadTask::progress, this, &DatasetPanel::onLoadProgress);
    connect(m_task, &DatasetLoadTask::finished, this, &DatasetPanel::onLoadFinished);
    showMessage({}, false);
    setLoadingUi(true);
    m_stageLabel->setText(tr("Opening %1…").arg(name));
    emit loadingStarted(name);
    m_task->start();
}

void DatasetPanel::cancelLoading()
{
    if (!m_task)
        return;
    const QString name = m_loadingName;
    detachTask();
    setLoadingUi(false);
    const QString message = hasData() ? tr("Loading %1 was cancelled; %2 is still in use.").arg(name, m_name)
                                      : tr("Loading %1 was cancelled.").arg(name);
    showMessage(message, false);
    emit loadingFinished(false, message);
}

void DatasetPanel::detachTask()
{
    DatasetLoadTask* task = m_task;
    m_task = nullptr;
    if (!task)
        return;
    task->cancel();
    disconnect(task, nullptr, this, nullptr);
    // It stays a child of the panel (so the destructor waits for it) until it ends.
    connect(task, &DatasetLoadTask::finished, task, &QObject::deleteLater);
}

bool DatasetPanel::isLoading() const
{
    return m_task != nullptr;
}

void DatasetPanel::onLoadProgress(qint64 done, qint64 total, const QString& stage)
{
    const QLocale locale;
    QString text = tr("%1 — %2").arg(DatasetText::stageName(stage), m_loadingName);
    if (total > 0) {
        m_progressBar->setRange(0, 1000);
        m_progressBar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        text += tr(": %1 of %2").arg(locale.toString(done), locale.toString(total));
    } else {
        m_progressBar->setRange(0, 0); // busy: the total is not known yet
        if (done > 0)
            text += tr(": %1").arg(locale.toString(done));
    }
    m_stageLabel->setText(text);
    m_progressBar->setAccessibleDescription(text);
    emit loadingProgress(done, total, stage);
}

void DatasetPanel::onLoadFinished(bool ok)
{
    DatasetLoadTask* task = m_task;
    m_task = nullptr;
    if (!task)
        return;
    task->deleteLater();
    setLoadingUi(false);
    const QString name = m_loadingName;
    if (ok) {
        const std::shared_ptr<LoadedDataset> loaded = task->result();
        auto loadedData = std::make_shared<const Dataset>(std::move(loaded->data));
        const QLocale locale;
        const QString summary = tr("%1: %2 images in %3 classes")
                                    .arg(name, locale.toString(loadedData->count()))
                                    .arg(loadedData->classes());
        setDataset(std::move(loadedData), loaded->report, name);
        emit loadingFinished(true, summary);
        return;
    }
    QString message;
    if (task->wasCancelled()) {
        message = tr("Loading %1 was cancelled.").arg(name);
    } else {
        message = tr("Could not load %1. %2").arg(name, task->error());
        if (!message.endsWith(QLatin1Char('.')))
            message += QLatin1Char('.');
    }
    if (hasData())
        message += QLatin1Char(' ') + tr("Still using %1.").arg(m_name);
    showMessage(message, !task->wasCancelled());
    emit loadingFinished(false, message);
}

void DatasetPanel::setLoadingUi(bool loading)
{
    m_loadingRow->setVisible(loading);
    if (loading) {
        m_progressBar->setRange(0, 0);
        m_progressBar->setValue(0);
    }
    m_cancelButton->setEnabled(loading);
}

void DatasetPanel::showMessage(const QString& text, bool error)
{
    m_messageLabel->setText(text);
    m_messageLabel->setVisible(!text.isEmpty());
    QPalette palette = this->palette();
    if (error) {
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
    }
    m_messageLabel->setPalette(palette);
    m_messageLabel->setAccessibleDescription(error ? tr("Error") : QString());
}

void DatasetPanel::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() && mime->urls().size() == 1 && mime->urls().constFirst().isLocalFile())
        event->acceptProposedAction();
}

void DatasetPanel::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().constFirst().isLocalFile())
        return;
    event->acceptProposedAction();
    openPath(mime->urls().constFirst().toLocalFile());
}

// The dataset in use --------------------------------------------------------

bool DatasetPanel::hasData() const
{
    return m_data != nullptr;
}

std::shared_ptr<const Dataset> DatasetPanel::dataset() const
{
    return m_data;
}

QString DatasetPanel::datasetName() const
{
    return m_name;
}

void DatasetPanel::setDataset(std::shared_ptr<const Dataset> dataset, const LoadReport& report, const QString& name)
{
    m_data = std::move(dataset);
    m_report = m_data ? report : LoadReport{};
    m_name = m_data ? name : QString();
    if (m_data)
        m_classModel->setDataset(*m_data);
    else
        m_classModel->clear();
    m_sampleGrid->setDataset(m_data);
    m_unreadableModel->setEntries(m_report.unreadable);
    updateSummary();
    m_analyser->setDataset(m_data);
    m_splitEditor->setImageCount(m_data ? m_data->count() : 0);
    restoreSplitSettings();
    rebuildSplit();
    if (m_data) {
        emit datasetChanged();
        emit splitChanged();
    }
}

void DatasetPanel::updateSummary()
{
    if (!m_data) {
        m_nameLabel->setText(tr("No dataset"));
        m_detailsLabel->setText(tr("Open a file or a folder (or drop one here), or use the built-in font letters."));
        m_reportLabel->setText(tr("Nothing loaded yet."));
        m_unreadableToggle->setVisible(false);
        m_unreadableList->setVisible(false);
        m_tabs->setTabText(ReportTab, tr("Load report"));
        return;
    }
    const Dataset& shown = *m_data;
    const QLocale locale;
    m_nameLabel->setText(m_name);
    m_nameLabel->setToolTip(QString::fromStdString(shown.source));
    QStringList lines;
    lines << tr("%1 · %2 images of %3×%4")
                 .arg(DatasetText::formatName(shown.format).toHtmlEscaped(), locale.toString(shown.count()))
                 .arg(shown.width)
                 .arg(shown.height);
    lines << DatasetText::counted(shown.classes(), tr("%1 class: %2"), tr("%1 classes: %2")).arg(DatasetText::classList(shown).toHtmlEscaped());
    if (m_report.fromCache)
        lines << tr("From the cache in %1").arg(DatasetText::duration(m_report.seconds));
    else if (m_report.seconds > 0.0)
        lines << tr("Loaded in %1").arg(DatasetText::duration(m_report.seconds));
    const int unreadable = int(m_report.unreadable.size());
    if (unreadable > 0)
        lines << (shown.format == "font-letters"
                      ? DatasetText::counted(unreadable, tr("%1 font skipped — <a href=\"#report\">why</a>"),
                                tr("%1 fonts skipped — <a href=\"#report\">why</a>"))
                      : DatasetText::counted(unreadable, tr("%1 unreadable file skipped — <a href=\"#report\">show</a>"),
                                tr("%1 unreadable files skipped — <a href=\"#report\">show</a>")));
    if (!m_report.conversion.empty())
        lines << tr("Converted: %1").arg(QString::fromStdString(m_report.conversion).toHtmlEscaped());
    if (!m_report.warning.empty())
        lines << tr("<b>Warning:</b> %1").arg(QString::fromStdString(m_report.warning).toHtmlEscaped());
    m_detailsLabel->setText(lines.join(QStringLiteral("<br>")));

    QStringList report;
    for (const std::string& note : m_report.notes) {
        const QString text = QString::fromStdString(note);
        report << text.left(1).toUpper() + text.mid(1);
    }
    if (!m_report.conversion.empty())
        report << tr("Converted: %1").arg(QString::fromStdString(m_report.conversion));
    if (!m_report.warning.empty())
        report << tr("Warning: %1").arg(QString::fromStdString(m_report.warning));
    if (report.isEmpty() && unreadable == 0)
        report << tr("Every entry was read as it is; nothing was converted or skipped.");
    m_reportLabel->setText(report.join(QLatin1Char('\n')));
    m_reportLabel->setVisible(!report.isEmpty());
    m_unreadableToggle->setText(shown.format == "font-letters"
                                    ? DatasetText::counted(unreadable, tr("%1 font skipped"), tr("%1 fonts skipped"))
                                    : DatasetText::counted(unreadable, tr("%1 unreadable file skipped"),
                                              tr("%1 unreadable files skipped")));
    m_unreadableToggle->setVisible(unreadable > 0);
    m_unreadableList->setVisible(unreadable > 0 && m_unreadableToggle->isChecked());
    m_tabs->setTabText(ReportTab, unreadable > 0 ? tr("Load report (%1)").arg(locale.toString(unreadable))
                                                 : tr("Load report"));
}

// The split -------------------------------------------------------------------

QString DatasetPanel::settingsGroup() const
{
    QString name = m_name;
    name.replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
    return QStringLiteral("dataset/splits/") + name;
}

void DatasetPanel::restoreSplitSettings()
{
    const qint64 count = m_data ? m_data->count() : 0;
    qint64 validation = SplitEditor::defaultValidation(count);
    qint64 test = SplitEditor::defaultTest(count);
    quint64 seed = 1;
    bool dedup = false;
    bool overlap = false;
    if (m_data) {
        QSettings settings;
        settings.beginGroup(settingsGroup());
        const qint64 savedValidation = settings.value(QStringLiteral("validation"), -1).toLongLong();
        const qint64 savedTest = settings.value(QStringLiteral("test"), -1).toLongLong();
        // Sizes saved for other data of the same name may not fit this one.
        if (SplitEditor::fits(savedValidation, savedTest, count)) {
            validation = savedValidation;
            test = savedTest;
        }
        seed = settings.value(QStringLiteral("seed"), 1).toULongLong();
        dedup = settings.value(QStringLiteral("removeDuplicates"), false).toBool();
        overlap = settings.value(QStringLiteral("removeOverlap"), false).toBool();
    }
    const QSignalBlocker blockEditor(m_splitEditor);
    const QSignalBlocker blockDuplicates(m_removeDuplicatesButton);
    const QSignalBlocker blockOverlap(m_removeOverlapButton);
    m_splitEditor->setValues(validation, test, seed);
    m_removeDuplicatesButton->setChecked(dedup);
    m_removeOverlapButton->setChecked(overlap);
}

void DatasetPanel::saveSplitSettings() const
{
    if (!m_data)
        return;
    QSettings settings;
    settings.beginGroup(settingsGroup());
    settings.setValue(QStringLiteral("validation"), m_splitEditor->validation());
    settings.setValue(QStringLiteral("test"), m_splitEditor->test());
    settings.setValue(QStringLiteral("seed"), m_splitEditor->seed());
    settings.setValue(QStringLiteral("removeDuplicates"), removesDuplicates());
    settings.setValue(QStringLiteral("removeOverlap"), removesOverlap());
}

QString DatasetPanel::splitKey() const
{
    return QStringLiteral("%1/%2/%3").arg(m_splitEditor->validation()).arg(m_splitEditor->test()).arg(m_splitEditor->seed());
}

void DatasetPanel::rebuildSplit()
{
    m_baseSplit = {};
    if (m_data && m_data->count() > 0) {
        try {
            m_baseSplit = stratifiedSplit(m_data->labels, m_data->classes(), m_splitEditor->validation(),
                                          m_splitEditor->test(), m_splitEditor->seed());
        } catch (const std::invalid_argument&) {
            // The editor only lets sizes that fit through; nothing to split otherwise.
            m_baseSplit = {};
        }
        m_analyser->analyse(splitKey(), m_baseSplit);
    }
    applyFixes();
    updateSplitCounts();
    updateFindings();
}

void DatasetPanel::applyFixes()
{
    m_split = m_baseSplit;
    const DuplicateFinder* finder = m_analyser->finder();
    if (!finder)
        return;
    if (removesDuplicates())
        m_split = finder->dropDuplicates(m_split);
    if (removesOverlap())
        m_split = finder->removeOverlapFromTrain(m_split);
}

Split DatasetPanel::split() const
{
    return m_split;
}

qint64 DatasetPanel::validationSize() const
{
    return m_splitEditor->validation();
}

qint64 DatasetPanel::testSize() const
{
    return m_splitEditor->test();
}

quint64 DatasetPanel::splitSeed() const
{
    return m_splitEditor->seed();
}

bool DatasetPanel::setSplitSettings(qint64 validation, qint64 test, quint64 seed, bool removeDuplicates,
                                    bool removeOverlap)
{
    if (!m_data || !SplitEditor::fits(validation, test, m_data->count()))
        return false;
    {
        const QSignalBlocker blockEditor(m_splitEditor);
        const QSignalBlocker blockDuplicates(m_removeDuplicatesButton);
        const QSignalBlocker blockOverlap(m_removeOverlapButton);
        m_splitEditor->setValues(validation, test, seed);
        m_removeDuplicatesButton->setChecked(removeDuplicates);
        m_removeOverlapButton->setChecked(removeOverlap);
    }
    saveSplitSettings();
    rebuildSplit();
    emit splitChanged();
    return true;
}

bool DatasetPanel::removesDuplicates() const
{
    return m_removeDuplicatesButton->isChecked();
}

bool DatasetPanel::removesOverlap() const
{
    return m_removeOverlapButton->isChecked();
}

void DatasetPanel::setRemoveDuplicates(bool on)
{
    m_removeDuplicatesButton->setChecked(on);
}

void DatasetPanel::setRemoveOverlap(bool on)
{
    m_removeOverlapButton->setChecked(on);
}

void DatasetPanel::onFixToggled()
{
    saveSplitSettings();
    applyFixes();
    updateSplitCounts();
    updateFindings();
    emit splitChanged();
}

QString DatasetPanel::problem() const
{
    if (isLoading())
        return tr("%1 is still loading.").arg(m_loadingName);
    if (!m_data)
        return tr("No dataset is loaded.");
    if (!m_splitEditor->problem().isEmpty())
        return m_splitEditor->problem();
    if ((removesDuplicates() || removesOverlap()) && !m_analyser->finder())
        return tr("Still looking for the duplicates to remove.");
    if (m_split.train.empty())
        return removesDuplicates() || removesOverlap() ? tr("Removing duplicates left no training images.")
                                                       : tr("The split leaves no training images.");
    return {};
}

void DatasetPanel::updateSplitCounts()
{
    if (!m_data) {
        m_splitCountsLabel->setText(tr("Open a dataset to split it."));
        return;
    }
    const QLocale locale;
    const auto part = [&locale](qint64 now, qint64 before) {
        return now == before ? locale.toString(now)
                             : tr("%1 (%2 removed)").arg(locale.toString(now), locale.toString(before - now));
    };
    QString text = tr("Train %1 · validation %2 · test %3")
                       .arg(part(qint64(m_split.train.size()), qint64(m_baseSplit.train.size())),
                            part(qint64(m_split.validation.size()), qint64(m_baseSplit.validation.size())),
                            part(qint64(m_split.test.size()), qint64(m_baseSplit.test.size())));
    if (!m_splitEditor->problem().isEmpty())
        text = tr("In use until the sizes are fixed: %1").arg(text);
    m_splitCountsLabel->setText(text);
}

QString DatasetPanel::findings() const
{
    const SplitDuplicates* found = m_data ? m_analyser->analysis(splitKey()) : nullptr;
    return found ? DatasetText::findings(*found, *m_data) : QString();
}

void DatasetPanel::updateFindings()
{
    const bool hashed = m_data && m_analyser->finder();
    const SplitDuplicates* found = m_data ? m_analyser->analysis(splitKey()) : nullptr;
    if (!m_data)
        m_findingsLabel->setText(QString());
    else if (!found)
        m_findingsLabel->setText(tr("Looking for duplicates and overlap…"));
    else
        m_findingsLabel->setText(findings());
    m_findingsLabel->setVisible(m_data != nullptr);

    const bool anyDuplicates = found && (found->train.duplicates + found->validation.duplicates + found->test.duplicates) > 0;
    const bool anyOverlap = found && (found->trainValidation.images + found->trainTest.images) > 0;
    m_removeDuplicatesButton->setEnabled(hashed && (anyDuplicates || !found || removesDuplicates()));
    m_removeOverlapButton->setEnabled(hashed && (anyOverlap || !found || removesOverlap()));
    // Checked, a fix says what it did, so that it reads as applied.
    m_removeDuplicatesButton->setText(removesDuplicates() ? tr("✓ &Duplicates removed") : tr("Remove &duplicates"));
    m_removeOverlapButton->setText(removesOverlap() ? tr("✓ &Overlap removed from training")
                                                    : tr("Remove &overlap from training"));
    m_undoFixesButton->setEnabled(removesDuplicates() || removesOverlap());
    m_undoFixesButton->setVisible(m_data != nullptr);
    m_removeDuplicatesButton->setVisible(m_data != nullptr);
    m_removeOverlapButton->setVisible(m_data != nullptr);

    // What the fixes took out, from the sizes before and after each.
    QStringList applied;
    if (m_data && hashed) {
        const DuplicateFinder& finder = *m_analyser->finder();
        Split afterDuplicates = m_baseSplit;
        if (removesDuplicates()) {
            afterDuplicates = finder.dropDuplicates(m_baseSplit);
            applied << DatasetText::counted(total(m_baseSplit) - total(afterDuplicates), tr("%1 duplicate removed"),
                               tr("%1 duplicates removed"));
        }
        if (removesOverlap())
            applied << DatasetText::counted(qint64(afterDuplicates.train.size() - m_split.train.size()),
                               tr("%1 train image that also occurs in validation or test removed"),
                               tr("%1 train images that also occur in validation or test removed"));
    }
    if (!hashed && (removesDuplicates() || removesOverlap()))
        m_fixesLabel->setText(tr("The fixes apply once the duplicates are found."));
    else
        m_fixesLabel->setText(applied.isEmpty() ? tr("No fixes applied.")
                                                : tr("Applied: %1.").arg(applied.join(tr("; "))));
    m_fixesLabel->setVisible(m_data != nullptr);
}

} // namespace mlps::ui
