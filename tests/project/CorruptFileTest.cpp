// Damaged or foreign files give a clear message and open nothing half-way.
#include "ProjectSamples.h"
#include "ZipEntries.h"

#include "project/NpyArray.h"
#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

using namespace mlps;
using namespace mlps::testing;

namespace {

class CorruptFile : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_good = m_dir.filePath(QStringLiteral("good.mlpstudio"));
        m_bad = m_dir.filePath(QStringLiteral("bad.mlpstudio"));
        ProjectFile::save(sampleProject(), m_good);
        m_entries = readZip(m_good);
    }

    // The message load() gives for m_bad (empty when it loads).
    std::string loadError()
    {
        try {
            ProjectFile::load(m_bad);
        } catch (const ProjectError& e) {
            EXPECT_EQ(e.path(), m_bad.toStdString());
            return e.problem();
        }
        return {};
    }

    // m_bad made of the good file's entries after `change`.
    void writeBad(const std::function<void(QList<ZipEntry>&)>& change)
    {
        QList<ZipEntry> entries = m_entries;
        change(entries);
        writeZip(m_bad, entries);
    }

    // m_bad with project.json changed by `change`.
    void writeBadJson(const std::function<void(QJsonObject&)>& change)
    {
        writeBad([&](QList<ZipEntry>& entries) {
            ZipEntry& json = entryNamed(entries, QStringLiteral("project.json"));
            QJsonObject object = QJsonDocument::fromJson(json.bytes).object();
            change(object);
            json.bytes = QJsonDocument(object).toJson();
        });
    }

    QTemporaryDir m_dir;
    QString m_good;
    QString m_bad;
    QList<ZipEntry> m_entries;
};

// Sets json[a][i][b]... one level of an array of objects at a time.
void setRunValue(QJsonObject& json, int run, const QStringList& keys, const QJsonValue& value)
{
    QJsonArray runs = json[QStringLiteral("runs")].toArray();
    std::function<QJsonObject(QJsonObject, int)> set = [&](QJsonObject object, int at) {
        if (at == keys.size() - 1)
            object[keys[at]] = value;
        else
            object[keys[at]] = set(object[keys[at]].toObject(), at + 1);
        return object;
    };
    runs[run] = set(runs[run].toObject(), 0);
    json[QStringLiteral("runs")] = runs;
}

QByteArray npy(const std::string& descr, const std::vector<std::int64_t>& shape, std::size_t itemBytes)
{
    std::int64_t n = 1;
    for (const std::int64_t d : shape)
        n *= d;
    return NpyArray::header(descr, shape) + QByteArray(qsizetype(std::size_t(n) * itemBytes), '\0');
}

} // namespace

TEST_F(CorruptFile, GoodFileLoads)
{
    writeBad([](QList<ZipEntry>&) {});
    EXPECT_EQ(loadError(), "");
}

TEST_F(CorruptFile, Missing)
{
    EXPECT_EQ(loadError(), "not found");
}

TEST_F(CorruptFile, NotAZip)
{
    writeAll(m_bad, QByteArrayLiteral("{\"formatVersion\": 1}\n"));
    EXPECT_EQ(loadError(), "not an MLP Studio project (not a zip file)");
    writeAll(m_bad, QByteArray());
    EXPECT_EQ(loadError(), "not an MLP Studio project (not a zip file)");
}

TEST_F(CorruptFile, TruncatedZip)
{
    const QByteArray good = readAll(m_good);
    for (const qsizetype size : {qsizetype(40), good.size() / 2, good.size() - 10}) {
        SCOPED_TRACE(size);
        writeAll(m_bad, good.left(size));
        EXPECT_EQ(loadError().rfind("damaged or truncated zip file (zip error", 0), 0u) << loadError();
    }
}

TEST_F(CorruptFile, DamagedEntryData)
{
    // A flipped byte inside the (stored) mimetype fails its CRC.
    QByteArray bytes = readAll(m_good);
    bytes[40] = 'X';
    writeAll(m_bad, bytes);
    EXPECT_EQ(loadError().rfind("damaged entry 'mimetype' (zip error", 0), 0u) << loadError();
}

