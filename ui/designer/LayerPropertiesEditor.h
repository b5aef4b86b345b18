#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

#include <array>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace mlps::ui {

class LayerStackModel;

// The designer's property editor for one hidden layer: units, activation and
// L2 of a Dense layer, or the rate of a Dropout layer. With no layer chosen
// it says so and edits the output layer's L2 (part of the network too).
//
// Numbers are typed freely and committed on Enter or when the field loses
// focus, through LayerStackModel::setData (which validates and records the
// undo step) or SetOutputL2Command. A refused value stays in its field for the
// user to correct, with the reason in red next to it, and the document is not
// changed; Escape puts the current value back. The editor follows the layer
// through moves, undo and redo.
class LayerPropertiesEditor : public QWidget {
    Q_OBJECT

public:
    explicit LayerPropertiesEditor(LayerStackModel* model, QWidget* parent = nullptr);

    // The layer to edit (an invalid index: none). `selectedCount` is how many
    // layers are selected, for the hint when it is not exactly one.
    void setLayer(const QModelIndex& index, int selectedCount = 1);
    QModelIndex layer() const;

    QLineEdit* unitsEdit() const;
    QComboBox* activationBox() const;
    QLineEdit* l2Edit() const;
    QLineEdit* rateEdit() const;
    QLineEdit* outputL2Edit() const;
    // The heading ("Layer 2 · Dense") or the hint when no layer is chosen.
    QString heading() const;
    // The visible reason why the field's value was refused, empty if none.
    QString errorFor(const QLineEdit* edit) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum FieldId { UnitsField, L2Field, RateField, OutputL2Field, FieldCount };
    struct Field {
        QLineEdit* edit = nullptr;
        QLabel* error = nullptr;
        int role = -1; // a LayerStackModel role; -1 for the output L2
    };

    QWidget* makeLayerPage(bool dense);
    QWidget* makeOutputPage();
    void addField(QFormLayout* form, FieldId id, const QString& label, const QString& accessibleName,
                  const QString& toolTip, int role);
    Field* fieldOf(const QObject* edit);
    const Field* fieldOf(const QObject* edit) const;
    // The current value as the field shows it.
    QString currentText(const Field& field) const;
    void commit(Field& field);
    void showError(Field& field, const QString& reason);
    void clearError(Field& field);
    // Reloads what the document holds; fields with a refused value keep it
    // unless `clearErrors`.
    void refresh(bool clearErrors);

    LayerStackModel* m_model;
    QPersistentModelIndex m_layer;
    int m_selectedCount = 0;
    QLabel* m_heading;
    // One page per kind of selection (none, Dense, Dropout); only the
    // current one is shown, so the editor is as tall as that page.
    std::array<QWidget*, 3> m_pages{};
    QComboBox* m_activation = nullptr;
    std::array<Field, FieldCount> m_fields;
};

} // namespace mlps::ui
