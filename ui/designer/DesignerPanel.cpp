#include "DesignerPanel.h"

#include "LayerCardDelegate.h"
#include "LayerCommands.h"
#include "LayerPropertiesEditor.h"
#include "LayerStackModel.h"
#include "LayerStackView.h"
#include "NetworkDocument.h"
#include "PaletteModel.h"
#include "PresetBox.h"
#include "SummaryModel.h"
#include "nn/ModelSummary.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QShowEvent>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace mlps::ui {
namespace {

const auto kSplitterKey = "designer/splitterState";

QLabel* sectionHeading(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    if (buddy)
        label->setBuddy(buddy);
    return label;
}

// The fixed Input and Output ends of the stack, drawn as flat cards.
QLabel* stackEnd(const QString& accessibleName)
{
    auto* label = new QLabel;
    label->setAccessibleName(accessibleName);
    label->setFrameShape(QFrame::StyledPanel);
    label->setAutoFillBackground(true);
    label->setBackgroundRole(QPalette::AlternateBase);
    label->setMargin(label->fontMetrics().height() / 3);
    label->setAlignment(Qt::AlignCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// "685 KB", "3.1 MB": binary multiples, as the size of the weights in memory.
QString dataSize(qint64 bytes)
{
    const QLocale locale;
    constexpr double kilo = 1024.0;
    if (bytes < kilo * kilo)
        return DesignerPanel::tr("%1 KB").arg(locale.toString(double(bytes) / kilo, 'f', 0));
    if (bytes < kilo * kilo * kilo)
        return DesignerPanel::tr("%1 MB").arg(locale.toString(double(bytes) / (kilo * kilo), 'f', 1));
    return DesignerPanel::tr("%1 GB").arg(locale.toString(double(bytes) / (kilo * kilo * kilo), 'f', 1));
}

QString shortcutText(const QKeySequence& key)
{
    return key.toString(QKeySequence::NativeText);
}

} // namespace

DesignerPanel::DesignerPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_stackModel(new LayerStackModel(document, this))
    , m_paletteModel(new PaletteModel(this))
    , m_summaryModel(new SummaryModel(document, this))
{
    setAccessibleName(tr("Network designer"));

    // Presets.
    m_presetBox = new PresetBox(document);
    auto* presetLabel = new QLabel(tr("Pre&set:"));
    presetLabel->setBuddy(m_presetBox);
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(presetLabel);
    presetRow->addWidget(m_presetBox, 1);

    // Palette.
    m_paletteView = new QListView;
    m_paletteView->setModel(m_paletteModel);
    m_paletteView->setAccessibleName(tr("Layer palette"));
    m_paletteView->setToolTip(tr("Drag a layer into the stack, or press Enter to add it after the selected layer"));
    m_paletteView->setDragDropMode(QAbstractItemView::DragOnly);
    m_paletteView->setDefaultDropAction(Qt::CopyAction);
    m_paletteView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_paletteView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_paletteView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_paletteView->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int iconSide = fontMetrics().height() * 3 / 2;
    m_paletteView->setIconSize(QSize(iconSide, iconSide));
    m_paletteView->setSpacing(1);
    // Current (for Enter) but not highlighted until the user goes there.
    m_paletteView->selectionModel()->setCurrentIndex(m_paletteModel->index(0), QItemSelectionModel::NoUpdate);
    // Exactly as tall as its rows: the palette never scrolls.
    m_paletteView->setFixedHeight(m_paletteModel->rowCount() * (m_paletteView->sizeHintForRow(0) + 2)
                                  + 2 * m_paletteView->frameWidth() + 2);
    m_paletteView->installEventFilter(this);
    connect(m_paletteView, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { insertFromPalette(index.row()); });

    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(makeStackSection());
    m_splitter->addWidget(makeSummarySection());
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(presetRow);
    layout->addWidget(sectionHeading(tr("Pa&lette"), m_paletteView));
    layout->addWidget(m_paletteView);
    layout->addWidget(m_splitter, 1);

    // The stack's selection drives the properties editor and the buttons.
    connect(m_stackView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DesignerPanel::updateActions);
    connect(m_stackModel, &QAbstractItemModel::modelReset, this, &DesignerPanel::updateActions);
    connect(m_stackModel, &QAbstractItemModel::rowsRemoved, this, &DesignerPanel::updateActions);
    connect(m_stackModel, &QAbstractItemModel::rowsInserted, this, &DesignerPanel::updateActions);
    connect(m_stackModel, &QAbstractItemModel::rowsMoved, this, &DesignerPanel::updateActions);
    connect(document, &NetworkDocument::networkChanged, this, [this] {
        updateShapeTexts();
        showStackError(QString()); // a refusal is stale once the network changed
    });

    setTabOrder(m_presetBox, m_paletteView);
    setTabOrder(m_paletteView, m_stackView);
    setTabOrder(m_stackView, m_moveUp);
    setTabOrder(m_moveUp, m_moveDown);
    setTabOrder(m_moveDown, m_remove);

    const QByteArray state = QSettings().value(QLatin1String(kSplitterKey)).toByteArray();
    if (!state.isEmpty())
        m_splitterSized = m_splitter->restoreState(state);
    connect(m_splitter, &QSplitter::splitterMoved, this, &DesignerPanel::saveSettings);

    updateShapeTexts();
    updateActions();
}

DesignerPanel::~DesignerPanel()
{
    saveSettings();
}

QWidget* DesignerPanel::makeStackSection()
{
    auto* section = new QWidget;
    m_stackView = new LayerStackView;
    m_stackView->setModel(m_stackModel);
    m_stackView->setAccessibleName(tr("Layer stack"));
    m_stackView->setAccessibleDescription(
        tr("The hidden layers from input to output. Delete removes, Ctrl+Up and Ctrl+Down move, F2 edits."));
    m_cardDelegate = new LayerCardDelegate(m_stackView);
    m_stackView->setItemDelegate(m_cardDelegate);
    connect(m_cardDelegate, &LayerCardDelegate::editRefused, this, &DesignerPanel::showStackError);
    connect(m_cardDelegate, &LayerCardDelegate::editAccepted, this, [this] { showStackError(QString()); });
    connect(m_stackView, &LayerStackView::removeRequested, this, &DesignerPanel::removeSelected);
    connect(m_stackView, &LayerStackView::moveRequested, this, &DesignerPanel::moveSelected);

    m_inputLabel = stackEnd(tr("Input layer"));
    m_outputLabel = stackEnd(tr("Output layer"));

    m_stackError = new QLabel;
    m_stackError->setAccessibleName(tr("Layer stack: problem"));
    m_stackError->setWordWrap(true);
    QPalette errorPalette = m_stackError->palette();
    errorPalette.setColor(QPalette::WindowText, palette().color(QPalette::Window).lightness() < 128
                                                    ? QColor(0xff, 0x7b, 0x72)
                                                    : QColor(0xb4, 0x1d, 0x1d));
    m_stackError->setPalette(errorPalette);
    m_stackError->hide();

    const QKeySequence upKey(Qt::CTRL | Qt::Key_Up);
    const QKeySequence downKey(Qt::CTRL | Qt::Key_Down);
    const QKeySequence deleteKey(Qt::Key_Delete);
    m_moveUp = new QPushButton(tr("Move &up"));
    m_moveUp->setAccessibleName(tr("Move layer up"));
    m_moveUp->setToolTip(tr("Move the selected layer up (%1)").arg(shortcutText(upKey)));
    m_moveDown = new QPushButton(tr("Move do&wn"));
    m_moveDown->setAccessibleName(tr("Move layer down"));
    m_moveDown->setToolTip(tr("Move the selected layer down (%1)").arg(shortcutText(downKey)));
    m_remove = new QPushButton(tr("Re&move"));
    m_remove->setAccessibleName(tr("Remove layer"));
    m_remove->setToolTip(tr("Remove the selected layers (%1)").arg(shortcutText(deleteKey)));
    connect(m_moveUp, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_moveDown, &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_remove, &QPushButton::clicked, this, &DesignerPanel::removeSelected);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_moveUp);
    buttons->addWidget(m_moveDown);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);

    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(fontMetrics().height() / 4);
    layout->addWidget(sectionHeading(tr("La&yers"), m_stackView));
    layout->addWidget(m_inputLabel);
    layout->addWidget(m_stackView, 1);
    layout->addWidget(m_outputLabel);
    layout->addWidget(m_stackError);
    layout->addLayout(buttons);
    // The properties sit under the stack in the same section, so that a
    // refusal's reason gets its room from the list, never squeezed. Created
    // after the buttons, they follow them in the tab order.
    m_properties = new LayerPropertiesEditor(m_stackModel);
    layout->addSpacing(fontMetrics().height() / 3);
    layout->addWidget(m_properties);
    // Room for the ends, the buttons and a few cards before the splitter stops.
    m_stackView->setMinimumHeight(m_stackView->sizeHintForRow(0) > 0 ? 2 * m_stackView->sizeHintForRow(0)
                                                                      : 4 * fontMetrics().height());
    return section;
}

