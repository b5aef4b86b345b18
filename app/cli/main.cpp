// mlp-studio-cli: the studio's headless front end.
#include "DataLoading.h"
#include "DatasetCommand.h"
#include "EvaluateCommand.h"
#include "ExportCommand.h"
#include "ResumeCommand.h"
#include "TrainCommand.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "data/LoadReport.h"
#include "export/ExportError.h"
#include "project/ProjectError.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>

#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* const kUsage = R"(Usage: mlp-studio-cli COMMAND [options]

Commands
  train       train a network on a dataset and report test metrics
              (mlp-studio-cli train --help for its options)
  dataset     inspect a dataset or convert it to IDX, CSV or NumPy
              (mlp-studio-cli dataset --help)
  evaluate    evaluate a run kept in a project (.mlpstudio) on a dataset
              (mlp-studio-cli evaluate --help)
  export      write a project's trained run as NumPy weights, ONNX or a PyTorch
              project (mlp-studio-cli export --help)
  resume      continue a project's stopped or interrupted run exactly where it
              stood (mlp-studio-cli resume --help)

Options
  --help      this text
  --version   the version
)";

} // namespace

// Qt's PNG reader reports every damaged file it meets ("libpng error: Read
// Error"); the readers already list those files by name, so the CLI keeps its
// stderr for that list and drops the library's chatter.
static void quietImageLibraries(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("libpng")) || message.startsWith(QLatin1String("QImageIOHandler")))
        return;
    std::cerr << qFormatLogMessage(type, context, message).toStdString() << std::endl;
}

int main(int argc, char** argv)
{
    qInstallMessageHandler(quietImageLibraries);
    // Rendering the built-in font letters needs a QGuiApplication; the CLI
    // never shows a window, so it uses the offscreen platform.
    std::unique_ptr<QCoreApplication> app;
    if (mlps::cli::needsFonts(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // A headless session (CI, ssh) often has no runtime folder, which Qt
        // would warn about on every run; give it a private one.
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            const QByteArray runtime = QDir::tempPath().toUtf8() + "/mlp-studio-runtime-" + QByteArray::number(getuid());
            ::mkdir(runtime.constData(), 0700);
            qputenv("XDG_RUNTIME_DIR", runtime);
        }
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("mlp-studio-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLPS_VERSION));

    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string command = arguments.front();
    arguments.erase(arguments.begin());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version" || command == "-V") {
            std::cout << "mlp-studio-cli " << MLPS_VERSION << std::endl;
            return 0;
        }
        if (command == "train")
            return mlps::cli::runTrainCommand(arguments);
        if (command == "dataset")
            return mlps::cli::runDatasetCommand(arguments);
        if (command == "evaluate")
            return mlps::cli::runEvaluateCommand(arguments);
        if (command == "export")
            return mlps::cli::runExportCommand(arguments);
        if (command == "resume")
            return mlps::cli::runResumeCommand(arguments);
        std::cerr << "mlp-studio-cli: unknown command '" << command << "'\n\n" << kUsage;
        return 2;
    } catch (const mlps::cli::UsageError& error) {
        std::cerr << "mlp-studio-cli " << command << ": " << error.what() << " (see mlp-studio-cli " << command
                  << " --help)" << std::endl;
        return 2;
    } catch (const mlps::ExportError& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const mlps::ProjectError& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const mlps::DataError& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const std::invalid_argument& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const mlps::LoadCancelled& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "mlp-studio-cli: out of memory" << std::endl;
        return 2;
    }
}
