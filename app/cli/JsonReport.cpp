#include "JsonReport.h"

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

} // namespace mlps::cli