QWidget* DesignerPanel::makeSummarySection()
{
    auto* section = new QWidget;
    m_summaryView = new QTableView;
    m_summaryView->setModel(m_summaryModel);
    m_summaryView->setAccessibleName(tr("Network summary"));
    m_summaryView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_summaryView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_summaryView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summaryView->setShowGrid(false);
    m_summaryView->setAlternatingRowColors(true);
    m_summaryView->setWordWrap(false);
    m_summaryView->setCornerButtonEnabled(false);
    m_summaryView->verticalHeader()->hide();
    m_summaryView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_summaryView->verticalHeader()->setDefaultSectionSize(fontMetrics().lineSpacing() + fontMetrics().height() / 3);
    QHeaderView* header = m_summaryView->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SummaryModel::LayerColumn, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_summaryView->setMinimumHeight(5 * m_summaryView->verticalHeader()->defaultSectionSize());
    m_summaryView->viewport()->installEventFilter(this);
    connect(m_summaryModel, &QAbstractItemModel::modelReset, this, &DesignerPanel::fitSummaryColumns);
    connect(m_summaryModel, &QAbstractItemModel::dataChanged, this, &DesignerPanel::fitSummaryColumns);

    m_totalLabel = new QLabel;
    m_totalLabel->setAccessibleName(tr("Parameter count"));
    m_totalLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(sectionHeading(tr("Summary"), nullptr));
    layout->addWidget(m_summaryView, 1);
    layout->addWidget(m_totalLabel);
    return section;
}

