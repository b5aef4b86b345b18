#include "MisclassifiedGallery.h"

#include "GalleryDelegate.h"
#include "GalleryExport.h"
#include "GalleryModel.h"
#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mlps::ui {

namespace {

const QString kOrderKey = QStringLiteral("gallery/order");
const QString kSplitterKey = QStringLiteral("gallery/splitter");
const QString kFolderKey = QStringLiteral("gallery/exportFolder");

} // namespace

MisclassifiedGallery::MisclassifiedGallery(QWidget* parent)
    : QWidget(parent)
{
    m_model = new GalleryModel(this);
    buildLayout();
    const QSettings settings;
    m_orderBox->setCurrentIndex(std::clamp(settings.value(kOrderKey, 0).toInt(), 0, m_orderBox->count() - 1));
    m_model->setOrder(GalleryModel::Order(m_orderBox->currentData().toInt()));
    if (!m_splitter->restoreState(settings.value(kSplitterKey).toByteArray()))
        m_splitter->setSizes({3 * fontMetrics().height() * 20, 2 * fontMetrics().height() * 20});

    connect(m_orderBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kOrderKey, m_orderBox->currentIndex());
        m_model->setOrder(GalleryModel::Order(m_orderBox->currentData().toInt()));
        modelChanged();
    });
    connect(m_trueBox, &QComboBox::currentIndexChanged, this, [this] {
        if (m_fillingFilters)
            return;
        m_model->setTrueFilter(m_trueBox->currentData().toInt());
        modelChanged();
    });
    connect(m_predictedBox, &QComboBox::currentIndexChanged, this, [this] {
        if (m_fillingFilters)
            return;
        m_model->setPredictedFilter(m_predictedBox->currentData().toInt());
        modelChanged();
    });
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { QSettings().setValue(kSplitterKey, m_splitter->saveState()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { inspectCurrent(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { updateActions(); });
    connect(m_copyAction, &QAction::triggered, this, [this] { copySelection(); });
    connect(m_exportButton, &QPushButton::clicked, this, &MisclassifiedGallery::exportWithDialog);
    connect(m_exportAction, &QAction::triggered, this, &MisclassifiedGallery::exportWithDialog);
    modelChanged();
}

MisclassifiedGallery::~MisclassifiedGallery() = default;

void MisclassifiedGallery::buildLayout()
{
    setAccessibleName(tr("Misclassified samples"));
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    m_countLabel = new QLabel;
    m_countLabel->setWordWrap(true);
    m_countLabel->setAccessibleName(tr("Samples shown"));
    top->addWidget(m_countLabel, 1);
    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyAction->setToolTip(tr("Copy the selected letters as one picture and as CSV text (%1)")
                                 .arg(QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)));
    m_copyButton = new QToolButton;
    m_copyButton->setDefaultAction(m_copyAction);
    m_copyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_copyButton->setAccessibleName(tr("Copy the selected samples"));
    top->addWidget(m_copyButton);
    m_exportButton = new QPushButton(tr("&Export\u2026"));
    m_exportButton->setAccessibleName(tr("Export samples"));
    m_exportButton->setToolTip(tr("Save the selected letters (or all shown, when none is selected) "
                                  "as a PNG grid and a CSV table"));
    top->addWidget(m_exportButton);
    layout->addLayout(top);

    auto* filters = new QHBoxLayout;
    m_orderBox = new QComboBox;
    m_orderBox->setAccessibleName(tr("Sort samples by"));
    m_orderBox->addItem(tr("Confidence of the answer"), int(GalleryModel::Order::Confidence));
    m_orderBox->addItem(tr("Loss (\u2212log p of the true class)"), int(GalleryModel::Order::Loss));
    auto* orderLabel = new QLabel(tr("&Sort by:"));
    orderLabel->setBuddy(m_orderBox);
    filters->addWidget(orderLabel);
    filters->addWidget(m_orderBox);
    filters->addSpacing(fontMetrics().averageCharWidth() * 2);
    m_trueBox = new QComboBox;
    m_trueBox->setAccessibleName(tr("Show only this true class"));
    m_trueBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* trueLabel = new QLabel(tr("&True:"));
    trueLabel->setBuddy(m_trueBox);
    filters->addWidget(trueLabel);
    filters->addWidget(m_trueBox);
    m_predictedBox = new QComboBox;
    m_predictedBox->setAccessibleName(tr("Show only this predicted class"));
    m_predictedBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* predictedLabel = new QLabel(tr("&Predicted:"));
    predictedLabel->setBuddy(m_predictedBox);
    filters->addWidget(predictedLabel);
    filters->addWidget(m_predictedBox);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_view = new QListView;
    m_view->setAccessibleName(tr("Sample thumbnails"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new GalleryDelegate(m_view));
    m_view->setViewMode(QListView::IconMode);
    m_view->setMovement(QListView::Static);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setUniformItemSizes(true); // only the painted items are asked for their thumbnail
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setDragEnabled(false);
    // Right-click on the thumbnails: the same Copy and Export.
    m_exportAction = new QAction(tr("&Export\u2026"), this);
    m_view->addAction(m_copyAction);
    m_view->addAction(m_exportAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_inspector = new SampleInspector;
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_inspector);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_copyButton, m_exportButton);
    setTabOrder(m_exportButton, m_orderBox);
    setTabOrder(m_orderBox, m_trueBox);
    setTabOrder(m_trueBox, m_predictedBox);
    setTabOrder(m_predictedBox, m_view);
    setTabOrder(m_view, m_inspector);
    updateThumbnailSize();
}

void MisclassifiedGallery::showSamples(std::shared_ptr<const RunRecord> run, Set set, const QList<QPoint>& cells)
{
    const Evaluation* evaluation = run ? evaluationOf(*run, set) : nullptr;
    if (!evaluation) {
        present(std::move(run), set, {}, QString());
        return;
    }
    const Eigen::Index classes = evaluation->confusion.rows();
    // wanted(true, predicted): the cells asked for; every off-diagonal one when none is given.
    Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> wanted(classes, classes);
    wanted.setConstant(cells.isEmpty());
    if (cells.isEmpty())
        wanted.diagonal().setConstant(false);
    int validCells = 0;
    QPoint only;
    for (const QPoint& cell : cells) {
        if (cell.x() < 0 || cell.y() < 0 || cell.x() >= classes || cell.y() >= classes)
            continue;
        if (!wanted(cell.y(), cell.x()))
            ++validCells;
        wanted(cell.y(), cell.x()) = true;
        only = cell;
    }
    std::vector<qint64> samples;
    for (qint64 i = 0; i < evaluation->count(); ++i) {
        const int t = evaluation->trueLabels[std::size_t(i)];
        const int p = evaluation->predicted[std::size_t(i)];
        if (t >= 0 && p >= 0 && t < classes && p < classes && wanted(t, p))
            samples.push_back(i);
    }

    const auto name = [&](int cls) { return QString::fromStdString(run->classNames()[std::size_t(cls)]); };
    QString title;
    if (cells.isEmpty())
        title = tr("every mistake");
    else if (validCells == 1)
        title = tr("true %1, predicted %2").arg(name(only.y()), name(only.x()));
    else
        title = tr("%1 confusion cells").arg(validCells);
    present(std::move(run), set, samples, title);
}

void MisclassifiedGallery::showIndices(std::shared_ptr<const RunRecord> run, Set set, const QList<qint64>& indices,
                                       const QString& title)
{
    present(std::move(run), set, std::vector<qint64>(indices.begin(), indices.end()), title);
}

void MisclassifiedGallery::clear()
{
    present(nullptr, Set::Test, {}, QString());
}

void MisclassifiedGallery::present(std::shared_ptr<const RunRecord> run, Set set, const std::vector<qint64>& samples,
                                   const QString& title)
{
    m_title = title;
    if (run && !evaluationOf(*run, set))
        m_title = tr("This run has no %1 evaluation to show.").arg(sampleSetName(set));
    m_model->setSamples(std::move(run), set, samples);
    fillFilterBoxes();
    updateThumbnailSize();
    modelChanged();
}

void MisclassifiedGallery::fillFilterBoxes()
{
    m_fillingFilters = true;
    const auto fill = [this](QComboBox* box, const std::vector<int>& counts) {
        box->clear();
        box->addItem(tr("All classes"), GalleryModel::kAllClasses);
        for (std::size_t k = 0; k < counts.size(); ++k)
            if (counts[k] > 0)
                box->addItem(tr("%1 (%2)").arg(m_model->className(int(k))).arg(counts[k]), int(k));
        box->setEnabled(box->count() > 2);
    };
    fill(m_trueBox, m_model->trueClassCounts());
    fill(m_predictedBox, m_model->predictedClassCounts());
    m_fillingFilters = false;
}

void MisclassifiedGallery::modelChanged()
{
    m_countLabel->setText(countText());
    if (m_model->rowCount() > 0) {
        // The first (worst) sample goes straight to the inspector, without selecting it.
        m_view->selectionModel()->setCurrentIndex(m_model->index(0), QItemSelectionModel::NoUpdate);
        m_view->scrollToTop();
    }
    inspectCurrent();
    updateActions();
}

QString MisclassifiedGallery::countText() const
{
    if (!m_model->run())
        return m_title.isEmpty() ? tr("Click a confusion-matrix cell to see its samples here.") : m_title;
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    // Spelled out: the project ships no English translation that would resolve "%n sample(s)".
    const QString samples = shown == total ? (total == 1 ? tr("1 sample") : tr("%1 samples").arg(total))
                                           : (total == 1 ? tr("%1 of 1 sample").arg(shown)
                                                         : tr("%1 of %2 samples").arg(shown).arg(total));
    return tr("%1: %2 (%3)").arg(samples, m_title, sampleSetName(m_model->set()));
}

void MisclassifiedGallery::inspectCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_model->run()) {
        m_inspector->clear();
        return;
    }
    const qint64 sample = m_model->sampleAt(current.row()).sample;
    m_inspector->showSample(m_model->run(), m_model->set(), sample);
    emit currentSampleChanged(sample);
}

