// The properties editor: typed values, refusals with their reason, undo and redo.

#include "DesignerTestSupport.h"
#include "nn/ModelSummary.h"

#include <QComboBox>
#include <QLocale>

namespace {

using namespace mlps;
using namespace mlps::ui;
using namespace mlps::ui::designertest;

TEST_F(DesignerPanelTest, EditUnitsInTheProperties)
{
    selectRow(1);
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 2 · Dense"));
    QLineEdit* units = properties()->unitsEdit();
    ASSERT_TRUE(units->isVisible());
    EXPECT_EQ(units->text(), QStringLiteral("256"));
    EXPECT_EQ(properties()->activationBox()->currentText(), QStringLiteral("relu"));
    typeInto(units, QStringLiteral("300"));
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 300, 128, 64}));
    EXPECT_TRUE(properties()->errorFor(units).isEmpty());

    // The card and the summary follow.
    EXPECT_EQ(stack()->model()->index(1, 0).data(LayerStackModel::UnitsRole).toInt(), 300);
    const qint64 expected = summarize(document.network()).totalParameters;
    EXPECT_EQ(expected, 175306 + (300 - 256) * (128 + 128 + 1));
    EXPECT_EQ(summaryCell(panel->summaryModel()->totalRow(), SummaryModel::ParametersColumn),
              QLocale().toString(expected));
    EXPECT_TRUE(panel->totalText().startsWith(QLocale().toString(expected) + QStringLiteral(" parameters")));
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Custom"));

    // Undo and redo: the editor, the stack, the summary and the preset follow.
    undoStack()->undo();
    EXPECT_EQ(units->text(), QStringLiteral("256"));
    EXPECT_EQ(stack()->model()->index(1, 0).data(LayerStackModel::UnitsRole).toInt(), 256);
    EXPECT_EQ(panel->totalText(), QStringLiteral("175,306 parameters (685 KB as float32)"));
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Lab network"));
    undoStack()->redo();
    EXPECT_EQ(units->text(), QStringLiteral("300"));
    EXPECT_EQ(panel->presetBox()->currentText(), QStringLiteral("Custom"));
}

TEST_F(DesignerPanelTest, EditActivationAndL2)
{
    selectRow(0);
    QComboBox* activation = properties()->activationBox();
    activation->setFocus();
    QTest::keyClick(activation, Qt::Key_Down); // relu -> sigmoid
    EXPECT_EQ(std::get<DenseSpec>(document.layer(0)).activation, Activation::Sigmoid);
    typeInto(properties()->l2Edit(), QStringLiteral("0.001"));
    EXPECT_FLOAT_EQ(std::get<DenseSpec>(document.layer(0)).l2, 0.001f);
    EXPECT_EQ(stack()->model()->index(0, 0).data().toString(), QStringLiteral("Dense 128, sigmoid, L2 0.001"));
    undoStack()->undo();
    EXPECT_EQ(properties()->l2Edit()->text(), QStringLiteral("0"));
    undoStack()->undo();
    EXPECT_EQ(activation->currentText(), QStringLiteral("relu"));
}

