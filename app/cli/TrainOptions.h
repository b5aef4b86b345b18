#pragma once

#include "DataLoading.h"

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <optional>
#include <string>
#include <vector>

namespace mlps::cli {

// A sample count given either as a number of samples ("1000") or as a
// fraction of the data ("0.1").
struct SampleAmount {
    double value = 0.0;
    std::int64_t resolve(std::int64_t total) const;
};

// Everything `mlp-studio-cli train` was asked to do.
struct TrainOptions {
    std::string data;
    std::string labels;
    std::string test;
    std::string testLabels;
    std::string synthetic;        // --synthetic: extra training data mixed in by config.syntheticShare
    DataSettings dataSettings;
    NetworkSpec network;          // inputSize and classes are filled in from the data
    std::vector<int> hiddenUnits; // the --layers list, kept for the report
    Activation activation = Activation::Relu;
    float dropout = 0.0f;
    float l2 = 0.0f;
    TrainConfig config;
    SampleAmount validation{0.0};
    SampleAmount testSplit{0.1};
    bool dedup = false;          // drop duplicates inside each part
    bool removeOverlap = false;  // drop train images that occur in validation or test
    bool json = false;
    std::string projectPath;      // --project: data and settings from this project, the run recorded in it
    std::string savePath;         // --save: record the run in this project (made when missing)
    std::optional<std::uint64_t> splitSeed; // the split's own seed (a project's); else config.seed
    bool threadsGiven = false;    // --threads was on the command line
    int errors = 20;              // misclassified test samples listed in the JSON report
    std::string predictionsPath;  // --predictions: every test sample's prediction as CSV
    bool quiet = false;
    // With --save / --project: record a checkpoint of the run this often
    // (seconds; 0 = at every epoch end) and when interrupted.
    double checkpointInterval = 60.0;

    // Parses the arguments after "train". Throws UsageError.
    static TrainOptions parse(const std::vector<std::string>& arguments);
    static std::string help();
};

class ArgumentList;

// --checkpoint-interval SECONDS (default 60; 0 = every epoch end). Throws UsageError.
double parseCheckpointInterval(const ArgumentList& args);

// Builds the hidden layers: Dense(units, activation, l2) for each entry of
// `units`, each followed by Dropout(dropout) when dropout > 0.
std::vector<LayerSpec> hiddenLayers(const std::vector<int>& units, Activation activation, float dropout, float l2);

} // namespace mlps::cli
