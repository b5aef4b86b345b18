#include "SettingsForm.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace mlps::ui {

SettingsForm::SettingsForm(QWidget* parent)
    : QObject(parent)
    , m_parent(parent)
    , m_grid(new QGridLayout(parent))
{
    m_grid->setColumnStretch(1, 1);
}

QWidget* SettingsForm::parentWidget() const
{
    return m_parent;
}

QLabel* SettingsForm::addRow(const QString& label, QWidget* field)
{
    const int row = m_grid->rowCount();
    auto* text = new QLabel(label, m_parent);
    text->setBuddy(field);
    // Level with a line edit's text even when the field below it grows.
    if (auto* line = field->findChild<QLineEdit*>())
        text->setMinimumHeight(line->sizeHint().height());
    else
        text->setMinimumHeight(field->sizeHint().height());
    text->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_grid->addWidget(text, row, 0, Qt::AlignTop);
    m_grid->addWidget(field, row, 1);
    m_labels.insert(field, text);
    return text;
}

void SettingsForm::addRow(QWidget* wide)
{
    m_grid->addWidget(wide, m_grid->rowCount(), 0, 1, 2);
}

QLabel* SettingsForm::labelForField(QWidget* field) const
{
    return m_labels.value(field);
}

void SettingsForm::setRowVisible(QWidget* field, bool visible)
{
    if (QLabel* label = labelForField(field))
        label->setVisible(visible);
    field->setVisible(visible);
}

} // namespace mlps::ui

namespace mlps::ui {

int SettingsForm::labelWidth() const
{
    int width = 0;
    for (const QLabel* label : m_labels)
        width = std::max(width, label->sizeHint().width());
    return width;
}

void SettingsForm::setLabelWidth(int width)
{
    m_grid->setColumnMinimumWidth(0, width);
}

} // namespace mlps::ui