LayerStackModel* DesignerPanel::stackModel() const
{
    return m_stackModel;
}

QAbstractItemView* DesignerPanel::stackView() const
{
    return m_stackView;
}

QAbstractItemView* DesignerPanel::paletteView() const
{
    return m_paletteView;
}

QComboBox* DesignerPanel::presetBox() const
{
    return m_presetBox;
}

QTableView* DesignerPanel::summaryView() const
{
    return m_summaryView;
}

void DesignerPanel::focusStack()
{
    m_stackView->setFocus(Qt::ShortcutFocusReason);
    // Something to act on right away: the current layer, else the first.
    if (selectedRows().isEmpty() && m_stackModel->rowCount() > 0) {
        const QModelIndex current = m_stackView->currentIndex();
        m_stackView->selectionModel()->setCurrentIndex(current.isValid() ? current : m_stackModel->index(0),
                                                       QItemSelectionModel::ClearAndSelect);
    }
}

PaletteModel* DesignerPanel::paletteModel() const
{
    return m_paletteModel;
}

SummaryModel* DesignerPanel::summaryModel() const
{
    return m_summaryModel;
}

LayerPropertiesEditor* DesignerPanel::propertiesEditor() const
{
    return m_properties;
}

QPushButton* DesignerPanel::moveUpButton() const
{
    return m_moveUp;
}

QPushButton* DesignerPanel::moveDownButton() const
{
    return m_moveDown;
}

QPushButton* DesignerPanel::removeButton() const
{
    return m_remove;
}

QString DesignerPanel::inputText() const
{
    return m_inputLabel->text();
}

QString DesignerPanel::outputText() const
{
    return m_outputLabel->text();
}

QString DesignerPanel::totalText() const
{
    return m_totalLabel->text();
}

QString DesignerPanel::stackError() const
{
    return m_stackError->isHidden() ? QString() : m_stackError->text();
}

void DesignerPanel::insertFromPalette(int paletteRow)
{
    if (paletteRow < 0 || paletteRow >= m_paletteModel->rowCount())
        return;
    const QList<int> rows = selectedRows();
    const int destination = rows.isEmpty() ? m_stackModel->rowCount() : rows.last() + 1;
    const std::unique_ptr<QMimeData> mime(LayerStackModel::paletteMimeData(PaletteModel::defaultLayer(paletteRow)));
    if (!m_stackModel->dropMimeData(mime.get(), Qt::CopyAction, destination, 0, {})) {
        showStackError(m_stackModel->lastError());
        return;
    }
    const QModelIndex added = m_stackModel->index(destination);
    m_stackView->selectionModel()->setCurrentIndex(added, QItemSelectionModel::ClearAndSelect);
    m_stackView->scrollTo(added);
}

void DesignerPanel::removeSelected()
{
    QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    const int first = rows.first();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    QUndoStack* stack = m_document->undoStack();
    // Bottom-up, so that each row is still where it was selected.
    if (rows.size() > 1)
        stack->beginMacro(tr("Remove %1 layers").arg(rows.size()));
    for (int row : rows)
        stack->push(new RemoveLayerCommand(m_document, row));
    if (rows.size() > 1)
        stack->endMacro();
    // Keep going from where the layers were.
    if (m_stackModel->rowCount() > 0) {
        const QModelIndex next = m_stackModel->index(std::min(first, m_stackModel->rowCount() - 1));
        m_stackView->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect);
    }
}

