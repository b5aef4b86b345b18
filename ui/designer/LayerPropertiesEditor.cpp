#include "LayerPropertiesEditor.h"

#include "LayerCommands.h"
#include "LayerStackModel.h"
#include "NetworkDocument.h"
#include "NumberText.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QUndoStack>
#include <QVBoxLayout>

namespace mlps::ui {
namespace {

enum Page { NoLayerPage, DensePage, DropoutPage };

// A red that reads on the palette's window colour, light or dark.
QColor errorColor(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x1d, 0x1d);
}

} // namespace

LayerPropertiesEditor::LayerPropertiesEditor(LayerStackModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_heading(new QLabel(this))
{
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_heading->setAccessibleName(tr("Selected layer"));

    m_pages = {makeOutputPage(), makeLayerPage(true), makeLayerPage(false)};

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    for (QWidget* page : m_pages)
        layout->addWidget(page);
    // As tall as the fields and the reasons shown need, no taller.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    // Whatever changes the document (edits, moves, undo, redo, presets)
    // reaches the editor through the model.
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { refresh(false); });
    connect(model, &QAbstractItemModel::rowsMoved, this, [this] { refresh(false); });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { refresh(false); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { refresh(false); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { refresh(false); });
    connect(model->document(), &NetworkDocument::networkChanged, this, [this] { refresh(false); });
    refresh(true);
}

QWidget* LayerPropertiesEditor::makeLayerPage(bool dense)
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    if (dense) {
        addField(form, UnitsField, tr("U&nits:"), tr("Units"),
                 tr("A whole number from 1 to %1. Enter applies, Escape restores.").arg(LayerStackModel::kMaxUnits),
                 LayerStackModel::UnitsRole);
        m_activation = new QComboBox;
        m_activation->setAccessibleName(tr("Activation"));
        m_activation->setToolTip(tr("The function applied to the layer's outputs"));
        for (const QString& name : LayerStackModel::activationNames())
            m_activation->addItem(name, name);
        form->addRow(tr("A&ctivation:"), m_activation);
        connect(m_activation, &QComboBox::activated, this, [this](int index) {
            if (!m_layer.isValid())
                return;
            if (!m_model->setData(m_layer, m_activation->itemData(index), LayerStackModel::ActivationRole))
                refresh(false); // cannot happen with the listed names; show the layer's value again
        });
        addField(form, L2Field, tr("L&2:"), tr("L2 factor"),
                 tr("The L2 penalty on the layer's weights, 0 or more (0.001 is typical). Enter applies, "
                    "Escape restores."),
                 LayerStackModel::L2Role);
    } else {
        addField(form, RateField, tr("&Dropout rate:"), tr("Dropout rate"),
                 tr("The probability that an input is zeroed in training, at least 0 and below 1. Enter "
                    "applies, Escape restores."),
                 LayerStackModel::DropoutRateRole);
    }
    return page;
}

QWidget* LayerPropertiesEditor::makeOutputPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(form, OutputL2Field, tr("Output L&2:"), tr("Output layer L2 factor"),
             tr("The L2 penalty on the softmax output layer's weights, 0 or more. Enter applies, "
                "Escape restores."),
             -1);
    return page;
}

void LayerPropertiesEditor::addField(QFormLayout* form, FieldId id, const QString& label,
                                     const QString& accessibleName, const QString& toolTip, int role)
{
    Field& field = m_fields[std::size_t(id)];
    field.role = role;
    field.edit = new QLineEdit;
    field.edit->setAccessibleName(accessibleName);
    field.edit->setToolTip(toolTip);
    field.edit->installEventFilter(this);
    field.error = new QLabel;
    field.error->setWordWrap(true);
    field.error->setAccessibleName(tr("%1: problem").arg(accessibleName));
    field.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = field.error->palette();
    errorPalette.setColor(QPalette::WindowText, errorColor(palette()));
    field.error->setPalette(errorPalette);
    field.error->hide();
    // The reason for a refusal right under its field.
    auto* box = new QWidget;
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(0, 0, 0, 0);
    boxLayout->setSpacing(2);
    boxLayout->addWidget(field.edit);
    boxLayout->addWidget(field.error);
    form->addRow(label, box);
    if (auto* labelWidget = qobject_cast<QLabel*>(form->labelForField(box)))
        labelWidget->setBuddy(field.edit);
    QLineEdit* edit = field.edit;
    connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
        if (Field* changed = fieldOf(edit))
            commit(*changed);
    });
}

void LayerPropertiesEditor::setLayer(const QModelIndex& index, int selectedCount)
{
    if (m_layer == index && m_selectedCount == selectedCount) {
        refresh(false); // the same layer (perhaps moved): a refused value stays
        return;
    }
    // A value being typed belongs to the layer it was typed for.
    if (Field* typing = fieldOf(QApplication::focusWidget()); typing && typing->edit->isModified()
        && typing->edit->text() != currentText(*typing))
        commit(*typing);
    m_layer = index;
    m_selectedCount = selectedCount;
    refresh(true);
}

