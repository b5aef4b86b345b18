#pragma once

#include <QWidget>

class QAbstractItemView;
class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QTableView;

namespace mlps::ui {

class LayerCardDelegate;
class LayerPropertiesEditor;
class LayerStackModel;
class LayerStackView;
class NetworkDocument;
class PaletteModel;
class PresetBox;
class SummaryModel;

// The network designer, the studio's "Network" dock: top to bottom, the
// preset chooser, the palette (Dense, Dropout), the layer stack between its
// fixed Input and Output, the selected layer's properties, and the live
// summary. Every edit is an undo command on the document's undo stack.
class DesignerPanel : public QWidget {
    Q_OBJECT

public:
    explicit DesignerPanel(NetworkDocument* document, QWidget* parent = nullptr);
    ~DesignerPanel() override;

    LayerStackModel* stackModel() const;
    QAbstractItemView* stackView() const;   // the layer stack (QListView)
    QAbstractItemView* paletteView() const; // Dense, Dropout
    QComboBox* presetBox() const;           // the presets
    QTableView* summaryView() const;        // SummaryModel
    // Focuses the layer stack (the main window's "Design" shortcut).
    void focusStack();

    PaletteModel* paletteModel() const;
    SummaryModel* summaryModel() const;
    LayerPropertiesEditor* propertiesEditor() const;
    QPushButton* moveUpButton() const;
    QPushButton* moveDownButton() const;
    QPushButton* removeButton() const;
    // The texts above and below the stack, and under the summary.
    QString inputText() const;
    QString outputText() const;
    QString totalText() const;
    // Why the last in-place edit or drop in the stack was refused; empty
    // once a later one succeeds.
    QString stackError() const;

    // Adds the palette row's layer after the selected layer (at the end when
    // none is selected) and selects it.
    void insertFromPalette(int paletteRow);
    // Removes the selected layers (one undo step).
    void removeSelected();
    // Moves the selected layers (a contiguous block) one place up (-1) or down (+1).
    void moveSelected(int direction);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* makeStackSection();
    QWidget* makeSummarySection();
    QList<int> selectedRows() const;
    void updateActions();
    void updateShapeTexts();
    void showStackError(const QString& reason);
    void saveSettings() const;
    // Hides the summary's Type column (the layer names say it too) when the
    // table is too narrow for every column, rather than scrolling sideways.
    void fitSummaryColumns();
    // Without saved sizes: the summary as tall as its rows (up to 35 %),
    // the stack and the properties the rest.
    void initialSplitterSizes();

    NetworkDocument* m_document;
    LayerStackModel* m_stackModel;
    PaletteModel* m_paletteModel;
    SummaryModel* m_summaryModel;
    PresetBox* m_presetBox = nullptr;
    QListView* m_paletteView = nullptr;
    LayerStackView* m_stackView = nullptr;
    LayerCardDelegate* m_cardDelegate = nullptr;
    QLabel* m_inputLabel = nullptr;
    QLabel* m_outputLabel = nullptr;
    QLabel* m_stackError = nullptr;
    QPushButton* m_moveUp = nullptr;
    QPushButton* m_moveDown = nullptr;
    QPushButton* m_remove = nullptr;
    LayerPropertiesEditor* m_properties = nullptr;
    QTableView* m_summaryView = nullptr;
    QLabel* m_totalLabel = nullptr;
    QSplitter* m_splitter = nullptr;
    bool m_splitterSized = false; // restored from the settings, or sized on first show
};

} // namespace mlps::ui
