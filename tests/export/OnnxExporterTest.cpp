#include "ExportFixtures.h"

#include "export/ExportError.h"
#include "export/OnnxExporter.h"

#include <gtest/gtest.h>

#include <onnx/onnx_pb.h>

#include <QFile>
#include <QTemporaryDir>

using namespace mlps;
using namespace exporttest;

namespace {

onnx::ModelProto readModel(const QString& path)
{
    QFile file(path);
    onnx::ModelProto proto;
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = file.readAll();
        proto.ParseFromArray(bytes.constData(), int(bytes.size()));
    }
    return proto;
}

std::vector<std::string> opTypes(const onnx::ModelProto& proto)
{
    std::vector<std::string> ops;
    for (const auto& node : proto.graph().node())
        ops.push_back(node.op_type());
    return ops;
}

} // namespace

TEST(OnnxExporter, GraphIsGemmsActivationsAndSoftmaxWithTheEnginesWeights)
{
    const ExportedModel model = trainedModel(Activation::LeakyRelu, Activation::Linear);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("model.onnx"));
    OnnxExporter::write(model, path.toStdString());
    const onnx::ModelProto proto = readModel(path);

    EXPECT_EQ(proto.producer_name(), "MLP Studio");
    ASSERT_EQ(proto.opset_import_size(), 1);
    EXPECT_EQ(proto.opset_import(0).version(), 13);
    // Dropout leaves no node; the linear dense_2 has no activation node.
    EXPECT_EQ(opTypes(proto), (std::vector<std::string>{"Gemm", "LeakyRelu", "Gemm", "Gemm", "Softmax"}));
    EXPECT_FLOAT_EQ(proto.graph().node(1).attribute(0).f(), kLeakyReluSlope);
    EXPECT_EQ(proto.graph().input(0).name(), "input");
    EXPECT_EQ(proto.graph().input(0).type().tensor_type().shape().dim(1).dim_value(), 16);
    EXPECT_EQ(proto.graph().output(0).name(), "probabilities");
    EXPECT_EQ(proto.graph().output(0).type().tensor_type().shape().dim(1).dim_value(), 3);

    const onnx::TensorProto& kernel = proto.graph().initializer(0);
    EXPECT_EQ(kernel.name(), "dense_1/kernel");
    ASSERT_EQ(kernel.dims_size(), 2);
    EXPECT_EQ(kernel.dims(0), 16);
    EXPECT_EQ(kernel.dims(1), 8);
    ASSERT_EQ(kernel.raw_data().size(), 16u * 8u * 4u);
    float value = 0;
    std::memcpy(&value, kernel.raw_data().data() + 4 * (5 * 8 + 3), 4); // kernel(5, 3) = W(3, 5)
    const Eigen::Map<const Eigen::MatrixXf> w(model.parameters.data(), 8, 16);
    EXPECT_EQ(value, w(3, 5));

    bool hasClassNames = false;
    for (const auto& entry : proto.metadata_props()) {
        if (entry.key() == "class_names") {
            hasClassNames = true;
            EXPECT_EQ(entry.value(), "[\"A\",\"B\",\"C\"]");
        }
    }
    EXPECT_TRUE(hasClassNames);
}

TEST(OnnxExporter, PassesTheCheckerAndMatchesTheEnginesProbabilities)
{
    if (!pythonHas({QStringLiteral("numpy"), QStringLiteral("onnx")}))
        GTEST_SKIP() << "/usr/bin/python3 has no onnx module (apt-get install python3-onnx)";
    const Dataset data = tinyDataset(12, 99);
    Eigen::MatrixXf inputs(data.features(), data.count());
    gatherBatch(data.view(), nullptr, data.count(), inputs, nullptr);
    for (const auto& [first, second] : {std::pair{Activation::Relu, Activation::Tanh},
                                        std::pair{Activation::Sigmoid, Activation::Elu},
                                        std::pair{Activation::LeakyRelu, Activation::Linear}}) {
        SCOPED_TRACE(std::string(activationName(first)) + " + " + activationName(second));
        const ExportedModel model = trainedModel(first, second);
        QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("model.onnx"));
        OnnxExporter::write(model, path.toStdString());
        writeNpy(dir.filePath(QStringLiteral("inputs.npy")).toStdString(), inputs.transpose());
        writeNpy(dir.filePath(QStringLiteral("expected.npy")).toStdString(),
                 engineProbabilities(model, data).transpose());
        const PythonResult result = runPython({scriptPath("check_onnx.py"), path,
                                               dir.filePath(QStringLiteral("inputs.npy")),
                                               dir.filePath(QStringLiteral("expected.npy")),
                                               QStringLiteral("[\"A\", \"B\", \"C\"]")});
        if (result.exitCode == kSkipExitCode)
            GTEST_SKIP() << result.output.toStdString();
        EXPECT_EQ(result.exitCode, 0) << result.output.toStdString();
    }
}

TEST(OnnxExporter, AnUnwritablePathThrowsNamingIt)
{
    const ExportedModel model = trainedModel();
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("no/such/model.onnx")).toStdString();
    try {
        OnnxExporter::write(model, path);
        FAIL() << "no exception";
    } catch (const ExportError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
    }
}

TEST(OnnxExporter, AnInvalidModelIsRefusedBeforeAnythingIsWritten)
{
    ExportedModel model = trainedModel();
    model.imageWidth = 5;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("model.onnx"));
    try {
        OnnxExporter::write(model, path.toStdString());
        FAIL() << "no exception";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("image size 5x4"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(QFile::exists(path));
}

TEST(OnnxExporter, LogisticRegressionIsOneGemmAndSoftmax)
{
    ExportedModel model = trainedModel();
    model.network.hidden.clear();
    model.parameters = Eigen::VectorXf::LinSpaced(model.layout().total, -1.0f, 1.0f);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("logistic.onnx"));
    OnnxExporter::write(model, path.toStdString());
    const onnx::ModelProto proto = readModel(path);
    EXPECT_EQ(opTypes(proto), (std::vector<std::string>{"Gemm", "Softmax"}));
    ASSERT_EQ(proto.graph().initializer_size(), 2);
    EXPECT_EQ(proto.graph().initializer(0).name(), "output/kernel");
    EXPECT_EQ(proto.graph().initializer(0).dims(0), 16);
    EXPECT_EQ(proto.graph().initializer(0).dims(1), 3);
}
