#include "export/NpzExporter.h"

#include "export/ExportError.h"
#include "export/ModelJson.h"
#include "export/NpzWriter.h"

namespace mlps {

std::vector<NpzEntry> NpzExporter::arrays(const ExportedModel& model)
{
    std::vector<NpzEntry> result;
    const float* parameters = model.parameters.data();
    for (const DenseBlock& block : model.layout().blocks) {
        // The engine's units x inputs column-major weights are, byte for byte,
        // the row-major inputs x units kernel.
        result.push_back(NpzEntry::float32(block.name + "/kernel", {block.inputs, block.outputs},
                                           parameters + block.weightOffset));
        result.push_back(NpzEntry::float32(block.name + "/bias", {block.outputs}, parameters + block.biasOffset));
    }
    result.push_back(NpzEntry::unicode("class_names", model.effectiveClassNames()));
    result.push_back(NpzEntry::unicodeScalar("config", ModelJson::toText(model)));
    return result;
}

void NpzExporter::write(const ExportedModel& model, const std::string& path)
{
    if (const std::string problem = model.validate(); !problem.empty())
        throw ExportError(path, "cannot export the model: " + problem);
    NpzWriter::write(path, arrays(model));
}

} // namespace mlps
