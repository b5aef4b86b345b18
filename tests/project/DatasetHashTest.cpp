#include "project/DatasetCheck.h"
#include "project/DatasetHash.h"
#include "project/ProjectError.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace mlps;

namespace {

void write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

TEST(DatasetHash, FileIsTheSha256OfItsBytes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("abc.csv"));
    write(path, "abc");
    // FIPS 180-2's example: SHA-256("abc").
    EXPECT_EQ(DatasetHash::sha256Of(path.toStdString()),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DatasetHash, FolderIsTheSha256OfItsSortedListing)
{
    QTemporaryDir dir;
    const QDir root(dir.path());
    ASSERT_TRUE(root.mkpath(QStringLiteral("data/B")) && root.mkpath(QStringLiteral("data/A")));
    write(dir.filePath(QStringLiteral("data/B/y.png")), "12345");
    write(dir.filePath(QStringLiteral("data/A/x.png")), "123");
    const std::string folder = dir.filePath(QStringLiteral("data")).toStdString();
    // hashlib.sha256(b"A/x.png\t3\nB/y.png\t5\n").hexdigest()
    EXPECT_EQ(DatasetHash::sha256Of(folder), "f2606adb3bd8d914af8492b8429b41c4cc26f36c3b31ea489695a5ccbe588ef2");
    // A copy elsewhere has the same hash; a resized file does not.
    ASSERT_TRUE(root.mkpath(QStringLiteral("copy/A")) && root.mkpath(QStringLiteral("copy/B")));
    write(dir.filePath(QStringLiteral("copy/A/x.png")), "abc");
    write(dir.filePath(QStringLiteral("copy/B/y.png")), "abcde");
    EXPECT_EQ(DatasetHash::sha256Of(dir.filePath(QStringLiteral("copy")).toStdString()), DatasetHash::sha256Of(folder));
    write(dir.filePath(QStringLiteral("copy/B/y.png")), "abcdef");
    EXPECT_NE(DatasetHash::sha256Of(dir.filePath(QStringLiteral("copy")).toStdString()), DatasetHash::sha256Of(folder));
}

TEST(DatasetHash, BuiltInAndMissing)
{
    EXPECT_EQ(DatasetHash::sha256Of("builtin:font-letters"), "");
    EXPECT_THROW(DatasetHash::sha256Of("/no/such/file.npz"), ProjectError);
}

TEST(DatasetCheck, SameMovedChanged)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("d.npz"));
    write(path, "abc");
    DatasetReference reference;
    reference.path = path.toStdString();
    reference.sha256 = DatasetHash::sha256Of(reference.path);

    EXPECT_EQ(checkDataset(reference).state, DatasetState::Same);
    // Moved: missing at the old place, the same at the new one the user names.
    const QString moved = dir.filePath(QStringLiteral("moved.npz"));
    ASSERT_TRUE(QFile::rename(path, moved));
    const DatasetCheck missing = checkDataset(reference);
    EXPECT_EQ(missing.state, DatasetState::Missing);
    EXPECT_NE(missing.message.find("not there any more"), std::string::npos);
    EXPECT_EQ(checkDataset(reference, moved.toStdString()).state, DatasetState::Same);
    // Other content there: reported, with both hashes' beginnings.
    write(moved, "abd");
    const DatasetCheck changed = checkDataset(reference, moved.toStdString());
    EXPECT_EQ(changed.state, DatasetState::Changed);
    EXPECT_NE(changed.message.find("expected ba7816bf8f01"), std::string::npos) << changed.message;

    DatasetReference builtIn;
    builtIn.path = "builtin:font-letters";
    EXPECT_EQ(checkDataset(builtIn).state, DatasetState::Same);
}
