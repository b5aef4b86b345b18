#include "data/DatasetCache.h"

#include "data/FontLetters.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cstring>

namespace mlps {
namespace {

// Bump when the entry layout or the decoding changes, so old entries are not used.
constexpr int kCacheVersion = 1;
const QByteArray kMagic = QByteArrayLiteral("MLPSDATA");

QString toQ(const std::string& s) { return QString::fromStdString(s); }

QJsonArray toJson(const std::vector<std::string>& strings)
{
    QJsonArray array;
    for (const std::string& s : strings)
        array.append(toQ(s));
    return array;
}

std::vector<std::string> fromJson(const QJsonArray& array)
{
    std::vector<std::string> strings;
    strings.reserve(std::size_t(array.size()));
    for (const auto& value : array)
        strings.push_back(value.toString().toStdString());
    return strings;
}

// A hash of everything a folder's contents depend on: every file's relative
// path, size and modification time.
void hashFolder(const QString& folder, QCryptographicHash& hash)
{
    QStringList entries;
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir root(folder);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.append(root.relativeFilePath(info.filePath()) + QLatin1Char('\t') + QString::number(info.size())
                       + QLatin1Char('\t') + QString::number(info.lastModified().toMSecsSinceEpoch()));
    }
    entries.sort();
    for (const QString& entry : entries)
        hash.addData(entry.toUtf8() + '\n');
}

} // namespace

DatasetCache::DatasetCache(const LoadOptions& options)
    : m_folder(options.cacheDir)
    , m_width(options.width)
    , m_height(options.height)
{
    if (m_folder.empty()) {
        m_folder = (QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
                    + QStringLiteral("/mlp-studio/datasets"))
                       .toStdString();
    }
}

std::string DatasetCache::keyForFontLetters(const LoadOptions& options) const
{
    // Rendered letters depend on the options and on the installed font files.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QStringLiteral("v%1.%2 font-letters %3x%4 %5 %6 %7\n")
                     .arg(kCacheVersion)
                     .arg(FontLetters::kRenderVersion)
                     .arg(m_width)
                     .arg(m_height)
                     .arg(toQ(options.fontClasses))
                     .arg(options.fontVariations)
                     .arg(options.fontVariations > 0 ? options.seed : 0)
                     .toUtf8());
    QStringList folders = QStandardPaths::standardLocations(QStandardPaths::FontsLocation);
    folders << QStringLiteral("/usr/share/fonts") << QStringLiteral("/usr/local/share/fonts")
            << QDir::homePath() + QStringLiteral("/.fonts");
    folders.removeDuplicates();
    for (const QString& folder : folders) {
        if (QFileInfo(folder).isDir()) {
            hash.addData(folder.toUtf8() + '\n');
            hashFolder(folder, hash);
        }
    }
    return hash.result().toHex().left(32).toStdString();
}

std::string DatasetCache::keyFor(const std::string& path, const std::string& format) const
{
    const QFileInfo info(toQ(path));
    if (!info.exists())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QStringLiteral("v%1 %2 %3x%4 %5\n")
                     .arg(kCacheVersion)
                     .arg(toQ(format))
                     .arg(m_width)
                     .arg(m_height)
                     .arg(info.absoluteFilePath())
                     .toUtf8());
    if (info.isDir()) {
        hashFolder(info.absoluteFilePath(), hash);
    } else {
        hash.addData(QStringLiteral("%1 %2\n").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch()).toUtf8());
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
            return {};
    }
    return hash.result().toHex().left(32).toStdString();
}

std::string DatasetCache::fileFor(const std::string& key) const
{
    return m_folder + "/" + key + ".mlpsdata";
}

std::optional<LoadedDataset> DatasetCache::load(const std::string& key) const
{
    if (key.empty())
        return std::nullopt;
    QFile file(toQ(fileFor(key)));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_0);
    QByteArray magic, header, labels, pixels;
    qint32 version = 0;
    in >> magic >> version >> header >> labels >> pixels;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kCacheVersion)
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(header).object();
    LoadedDataset result;
    Dataset& data = result.data;
    data.width = json[QStringLiteral("width")].toInt();
    data.height = json[QStringLiteral("height")].toInt();
    data.format = json[QStringLiteral("format")].toString().toStdString();
    data.source = json[QStringLiteral("source")].toString().toStdString();
    data.classNames = fromJson(json[QStringLiteral("classes")].toArray());
    data.sampleNames = fromJson(json[QStringLiteral("samples")].toArray());
    const qint64 count = json[QStringLiteral("count")].toInteger();
    if (data.width <= 0 || data.height <= 0 || count < 0
        || labels.size() != count * qint64(sizeof(std::int32_t))
        || pixels.size() != count * data.width * data.height
        || (!data.sampleNames.empty() && qint64(data.sampleNames.size()) != count))
        return std::nullopt;
    data.labels.resize(std::size_t(count));
    std::memcpy(data.labels.data(), labels.constData(), std::size_t(labels.size()));
    data.pixels.assign(pixels.begin(), pixels.end());
    for (const std::int32_t label : data.labels) {
        if (label < 0 || label >= data.classes())
            return std::nullopt;
    }
    LoadReport& report = result.report;
    report.format = data.format;
    report.conversion = json[QStringLiteral("conversion")].toString().toStdString();
    report.warning = json[QStringLiteral("warning")].toString().toStdString();
    report.notes = fromJson(json[QStringLiteral("notes")].toArray());
    for (const auto& value : json[QStringLiteral("unreadable")].toArray()) {
        const QJsonObject entry = value.toObject();
        report.unreadable.push_back({entry[QStringLiteral("name")].toString().toStdString(),
                                     entry[QStringLiteral("reason")].toString().toStdString()});
    }
    report.fromCache = true;
    return result;
}

void DatasetCache::save(const std::string& key, const LoadedDataset& dataset) const
{
    if (key.empty() || !QDir().mkpath(toQ(m_folder)))
        return;
    const Dataset& data = dataset.data;
    QJsonObject json;
    json[QStringLiteral("width")] = data.width;
    json[QStringLiteral("height")] = data.height;
    json[QStringLiteral("format")] = toQ(data.format);
    json[QStringLiteral("source")] = toQ(data.source);
    json[QStringLiteral("count")] = qint64(data.count());
    json[QStringLiteral("classes")] = toJson(data.classNames);
    json[QStringLiteral("samples")] = toJson(data.sampleNames);
    json[QStringLiteral("conversion")] = toQ(dataset.report.conversion);
    json[QStringLiteral("warning")] = toQ(dataset.report.warning);
    json[QStringLiteral("notes")] = toJson(dataset.report.notes);
    QJsonArray unreadable;
    for (const UnreadableEntry& entry : dataset.report.unreadable)
        unreadable.append(QJsonObject{{QStringLiteral("name"), toQ(entry.name)}, {QStringLiteral("reason"), toQ(entry.reason)}});
    json[QStringLiteral("unreadable")] = unreadable;

    QSaveFile file(toQ(fileFor(key)));
    if (!file.open(QIODevice::WriteOnly))
        return;
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMagic << qint32(kCacheVersion) << QJsonDocument(json).toJson(QJsonDocument::Compact)
        << QByteArray::fromRawData(reinterpret_cast<const char*>(data.labels.data()),
                                   qsizetype(data.labels.size() * sizeof(std::int32_t)))
        << QByteArray::fromRawData(reinterpret_cast<const char*>(data.pixels.data()), qsizetype(data.pixels.size()));
    if (out.status() == QDataStream::Ok)
        file.commit();
    else
        file.cancelWriting();
}

} // namespace mlps
