#pragma once

#include "data/DuplicateFinder.h"
#include "nn/Metrics.h"
#include "nn/Trainer.h"

#include <QJsonArray>
#include <QJsonObject>

#include <string>
#include <vector>

namespace mlps::cli {

// JSON pieces of the CLI's reports, built with Qt's JSON classes.
QJsonArray historyToJson(const std::vector<EpochRecord>& history);
QJsonArray confusionToJson(const ConfusionMatrix& confusion);
QJsonArray perClassToJson(const ClassificationScores& scores, const std::vector<std::string>& classNames);
QJsonArray stringsToJson(const std::vector<std::string>& strings);
QJsonObject duplicatesToJson(const DuplicateCounts& counts, const Dataset& data);
QJsonObject splitDuplicatesToJson(const SplitDuplicates& duplicates, const std::vector<std::string>& classNames);

// Text for people: "12 exact duplicates in 9 groups (largest: 4 copies of I/xyz.png); ..."
std::string describeDuplicates(const DuplicateCounts& counts, const Dataset& data);
std::string describeSplitDuplicates(const SplitDuplicates& duplicates);

} // namespace mlps::cli