void MisclassifiedGallery::updateActions()
{
    m_copyAction->setEnabled(m_view->selectionModel()->hasSelection());
    m_exportButton->setEnabled(m_model->rowCount() > 0);
    m_exportAction->setEnabled(m_model->rowCount() > 0);
}

void MisclassifiedGallery::updateThumbnailSize()
{
    QSize image(28, 28);
    if (m_model->run()) {
        const Dataset& dataset = datasetOf(*m_model->run(), m_model->set());
        image = QSize(dataset.width, dataset.height);
    }
    const QFontMetrics metrics = m_view->fontMetrics();
    // About two and a half lines of text tall, in whole image pixels (at
    // least twice the size for small images such as 28x28 letters).
    const int longest = std::max(image.width(), image.height());
    int scale = std::max(1, int(std::lround(2.6 * metrics.height() / longest)));
    if (longest <= 32)
        scale = std::max(2, scale);
    m_model->setThumbnailScale(scale, m_view->devicePixelRatioF());
    const QSize thumbnail = m_model->thumbnailSize();
    // Room for the widest caption ("W→W 100 %" with the widest class name), within reason.
    QString widest = QStringLiteral("W");
    if (m_model->run())
        for (const std::string& name : m_model->run()->classNames()) {
            const QString text = QString::fromStdString(name);
            if (metrics.horizontalAdvance(text) > metrics.horizontalAdvance(widest))
                widest = text;
        }
    const int caption
        = std::min(metrics.horizontalAdvance(tr("%1\u2192%2 %3 %").arg(widest, widest, QStringLiteral("100"))),
                   metrics.averageCharWidth() * 24);
    const int m = GalleryDelegate::margin(metrics);
    const QSize item(std::max(thumbnail.width(), caption) + 2 * m, thumbnail.height() + metrics.height() + 3 * m);
    m_model->setItemSizeHint(item);
    m_view->setIconSize(thumbnail);
    m_view->setGridSize(item + QSize(m, m));
}