TEST_F(CorruptFile, OrdinaryZip)
{
    writeZip(m_bad, {{QStringLiteral("readme.txt"), QByteArrayLiteral("hello"), true}});
    EXPECT_EQ(loadError(), "not an MLP Studio project (a zip without a stored 'mimetype' entry first)");
    // mimetype present but compressed, or not first.
    writeBad([](QList<ZipEntry>& entries) { entries[0].compressed = true; });
    EXPECT_EQ(loadError(), "not an MLP Studio project (a zip without a stored 'mimetype' entry first)");
    writeBad([](QList<ZipEntry>& entries) { entries.swapItemsAt(0, 1); });
    EXPECT_EQ(loadError(), "not an MLP Studio project (a zip without a stored 'mimetype' entry first)");
}

TEST_F(CorruptFile, WrongMimetype)
{
    writeBad([](QList<ZipEntry>& entries) { entries[0].bytes = QByteArrayLiteral("application/epub+zip"); });
    EXPECT_EQ(loadError(), "not an MLP Studio project (its mimetype is 'application/epub+zip', not "
                           "'application/x-mlpstudio')");
}

TEST_F(CorruptFile, MissingProjectJson)
{
    writeBad([](QList<ZipEntry>& entries) { entries.removeAt(1); });
    EXPECT_EQ(loadError(), "damaged project: no project.json entry");
}

TEST_F(CorruptFile, BadJson)
{
    writeBad([](QList<ZipEntry>& entries) { entries[1].bytes.chop(20); });
    EXPECT_EQ(loadError().rfind("project.json: invalid JSON at byte ", 0), 0u) << loadError();
    writeBad([](QList<ZipEntry>& entries) { entries[1].bytes = QByteArrayLiteral("[1, 2]"); });
    EXPECT_EQ(loadError(), "project.json: expected a JSON object");
}

TEST_F(CorruptFile, NewerFormatVersion)
{
    writeBadJson([](QJsonObject& json) { json[QStringLiteral("formatVersion")] = 3; });
    EXPECT_EQ(loadError(), "made by a newer MLP Studio (format 3; this one reads up to 1)");
    writeBadJson([](QJsonObject& json) { json[QStringLiteral("formatVersion")] = 0; });
    EXPECT_EQ(loadError(), "project.json: formatVersion: out of range: 0 (allowed 1 to 2147483647)");
}

TEST_F(CorruptFile, UnknownEnumName)
{
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 2, {QStringLiteral("config"), QStringLiteral("optimizer"), QStringLiteral("kind")},
                    QStringLiteral("foo"));
    });
    EXPECT_EQ(loadError(), "project.json: runs[2].config.optimizer.kind: unknown optimizer 'foo' "
                           "(known: sgd, momentum, nesterov, adam, rmsprop)");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 0, {QStringLiteral("config"), QStringLiteral("schedule"), QStringLiteral("kind")},
                    QStringLiteral("linear"));
    });
    EXPECT_EQ(loadError(), "project.json: runs[0].config.schedule.kind: unknown schedule 'linear' "
                           "(known: constant, inverse-time, step, exponential, cosine, plateau)");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 1, {QStringLiteral("status")}, QStringLiteral("paused"));
    });
    EXPECT_EQ(loadError(), "project.json: runs[1].status: unknown run status 'paused' "
                           "(known: finished, stopped, diverged, failed)");
}

TEST_F(CorruptFile, WrongValueTypesMissingKeysAndRanges)
{
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 1, {QStringLiteral("config"), QStringLiteral("epochs")}, QStringLiteral("ten"));
    });
    EXPECT_EQ(loadError(), "project.json: runs[1].config.epochs: expected an integer, found a string");
    writeBadJson([](QJsonObject& json) {
        QJsonObject training = json[QStringLiteral("training")].toObject();
        training.remove(QStringLiteral("batchSize"));
        json[QStringLiteral("training")] = training;
    });
    EXPECT_EQ(loadError(), "project.json: training.batchSize: missing");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 0, {QStringLiteral("config"), QStringLiteral("batchSize")}, 0);
    });
    EXPECT_EQ(loadError(), "project.json: runs[0].config.batchSize: out of range: 0 (allowed 1 to 2147483647)");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 1, {QStringLiteral("config"), QStringLiteral("optimizer"), QStringLiteral("momentum")}, 1.5);
    });
    EXPECT_EQ(loadError(), "project.json: runs[1].config.optimizer: momentum must be in [0, 1), got 1.500000");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 0, {QStringLiteral("config"), QStringLiteral("seed")}, 12);
    });
    EXPECT_EQ(loadError(),
              "project.json: runs[0].config.seed: expected a decimal string (a 64-bit integer), found a number");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 0, {QStringLiteral("config"), QStringLiteral("augment")}, QStringLiteral("twist=3"));
    });
    EXPECT_EQ(loadError().rfind("project.json: runs[0].config.augment: augmentation: ", 0), 0u) << loadError();
}

