#include "ClassCountsModel.h"
#include "DatasetLoadTask.h"
#include "DatasetPanel.h"
#include "SampleGrid.h"
#include "UnreadableModel.h"

#include "data/IdxReader.h"

#include <QAbstractItemModelTester>
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>

#include <gtest/gtest.h>

#include <memory>

namespace {

using mlps::Dataset;
using mlps::LoadReport;
using mlps::ui::DatasetPanel;

constexpr int kLoadTimeoutMs = 120'000; // the font letters render in seconds, more on a busy machine

// A folder of class folders of white-on-black PNG letters, each image
// different (size and position vary), plus one zero-length file and one
// exact copy of an image of class A.
void writeLetters(const QString& root, const QString& classes, int perClass)
{
    for (const QChar letter : classes) {
        QDir(root).mkpath(letter);
        for (int k = 0; k < perClass; ++k) {
            QImage image(28, 28, QImage::Format_Grayscale8);
            image.fill(0);
            QPainter painter(&image);
            QFont font;
            font.setPixelSize(12 + k % 12);
            painter.setFont(font);
            painter.setPen(Qt::white);
            painter.drawText(QRect(k % 5, k / 12, 28 - k % 5, 28), Qt::AlignCenter, QString(letter));
            painter.fillRect(k % 28, 27, 1, 1, Qt::white); // keeps any two images apart
            painter.end();
            ASSERT_TRUE(image.save(QStringLiteral("%1/%2/%2%3.png").arg(root, QString(letter)).arg(k)));
        }
    }
}

struct LetterFolder {
    QTemporaryDir dir;
    QString path;
    LetterFolder(const QString& classes = QStringLiteral("ABC"), int perClass = 6)
    {
        path = dir.filePath(QStringLiteral("letters"));
        writeLetters(path, classes, perClass);
        QFile empty(path + QStringLiteral("/B/empty.png"));
        EXPECT_TRUE(empty.open(QIODevice::WriteOnly));
        empty.close();
        EXPECT_TRUE(QFile::copy(path + QStringLiteral("/A/A0.png"), path + QStringLiteral("/A/copy-of-A0.png")));
    }
};

// Waits for the panel's next loadingFinished and returns (ok, message).
std::pair<bool, QString> waitForLoad(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(kLoadTimeoutMs))
        return {false, QStringLiteral("timed out")};
    const QList<QVariant> arguments = finished.takeFirst();
    return {arguments.at(0).toBool(), arguments.at(1).toString()};
}

