// main() of mlps_font_tests: QFontDatabase needs a QGuiApplication, so the
// font tests create one (on the offscreen platform unless QT_QPA_PLATFORM
// says otherwise). With MLPS_FONT_TESTS_NO_APP set they run without one, to
// check what render() says then.

#include <QGuiApplication>

#include <gtest/gtest.h>

#include <memory>

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    std::unique_ptr<QGuiApplication> app;
    if (!qEnvironmentVariableIsSet("MLPS_FONT_TESTS_NO_APP")) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    return RUN_ALL_TESTS();
}
