#include "DatasetText.h"

#include <QLocale>
#include <QStringList>

namespace mlps::ui {

QString DatasetText::formatName(const std::string& format)
{
    if (format == "idx")
        return tr("IDX files (MNIST-style)");
    if (format.rfind("tar", 0) == 0)
        return tr("%1 archive").arg(QString::fromStdString(format));
    if (format == "folder")
        return tr("Folder of class folders");
    if (format == "zip")
        return tr("Zip of class folders");
    if (format == "csv")
        return tr("CSV file");
    if (format == "npz")
        return tr("NumPy .npz");
    if (format == "npy")
        return tr("NumPy .npy pair");
    if (format == "font-letters")
        return tr("Rendered from installed fonts");
    if (format.empty())
        return tr("Made in memory");
    return QString::fromStdString(format);
}

QString DatasetText::stageName(const QString& stage)
{
    if (stage == QLatin1String("reading"))
        return tr("Reading");
    if (stage == QLatin1String("decoding"))
        return tr("Decoding images");
    if (stage == QLatin1String("rendering"))
        return tr("Rendering letters");
    if (stage == QLatin1String("hashing"))
        return tr("Checking the cache");
    if (stage.isEmpty())
        return tr("Loading");
    return stage.left(1).toUpper() + stage.mid(1);
}

QString DatasetText::duration(double seconds)
{
    const QLocale locale;
    if (seconds < 1.0)
        return tr("%1 ms").arg(locale.toString(qRound(seconds * 1000.0)));
    return tr("%1 s").arg(locale.toString(seconds, 'f', 1));
}

QString DatasetText::classList(const Dataset& data)
{
    QStringList names;
    for (const std::string& name : data.classNames)
        names.append(QString::fromStdString(name));
    if (names.size() > 12)
        names = names.mid(0, 4) + QStringList{QStringLiteral("…")} + names.mid(names.size() - 2);
    return names.join(tr(", "));
}

QString DatasetText::counted(qint64 count, const QString& one, const QString& many)
{
    return (count == 1 ? one : many).arg(QLocale().toString(count));
}

QString DatasetText::findings(const SplitDuplicates& found, const Dataset& data)
{
    const QLocale locale;
    const auto className = [&data](qint64 index) {
        if (index < 0 || index >= data.count())
            return QString();
        const int label = data.labels[std::size_t(index)];
        return label >= 0 && label < data.classes() ? QString::fromStdString(data.classNames[std::size_t(label)])
                                                    : QString();
    };
    QStringList parts;
    const auto inside = [&](const DuplicateCounts& counts, const QString& partName) {
        if (counts.duplicates <= 0)
            return;
        QString text = counted(counts.duplicates, tr("%1 duplicate image in %2"), tr("%1 duplicate images in %2"))
                           .arg(partName);
        if (counts.largestGroup > 1)
            text += QLatin1Char(' ')
                    + tr("(largest group: %1 copies of one ‘%2’)")
                          .arg(locale.toString(counts.largestGroup), className(counts.largestGroupFirst));
        if (counts.conflictingImages > 0)
            text += QLatin1Char(' ')
                    + counted(counts.conflictingImages, tr("(%1 with another label than its copies)"),
                              tr("(%1 with other labels than their copies)"));
        parts << text;
    };
    inside(found.train, tr("train"));
    inside(found.validation, tr("validation"));
    inside(found.test, tr("test"));
    if (found.trainValidation.images > 0)
        parts << counted(found.trainValidation.images, tr("%1 validation image also in train"),
                         tr("%1 validation images also in train"));
    if (found.trainTest.images > 0)
        parts << counted(found.trainTest.images, tr("%1 test image also in train"), tr("%1 test images also in train"));
    if (found.validationTest.images > 0)
        parts << counted(found.validationTest.images, tr("%1 test image also in validation"),
                         tr("%1 test images also in validation"));
    if (parts.isEmpty())
        return tr("No duplicates inside train, validation or test, and no image occurs in two of them.");
    return QStringLiteral("• ") + parts.join(QStringLiteral("\n• "));
}

} // namespace mlps::ui
