#include "export/OnnxExporter.h"

#include "export/ExportError.h"
#include "export/ModelJson.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace mlps {

namespace {

void addMetadata(onnx::ModelProto& proto, const std::string& key, const std::string& value)
{
    onnx::StringStringEntryProto* entry = proto.add_metadata_props();
    entry->set_key(key);
    entry->set_value(value);
}

// A float tensor [batch, width] value description ("N" is the symbolic batch size).
void describeFloatMatrix(onnx::ValueInfoProto* value, const std::string& name, int width, const std::string& doc)
{
    value->set_name(name);
    value->set_doc_string(doc);
    onnx::TypeProto_Tensor* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto_DataType_FLOAT);
    tensor->mutable_shape()->add_dim()->set_dim_param("N");
    tensor->mutable_shape()->add_dim()->set_dim_value(width);
}

void addInitializer(onnx::GraphProto& graph, const std::string& name, std::initializer_list<std::int64_t> dims,
                    const float* values)
{
    onnx::TensorProto* tensor = graph.add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto_DataType_FLOAT);
    std::int64_t count = 1;
    for (const std::int64_t d : dims) {
        tensor->add_dims(d);
        count *= d;
    }
    // Raw data is little-endian float32, as the engine's buffer is.
    tensor->set_raw_data(reinterpret_cast<const char*>(values), std::size_t(count) * sizeof(float));
}

onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op, const std::string& name,
                         std::initializer_list<std::string> inputs, const std::string& output)
{
    onnx::NodeProto* node = graph.add_node();
    node->set_op_type(op);
    node->set_name(name);
    for (const std::string& input : inputs)
        node->add_input(input);
    node->add_output(output);
    return node;
}

void setFloatAttribute(onnx::NodeProto* node, const std::string& name, float value)
{
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto_AttributeType_FLOAT);
    attribute->set_f(value);
}

void setIntAttribute(onnx::NodeProto* node, const std::string& name, std::int64_t value)
{
    onnx::AttributeProto* attribute = node->add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto_AttributeType_INT);
    attribute->set_i(value);
}

// The activation node after a Dense layer's Gemm; returns the name of its
// output (the Gemm's own for a linear activation).
std::string addActivation(onnx::GraphProto& graph, Activation activation, const std::string& layer,
                          const std::string& input)
{
    const std::string output = layer + "/" + activationName(activation);
    switch (activation) {
    case Activation::Relu: addNode(graph, "Relu", output, {input}, output); break;
    case Activation::Sigmoid: addNode(graph, "Sigmoid", output, {input}, output); break;
    case Activation::Tanh: addNode(graph, "Tanh", output, {input}, output); break;
    case Activation::LeakyRelu:
        setFloatAttribute(addNode(graph, "LeakyRelu", output, {input}, output), "alpha", kLeakyReluSlope);
        break;
    case Activation::Elu: setFloatAttribute(addNode(graph, "Elu", output, {input}, output), "alpha", kEluAlpha); break;
    case Activation::Linear: return input;
    }
    return output;
}

std::string classNamesJson(const ExportedModel& model)
{
    QJsonArray names;
    for (const std::string& name : model.effectiveClassNames())
        names.append(QString::fromStdString(name));
    return QJsonDocument(names).toJson(QJsonDocument::Compact).toStdString();
}

onnx::ModelProto buildModel(const ExportedModel& model)
{
    onnx::ModelProto proto;
    proto.set_ir_version(onnx::IR_VERSION);
    proto.set_producer_name("MLP Studio");
    proto.set_producer_version(MLPS_VERSION);
    proto.set_model_version(1);
    const std::string inputDoc = "pixels scaled to [0, 1] as the studio does (uint8 value / 255), "
                                 "row-major " + std::to_string(model.imageHeight) + "x"
                                 + std::to_string(model.imageWidth) + ", one row per image";
    proto.set_doc_string(model.name + ": a fully connected classifier exported by MLP Studio. Input: " + inputDoc
                         + ". Output: class probabilities (softmax).");
    onnx::OperatorSetIdProto* opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(OnnxExporter::kOpset);
    addMetadata(proto, "class_names", classNamesJson(model));
    addMetadata(proto, "input_scale", "pixel / 255");
    addMetadata(proto, "image_width", std::to_string(model.imageWidth));
    addMetadata(proto, "image_height", std::to_string(model.imageHeight));
    addMetadata(proto, "config", ModelJson::toText(model));

    onnx::GraphProto& graph = *proto.mutable_graph();
    graph.set_name(model.name.empty() ? std::string("mlp") : model.name);
    describeFloatMatrix(graph.add_input(), "input", model.network.inputSize, inputDoc);

    const ParameterLayout layout = model.layout();
    const std::vector<Activation> activations = model.activations();
    const float* parameters = model.parameters.data();
    std::string x = "input";
    for (std::size_t i = 0; i < layout.blocks.size(); ++i) {
        const DenseBlock& block = layout.blocks[i];
        const std::string kernel = block.name + "/kernel";
        const std::string bias = block.name + "/bias";
        // The engine's units x inputs column-major weights are the row-major
        // inputs x units kernel: Gemm(x, kernel, bias) = x kernel + bias.
        addInitializer(graph, kernel, {block.inputs, block.outputs}, parameters + block.weightOffset);
        addInitializer(graph, bias, {block.outputs}, parameters + block.biasOffset);
        const std::string gemm = block.name + "/gemm";
        addNode(graph, "Gemm", gemm, {x, kernel, bias}, gemm);
        x = addActivation(graph, activations[i], block.name, gemm);
    }
    setIntAttribute(addNode(graph, "Softmax", "probabilities", {x}, "probabilities"), "axis", 1);
    describeFloatMatrix(graph.add_output(), "probabilities", model.network.classes,
                        "class probabilities, in the order of class_names");
    return proto;
}

} // namespace

std::string OnnxExporter::serialize(const ExportedModel& model)
{
    if (const std::string problem = model.validate(); !problem.empty())
        throw ExportError({}, "cannot export the model: " + problem);
    const onnx::ModelProto proto = buildModel(model);
    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception& e) {
        throw ExportError({}, std::string("the ONNX model does not pass the ONNX checker: ") + e.what());
    }
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw ExportError({}, "cannot serialize the ONNX model (is it larger than 2 GB?)");
    return bytes;
}

void OnnxExporter::write(const ExportedModel& model, const std::string& path)
{
    std::string bytes;
    try {
        bytes = serialize(model);
    } catch (const ExportError& e) {
        throw ExportError(path, e.what());
    }
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw ExportError(path, "cannot write: " + file.errorString().toStdString());
    if (file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.commit())
        throw ExportError(path, "cannot write: " + file.errorString().toStdString());
}

} // namespace mlps
