#pragma once

#include <QHash>
#include <QObject>
#include <QString>

class QGridLayout;
class QLabel;
class QWidget;

namespace mlps::ui {

// A two-column "label: field" form on a QGridLayout, whose rows can be shown
// and hidden. (QFormLayout in Qt 6.4 writes past a buffer in heightForWidth()
// when rows with word-wrapped text are hidden, and misplaces rows after
// setRowVisible(); a grid has neither problem.) The label's mnemonic focuses
// its field, and the label stays level with the field's first line when the
// field grows (a refusal message under a number).
class SettingsForm : public QObject {
public:
    // Lays out `parent`'s children; the form and its layout belong to `parent`.
    explicit SettingsForm(QWidget* parent);

    QWidget* parentWidget() const;
    // A labelled row; the label's &-mnemonic focuses `field`.
    QLabel* addRow(const QString& label, QWidget* field);
    // A row spanning both columns.
    void addRow(QWidget* wide);
    QLabel* labelForField(QWidget* field) const;
    // Hides or shows a row's label and field together (a hidden row takes no space).
    void setRowVisible(QWidget* field, bool visible);
    // The widest label's width, and a minimum for the label column, so that
    // several forms one above the other line up their fields.
    int labelWidth() const;
    void setLabelWidth(int width);

private:
    QWidget* m_parent;
    QGridLayout* m_grid;
    QHash<QWidget*, QLabel*> m_labels;
};

} // namespace mlps::ui
