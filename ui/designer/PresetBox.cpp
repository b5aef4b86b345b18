#include "PresetBox.h"

#include "NetworkDocument.h"
#include "Presets.h"

#include <QSignalBlocker>

namespace mlps::ui {

PresetBox::PresetBox(NetworkDocument* document, QWidget* parent)
    : QComboBox(parent)
    , m_document(document)
{
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
    setAccessibleName(tr("Preset"));
    setAccessibleDescription(tr("The preset the network and training equal; choose one to apply it"));
    fill();
    sync();
    connect(this, &QComboBox::activated, this, &PresetBox::onActivated);
    connect(document, &NetworkDocument::networkChanged, this, &PresetBox::sync);
    connect(document, &NetworkDocument::trainingChanged, this, &PresetBox::sync);
}

QString PresetBox::currentPresetId() const
{
    return currentData().toString();
}

QString PresetBox::customText()
{
    return tr("Custom");
}

void PresetBox::fill()
{
    const QSignalBlocker blocker(this);
    clear();
    for (const Preset& preset : Presets::all(*m_document)) {
        addItem(preset.name, preset.id);
        setItemData(count() - 1, preset.description, Qt::ToolTipRole);
    }
}

void PresetBox::sync()
{
    const QSignalBlocker blocker(this);
    const QString id = Presets::matching(*m_document);
    const bool customShown = count() > 0 && itemData(0).toString().isEmpty();
    if (id.isEmpty()) {
        if (!customShown) {
            insertItem(0, customText(), QString());
            setItemData(0, tr("The design equals none of the presets"), Qt::ToolTipRole);
        }
        setCurrentIndex(0);
    } else {
        if (customShown)
            removeItem(0);
        setCurrentIndex(findData(id));
    }
    setToolTip(itemData(currentIndex(), Qt::ToolTipRole).toString());
}

void PresetBox::onActivated(int index)
{
    const QString id = itemData(index).toString();
    if (!id.isEmpty()) {
        const Preset preset = Presets::find(*m_document, id);
        if (!preset.id.isEmpty())
            Presets::apply(m_document, preset);
    }
    sync(); // also when nothing changed: show what the design is
}

} // namespace mlps::ui
