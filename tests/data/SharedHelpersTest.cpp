// The internal helpers the readers and writers share: PartFile, TextCase, MessageText.
#include "data/DataError.h"
#include "data/MessageText.h"
#include "data/PartFile.h"
#include "data/TextCase.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace mlps {
namespace {

namespace fs = std::filesystem;

class PartFileTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("mlps_partfile_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                              "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    static std::string contents(const std::string& file)
    {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path m_dir;
};

TEST_F(PartFileTest, CommitRenamesThePartFile)
{
    const std::string target = path("out.bin");
    {
        PartFile part(target);
        EXPECT_EQ(part.partPath(), target + ".part");
        part.open();
        EXPECT_TRUE(fs::exists(target + ".part"));
        EXPECT_FALSE(fs::exists(target));
        EXPECT_TRUE(part.write("abc", 3));
        EXPECT_TRUE(part.write("", 0));
        part.commit();
    }
    EXPECT_EQ(contents(target), "abc");
    EXPECT_FALSE(fs::exists(target + ".part"));
}

TEST_F(PartFileTest, UncommittedFileIsRemoved)
{
    const std::string target = path("out.bin");
    {
        PartFile part(target);
        part.open();
        part.write("abc", 3);
    }
    EXPECT_FALSE(fs::exists(target));
    EXPECT_FALSE(fs::exists(target + ".part"));
}

TEST_F(PartFileTest, UncommittedFileLeavesAnOldFileAlone)
{
    const std::string target = path("out.bin");
    std::ofstream(target) << "old";
    {
        PartFile part(target);
        part.open();
        part.write("new", 3);
    }
    EXPECT_EQ(contents(target), "old");
}

TEST_F(PartFileTest, FailuresNameTheFinalFile)
{
    const std::string target = path("missing/out.bin");
    PartFile part(target);
    try {
        part.open();
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.path(), target);
        EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
    }
    try {
        part.commit(); // nothing was written: the rename fails
        FAIL() << "no DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.path(), target);
    }
}

TEST_F(PartFileTest, WriteWholeFile)
{
    const std::string target = path("whole.bin");
    writeWholeFile(target, "head", 4, "body", 4);
    EXPECT_EQ(contents(target), "headbody");
    EXPECT_FALSE(fs::exists(target + ".part"));
}

TEST(TextCaseTest, Lowercase)
{
    EXPECT_EQ(lowercase("Train-IMAGES.Idx3"), "train-images.idx3");
    EXPECT_EQ(lowercase(""), "");
}

TEST(TextCaseTest, ReplaceLastKeepingCase)
{
    std::string text = "images/Train-Images";
    EXPECT_TRUE(replaceLastKeepingCase(text, "images", "labels"));
    EXPECT_EQ(text, "images/Train-Labels");
    text = "X_IMAGES";
    EXPECT_TRUE(replaceLastKeepingCase(text, "images", "labels"));
    EXPECT_EQ(text, "X_LABELS");
    text = "nothing";
    EXPECT_FALSE(replaceLastKeepingCase(text, "images", "labels"));
    EXPECT_EQ(text, "nothing");
}

TEST(MessageTextTest, WithSeparators)
{
    EXPECT_EQ(withSeparators(std::uint64_t(0)), "0");
    EXPECT_EQ(withSeparators(std::uint64_t(999)), "999");
    EXPECT_EQ(withSeparators(std::uint64_t(60000)), "60,000");
    EXPECT_EQ(withSeparators(std::int64_t(-1234567)), "-1,234,567");
    EXPECT_EQ(withSeparators(1000), "1,000");
    EXPECT_EQ(tooFewClasses("3"), "every label is 3: a classifier needs at least 2 classes");
}

} // namespace
} // namespace mlps
