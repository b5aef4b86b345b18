#include "ExportFixtures.h"

#include "nn/Network.h"
#include "nn/Rng.h"
#include "nn/Trainer.h"

#include <QProcess>

#include <fstream>

namespace exporttest {

using namespace mlps;

Dataset tinyDataset(int count, std::uint64_t seed, bool hard)
{
    Dataset data;
    data.width = 4;
    data.height = 4;
    data.classNames = {"A", "B", "C"};
    Rng rng(seed, RngStream::Shuffle);
    for (int i = 0; i < count; ++i) {
        const auto label = std::int32_t(rng.below(3));
        std::uint8_t image[16];
        for (int p = 0; p < 16; ++p) {
            const bool bright = p / 4 == label;
            if (hard)
                image[p] = std::uint8_t(bright ? 60 + rng.below(120) : rng.below(140));
            else
                image[p] = std::uint8_t(bright ? 150 + rng.below(106) : rng.below(120));
        }
        data.append(image, label);
    }
    return data;
}

ExportedModel trainedModel(Activation first, Activation second)
{
    ExportedModel model;
    model.network.inputSize = 16;
    model.network.classes = 3;
    model.network.hidden = {DenseSpec{8, first, 0.001f}, DropoutSpec{0.25f}, DenseSpec{6, second, 0.0f}};
    model.network.outputL2 = 0.0005f;
    model.config.optimizer.kind = OptimizerKind::Momentum;
    model.config.optimizer.learningRate = 0.1f;
    model.config.schedule.kind = ScheduleKind::InverseTime;
    model.config.schedule.decay = 0.01;
    model.config.epochs = 2;
    model.config.batchSize = 16;
    model.config.seed = 7;
    model.classNames = {"A", "B", "C"};
    model.imageWidth = 4;
    model.imageHeight = 4;
    model.name = "tiny";

    const Dataset data = tinyDataset(120, 3);
    Trainer trainer(model.network, model.config, data.view());
    while (trainer.step() != StepStatus::Finished) {
    }
    model.parameters = trainer.network().parameters();
    return model;
}

Eigen::MatrixXf engineProbabilities(const ExportedModel& model, const Dataset& data)
{
    Network network(model.network);
    network.parameters() = model.parameters;
    return network.predict(data.view());
}

std::int64_t engineCorrect(const ExportedModel& model, const Dataset& data)
{
    const Eigen::MatrixXf probabilities = engineProbabilities(model, data);
    std::int64_t correct = 0;
    for (Index j = 0; j < probabilities.cols(); ++j) {
        Index best = 0;
        probabilities.col(j).maxCoeff(&best);
        correct += best == data.labels[std::size_t(j)];
    }
    return correct;
}

void writeNpy(const std::string& path, const Eigen::MatrixXf& rowsByCols)
{
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = rowsByCols;
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rowMajor.rows())
                       + ", " + std::to_string(rowMajor.cols()) + "), }";
    dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');
    dict.push_back('\n');
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    const char length[2] = {char(dict.size() & 0xff), char(dict.size() >> 8)};
    out.write(length, 2);
    out.write(dict.data(), std::streamsize(dict.size()));
    out.write(reinterpret_cast<const char*>(rowMajor.data()), std::streamsize(rowMajor.size() * sizeof(float)));
}

PythonResult runPython(const QStringList& arguments, const QString& workingDir, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral("/usr/bin/python3"), arguments);
    PythonResult result;
    if (!process.waitForStarted()) {
        result.output = QStringLiteral("cannot start /usr/bin/python3");
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.output = QString::fromUtf8(process.readAll()) + QStringLiteral("\n(timed out)");
        return result;
    }
    result.output = QString::fromUtf8(process.readAll());
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

bool pythonHas(const QStringList& modules)
{
    return runPython({QStringLiteral("-c"), QStringLiteral("import ") + modules.join(QStringLiteral(", "))}, {}, 60000)
               .exitCode
           == 0;
}

QString scriptPath(const char* name)
{
    return QStringLiteral(MLPS_EXPORT_TEST_DIR "/") + QString::fromUtf8(name);
}

} // namespace exporttest