QModelIndex LayerPropertiesEditor::layer() const
{
    return m_layer;
}

QLineEdit* LayerPropertiesEditor::unitsEdit() const
{
    return m_fields[UnitsField].edit;
}

QComboBox* LayerPropertiesEditor::activationBox() const
{
    return m_activation;
}

QLineEdit* LayerPropertiesEditor::l2Edit() const
{
    return m_fields[L2Field].edit;
}

QLineEdit* LayerPropertiesEditor::rateEdit() const
{
    return m_fields[RateField].edit;
}

QLineEdit* LayerPropertiesEditor::outputL2Edit() const
{
    return m_fields[OutputL2Field].edit;
}

QString LayerPropertiesEditor::heading() const
{
    return m_heading->text();
}

QString LayerPropertiesEditor::errorFor(const QLineEdit* edit) const
{
    const Field* field = fieldOf(edit);
    return field && !field->error->isHidden() ? field->error->text() : QString();
}

bool LayerPropertiesEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        if (Field* field = fieldOf(watched)) {
            // Escape: back to the document's value, the refusal forgotten.
            clearError(*field);
            field->edit->setText(currentText(*field));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

LayerPropertiesEditor::Field* LayerPropertiesEditor::fieldOf(const QObject* edit)
{
    for (Field& field : m_fields) {
        if (field.edit == edit)
            return &field;
    }
    return nullptr;
}

const LayerPropertiesEditor::Field* LayerPropertiesEditor::fieldOf(const QObject* edit) const
{
    for (const Field& field : m_fields) {
        if (field.edit == edit)
            return &field;
    }
    return nullptr;
}

QString LayerPropertiesEditor::currentText(const Field& field) const
{
    if (field.role < 0)
        return numbertext::formatReal(double(m_model->document()->network().outputL2));
    if (!m_layer.isValid())
        return {};
    const QVariant value = m_model->data(m_layer, field.role);
    if (!value.isValid())
        return {};
    if (field.role == LayerStackModel::UnitsRole)
        return numbertext::formatInteger(value.toInt());
    return numbertext::formatReal(value.toDouble());
}

void LayerPropertiesEditor::commit(Field& field)
{
    const QString text = field.edit->text();
    if (text == currentText(field)) {
        clearError(field); // typed back to what it is: nothing to do
        return;
    }
    const QVariant value = numbertext::parse(text);
    if (field.role < 0) {
        // The output layer is not a row of the model: validate here, as setData would.
        QString problem;
        if (value.typeId() != QMetaType::Double)
            problem = tr("The L2 factor must be a number, got “%1”.").arg(text.trimmed());
        else
            problem = LayerStackModel::checkL2(value.toDouble());
        if (!problem.isEmpty()) {
            showError(field, problem);
            return;
        }
        NetworkDocument* document = m_model->document();
        const float l2 = float(value.toDouble());
        clearError(field);
        if (l2 != document->network().outputL2)
            document->undoStack()->push(new SetOutputL2Command(document, l2));
        field.edit->setText(currentText(field));
        return;
    }
    if (!m_layer.isValid())
        return;
    if (!m_model->setData(m_layer, value, field.role)) {
        showError(field, m_model->lastError());
        return;
    }
    clearError(field);
    field.edit->setText(currentText(field));
}

void LayerPropertiesEditor::showError(Field& field, const QString& reason)
{
    field.error->setText(reason);
    field.error->show();
}

void LayerPropertiesEditor::clearError(Field& field)
{
    field.error->clear();
    field.error->hide();
}

void LayerPropertiesEditor::refresh(bool clearErrors)
{
    Page page = NoLayerPage;
    if (m_layer.isValid())
        page = m_model->data(m_layer, LayerStackModel::TypeRole).toString() == QLatin1String("Dense") ? DensePage
                                                                                                      : DropoutPage;
    if (page == NoLayerPage) {
        if (m_selectedCount > 1)
            m_heading->setText(tr("%1 layers selected: select one to edit it").arg(m_selectedCount));
        else
            m_heading->setText(tr("Select a layer to edit it"));
    } else {
        m_heading->setText(page == DensePage ? tr("Layer %1 · Dense").arg(m_layer.row() + 1)
                                             : tr("Layer %1 · Dropout").arg(m_layer.row() + 1));
    }
    for (int i = 0; i < int(m_pages.size()); ++i)
        m_pages[std::size_t(i)]->setVisible(i == page);

    for (Field& field : m_fields) {
        if (clearErrors)
            clearError(field);
        // A refused value stays for the user to correct.
        if (field.error->isHidden())
            field.edit->setText(currentText(field));
    }
    if (page == DensePage) {
        const QSignalBlocker blocker(m_activation);
        m_activation->setCurrentIndex(
            m_activation->findData(m_model->data(m_layer, LayerStackModel::ActivationRole)));
    }
}

} // namespace mlps::ui
