// mlp-studio: the desktop studio.
#include "MainWindow.h"
#include "dataset/DatasetPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

#include <cstring>

namespace {

// The command line: Qt's own options (-style, -platform, ...), --help,
// --version and an optional project file, which the desktop entry passes
// (Exec=mlp-studio %f) when a .mlpstudio file is opened from a file manager.
void describeCommandLine(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "MLP Studio: design, train and understand fully connected neural networks."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(
        {QStringLiteral("d"), QStringLiteral("data")},
        QCoreApplication::translate("main", "Open this dataset (file or folder) instead of the built-in font letters."),
        QCoreApplication::translate("main", "path")));
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QCoreApplication::translate("main", "An MLP Studio project file (.mlpstudio) to open."),
                                 QStringLiteral("[project]"));
}

// --help and --version only print, so they must work without a display
// (help2man runs them at build time to write the manual page). --help-all,
// which lists Qt's GUI options too, needs the QApplication.
bool onlyPrints(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0)
            return false;
        for (const char* option : {"-h", "-?", "--help", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

// The application icon, from resources/resources.qrc (rendered from
// resources/icons/mlp-studio.svg).
QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/mlp-studio-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace

int main(int argc, char** argv)
{
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("mlp-studio"));
        QCoreApplication::setApplicationVersion(QStringLiteral(MLPS_VERSION));
        QCommandLineParser parser;
        describeCommandLine(parser);
        parser.process(app); // prints the help or the version and exits
        return 0;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MLP Studio"));
    QApplication::setApplicationName(QStringLiteral("MLP Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MLPS_VERSION));
    // Ties the windows to the installed desktop entry (its icon and name,
    // e.g. on Wayland).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.mlpstudio.MLPStudio"));
    QApplication::setWindowIcon(applicationIcon());

    QCommandLineParser parser;
    describeCommandLine(parser);
    parser.process(app);

    mlps::ui::MainWindow window;
    window.show();
    // The window appears at once; the data loads in the background. A project
    // file brings its own data (a project that cannot be opened says why, and
    // the studio goes on with the data it would have opened).
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openProject(QFileInfo(files.constFirst()).absoluteFilePath())) {
        if (const QString data = parser.value(QStringLiteral("data")); !data.isEmpty())
            window.datasetPanel()->openPath(QFileInfo(data).absoluteFilePath());
        else
            window.loadDefaultDataset();
    }
    return QApplication::exec();
}
