#include "project/DatasetHash.h"

#include "project/ProjectError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace mlps {

std::string DatasetHash::sha256Of(const std::string& path)
{
    if (path.rfind("builtin:", 0) == 0)
        return {};
    const QString name = QString::fromStdString(path);
    const QFileInfo info(name);
    if (!info.exists())
        throw ProjectError(path, "not found");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (info.isDir()) {
        QStringList lines;
        const QDir root(name);
        QDirIterator it(name, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo file = it.nextFileInfo();
            lines.append(root.relativeFilePath(file.filePath()) + QLatin1Char('\t') + QString::number(file.size()));
        }
        lines.sort();
        for (const QString& line : lines)
            hash.addData(QByteArray(line.toUtf8() + '\n'));
    } else {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            throw ProjectError(path, "cannot read: " + file.errorString().toStdString());
        if (!hash.addData(&file))
            throw ProjectError(path, "cannot read: " + file.errorString().toStdString());
    }
    return hash.result().toHex().toStdString();
}

} // namespace mlps