TEST_F(DesignerPanelTest, ImpossibleUnitsAreRefusedWithTheReason)
{
    selectRow(1);
    QLineEdit* units = properties()->unitsEdit();
    const NetworkSpec before = document.network();
    const int steps = undoStack()->count();
    const std::pair<QString, QString> cases[] = {
        {QStringLiteral("0"), QStringLiteral("from 1 to 100000, got 0")},
        {QStringLiteral("-5"), QStringLiteral("got -5")},
        {QStringLiteral("1e9"), QStringLiteral("from 1 to 100000")},
        {QStringLiteral("12.5"), QStringLiteral("whole number")},
        {QStringLiteral("abc"), QStringLiteral("must be a number, got “abc”")},
    };
    for (const auto& [typed, reason] : cases) {
        typeInto(units, typed);
        EXPECT_EQ(document.network(), before) << typed.toStdString();
        EXPECT_EQ(undoStack()->count(), steps);
        EXPECT_EQ(units->text(), typed); // kept, for the user to correct
        EXPECT_TRUE(properties()->errorFor(units).contains(reason))
            << typed.toStdString() << ": " << properties()->errorFor(units).toStdString();
    }
    // Escape brings the layer's value back and clears the reason.
    QTest::keyClick(units, Qt::Key_Escape);
    EXPECT_EQ(units->text(), QStringLiteral("256"));
    EXPECT_TRUE(properties()->errorFor(units).isEmpty());
    // A refused value survives an unrelated change; a good one clears it.
    typeInto(units, QStringLiteral("-5"));
    typeInto(properties()->l2Edit(), QStringLiteral("-1"));
    EXPECT_TRUE(properties()->errorFor(properties()->l2Edit()).contains(QStringLiteral("at least 0")));
    EXPECT_EQ(document.network(), before);
    typeInto(units, QStringLiteral("200"));
    EXPECT_TRUE(properties()->errorFor(units).isEmpty());
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{128, 200, 128, 64}));
    EXPECT_EQ(properties()->l2Edit()->text(), QStringLiteral("-1"));
    // Moving the layer keeps what is being corrected.
    stack()->setFocus();
    QTest::keyClick(stack(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(mainNumbers(document), (std::vector<double>{200, 128, 128, 64}));
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 1 · Dense"));
    EXPECT_EQ(properties()->l2Edit()->text(), QStringLiteral("-1"));
    EXPECT_FALSE(properties()->errorFor(properties()->l2Edit()).isEmpty());
    // Choosing another layer starts afresh.
    selectRow(2);
    EXPECT_TRUE(properties()->errorFor(properties()->l2Edit()).isEmpty());
    EXPECT_EQ(properties()->l2Edit()->text(), QStringLiteral("0"));
}

TEST_F(DesignerPanelTest, ImpossibleDropoutRateAndOutputL2AreRefused)
{
    applyPresetQuietly(Presets::kLabL2Dropout);
    layOut();
    selectRow(1);
    QLineEdit* rate = properties()->rateEdit();
    ASSERT_TRUE(rate->isVisible());
    EXPECT_EQ(properties()->heading(), QStringLiteral("Layer 2 · Dropout"));
    const NetworkSpec before = document.network();
    typeInto(rate, QStringLiteral("1.0"));
    EXPECT_EQ(document.network(), before);
    EXPECT_TRUE(properties()->errorFor(rate).contains(QStringLiteral("below 1")));
    EXPECT_EQ(rate->text(), QStringLiteral("1.0"));
    typeInto(rate, QStringLiteral("0.3"));
    EXPECT_FLOAT_EQ(std::get<DropoutSpec>(document.layer(1)).rate, 0.3f);
    EXPECT_TRUE(properties()->errorFor(rate).isEmpty());

    // With no layer selected: the output layer's L2.
    stack()->clearSelection();
    QLineEdit* outputL2 = properties()->outputL2Edit();
    ASSERT_TRUE(outputL2->isVisible());
    EXPECT_EQ(outputL2->text(), QStringLiteral("0.001"));
    typeInto(outputL2, QStringLiteral("-1"));
    EXPECT_TRUE(properties()->errorFor(outputL2).contains(QStringLiteral("at least 0")));
    typeInto(outputL2, QStringLiteral("x"));
    EXPECT_TRUE(properties()->errorFor(outputL2).contains(QStringLiteral("must be a number")));
    EXPECT_FLOAT_EQ(document.network().outputL2, 0.001f);
    typeInto(outputL2, QStringLiteral("0.01"));
    EXPECT_FLOAT_EQ(document.network().outputL2, 0.01f);
    EXPECT_EQ(panel->outputText(), QStringLiteral("Output · softmax, 10 classes · L2 0.01"));
    undoStack()->undo();
    EXPECT_EQ(outputL2->text(), QStringLiteral("0.001"));
}

} // namespace
