#pragma once

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

} // namespace mlps::cli
