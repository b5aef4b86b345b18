// mlp-studio-cli: the studio's headless front end.
#include "TrainCommand.h"
#include "UsageError.h"

#include "data/DataError.h"

#include <QCoreApplication>

#include <iostream>
#include <string>
#include <vector>

namespace {

const char* const kUsage = R"(Usage: mlp-studio-cli COMMAND [options]

Commands
  train       train a network on a dataset and report test metrics
              (mlp-studio-cli train --help for its options)

Options
  --help      this text
  --version   the version
)";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
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
        std::cerr << "mlp-studio-cli: unknown command '" << command << "'\n\n" << kUsage;
        return 2;
    } catch (const mlps::cli::UsageError& error) {
        std::cerr << "mlp-studio-cli " << command << ": " << error.what() << " (see mlp-studio-cli " << command
                  << " --help)" << std::endl;
        return 2;
    } catch (const mlps::DataError& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const std::invalid_argument& error) {
        std::cerr << "mlp-studio-cli: " << error.what() << std::endl;
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "mlp-studio-cli: out of memory" << std::endl;
        return 2;
    }
}
