#include "ClassCountsModel.h"
#include "DatasetText.h"
#include "SampleGrid.h"
#include "SplitEditor.h"
#include "UnreadableModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using mlps::Dataset;
using mlps::ui::ClassCountsModel;
using mlps::ui::DatasetText;
using mlps::ui::SampleGrid;
using mlps::ui::SplitEditor;
using mlps::ui::UnreadableModel;

Dataset threeClasses()
{
    Dataset data;
    data.width = 2;
    data.height = 2;
    data.classNames = {"A", "B", "C"};
    const std::uint8_t image[4] = {0, 255, 255, 0};
    for (int i = 0; i < 6; ++i)
        data.append(image, 0);
    for (int i = 0; i < 3; ++i)
        data.append(image, 1);
    data.append(image, 2);
    return data;
}

TEST(ClassCountsModel, CountsSharesAndDuplicatesPerClass)
{
    ClassCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDataset(threeClasses());
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 4);
    EXPECT_EQ(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Images"));
    EXPECT_EQ(model.index(0, ClassCountsModel::ClassColumn).data().toString(), QStringLiteral("A"));
    EXPECT_EQ(model.index(0, ClassCountsModel::CountColumn).data().toString(), QStringLiteral("6"));
    EXPECT_EQ(model.index(1, ClassCountsModel::ShareColumn).data().toString(), QStringLiteral("30.0 %"));
    EXPECT_EQ(model.index(2, ClassCountsModel::DuplicatesColumn).data().toString(), QStringLiteral("…"));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDuplicates({5, 2, 0});
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(model.index(0, ClassCountsModel::DuplicatesColumn).data().toString(), QStringLiteral("5"));
    EXPECT_EQ(model.index(0, ClassCountsModel::DuplicatesColumn).data(ClassCountsModel::ValueRole).toLongLong(), 5);

    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(UnreadableModel, OneRowPerSkippedEntryNamingIt)
{
    UnreadableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    std::vector<mlps::UnreadableEntry> entries;
    for (int i = 0; i < 2000; ++i)
        entries.push_back({"A/broken" + std::to_string(i) + ".png", "not an image"});
    model.setEntries(entries);
    ASSERT_EQ(model.rowCount(), 2000);
    EXPECT_EQ(model.index(7, 0).data().toString(), QStringLiteral("A/broken7.png — not an image"));
    EXPECT_EQ(model.index(7, 0).data(UnreadableModel::ReasonRole).toString(), QStringLiteral("not an image"));
    model.setEntries({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(SampleGrid, OneRowPerClassAndColumnsFollowTheWidth)
{
    auto data = std::make_shared<Dataset>(threeClasses());
    SampleGrid grid;
    grid.setDataset(data);
    EXPECT_EQ(grid.rows(), 3);
    grid.resize(2000, 400);
    EXPECT_EQ(grid.columns(), 6); // class A has 6 images, the most of any
    EXPECT_EQ(grid.sampleAt(2, 0), 9);
    EXPECT_EQ(grid.sampleAt(1, 0), 6); // B's three images, in order
    EXPECT_EQ(grid.sampleAt(1, 2), 8);
    EXPECT_EQ(grid.sampleAt(2, 1), -1); // C has one image only
    grid.resize(grid.minimumSizeHint().width(), 400);
    EXPECT_EQ(grid.columns(), 1);
    grid.setDataset(nullptr);
    EXPECT_EQ(grid.rows(), 0);
}

TEST(DatasetText, FindingsInPlainWords)
{
    const Dataset data = threeClasses();
    mlps::SplitDuplicates found;
    EXPECT_EQ(DatasetText::findings(found, data),
              QStringLiteral("No duplicates inside train, validation or test, and no image occurs in two of them."));
    found.train.duplicates = 312;
    found.train.largestGroup = 59;
    found.train.largestGroupFirst = 6; // a 'B'
    found.trainValidation.images = 41;
    found.trainTest.images = 1;
    EXPECT_EQ(DatasetText::findings(found, data),
              QStringLiteral("• 312 duplicate images in train (largest group: 59 copies of one ‘B’)\n"
                             "• 41 validation images also in train\n"
                             "• 1 test image also in train"));
    EXPECT_EQ(DatasetText::counted(12345, QStringLiteral("%1 file"), QStringLiteral("%1 files")),
              QStringLiteral("12,345 files"));
    EXPECT_EQ(DatasetText::classList(data), QStringLiteral("A, B, C"));
    EXPECT_EQ(DatasetText::duration(0.25), QStringLiteral("250 ms"));
    EXPECT_EQ(DatasetText::formatName("tar.gz"), QStringLiteral("tar.gz archive"));
}

TEST(SplitEditor, DefaultsFollowTheLabWithCaps)
{
    EXPECT_EQ(SplitEditor::defaultValidation(18724), 1872);
    EXPECT_EQ(SplitEditor::defaultTest(18724), 1872);
    EXPECT_EQ(SplitEditor::defaultValidation(529114), 10000);
    EXPECT_EQ(SplitEditor::defaultTest(529114), 19000);
    EXPECT_EQ(SplitEditor::defaultValidation(5), 1);
    EXPECT_EQ(SplitEditor::defaultTest(5), 1);
    EXPECT_EQ(SplitEditor::defaultValidation(1), 0);
    EXPECT_TRUE(SplitEditor::fits(1, 1, 3));
    EXPECT_FALSE(SplitEditor::fits(2, 1, 3));
}

TEST(SplitEditor, PercentagesBecomeCountsAndBadTextIsRefused)
{
    SplitEditor editor;
    editor.setImageCount(200);
    editor.setValues(20, 20, 1);
    editor.show();
    QSignalSpy changed(&editor, &SplitEditor::valuesChanged);
    QLineEdit* validation = editor.validationEdit();
    validation->selectAll();
    QTest::keyClicks(validation, QStringLiteral("15%"));
    QTest::keyClick(validation, Qt::Key_Return);
    EXPECT_EQ(editor.validation(), 30);
    EXPECT_EQ(validation->text(), QStringLiteral("30"));
    EXPECT_GE(changed.count(), 1);

    changed.clear();
    validation->selectAll();
    QTest::keyClicks(validation, QStringLiteral("-4"));
    EXPECT_FALSE(editor.problem().isEmpty());
    EXPECT_EQ(editor.validation(), 30); // the last good value stays
    EXPECT_EQ(validation->text(), QStringLiteral("-4")); // what was typed is kept
    EXPECT_EQ(changed.count(), 0);
    auto* problem = editor.findChild<QLabel*>(QStringLiteral("splitProblem"));
    ASSERT_NE(problem, nullptr);
    EXPECT_TRUE(problem->isVisible());
    EXPECT_TRUE(problem->text().contains(QStringLiteral("negative")));

    QLineEdit* seed = editor.seedEdit();
    validation->selectAll();
    QTest::keyClicks(validation, QStringLiteral("10"));
    EXPECT_TRUE(editor.problem().isEmpty());
    EXPECT_EQ(editor.validation(), 30); // in force once editing ends
    QTest::keyClick(validation, Qt::Key_Return);
    EXPECT_EQ(editor.validation(), 10);
    seed->selectAll();
    QTest::keyClicks(seed, QStringLiteral("x"));
    EXPECT_TRUE(editor.problem().contains(QStringLiteral("seed")));
    seed->selectAll();
    QTest::keyClicks(seed, QStringLiteral("18446744073709551615"));
    EXPECT_TRUE(editor.problem().isEmpty());
    QTest::keyClick(seed, Qt::Key_Return);
    EXPECT_EQ(editor.seed(), std::numeric_limits<quint64>::max());

    validation->selectAll();
    QTest::keyClicks(validation, QStringLiteral("100%"));
    QTest::keyClick(validation, Qt::Key_Return);
    EXPECT_FALSE(editor.problem().isEmpty());
    EXPECT_EQ(editor.validation(), 10);
    EXPECT_EQ(validation->text(), QStringLiteral("100%"));
    EXPECT_FALSE(problem->isHidden());
}

} // namespace
