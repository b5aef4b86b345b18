#pragma once

#include "data/Dataset.h"
#include "data/StratifiedSplit.h"
#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"
#include "nn/TrainerState.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <memory>

namespace mlps::ui {

// Everything one training run needs, as a value: the worker thread receives a
// copy, so it never reads data the GUI may change while it trains. The images
// are shared read-only (a dataset can be hundreds of megabytes); the split
// holds indices into `data`.
struct TrainingJob {
    int runId = 0;         // chosen by the caller; echoed in every progress and result
    QString name;          // for the user, e.g. "Lab network, lr 0.01"
    NetworkSpec network;   // inputSize and classes must match the data
    TrainConfig config;    // an augment spec without an image size gets the data's
    std::shared_ptr<const Dataset> data;
    Split split;           // train / validation / test indices into `data`
    // When set, the test set is all of this dataset and split.test is ignored;
    // its images must have the size of `data`'s, its labels be classes of `data`.
    std::shared_ptr<const Dataset> testData;
    // The synthetic training set mixed in when config.syntheticShare > 0
    // (TrainConfig.h); when null, the worker renders the built-in font
    // letters at the data's image size (their classes must be the data's).
    std::shared_ptr<const Dataset> synthetic;
    // Continuing a stopped run: the checkpoint it stopped at (its
    // TrainingResult::checkpoint). The worker builds the Trainer as for a new
    // run, restores this state into it (Trainer::restore) and trains on from
    // there; everything else must be the stopped run's job unchanged, for the
    // weights to come out as a run done in one go. Null: a new run.
    std::shared_ptr<const TrainerState> resumeFrom;
};

// The steps of one epoch of `job` as its Trainer counts them (a last, smaller
// batch is a step too): its training split plus the synthetic samples
// config.syntheticShare mixes into each epoch (Trainer::stepsPerEpoch).
std::int64_t plannedStepsPerEpoch(const TrainingJob& job);

} // namespace mlps::ui

Q_DECLARE_METATYPE(mlps::ui::TrainingJob)
