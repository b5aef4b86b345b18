#include "MainWindow.h"

#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include <gtest/gtest.h>

namespace {

TEST(MainWindow, OpensWithTitleMenuAndStatus)
{
    mlps::ui::MainWindow window;
    window.show();
    EXPECT_TRUE(window.isVisible());
    EXPECT_EQ(window.windowTitle(), QStringLiteral("MLP Studio"));
    ASSERT_NE(window.menuBar(), nullptr);
    EXPECT_FALSE(window.menuBar()->actions().isEmpty());
    EXPECT_EQ(window.statusBar()->currentMessage(), QStringLiteral("Ready"));
    EXPECT_TRUE(window.close());
}

TEST(MainWindow, RemembersItsGeometry)
{
    {
        mlps::ui::MainWindow window;
        window.show();
        window.resize(900, 640);
        window.close();
    }
    mlps::ui::MainWindow reopened;
    EXPECT_EQ(reopened.size(), QSize(900, 640));
}

} // namespace

int main(int argc, char** argv)
{
    // Tests drive the real widgets without a display (also when ctest lists them).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MLP Studio Tests"));
    QApplication::setApplicationName(QStringLiteral("mlps_ui_tests"));
    QSettings().clear();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