// A dataset made in memory: `perClass` images of each of `classes`, every
// image different except that class 0's first image appears `copies` more times.
std::shared_ptr<const Dataset> memoryDataset(int classes, int perClass, int copies = 0)
{
    auto data = std::make_shared<Dataset>();
    data->width = 4;
    data->height = 4;
    for (int c = 0; c < classes; ++c)
        data->classNames.push_back(std::string(1, char('A' + c)));
    std::uint8_t image[16] = {};
    int serial = 0;
    for (int c = 0; c < classes; ++c) {
        for (int k = 0; k < perClass; ++k) {
            ++serial;
            image[0] = std::uint8_t(serial & 0xff);
            image[1] = std::uint8_t(serial >> 8);
            data->append(image, c, "mem" + std::to_string(serial));
        }
    }
    image[0] = 1; // class 0's first image
    image[1] = 0;
    for (int i = 0; i < copies; ++i)
        data->append(image, 0, "copy" + std::to_string(i));
    return data;
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

template <typename T>
T* child(const QWidget& panel, const char* name)
{
    T* found = panel.findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

class DatasetPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().clear();
        panel = std::make_unique<DatasetPanel>();
        panel->resize(380, 640);
        panel->show();
        // Every model the panel shows is checked after each change.
        classTester = std::make_unique<QAbstractItemModelTester>(
            panel->findChild<mlps::ui::ClassCountsModel*>(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        unreadableTester = std::make_unique<QAbstractItemModelTester>(
            panel->findChild<mlps::ui::UnreadableModel*>(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxyTester = std::make_unique<QAbstractItemModelTester>(
            child<QTableView>(*panel, "classTable")->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void TearDown() override
    {
        classTester.reset();
        unreadableTester.reset();
        proxyTester.reset();
        panel.reset();
    }

    QString cell(int row, int column) const
    {
        const QAbstractItemModel* model = child<QTableView>(*panel, "classTable")->model();
        return model->index(row, column).data().toString();
    }

    std::unique_ptr<DatasetPanel> panel;
    std::unique_ptr<QAbstractItemModelTester> classTester;
    std::unique_ptr<QAbstractItemModelTester> unreadableTester;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;
};

TEST_F(DatasetPanelTest, StartsEmptyAndSaysWhyNoRunCanStart)
{
    EXPECT_FALSE(panel->hasData());
    EXPECT_FALSE(panel->isLoading());
    EXPECT_EQ(panel->dataset(), nullptr);
    EXPECT_EQ(panel->problem(), QStringLiteral("No dataset is loaded."));
    EXPECT_EQ(child<QLabel>(*panel, "nameLabel")->text(), QStringLiteral("No dataset"));
    EXPECT_FALSE(child<QLineEdit>(*panel, "validationEdit")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(*panel, "openFileButton")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(*panel, "openFileButton")->accessibleName().isEmpty());
    EXPECT_FALSE(child<QWidget>(*panel, "loadingProgress")->isVisible());
}

TEST_F(DatasetPanelTest, EveryControlHasANameAndTheKeyboardReachesTheSplit)
{
    panel->setDataset(memoryDataset(2, 20, 3), {}, QStringLiteral("keys"));
    const QList<QWidget*> controls = panel->findChildren<QWidget*>();
    int checked = 0;
    for (QWidget* control : controls) {
        // The panel's own controls (Qt's inner parts, such as a table's headers, have no object name).
        if (control->objectName().isEmpty() || control->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<QAbstractButton*>(control) || qobject_cast<QLineEdit*>(control)
            || qobject_cast<QAbstractItemView*>(control) || qobject_cast<QProgressBar*>(control)) {
            EXPECT_FALSE(control->accessibleName().isEmpty()) << control->metaObject()->className() << " "
                                                              << control->objectName().toStdString();
            ++checked;
        }
    }
    EXPECT_GE(checked, 12);

    // Tab from the first button reaches the split sizes and the fixes (once
    // the duplicate search has enabled them).
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(*panel, "removeDuplicatesButton")->isEnabled(), 10'000);
    QApplication::setActiveWindow(panel.get());
    auto* openFile = child<QPushButton>(*panel, "openFileButton");
    openFile->setFocus();
    QTRY_VERIFY(openFile->hasFocus());
    auto* validation = child<QLineEdit>(*panel, "validationEdit");
    for (int i = 0; i < 20 && !validation->hasFocus(); ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(validation->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(child<QLineEdit>(*panel, "testEdit")->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(child<QLineEdit>(*panel, "seedEdit")->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    EXPECT_TRUE(child<QPushButton>(*panel, "removeDuplicatesButton")->hasFocus());
}

TEST_F(DatasetPanelTest, OpensAFolderAndShowsCountsUnreadableFilesAndDuplicates)
{
    LetterFolder folder;
    QSignalSpy started(panel.get(), &DatasetPanel::loadingStarted);
    QSignalSpy progress(panel.get(), &DatasetPanel::loadingProgress);
    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QSignalSpy changed(panel.get(), &DatasetPanel::datasetChanged);
    QSignalSpy splitChanged(panel.get(), &DatasetPanel::splitChanged);
    panel->openPath(folder.path);
    EXPECT_TRUE(panel->isLoading());
    EXPECT_FALSE(panel->problem().isEmpty());
    ASSERT_EQ(started.count(), 1);
    EXPECT_EQ(started.at(0).at(0).toString(), QStringLiteral("letters"));
    EXPECT_TRUE(child<QWidget>(*panel, "loadingProgress")->isVisible());

    const auto [ok, message] = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("19 images"))) << message.toStdString();
    EXPECT_FALSE(panel->isLoading());
    EXPECT_GE(progress.count(), 1);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_GE(splitChanged.count(), 1);
    EXPECT_FALSE(child<QWidget>(*panel, "loadingProgress")->isVisible());
    ASSERT_TRUE(panel->hasData());
    EXPECT_EQ(panel->datasetName(), QStringLiteral("letters"));
    EXPECT_EQ(panel->dataset()->count(), 19); // 3 x 6 + the copy; the empty file is skipped
    EXPECT_EQ(child<QLabel>(*panel, "nameLabel")->text(), QStringLiteral("letters"));
    EXPECT_TRUE(child<QLabel>(*panel, "detailsLabel")->text().contains(QStringLiteral("19 images of 28×28")));

    // The per-class table.
    const QAbstractItemModel* table = child<QTableView>(*panel, "classTable")->model();
    ASSERT_EQ(table->rowCount(), 3);
    EXPECT_EQ(cell(0, 0), QStringLiteral("A"));
    EXPECT_EQ(cell(0, 1), QStringLiteral("7"));
    EXPECT_EQ(cell(1, 1), QStringLiteral("6"));
    EXPECT_EQ(cell(0, 2), QStringLiteral("36.8 %"));
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, 3), QStringLiteral("1"), 10'000); // the copy of A0
    EXPECT_EQ(cell(1, 3), QStringLiteral("0"));

    // The unreadable file, listed by name once expanded.
    auto* toggle = child<QToolButton>(*panel, "unreadableToggle");
    auto* list = child<QListView>(*panel, "unreadableList");
    child<QTabWidget>(*panel, "datasetTabs")->setCurrentIndex(2);
    EXPECT_TRUE(toggle->isVisible());
    EXPECT_TRUE(toggle->text().contains(QStringLiteral("1 unreadable file")));
    EXPECT_FALSE(list->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton);
    EXPECT_TRUE(list->isVisible());
    ASSERT_EQ(list->model()->rowCount(), 1);
    EXPECT_TRUE(list->model()->index(0, 0).data().toString().contains(QStringLiteral("empty.png")));
    EXPECT_TRUE(list->model()->index(0, 0).data().toString().contains(QStringLiteral("zero-length")));

    // Samples: a row per class.
    EXPECT_EQ(child<mlps::ui::SampleGrid>(*panel, "sampleGrid")->rows(), 3);

    // Everything in train: the copy is a duplicate there, and one click removes it.
    typeInto(child<QLineEdit>(*panel, "validationEdit"), QStringLiteral("0"));
    typeInto(child<QLineEdit>(*panel, "testEdit"), QStringLiteral("0"));
    EXPECT_EQ(panel->split().train.size(), 19u);
    auto* findings = child<QLabel>(*panel, "findingsLabel");
    QTRY_COMPARE_WITH_TIMEOUT(findings->text(), QStringLiteral("• 1 duplicate image in train (largest group: 2 copies of one ‘A’)"), 10'000);
    auto* remove = child<QPushButton>(*panel, "removeDuplicatesButton");
    EXPECT_TRUE(remove->isEnabled());
    EXPECT_FALSE(child<QPushButton>(*panel, "removeOverlapButton")->isEnabled()); // no overlap to remove
    splitChanged.clear();
    QTest::mouseClick(remove, Qt::LeftButton);
    EXPECT_TRUE(remove->isChecked());
    EXPECT_EQ(remove->text(), QStringLiteral("✓ &Duplicates removed"));
    EXPECT_EQ(splitChanged.count(), 1);
    EXPECT_EQ(panel->split().train.size(), 18u);
    EXPECT_TRUE(child<QLabel>(*panel, "fixesLabel")->text().contains(QStringLiteral("1 duplicate removed")));
    EXPECT_TRUE(child<QLabel>(*panel, "splitCountsLabel")->text().contains(QStringLiteral("Train 18 (1 removed)")));
    EXPECT_TRUE(panel->problem().isEmpty()) << panel->problem().toStdString();
}

TEST_F(DatasetPanelTest, ABadFileIsReportedByNameAndTheOldDataStays)
{
    panel->setDataset(memoryDataset(3, 10), {}, QStringLiteral("before"));
    const auto before = panel->dataset();
    const mlps::Split splitBefore = panel->split();

    QTemporaryDir dir;
    const QString garbage = dir.filePath(QStringLiteral("garbage.idx"));
    QFile file(garbage);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this is not an IDX file at all, just some bytes");
    file.close();
    const QString csv = dir.filePath(QStringLiteral("bad-row.csv"));
    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::WriteOnly));
    csvFile.write("0,0,0,0,0\n1,255,x,0,0\n");
    csvFile.close();

    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QSignalSpy changed(panel.get(), &DatasetPanel::datasetChanged);
    for (const QString& path : {garbage, csv}) {
        panel->openPath(path);
        const auto [ok, message] = waitForLoad(finished);
        EXPECT_FALSE(ok);
        const QString name = QFileInfo(path).fileName();
        EXPECT_TRUE(message.contains(name)) << message.toStdString();
        auto* shown = child<QLabel>(*panel, "messageLabel");
        EXPECT_TRUE(shown->isVisible());
        EXPECT_TRUE(shown->text().contains(name)) << shown->text().toStdString();
        EXPECT_TRUE(shown->text().contains(QStringLiteral("Still using before")));
        EXPECT_EQ(panel->dataset(), before);
        EXPECT_EQ(panel->datasetName(), QStringLiteral("before"));
        EXPECT_EQ(panel->split().train, splitBefore.train);
        EXPECT_EQ(panel->split().validation, splitBefore.validation);
        EXPECT_TRUE(panel->problem().isEmpty());
    }
    EXPECT_EQ(changed.count(), 0);
}

TEST_F(DatasetPanelTest, CancellingKeepsThePreviousDataset)
{
    panel->setDataset(memoryDataset(2, 20), {}, QStringLiteral("kept"));
    const auto before = panel->dataset();
    const mlps::Split splitBefore = panel->split();
    LetterFolder folder(QStringLiteral("ABCDEFGHIJ"), 40);

    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QSignalSpy changed(panel.get(), &DatasetPanel::datasetChanged);
    panel->openPath(folder.path);
    ASSERT_TRUE(panel->isLoading());
    EXPECT_TRUE(panel->problem().contains(QStringLiteral("still loading")));
    QTest::mouseClick(child<QPushButton>(*panel, "cancelButton"), Qt::LeftButton);
    EXPECT_FALSE(panel->isLoading());
    ASSERT_EQ(finished.count(), 1);
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_TRUE(finished.at(0).at(1).toString().contains(QStringLiteral("cancelled")));
    EXPECT_TRUE(child<QLabel>(*panel, "messageLabel")->text().contains(QStringLiteral("kept is still in use")));
    EXPECT_FALSE(child<QWidget>(*panel, "loadingProgress")->isVisible());
    // The cancelled load ends in the background and changes nothing.
    QTRY_VERIFY_WITH_TIMEOUT(panel->findChildren<mlps::ui::DatasetLoadTask*>().isEmpty(), kLoadTimeoutMs);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(panel->dataset(), before);
    EXPECT_EQ(panel->split().train, splitBefore.train);
    EXPECT_TRUE(panel->problem().isEmpty());
}

TEST_F(DatasetPanelTest, ASecondOpenCancelsTheFirst)
{
    LetterFolder big(QStringLiteral("ABCDEFGHIJ"), 40);
    LetterFolder small;
    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QSignalSpy started(panel.get(), &DatasetPanel::loadingStarted);
    panel->openPath(big.path + QStringLiteral("/"));
    panel->openPath(small.dir.path());
    ASSERT_EQ(started.count(), 2);
    ASSERT_GE(finished.count(), 1);
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_TRUE(finished.at(0).at(1).toString().contains(QStringLiteral("instead")));
    finished.removeFirst();
    const auto [ok, message] = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_EQ(panel->dataset()->count(), 19);
    QTRY_VERIFY_WITH_TIMEOUT(panel->findChildren<mlps::ui::DatasetLoadTask*>().isEmpty(), kLoadTimeoutMs);
    EXPECT_EQ(panel->dataset()->count(), 19);
    EXPECT_TRUE(finished.isEmpty());
}

TEST_F(DatasetPanelTest, IdxImagesFindTheirLabelsByName)
{
    QTemporaryDir dir;
    const std::string images = dir.filePath(QStringLiteral("train-images-idx3-ubyte")).toStdString();
    const std::string labels = dir.filePath(QStringLiteral("train-labels-idx1-ubyte")).toStdString();
    mlps::IdxReader::write(*memoryDataset(3, 5), images, labels);
    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    panel->openPath(QString::fromStdString(images));
    const auto [ok, message] = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_EQ(panel->datasetName(), QStringLiteral("train-images-idx3-ubyte"));
    EXPECT_EQ(panel->dataset()->count(), 15);
    EXPECT_EQ(cell(2, 1), QStringLiteral("5"));
    EXPECT_TRUE(child<QLabel>(*panel, "detailsLabel")->text().contains(QStringLiteral("IDX")));

    // Without the labels file the message says what was looked for.
    ASSERT_TRUE(QFile::remove(QString::fromStdString(labels)));
    panel->openPath(QString::fromStdString(images));
    const auto [failed, error] = waitForLoad(finished);
    EXPECT_FALSE(failed);
    EXPECT_TRUE(error.contains(QStringLiteral("train-labels-idx1-ubyte"))) << error.toStdString();
    EXPECT_EQ(panel->dataset()->count(), 15);
}

TEST_F(DatasetPanelTest, DroppingAFolderOpensIt)
{
    LetterFolder folder;
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder.path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.get(), &drop);
    EXPECT_TRUE(panel->isLoading());
    const auto [ok, message] = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_EQ(panel->datasetName(), QStringLiteral("letters"));

    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(panel.get(), &refused);
    EXPECT_FALSE(refused.isAccepted());
}

TEST_F(DatasetPanelTest, TypedSplitSizesAreCheckedAndUsed)
{
    QSignalSpy changed(panel.get(), &DatasetPanel::datasetChanged);
    QSignalSpy splitChanged(panel.get(), &DatasetPanel::splitChanged);
    panel->setDataset(memoryDataset(4, 25), {}, QStringLiteral("memory"));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(splitChanged.count(), 1);
    // Defaults: 10 % each.
    EXPECT_EQ(panel->split().validation.size(), 10u);
    EXPECT_EQ(panel->split().test.size(), 10u);
    EXPECT_EQ(panel->split().train.size(), 80u);
    auto* validation = child<QLineEdit>(*panel, "validationEdit");
    EXPECT_EQ(validation->text(), QStringLiteral("10"));
    EXPECT_EQ(child<QLabel>(*panel, "validationShare")->text(), QStringLiteral("10.0 % of 100"));

    typeInto(validation, QStringLiteral("30"));
    EXPECT_EQ(panel->split().validation.size(), 30u);
    EXPECT_EQ(panel->split().train.size(), 60u);
    EXPECT_EQ(child<QLabel>(*panel, "validationShare")->text(), QStringLiteral("30.0 % of 100"));
    EXPECT_EQ(child<QLabel>(*panel, "splitCountsLabel")->text(), QStringLiteral("Train 60 · validation 30 · test 10"));
    EXPECT_TRUE(panel->problem().isEmpty());

    // Too many: refused with the reason, the text kept, the split unchanged.
    const mlps::Split good = panel->split();
    splitChanged.clear();
    typeInto(validation, QStringLiteral("95"));
    EXPECT_EQ(validation->text(), QStringLiteral("95"));
    auto* problem = child<QLabel>(*panel, "splitProblem");
    EXPECT_TRUE(problem->isVisible());
    EXPECT_TRUE(problem->text().contains(QStringLiteral("none would be left to train on"))) << problem->text().toStdString();
    EXPECT_EQ(panel->problem(), problem->text());
    EXPECT_EQ(panel->split().validation, good.validation);
    EXPECT_EQ(splitChanged.count(), 0);

    typeInto(validation, QStringLiteral("ten"));
    EXPECT_TRUE(panel->problem().contains(QStringLiteral("not a whole number")));

    // Fixed again; a new seed gives another split of the same sizes.
    typeInto(validation, QStringLiteral("20"));
    EXPECT_TRUE(panel->problem().isEmpty());
    EXPECT_FALSE(problem->isVisible());
    const mlps::Split seeded = panel->split();
    typeInto(child<QLineEdit>(*panel, "seedEdit"), QStringLiteral("77"));
    EXPECT_EQ(panel->split().validation.size(), 20u);
    EXPECT_NE(panel->split().validation, seeded.validation);

    // Stratified: every class gives 5 of its 25 to validation.
    std::vector<int> perClass(4, 0);
    for (const std::int64_t index : panel->split().validation)
        ++perClass[std::size_t(panel->dataset()->labels[std::size_t(index)])];
    EXPECT_EQ(perClass, std::vector<int>({5, 5, 5, 5}));

    // Kept per dataset name.
    DatasetPanel again;
    again.setDataset(memoryDataset(4, 25), {}, QStringLiteral("memory"));
    EXPECT_EQ(again.split().validation, panel->split().validation);
    again.setDataset(memoryDataset(4, 25), {}, QStringLiteral("another"));
    EXPECT_EQ(again.split().validation.size(), 10u);
}

TEST_F(DatasetPanelTest, InMemoryDataWithDuplicatesAndOverlapFixesAndUndo)
{
    panel->setDataset(memoryDataset(2, 50, 30), {}, QStringLiteral("copies"));
    ASSERT_EQ(panel->dataset()->count(), 130);
    EXPECT_EQ(child<QLabel>(*panel, "nameLabel")->text(), QStringLiteral("copies"));
    EXPECT_EQ(child<QTableView>(*panel, "classTable")->model()->rowCount(), 2);
    EXPECT_EQ(cell(0, 1), QStringLiteral("80"));
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, 3), QStringLiteral("30"), 10'000);

    auto* findings = child<QLabel>(*panel, "findingsLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!findings->text().contains(QStringLiteral("Looking")), 10'000);
    // 31 equal images over 104 / 13 / 13: some in validation or test overlap with train.
    EXPECT_TRUE(findings->text().contains(QStringLiteral("duplicate images in train (largest group:"))) << findings->text().toStdString();
    EXPECT_TRUE(findings->text().contains(QStringLiteral("of one ‘A’")));
    EXPECT_TRUE(findings->text().contains(QStringLiteral("also in train")));

    const mlps::Split base = panel->split();
    auto* overlap = child<QPushButton>(*panel, "removeOverlapButton");
    auto* duplicates = child<QPushButton>(*panel, "removeDuplicatesButton");
    auto* undo = child<QPushButton>(*panel, "undoFixesButton");
    EXPECT_FALSE(undo->isEnabled());
    QTest::mouseClick(duplicates, Qt::LeftButton);
    const mlps::Split deduplicated = panel->split();
    EXPECT_LT(deduplicated.train.size(), base.train.size());
    EXPECT_LT(deduplicated.validation.size(), base.validation.size());
    // What is left of the copies in train also occurs in validation or test.
    QTest::mouseClick(overlap, Qt::LeftButton);
    EXPECT_TRUE(panel->removesDuplicates());
    EXPECT_TRUE(panel->removesOverlap());
    EXPECT_LT(panel->split().train.size(), deduplicated.train.size());
    EXPECT_EQ(panel->split().validation, deduplicated.validation);
    EXPECT_TRUE(undo->isEnabled());
    EXPECT_TRUE(child<QLabel>(*panel, "fixesLabel")->text().startsWith(QStringLiteral("Applied:")));

    // Fixes carry over to a new split of the same data.
    typeInto(child<QLineEdit>(*panel, "testEdit"), QStringLiteral("0"));
    EXPECT_TRUE(panel->split().test.empty());
    EXPECT_LT(panel->split().train.size(), 117u);

    QTest::mouseClick(undo, Qt::LeftButton);
    EXPECT_EQ(duplicates->text(), QStringLiteral("Remove &duplicates"));
    EXPECT_FALSE(duplicates->isChecked());
    EXPECT_FALSE(overlap->isChecked());
    EXPECT_EQ(panel->split().train.size(), 117u);
    EXPECT_EQ(child<QLabel>(*panel, "fixesLabel")->text(), QStringLiteral("No fixes applied."));
}

TEST_F(DatasetPanelTest, FixesAreKeptPerDatasetAndWaitForTheDuplicateSearch)
{
    panel->setDataset(memoryDataset(2, 50, 30), {}, QStringLiteral("fixed"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(*panel, "removeDuplicatesButton")->isEnabled(), 10'000);
    panel->setRemoveDuplicates(true);
    const mlps::Split fixed = panel->split();

    DatasetPanel again;
    QSignalSpy splitChanged(&again, &DatasetPanel::splitChanged);
    again.setDataset(memoryDataset(2, 50, 30), {}, QStringLiteral("fixed"));
    EXPECT_TRUE(again.removesDuplicates());
    // The search reports through the event loop, so it cannot be done yet:
    // until it is, the split is not the one a run would use.
    EXPECT_EQ(again.problem(), QStringLiteral("Still looking for the duplicates to remove."));
    EXPECT_EQ(again.findChild<QLabel*>(QStringLiteral("fixesLabel"))->text(),
              QStringLiteral("The fixes apply once the duplicates are found."));
    QTRY_VERIFY_WITH_TIMEOUT(again.problem().isEmpty(), 10'000);
    EXPECT_TRUE(again.findChild<QLabel*>(QStringLiteral("fixesLabel"))->text().startsWith(QStringLiteral("Applied:")));
    EXPECT_EQ(again.split().train, fixed.train);
    EXPECT_GE(splitChanged.count(), 1);
}

TEST_F(DatasetPanelTest, BuiltInFontLettersLoadAndComeFromTheCacheTheSecondTime)
{
    if (QFontDatabase::families().isEmpty())
        GTEST_SKIP() << "no fonts installed: the built-in font letters cannot be rendered";
    // A cache of its own, so that the first load really renders (on the worker thread).
    QTemporaryDir cache;
    panel->setCacheFolder(cache.path());
    QSignalSpy finished(panel.get(), &DatasetPanel::loadingFinished);
    QSignalSpy progress(panel.get(), &DatasetPanel::loadingProgress);
    panel->loadBuiltIn();
    EXPECT_TRUE(panel->isLoading());
    auto [ok, message] = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_FALSE(panel->loadReport().fromCache);
    bool rendered = false;
    for (const QList<QVariant>& step : progress)
        rendered = rendered || step.at(2).toString() == QStringLiteral("rendering");
    EXPECT_TRUE(rendered);
    EXPECT_EQ(panel->datasetName(), QStringLiteral("Font letters"));
    EXPECT_EQ(panel->dataset()->classes(), 10);
    EXPECT_EQ(panel->dataset()->classNames.front(), "A");
    EXPECT_EQ(panel->dataset()->classNames.back(), "J");
    EXPECT_GT(panel->dataset()->count(), 10);
    EXPECT_EQ(child<mlps::ui::SampleGrid>(*panel, "sampleGrid")->rows(), 10);
    panel->loadBuiltIn();
    std::tie(ok, message) = waitForLoad(finished);
    ASSERT_TRUE(ok) << message.toStdString();
    EXPECT_TRUE(panel->loadReport().fromCache);
    EXPECT_TRUE(child<QLabel>(*panel, "detailsLabel")->text().contains(QStringLiteral("From the cache")));
}

} // namespace
