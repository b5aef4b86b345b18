// mlp-studio: the desktop studio.
#include "MainWindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MLP Studio"));
    QApplication::setApplicationName(QStringLiteral("MLP Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MLPS_VERSION));
    mlps::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
