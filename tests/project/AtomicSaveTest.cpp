// A save that fails at any point leaves the old file exactly as it was.
#include "ProjectSamples.h"

#include "project/ProjectError.h"
#include "project/ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace mlps;
using namespace mlps::testing;

namespace {

struct SimulatedCrash {};

class AtomicSave : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("lab.mlpstudio"));
        Project old = sampleProject();
        old.runs.resize(1);
        ProjectFile::save(old, m_path);
        m_old = readAll(m_path);
        m_new = sampleProject();
        m_new.runs[0].name = "changed";
    }

    void expectOldFileIntact()
    {
        EXPECT_EQ(readAll(m_path), m_old);
        EXPECT_EQ(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
                  QStringList{QStringLiteral("lab.mlpstudio")});
    }

    // The total number of bytes a save of m_new reports.
    std::int64_t totalBytes()
    {
        QTemporaryDir other;
        std::int64_t total = 0;
        ProjectFile::save(m_new, other.filePath(QStringLiteral("x.mlpstudio")), [&](std::int64_t, std::int64_t all) {
            total = all;
            return true;
        });
        return total;
    }

    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_old;
    Project m_new;
};

} // namespace

TEST_F(AtomicSave, CancelledAtAnyPointKeepsTheOldFile)
{
    const std::int64_t total = totalBytes();
    ASSERT_GT(total, 100000);
    for (const std::int64_t failAt : {std::int64_t(1), total / 3, total - 1}) {
        SCOPED_TRACE(failAt);
        try {
            ProjectFile::save(m_new, m_path, [&](std::int64_t done, std::int64_t) { return done < failAt; });
            ADD_FAILURE() << "no exception";
        } catch (const ProjectError& e) {
            EXPECT_EQ(e.problem(), "saving was cancelled");
            EXPECT_EQ(e.path(), m_path.toStdString());
        }
        expectOldFileIntact();
    }
}

TEST_F(AtomicSave, CrashInTheMiddleKeepsTheOldFile)
{
    const std::int64_t total = totalBytes();
    // An exception out of the writer's callback stands for a crash while writing.
    EXPECT_THROW(ProjectFile::save(m_new, m_path,
                                   [&](std::int64_t done, std::int64_t) -> bool {
                                       if (done > total / 2)
                                           throw SimulatedCrash{};
                                       return true;
                                   }),
                 SimulatedCrash);
    expectOldFileIntact();
    // And the next save goes through.
    ProjectFile::save(m_new, m_path);
    EXPECT_EQ(ProjectFile::load(m_path).runs[0].name, "changed");
}

TEST_F(AtomicSave, ProgressGrowsToTheTotal)
{
    std::int64_t last = 0;
    std::int64_t total = 0;
    int calls = 0;
    ProjectFile::save(m_new, m_path, [&](std::int64_t done, std::int64_t all) {
        EXPECT_GE(done, last);
        last = done;
        total = all;
        ++calls;
        return true;
    });
    EXPECT_EQ(last, total);
    EXPECT_GT(calls, 10);
}

TEST_F(AtomicSave, ProjectThatCouldNotBeReadBackIsNotWritten)
{
    m_new.runs[1].parameters.resize(17);
    try {
        ProjectFile::save(m_new, m_path);
        ADD_FAILURE() << "no exception";
    } catch (const ProjectError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot save: runs[1]: 17 parameters for a network of"), std::string::npos)
            << e.what();
    }
    m_new = sampleProject();
    m_new.runs[0].test->probabilities.resize(9, 500);
    EXPECT_THROW(ProjectFile::save(m_new, m_path), ProjectError);
    m_new = sampleProject();
    m_new.runs[0].config.epochs = 0;
    EXPECT_THROW(ProjectFile::save(m_new, m_path), ProjectError);
    expectOldFileIntact();
}

TEST_F(AtomicSave, UnwritablePlaceIsReported)
{
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/lab.mlpstudio"));
    try {
        ProjectFile::save(m_new, path);
        ADD_FAILURE() << "no exception";
    } catch (const ProjectError& e) {
        EXPECT_EQ(e.path(), path.toStdString());
        EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
    }
    expectOldFileIntact();
}
