#include "ZipEntries.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <stdexcept>

namespace mlps::testing {

QList<ZipEntry> readZip(const QString& path)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip))
        throw std::runtime_error("cannot open zip " + path.toStdString());
    QList<ZipEntry> entries;
    const QList<QuaZipFileInfo64> infos = zip.getFileInfoList64();
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot read zip entry");
        entries.append({zip.getCurrentFileName(), file.readAll(), infos[entries.size()].method != 0});
    }
    return entries;
}

void writeZip(const QString& path, const QList<ZipEntry>& entries)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        throw std::runtime_error("cannot create zip " + path.toStdString());
    for (const ZipEntry& entry : entries) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(entry.name), nullptr, 0, entry.compressed ? Z_DEFLATED : 0,
                       entry.compressed ? Z_DEFAULT_COMPRESSION : 0)
            || file.write(entry.bytes) != entry.bytes.size())
            throw std::runtime_error("cannot write zip entry");
        file.close();
    }
    zip.close();
    if (zip.getZipError() != ZIP_OK)
        throw std::runtime_error("cannot write zip " + path.toStdString());
}

ZipEntry& entryNamed(QList<ZipEntry>& entries, const QString& name)
{
    for (ZipEntry& entry : entries) {
        if (entry.name == name)
            return entry;
    }
    throw std::runtime_error("no zip entry " + name.toStdString());
}

} // namespace mlps::testing
