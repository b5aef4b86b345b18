#include "JsonReport.h"

#include <sstream>

namespace mlps::cli {

QJsonArray historyToJson(const std::vector<EpochRecord>& history)
{
    QJsonArray epochs;
    for (const EpochRecord& record : history) {
        QJsonObject epoch;
        epoch[QStringLiteral("epoch")] = record.epoch;
        epoch[QStringLiteral("train_loss")] = record.trainLoss;
        epoch[QStringLiteral("train_accuracy")] = record.trainAccuracy;
        if (record.validationLoss) {
            epoch[QStringLiteral("val_loss")] = *record.validationLoss;
            epoch[QStringLiteral("val_accuracy")] = *record.validationAccuracy;
        } else {
            epoch[QStringLiteral("val_loss")] = QJsonValue::Null;
            epoch[QStringLiteral("val_accuracy")] = QJsonValue::Null;
        }
        epoch[QStringLiteral("lr")] = record.learningRate;
        epoch[QStringLiteral("seconds")] = record.seconds;
        epochs.append(epoch);
    }
    return epochs;
}

QJsonArray confusionToJson(const ConfusionMatrix& confusion)
{
    QJsonArray rows;
    for (Index i = 0; i < confusion.rows(); ++i) {
        QJsonArray row;
        for (Index j = 0; j < confusion.cols(); ++j)
            row.append(qint64(confusion(i, j)));
        rows.append(row);
    }
    return rows;
}

QJsonArray perClassToJson(const ClassificationScores& scores, const std::vector<std::string>& classNames)
{
    QJsonArray classes;
    for (std::size_t c = 0; c < scores.perClass.size(); ++c) {
        const ClassMetrics& m = scores.perClass[c];
        QJsonObject entry;
        entry[QStringLiteral("class")] = c < classNames.size() ? QString::fromStdString(classNames[c]) : QString::number(c);
        entry[QStringLiteral("precision")] = m.precision;
        entry[QStringLiteral("recall")] = m.recall;
        entry[QStringLiteral("f1")] = m.f1;
        entry[QStringLiteral("support")] = qint64(m.support);
        classes.append(entry);
    }
    return classes;
}

QJsonArray stringsToJson(const std::vector<std::string>& strings)
{
    QJsonArray array;
    for (const std::string& s : strings)
        array.append(QString::fromStdString(s));
    return array;
}

namespace {

QJsonObject perClassCounts(const std::vector<std::int64_t>& counts, const std::vector<std::string>& classNames)
{
    QJsonObject perClass;
    for (std::size_t c = 0; c < counts.size(); ++c) {
        if (counts[c] > 0)
            perClass[c < classNames.size() ? QString::fromStdString(classNames[c]) : QString::number(c)] = qint64(counts[c]);
    }
    return perClass;
}

QJsonObject countsToJson(const DuplicateCounts& counts, const std::vector<std::string>& classNames)
{
    QJsonObject out;
    out[QStringLiteral("images")] = qint64(counts.images);
    out[QStringLiteral("duplicates")] = qint64(counts.duplicates);
    out[QStringLiteral("per_class")] = perClassCounts(counts.duplicatesPerClass, classNames);
    out[QStringLiteral("groups")] = qint64(counts.groups);
    out[QStringLiteral("largest_group")] = qint64(counts.largestGroup);
    out[QStringLiteral("conflicting_groups")] = qint64(counts.conflictingGroups);
    out[QStringLiteral("conflicting_images")] = qint64(counts.conflictingImages);
    out[QStringLiteral("conflicting_per_class")] = perClassCounts(counts.conflictingPerClass, classNames);
    return out;
}

QJsonObject overlapToJson(const OverlapCounts& overlap, const std::vector<std::string>& classNames)
{
    QJsonObject out;
    out[QStringLiteral("images")] = qint64(overlap.images);
    out[QStringLiteral("per_class")] = perClassCounts(overlap.perClass, classNames);
    out[QStringLiteral("conflicting")] = qint64(overlap.conflicting);
    return out;
}

} // namespace

QJsonObject duplicatesToJson(const DuplicateCounts& counts, const Dataset& data)
{
    QJsonObject out = countsToJson(counts, data.classNames);
    if (counts.largestGroupFirst >= 0)
        out[QStringLiteral("largest_group_example")] = QString::fromStdString(data.sampleName(counts.largestGroupFirst));
    return out;
}

QJsonObject splitDuplicatesToJson(const SplitDuplicates& d, const std::vector<std::string>& classNames)
{
    QJsonObject out;
    out[QStringLiteral("train")] = countsToJson(d.train, classNames);
    out[QStringLiteral("validation")] = countsToJson(d.validation, classNames);
    out[QStringLiteral("test")] = countsToJson(d.test, classNames);
    out[QStringLiteral("train_validation_overlap")] = overlapToJson(d.trainValidation, classNames);
    out[QStringLiteral("train_test_overlap")] = overlapToJson(d.trainTest, classNames);
    out[QStringLiteral("validation_test_overlap")] = overlapToJson(d.validationTest, classNames);
    return out;
}

std::string describeDuplicates(const DuplicateCounts& counts, const Dataset& data)
{
    std::ostringstream text;
    text << "duplicates: " << counts.duplicates;
    if (counts.duplicates > 0) {
        text << " exact copies in " << counts.groups << " groups (largest: " << counts.largestGroup << " copies of "
             << data.sampleName(counts.largestGroupFirst) << ")\n";
        for (std::size_t c = 0; c < counts.duplicatesPerClass.size(); ++c) {
            if (counts.duplicatesPerClass[c] > 0)
                text << "  " << data.classNames[c] << ": " << counts.duplicatesPerClass[c] << "\n";
        }
    } else {
        text << "\n";
    }
    if (counts.conflictingGroups > 0)
        text << "conflicting labels: " << counts.conflictingImages << " images in " << counts.conflictingGroups
             << " groups of identical images carry different labels\n";
    return text.str();
}

std::string describeSplitDuplicates(const SplitDuplicates& d)
{
    std::ostringstream text;
    text << "duplicates inside: train " << d.train.duplicates << ", validation " << d.validation.duplicates << ", test "
         << d.test.duplicates << "; overlap: validation in train " << d.trainValidation.images << ", test in train "
         << d.trainTest.images << ", test in validation " << d.validationTest.images;
    return text.str();
}

} // namespace mlps::cli
