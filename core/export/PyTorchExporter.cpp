#include "export/PyTorchExporter.h"

#include "export/ExportError.h"
#include "export/ModelJson.h"
#include "export/NpzExporter.h"
#include "export/PyTorchTemplates.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <charconv>
#include <sstream>

namespace mlps {

namespace {

void replaceAll(std::string& text, const std::string& key, const std::string& value)
{
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
}

// The shortest text that reads back as the same float, valid in Python and JSON.
std::string number(float value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
    return std::string(buffer, result.ptr);
}

// number(), always with a decimal point or exponent, as a Python float literal.
std::string pythonFloat(float value)
{
    std::string text = number(value);
    if (text.find_first_of(".en") == std::string::npos)
        text += ".0";
    return text;
}

// A name for a docstring or a Markdown title: one line, no quotes or backslashes.
std::string plainName(const std::string& name)
{
    std::string result;
    for (const char c : name)
        result.push_back(c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '`' ? ' ' : c);
    return result.empty() ? std::string("model") : result;
}

// A Python list literal of strings (JSON's string syntax is Python's).
std::string pythonStrings(const std::vector<std::string>& strings)
{
    QJsonArray array;
    for (const std::string& s : strings)
        array.append(QString::fromStdString(s));
    std::string text = QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
    replaceAll(text, "\",\"", "\", \"");
    return text;
}

std::string layerLines(const ExportedModel& model)
{
    std::ostringstream lines;
    const auto line = [&](const std::string& name, const std::string& module) {
        lines << "            (\"" << name << "\", " << module << "),\n";
    };
    int width = model.network.inputSize;
    int dense = 0;
    int dropout = 0;
    for (const LayerSpec& layer : model.network.hidden) {
        if (const auto* spec = std::get_if<DenseSpec>(&layer)) {
            const std::string index = std::to_string(++dense);
            line("dense_" + index, "nn.Linear(" + std::to_string(width) + ", " + std::to_string(spec->units) + ")");
            width = spec->units;
            switch (spec->activation) {
            case Activation::Relu: line("relu_" + index, "nn.ReLU()"); break;
            case Activation::Sigmoid: line("sigmoid_" + index, "nn.Sigmoid()"); break;
            case Activation::Tanh: line("tanh_" + index, "nn.Tanh()"); break;
            case Activation::LeakyRelu:
                line("leaky_relu_" + index, "nn.LeakyReLU(" + pythonFloat(kLeakyReluSlope) + ")");
                break;
            case Activation::Elu: line("elu_" + index, "nn.ELU(" + pythonFloat(kEluAlpha) + ")"); break;
            case Activation::Linear: break;
            }
        } else {
            line("dropout_" + std::to_string(++dropout),
                 "nn.Dropout(" + pythonFloat(std::get<DropoutSpec>(layer).rate) + ")");
        }
    }
    line("output", "nn.Linear(" + std::to_string(width) + ", " + std::to_string(model.network.classes) + ")");
    return lines.str();
}

std::string l2Literal(const ExportedModel& model)
{
    std::string text = "{";
    int dense = 0;
    for (const LayerSpec& layer : model.network.hidden) {
        if (const auto* spec = std::get_if<DenseSpec>(&layer))
            text += "\"dense_" + std::to_string(++dense) + "\": " + pythonFloat(spec->l2) + ", ";
    }
    return text + "\"output\": " + pythonFloat(model.network.outputL2) + "}";
}

std::string trainingText(const ExportedModel& model)
{
    const TrainConfig& c = model.config;
    const OptimizerSpec& o = c.optimizer;
    const ScheduleSpec& s = c.schedule;
    std::ostringstream text;
    text << "- optimizer: " << optimizerName(o.kind) << ", learning rate " << number(o.learningRate);
    switch (o.kind) {
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov: text << ", momentum " << number(o.momentum); break;
    case OptimizerKind::Adam:
        text << ", beta1 " << number(o.beta1) << ", beta2 " << number(o.beta2) << ", epsilon " << number(o.epsilon);
        break;
    case OptimizerKind::RmsProp: text << ", rho " << number(o.rho) << ", epsilon " << number(o.epsilon); break;
    case OptimizerKind::Sgd: break;
    }
    text << "\n- schedule: " << scheduleName(s.kind);
    switch (s.kind) {
    case ScheduleKind::InverseTime: text << ", decay " << s.decay; break;
    case ScheduleKind::Step: text << ", every " << s.stepSize << " epochs times " << s.gamma; break;
    case ScheduleKind::Exponential: text << ", gamma " << s.gamma; break;
    case ScheduleKind::Cosine: text << ", warm-up " << s.warmupEpochs << " epochs, down to " << s.minFraction; break;
    case ScheduleKind::Plateau: text << ", times " << s.gamma << " after " << s.patience << " epochs"; break;
    case ScheduleKind::Constant: break;
    }
    text << "\n- " << c.epochs << " epochs, batches of " << c.batchSize << ", seed " << c.seed;
    if (c.earlyStoppingPatience > 0)
        text << "\n- early stopping after " << c.earlyStoppingPatience << " epochs without a better validation loss";
    return text.str();
}

std::string arrayRows(const ExportedModel& model)
{
    std::string rows;
    for (const DenseBlock& block : model.layout().blocks) {
        rows += "| `" + block.name + "/kernel` | float32 [" + std::to_string(block.inputs) + ", "
                + std::to_string(block.outputs) + "] |\n";
        rows += "| `" + block.name + "/bias` | float32 [" + std::to_string(block.outputs) + "] |\n";
    }
    return rows;
}

void writeText(const QDir& folder, const std::string& name, const std::string& text)
{
    const QString path = folder.filePath(QString::fromStdString(name));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw ExportError(path.toStdString(), "cannot write: " + file.errorString().toStdString());
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
        throw ExportError(path.toStdString(), "cannot write: " + file.errorString().toStdString());
}

} // namespace

std::vector<std::string> PyTorchExporter::fileNames()
{
    return {"weights.npz", "config.json", "model.py", "train.py", "README.md"};
}

std::string PyTorchExporter::modelScript(const ExportedModel& model)
{
    std::string text = PyTorchTemplates::model();
    replaceAll(text, "{{NAME}}", plainName(model.name));
    replaceAll(text, "{{WIDTH}}", std::to_string(model.imageWidth));
    replaceAll(text, "{{HEIGHT}}", std::to_string(model.imageHeight));
    replaceAll(text, "{{CLASS_NAMES}}", pythonStrings(model.effectiveClassNames()));
    replaceAll(text, "{{L2}}", l2Literal(model));
    replaceAll(text, "{{LAYERS}}", layerLines(model));
    return text;
}

std::string PyTorchExporter::readme(const ExportedModel& model)
{
    std::string text = PyTorchTemplates::readme();
    replaceAll(text, "{{NAME}}", plainName(model.name));
    replaceAll(text, "{{WIDTH}}", std::to_string(model.imageWidth));
    replaceAll(text, "{{HEIGHT}}", std::to_string(model.imageHeight));
    replaceAll(text, "{{FEATURES}}", std::to_string(model.network.inputSize));
    replaceAll(text, "{{ARRAYS}}", arrayRows(model));
    replaceAll(text, "{{TRAINING}}", trainingText(model));
    return text;
}

void PyTorchExporter::write(const ExportedModel& model, const std::string& folder)
{
    if (const std::string problem = model.validate(); !problem.empty())
        throw ExportError(folder, "cannot export the model: " + problem);
    if (folder.empty())
        throw ExportError(folder, "no folder given for the PyTorch project");
    const QString path = QString::fromStdString(folder);
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir())
        throw ExportError(folder, "is a file, not a folder");
    if (!QDir().mkpath(path))
        throw ExportError(folder, "cannot create the folder");
    const QDir dir(path);
    NpzExporter::write(model, dir.filePath(QStringLiteral("weights.npz")).toStdString());
    writeText(dir, "config.json", ModelJson::toText(model));
    writeText(dir, "model.py", modelScript(model));
    writeText(dir, "train.py", PyTorchTemplates::train());
    writeText(dir, "README.md", readme(model));
}

} // namespace mlps
