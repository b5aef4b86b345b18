#pragma once

// What the designer's tests share: a panel on the lab network, shown at a
// dock's size with testers on its models, and helpers that act as a user.

#include "DesignerPanel.h"
#include "LayerPropertiesEditor.h"
#include "LayerStackModel.h"
#include "NetworkDocument.h"
#include "PaletteModel.h"
#include "Presets.h"
#include "SummaryModel.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCoreApplication>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSettings>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <vector>

QT_BEGIN_NAMESPACE
// Readable failures: GoogleTest prints QStrings as text.
void PrintTo(const QString& text, std::ostream* out);
QT_END_NAMESPACE

namespace mlps::ui::designertest {

// The units of the Dense layers and the rates of the Dropout layers, in order:
// {128, 256} or {128, 0.1, 256}; easy to compare and to read in a failure.
std::vector<double> mainNumbers(const NetworkDocument& document);

// Sends a whole drag (enter, move, drop) to the view's viewport at `position`,
// as Qt does for a real one. Returns whether the drop was accepted.
bool dragAndDrop(QAbstractItemView* view, const QMimeData* data, QPoint position, Qt::DropActions actions);

// The lab network's hidden layers.
inline const std::vector<double> kLab{128, 256, 128, 64};

class DesignerPanelTest : public ::testing::Test {
protected:
    DesignerPanelTest()
    {
        QSettings().remove(QStringLiteral("designer")); // each test starts with the default layout
        applyPresetQuietly(Presets::kLabNetwork);
        panel = std::make_unique<DesignerPanel>(&document);
        stackTester = std::make_unique<QAbstractItemModelTester>(
            panel->stackModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        summaryTester = std::make_unique<QAbstractItemModelTester>(
            panel->summaryModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        paletteTester = std::make_unique<QAbstractItemModelTester>(
            panel->paletteModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        panel->resize(380, 650);
        panel->show();
        layOut();
    }

    // Starts over on a preset (not undoable), as File > New would.
    void applyPresetQuietly(const char* id)
    {
        const Preset preset = Presets::find(document, QString::fromLatin1(id));
        document.reset(preset.network, preset.training);
    }

    void layOut()
    {
        QCoreApplication::processEvents();
        stack()->doItemsLayout();
    }

    QAbstractItemView* stack() const { return panel->stackView(); }
    LayerPropertiesEditor* properties() const { return panel->propertiesEditor(); }
    QUndoStack* undoStack() const { return document.undoStack(); }

    void selectRow(int row)
    {
        stack()->setFocus();
        stack()->selectionModel()->setCurrentIndex(panel->stackModel()->index(row),
                                                   QItemSelectionModel::ClearAndSelect);
    }

    QRect rowRect(int row) const { return stack()->visualRect(panel->stackModel()->index(row)); }

    // Types into a line edit as a user does: select all, type, Enter.
    // Opens the in-place editor of the current layer with F2.
    QLineEdit* openInPlaceEditor() const
    {
        QTest::keyClick(stack(), Qt::Key_F2);
        return stack()->viewport()->findChild<QLineEdit*>();
    }

    // Types into the in-place editor and presses Enter; the view commits
    // and closes the editor from its event loop.
    void typeInPlace(QLineEdit* editor, const QString& text) const
    {
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        EXPECT_TRUE(QTest::qWaitFor([this] { return !stack()->viewport()->findChild<QLineEdit*>(); }));
    }

    static void typeInto(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    QString summaryCell(int row, int column) const
    {
        return panel->summaryModel()->index(row, column).data().toString();
    }

    NetworkDocument document;
    std::unique_ptr<DesignerPanel> panel;
    std::unique_ptr<QAbstractItemModelTester> stackTester;
    std::unique_ptr<QAbstractItemModelTester> summaryTester;
    std::unique_ptr<QAbstractItemModelTester> paletteTester;
};


} // namespace mlps::ui::designertest