TEST_F(CorruptFile, MissingRunEntry)
{
    writeBad([](QList<ZipEntry>& entries) {
        entries.removeIf([](const ZipEntry& e) { return e.name == QStringLiteral("runs/1/parameters.npy"); });
    });
    EXPECT_EQ(loadError(), "damaged project: no runs/1/parameters.npy entry");
}

TEST_F(CorruptFile, WrongArrayShape)
{
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/test_probabilities.npy")).bytes = npy("<f4", {500, 9}, 4);
    });
    EXPECT_EQ(loadError(), "runs/0/test_probabilities.npy: expected float32 (500, 10), found float32 (500, 9)");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/parameters.npy")).bytes = npy("<f4", {100}, 4);
    });
    EXPECT_EQ(loadError().rfind("runs/0/parameters.npy: expected float32 (", 0), 0u) << loadError();
    EXPECT_NE(loadError().find(",), found float32 (100,)"), std::string::npos) << loadError();
}

TEST_F(CorruptFile, BatchLosses)
{
    // Run 0 keeps 71 batch points (141 steps in buckets of 2).
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/batch_losses.npy")).bytes = npy("<f4", {70}, 4);
    });
    EXPECT_EQ(loadError(), "runs/0/batch_losses.npy: expected float32 (71,), found float32 (70,)");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/batch_losses.npy")).bytes = npy("<f4", {71, 2}, 4);
    });
    EXPECT_EQ(loadError(), "runs/0/batch_losses.npy: expected float32 (71,), found float32 (71, 2)");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/batch_steps.npy")).bytes = npy("<f8", {71}, 8);
    });
    EXPECT_EQ(loadError(), "runs/0/batch_steps.npy: expected int64 (71,), found float64 (71,)");
    writeBad([](QList<ZipEntry>& entries) {
        entries.removeIf([](const ZipEntry& e) { return e.name == QStringLiteral("runs/0/batch_steps.npy"); });
    });
    EXPECT_EQ(loadError(), "damaged project: no runs/0/batch_steps.npy entry");
    // Steps that do not rise: zeros where steps 2, 4, ... were.
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/batch_steps.npy")).bytes = npy("<i8", {71}, 8);
    });
    EXPECT_EQ(loadError(), "runs/0/batch_steps.npy: step 0 at position 0 does not come after step 0");
    writeBadJson([](QJsonObject& json) { setRunValue(json, 0, {QStringLiteral("batchCount")}, -1); });
    EXPECT_EQ(loadError(), "project.json: runs[0].batchCount: out of range: -1 (allowed 0 to 9007199254740992)");
    // Made before batch losses were kept: no count, no entries; the run loads without them.
    writeBad([](QList<ZipEntry>& entries) {
        entries.removeIf([](const ZipEntry& e) { return e.name.contains(QStringLiteral("/batch_")); });
        ZipEntry& json = entryNamed(entries, QStringLiteral("project.json"));
        QJsonObject object = QJsonDocument::fromJson(json.bytes).object();
        QJsonArray runs = object[QStringLiteral("runs")].toArray();
        for (qsizetype k = 0; k < runs.size(); ++k) {
            QJsonObject run = runs[k].toObject();
            run.remove(QStringLiteral("batchCount"));
            runs[k] = run;
        }
        object[QStringLiteral("runs")] = runs;
        json.bytes = QJsonDocument(object).toJson();
    });
    EXPECT_EQ(loadError(), "");
    const Project old = ProjectFile::load(m_bad);
    for (const StoredRun& run : old.runs) {
        EXPECT_TRUE(run.batchSteps.empty());
        EXPECT_TRUE(run.batchLosses.empty());
    }
}

