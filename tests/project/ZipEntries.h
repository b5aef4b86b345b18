#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

// Reading and rewriting a zip's entries, for tests that damage a project file.
namespace mlps::testing {

struct ZipEntry {
    QString name;
    QByteArray bytes;
    bool compressed = true;
};

QList<ZipEntry> readZip(const QString& path);
// Writes the entries in order (throws std::runtime_error on failure).
void writeZip(const QString& path, const QList<ZipEntry>& entries);
// The entry called `name` (throws when there is none).
ZipEntry& entryNamed(QList<ZipEntry>& entries, const QString& name);

} // namespace mlps::testing
