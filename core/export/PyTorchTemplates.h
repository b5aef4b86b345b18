#pragma once

namespace mlps {

// The text of the PyTorch project's files (PyTorchExporter). Placeholders in
// double braces, such as {{NAME}}, are replaced by the exporter.
struct PyTorchTemplates {
    // model.py: {{NAME}}, {{WIDTH}}, {{HEIGHT}}, {{CLASS_NAMES}}, {{L2}}, {{LAYERS}}.
    static const char* model();
    // train.py: no placeholders; it reads config.json.
    static const char* train();
    // README.md: {{NAME}}, {{WIDTH}}, {{HEIGHT}}, {{FEATURES}}, {{ARRAYS}}, {{TRAINING}}.
    static const char* readme();
};

} // namespace mlps