void DesignerPanel::moveSelected(int direction)
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty() || rows.last() - rows.first() + 1 != rows.size())
        return; // nothing, or not one block
    const int first = rows.first();
    const int count = int(rows.size());
    if (direction < 0 && first > 0)
        m_stackModel->moveRows({}, first, count, {}, first - 1);
    else if (direction > 0 && rows.last() + 1 < m_stackModel->rowCount())
        m_stackModel->moveRows({}, first, count, {}, rows.last() + 2);
    // The selection follows the moved rows (persistent indexes).
    m_stackView->scrollTo(m_stackView->currentIndex());
    updateActions();
}

bool DesignerPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_summaryView->viewport() && event->type() == QEvent::Resize)
        fitSummaryColumns();
    if (watched == m_paletteView && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        // Plain Enter only: Ctrl+Enter is the window's Train shortcut.
        const bool plain = (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && plain
            && m_paletteView->currentIndex().isValid()) {
            insertFromPalette(m_paletteView->currentIndex().row());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DesignerPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_splitterSized) {
        m_splitterSized = true;
        initialSplitterSizes();
    }
}

void DesignerPanel::initialSplitterSizes()
{
    const int total = m_splitter->height() - m_splitter->handleWidth();
    QWidget* summary = m_splitter->widget(1);
    // The table with every row, plus what is around it in its section.
    const int rows = m_summaryModel->rowCount();
    const int tableHeight = m_summaryView->horizontalHeader()->sizeHint().height()
        + rows * m_summaryView->verticalHeader()->defaultSectionSize() + 2 * m_summaryView->frameWidth();
    const int summaryWanted = summary->sizeHint().height() - m_summaryView->sizeHint().height() + tableHeight;
    const int summaryHeight = std::clamp(summaryWanted, summary->minimumSizeHint().height(), qMax(0, total * 7 / 20));
    m_splitter->setSizes({qMax(0, total - summaryHeight), summaryHeight});
}

void DesignerPanel::fitSummaryColumns()
{
    QHeaderView* header = m_summaryView->horizontalHeader();
    const QAbstractItemView* view = m_summaryView; // sizeHintForColumn() is public there
    int needed = 0;
    for (int column = 0; column < m_summaryModel->columnCount(); ++column)
        needed += qMax(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    m_summaryView->setColumnHidden(SummaryModel::TypeColumn, needed > m_summaryView->viewport()->width());
}

QList<int> DesignerPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_stackView->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void DesignerPanel::updateActions()
{
    const QList<int> rows = selectedRows();
    const bool block = !rows.isEmpty() && rows.last() - rows.first() + 1 == rows.size();
    m_moveUp->setEnabled(block && rows.first() > 0);
    m_moveDown->setEnabled(block && rows.last() + 1 < m_stackModel->rowCount());
    m_remove->setEnabled(!rows.isEmpty());
    if (rows.size() == 1)
        m_properties->setLayer(m_stackModel->index(rows.first()), 1);
    else
        m_properties->setLayer({}, int(rows.size()));
}

void DesignerPanel::updateShapeTexts()
{
    const NetworkSpec& network = m_document->network();
    const QLocale locale;
    if (m_document->imageWidth() > 0 && m_document->imageHeight() > 0)
        m_inputLabel->setText(tr("Input · %1 (%2×%3)")
                                  .arg(locale.toString(network.inputSize))
                                  .arg(m_document->imageWidth())
                                  .arg(m_document->imageHeight()));
    else
        m_inputLabel->setText(tr("Input · %1").arg(locale.toString(network.inputSize)));
    QString output = tr("Output · softmax, %1 classes").arg(network.classes);
    if (network.outputL2 != 0.0f)
        output += tr(" · L2 %1").arg(locale.toString(double(network.outputL2), 'g', 6));
    m_outputLabel->setText(output);

    const qint64 parameters = summarize(network).totalParameters;
    const qint64 bytes = parameters * qint64(sizeof(float));
    m_totalLabel->setText(tr("%1 parameters (%2 as float32)")
                              .arg(locale.toString(parameters),
                                   dataSize(bytes)));
}

void DesignerPanel::showStackError(const QString& reason)
{
    m_stackError->setText(reason);
    m_stackError->setVisible(!reason.isEmpty());
}

void DesignerPanel::saveSettings() const
{
    QSettings().setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

} // namespace mlps::ui
