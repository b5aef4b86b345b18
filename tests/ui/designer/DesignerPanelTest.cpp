// The panel as a whole: keyboard, accessibility, remembered layout, screenshots.

#include "DesignerTestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>

namespace {

using namespace mlps;
using namespace mlps::ui;
using namespace mlps::ui::designertest;

TEST_F(DesignerPanelTest, FocusStackSelectsTheFirstLayer)
{
    panel->focusStack();
    EXPECT_EQ(stack()->currentIndex().row(), 0);
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 1 · Dense"));
}

TEST_F(DesignerPanelTest, ReachableByKeyboard)
{
    panel->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(panel.get()));
    panel->presetBox()->setFocus();
    ASSERT_TRUE(QTest::qWaitFor([this] { return panel->presetBox()->hasFocus(); }));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(panel->paletteView()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(stack()->hasFocus());
    // With a layer selected: the buttons, then the layer's properties.
    selectRow(1);
    for (QWidget* next : std::initializer_list<QWidget*>{panel->moveUpButton(), panel->moveDownButton(),
                                                          panel->removeButton(), properties()->unitsEdit(),
                                                          properties()->activationBox(), properties()->l2Edit()}) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        EXPECT_EQ(QApplication::focusWidget(), next) << next->accessibleName().toStdString();
    }
    // The mnemonics of the section labels: Alt+S the presets, Alt+Y the layers.
    QTest::keyClick(panel.get(), Qt::Key_S, Qt::AltModifier);
    EXPECT_TRUE(panel->presetBox()->hasFocus());
    QTest::keyClick(panel.get(), Qt::Key_Y, Qt::AltModifier);
    EXPECT_TRUE(stack()->hasFocus());
    // Alt+N goes to the units of the selected Dense layer.
    selectRow(0);
    QTest::keyClick(panel.get(), Qt::Key_N, Qt::AltModifier);
    EXPECT_TRUE(properties()->unitsEdit()->hasFocus());
}

TEST_F(DesignerPanelTest, EveryControlHasAnAccessibleName)
{
    const QList<QWidget*> widgets = panel->findChildren<QWidget*>();
    for (QWidget* widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(panel.get())
            || widget->parentWidget()->inherits("QAbstractScrollArea") || widget->inherits("QScrollBar"))
            continue;
        EXPECT_FALSE(widget->accessibleName().isEmpty()) << widget->metaObject()->className();
    }
}

TEST_F(DesignerPanelTest, SplitterStateIsRemembered)
{
    auto* splitter = panel->findChild<QSplitter*>();
    ASSERT_NE(splitter, nullptr);
    QList<int> sizes = splitter->sizes();
    ASSERT_EQ(sizes.size(), 2);
    sizes = {sizes[0] + sizes[1] - 150, 150};
    splitter->setSizes(sizes);
    const QList<int> set = splitter->sizes();
    panel.reset();
    DesignerPanel reopened(&document);
    reopened.resize(380, 650);
    reopened.show();
    QCoreApplication::processEvents();
    EXPECT_EQ(reopened.findChild<QSplitter*>()->sizes(), set);
    QSettings().remove(QStringLiteral("designer"));
}

// Not a check: saves what the panel looks like when MLPS_SCREENSHOT_DIR is set.

TEST_F(DesignerPanelTest, Screenshot)
{
    const QString directory = qEnvironmentVariable("MLPS_SCREENSHOT_DIR");
    if (directory.isEmpty())
        GTEST_SKIP() << "set MLPS_SCREENSHOT_DIR to save screenshots";
    selectRow(1);
    panel->grab().save(directory + QStringLiteral("/designer-lab.png"));
    applyPresetQuietly(Presets::kLabL2Dropout);
    layOut();
    selectRow(1);
    typeInto(properties()->rateEdit(), QStringLiteral("1.0"));
    panel->grab().save(directory + QStringLiteral("/designer-dropout.png"));
    applyPresetQuietly(Presets::kLogisticRegression);
    layOut();
    typeInto(properties()->outputL2Edit(), QStringLiteral("-1"));
    panel->grab().save(directory + QStringLiteral("/designer-empty.png"));
    applyPresetQuietly(Presets::kLabNetwork);
    panel->resize(340, 560);
    layOut();
    selectRow(2);
    QLineEdit* editor = openInPlaceEditor();
    ASSERT_NE(editor, nullptr);
    QTest::keyClicks(editor, QStringLiteral("1000"));
    panel->grab().save(directory + QStringLiteral("/designer-narrow-editing.png"));
    panel->resize(420, 700);
    layOut();
    panel->grab().save(directory + QStringLiteral("/designer-wide.png"));

    // A dark palette, as on a desktop with a dark theme.
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    QApplication::setPalette(dark);
    {
        DesignerPanel darkPanel(&document);
        darkPanel.resize(380, 650);
        darkPanel.show();
        QCoreApplication::processEvents();
        darkPanel.stackView()->selectionModel()->setCurrentIndex(darkPanel.stackModel()->index(1),
                                                                 QItemSelectionModel::ClearAndSelect);
        typeInto(darkPanel.propertiesEditor()->unitsEdit(), QStringLiteral("0"));
        darkPanel.grab().save(directory + QStringLiteral("/designer-dark.png"));
    }
    QApplication::setPalette(light);
}

} // namespace
