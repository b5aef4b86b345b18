#pragma once

#include <QComboBox>

namespace mlps::ui {

class NetworkDocument;

// The designer's preset chooser. Lists Presets::all() (name, description as
// tooltip, id as item data) and always shows the preset the document's design
// currently equals, or "Custom" when it equals none; it follows every change
// of the document, undo and redo included. Choosing a preset applies it as
// one undo step (Presets::apply). The "Custom" entry exists only while the
// design is custom, so it can never be chosen as if it were a preset.
class PresetBox : public QComboBox {
    Q_OBJECT

public:
    explicit PresetBox(NetworkDocument* document, QWidget* parent = nullptr);

    // The id of the preset shown, empty when "Custom" is shown.
    QString currentPresetId() const;
    // The text of the "Custom" entry.
    static QString customText();

private:
    void fill();
    void sync();
    void onActivated(int index);

    NetworkDocument* m_document;
};

} // namespace mlps::ui