TEST_F(CorruptFile, WrongArrayDtype)
{
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/test_probabilities.npy")).bytes = npy("<f8", {500, 10}, 8);
    });
    EXPECT_EQ(loadError(), "runs/0/test_probabilities.npy: expected float32 (500, 10), found float64 (500, 10)");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/1/test_indices.npy")).bytes = npy("<i4", {300}, 4);
    });
    EXPECT_EQ(loadError(), "runs/1/test_indices.npy: expected int64 (300,), found int32 (300,)");
}

TEST_F(CorruptFile, NotAnArrayOrShortData)
{
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/test_predicted.npy")).bytes = QByteArrayLiteral("1,2,3");
    });
    EXPECT_EQ(loadError(), "runs/0/test_predicted.npy: not a NumPy .npy array");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/0/test_predicted.npy")).bytes.chop(4);
    });
    EXPECT_EQ(loadError(), "runs/0/test_predicted.npy: truncated .npy data: 1996 of 2000 bytes");
}

TEST_F(CorruptFile, ValuesOutOfRange)
{
    writeBad([](QList<ZipEntry>& entries) {
        QByteArray& bytes = entryNamed(entries, QStringLiteral("runs/0/test_true_labels.npy")).bytes;
        bytes[bytes.size() - 4] = 10; // the last label: class 10 of 0..9
    });
    EXPECT_EQ(loadError(), "runs/0/test_true_labels.npy: label 10 at position 499 is out of range (0 to 9)");
    writeBad([](QList<ZipEntry>& entries) {
        QByteArray& bytes = entryNamed(entries, QStringLiteral("runs/0/train_indices.npy")).bytes;
        bytes[bytes.size() - 1] = char(0x80); // negative
    });
    EXPECT_EQ(loadError().rfind("runs/0/train_indices.npy: index -", 0), 0u) << loadError();
}

TEST_F(CorruptFile, DamagedCheckpoint)
{
    // Run 3 of the sample project was stopped mid-run and keeps a checkpoint.
    writeBad([](QList<ZipEntry>& entries) {
        entries.removeIf([](const ZipEntry& e) { return e.name == QStringLiteral("runs/3/checkpoint/member_1_v.npy"); });
    });
    EXPECT_EQ(loadError(), "damaged project: no runs/3/checkpoint/member_1_v.npy entry");
    writeBad([](QList<ZipEntry>& entries) {
        entryNamed(entries, QStringLiteral("runs/3/checkpoint/order.npy")).bytes = npy("<i8", {5}, 8);
    });
    EXPECT_EQ(loadError(), "runs/3/checkpoint/order.npy: expected int64 (3040,), found int64 (5,)");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 3, {QStringLiteral("checkpoint"), QStringLiteral("members")}, QJsonArray{});
    });
    EXPECT_EQ(loadError(), "project.json: runs[3].checkpoint.members: expected 2 networks (the run's ensemble), found 0");
    writeBadJson([](QJsonObject& json) {
        QJsonArray runs = json[QStringLiteral("runs")].toArray();
        QJsonObject run = runs[3].toObject();
        QJsonObject checkpoint = run[QStringLiteral("checkpoint")].toObject();
        QJsonArray members = checkpoint[QStringLiteral("members")].toArray();
        QJsonObject first = members[0].toObject();
        first[QStringLiteral("optimizerState")] = QJsonArray{QStringLiteral("velocity")};
        members[0] = first;
        checkpoint[QStringLiteral("members")] = members;
        run[QStringLiteral("checkpoint")] = checkpoint;
        runs[3] = run;
        json[QStringLiteral("runs")] = runs;
    });
    EXPECT_EQ(loadError(), "project.json: runs[3].checkpoint.members[0].optimizerState: does not match the run's "
                           "optimizer adam (expected: m, v)");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 3, {QStringLiteral("checkpoint"), QStringLiteral("shuffle"), QStringLiteral("words")},
                    QJsonArray{QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0")});
    });
    EXPECT_EQ(loadError(), "project.json: runs[3].checkpoint.shuffle.words: the generator's state cannot be all zero");
    writeBadJson([](QJsonObject& json) {
        setRunValue(json, 3, {QStringLiteral("checkpoint"), QStringLiteral("step")}, QStringLiteral("many"));
    });
    EXPECT_EQ(loadError(), "project.json: runs[3].checkpoint.step: expected an integer, found a string");
}