void MisclassifiedGallery::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateThumbnailSize(); // the screen (and its pixel ratio) is known now
}

void MisclassifiedGallery::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if ((event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) && m_view)
        updateThumbnailSize();
}

std::shared_ptr<const RunRecord> MisclassifiedGallery::run() const
{
    return m_model->run();
}

int MisclassifiedGallery::count() const
{
    return m_model->rowCount();
}

int MisclassifiedGallery::totalCount() const
{
    return m_model->totalCount();
}

QList<qint64> MisclassifiedGallery::shownIndices() const
{
    return m_model->shownSamples();
}

QAbstractItemView* MisclassifiedGallery::view() const
{
    return m_view;
}

QList<int> MisclassifiedGallery::exportRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    for (const QModelIndex& index : selected)
        rows.append(index.row());
    if (rows.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

bool MisclassifiedGallery::exportTo(const QString& pngPath, const QString& csvPath, QString* error) const
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const QList<int> rows = exportRows();
    if (rows.isEmpty())
        return fail(tr("There are no samples to export."));
    const QImage grid = sampleGridImage(*m_model, rows, m_model->thumbnailScale());
    QSaveFile png(pngPath);
    if (!png.open(QIODevice::WriteOnly) || !grid.save(&png, "PNG") || !png.commit())
        return fail(tr("Cannot write the picture %1: %2").arg(QDir::toNativeSeparators(pngPath), png.errorString()));
    QSaveFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly) || csv.write(samplesCsv(*m_model, rows).toUtf8()) < 0 || !csv.commit())
        return fail(tr("Cannot write the table %1: %2").arg(QDir::toNativeSeparators(csvPath), csv.errorString()));
    return true;
}

void MisclassifiedGallery::copySelection() const
{
    if (!m_view->selectionModel()->hasSelection())
        return;
    const QList<int> rows = exportRows();
    const QString csv = samplesCsv(*m_model, rows);
    auto* mime = new QMimeData;
    mime->setImageData(sampleGridImage(*m_model, rows, m_model->thumbnailScale()));
    mime->setText(csv);
    mime->setData(QStringLiteral("text/csv"), csv.toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime);
}

void MisclassifiedGallery::exportWithDialog()
{
    const QList<int> rows = exportRows();
    if (rows.isEmpty())
        return;
    QSettings settings;
    const QString folder = settings.value(kFolderKey, QDir::homePath()).toString();
    QString png = QFileDialog::getSaveFileName(
        this, rows.size() == 1 ? tr("Export 1 sample") : tr("Export %1 samples").arg(rows.size()),
        QDir(folder).filePath(QStringLiteral("samples.png")), tr("PNG images (*.png)"));
    if (png.isEmpty())
        return;
    if (QFileInfo(png).suffix().compare(QStringLiteral("png"), Qt::CaseInsensitive) != 0)
        png += QStringLiteral(".png");
    const QFileInfo info(png);
    settings.setValue(kFolderKey, info.absolutePath());
    const QString csv = info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
    QString error;
    if (!exportTo(png, csv, &error))
        QMessageBox::warning(this, tr("Export samples"), error);
}

} // namespace mlps::ui
