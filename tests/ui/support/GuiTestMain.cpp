// The main() of every GUI test program: a QApplication on the offscreen
// platform, settings in a test location of this process's own (ctest runs the
// tests of one program in parallel processes, which must not share or clear
// each other's settings), removed at the end, and a fixed locale so that the
// numbers in the expectations ("175,306") do not depend on the machine's.
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    // Tests drive the real widgets without a display (also when ctest lists them).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings and caches go to a test location
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MLP Studio Tests"));
    QApplication::setApplicationName(QFileInfo(QString::fromLocal8Bit(argv[0])).fileName()
                                     + QStringLiteral("-%1").arg(QCoreApplication::applicationPid()));
    QSettings().clear();
    ::testing::InitGoogleTest(&argc, argv);
    const int failed = RUN_ALL_TESTS();
    QFile::remove(QSettings().fileName());
    return failed;
}
