#include "PredictionReport.h"

#include "data/DataError.h"
#include "nn/Misclassified.h"

#include <QJsonObject>
#include <QSaveFile>
#include <QString>

#include <algorithm>

namespace mlps::cli {

namespace {

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
QByteArray csvField(const std::string& text)
{
    QByteArray field = QByteArray::fromStdString(text);
    if (field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r'))
        field = '"' + field.replace("\"", "\"\"") + '"';
    return field;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 9); // float32 round-trips in 9 digits
}

} // namespace

QJsonArray misclassifiedToJson(const Evaluation& evaluation, const TestSamples& samples,
                               const std::vector<std::string>& classNames, int limit)
{
    QJsonArray list;
    const std::vector<Misclassified> wrong = misclassified(evaluation);
    const std::size_t shown = std::min(wrong.size(), std::size_t(std::max(0, limit)));
    for (std::size_t k = 0; k < shown; ++k) {
        const Misclassified& m = wrong[k];
        const std::int64_t index = samples.datasetIndex(m.sample);
        QJsonObject entry;
        entry[QStringLiteral("index")] = qint64(index);
        entry[QStringLiteral("source")] = QString::fromStdString(samples.data->sampleName(index));
        entry[QStringLiteral("true")] = QString::fromStdString(classNames[std::size_t(m.trueClass)]);
        entry[QStringLiteral("predicted")] = QString::fromStdString(classNames[std::size_t(m.predicted)]);
        entry[QStringLiteral("confidence")] = double(m.confidence);
        entry[QStringLiteral("true_probability")] = double(m.trueProbability);
        list.append(entry);
    }
    return list;
}

void writePredictionsCsv(const std::string& path, const Evaluation& evaluation, const TestSamples& samples,
                         const std::vector<std::string>& classNames)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw DataError(path, "cannot be written: " + file.errorString().toStdString());
    QByteArray header = "index,source,true,predicted,confidence";
    for (const std::string& name : classNames)
        header += ",p_" + csvField(name);
    file.write(header + '\n');
    for (std::int64_t i = 0; i < evaluation.count(); ++i) {
        const std::int64_t index = samples.datasetIndex(i);
        const std::int32_t predicted = evaluation.predicted[std::size_t(i)];
        QByteArray row = QByteArray::number(index) + ',' + csvField(samples.data->sampleName(index)) + ','
                         + csvField(classNames[std::size_t(evaluation.trueLabels[std::size_t(i)])]) + ','
                         + csvField(classNames[std::size_t(predicted)]) + ','
                         + number(evaluation.probabilities(predicted, i));
        for (Eigen::Index c = 0; c < evaluation.probabilities.rows(); ++c)
            row += ',' + number(evaluation.probabilities(c, i));
        file.write(row + '\n');
    }
    if (!file.commit())
        throw DataError(path, "cannot be written: " + file.errorString().toStdString());
}

} // namespace mlps::cli
