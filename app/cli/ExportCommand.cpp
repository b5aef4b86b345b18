#include "ExportCommand.h"

#include "ArgumentList.h"
#include "ProjectRuns.h"
#include "UsageError.h"

#include "data/DataError.h"
#include "export/ExportedModel.h"
#include "export/NpzExporter.h"
#include "export/OnnxExporter.h"
#include "export/PyTorchExporter.h"

#include <iostream>

namespace mlps::cli {

namespace {

const char* const kHelp = R"(Usage: mlp-studio-cli export --project PROJECT.mlpstudio --format FORMAT --out PATH [--run ID]

Writes a trained run of a project (default: the last run with weights) as
  npz       NumPy arrays: dense_1/kernel [inputs, units], dense_1/bias, ...,
            output/kernel, output/bias, class_names, config (numpy.load)
  onnx      an ONNX model (opset 13): input "input" [N, features] (pixels / 255),
            output "probabilities" [N, classes]
  pytorch   a folder: model.py (the same network), train.py (trains on with the
            same optimizer, schedule, L2 and dropout; DistributedDataParallel under
            torchrun), weights.npz, config.json, README.md
)";

} // namespace

int runExportCommand(const std::vector<std::string>& arguments)
{
    for (const std::string& argument : arguments) {
        if (argument == "--help" || argument == "-h") {
            std::cout << kHelp;
            return 0;
        }
    }
    ArgumentList args({"project", "run", "format", "out"}, {});
    args.parse(arguments);
    const std::string projectPath = args.text("project");
    const std::string format = args.text("format");
    const std::string out = args.text("out");
    if (projectPath.empty())
        throw UsageError("--project is required: the .mlpstudio file that holds the trained run");
    if (format != "npz" && format != "onnx" && format != "pytorch")
        throw UsageError("--format must be npz, onnx or pytorch; got '" + format + "'");
    if (out.empty())
        throw UsageError("--out is required: the file (npz, onnx) or folder (pytorch) to write");

    const Project project = loadProjectForCli(projectPath);
    const StoredRun& run = chooseTrainedRun(project, projectPath, args);
    ExportedModel model;
    model.network = run.network;
    model.parameters = run.parameters;
    model.config = run.config;
    model.classNames = run.data.classNames;
    model.imageWidth = run.data.width;
    model.imageHeight = run.data.height;
    model.name = run.name.empty() ? "model" : run.name;
    if (const std::string problem = model.validate(); !problem.empty())
        throw DataError(projectPath, "run " + std::to_string(run.id) + " cannot be exported: " + problem);
    // An ExportError (naming the file) reaches main(), which exits with 2.
    if (format == "npz")
        NpzExporter::write(model, out);
    else if (format == "onnx")
        OnnxExporter::write(model, out);
    else
        PyTorchExporter::write(model, out);
    std::cerr << "exported run " << run.id << " of " << projectPath << " as " << format << " to " << out << std::endl;
    return 0;
}

} // namespace mlps::cli
