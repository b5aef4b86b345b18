#include "data/DataError.h"
#include "data/FontLetters.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace mlps {
namespace {

// DejaVu comes with fontconfig on Debian; the tests use only its faces
// (a few dozen) to stay quick, and skip when it is not installed.
FontLetters::Options dejaVu()
{
    FontLetters::Options o;
    o.families = {"DejaVu"};
    return o;
}

bool haveDejaVu() { return !FontLetters::faceNames(dejaVu()).empty(); }

#define REQUIRE_DEJAVU()                                                                                          \
    do {                                                                                                          \
        if (!haveDejaVu())                                                                                        \
            GTEST_SKIP() << "no DejaVu fonts installed";                                                         \
    } while (false)

LoadOptions threads(int n)
{
    LoadOptions l;
    l.threads = n;
    return l;
}

const std::uint8_t* image(const Dataset& d, std::int64_t i) { return d.pixels.data() + i * d.features(); }

bool rowHasInk(const Dataset& d, std::int64_t i, int y, int threshold)
{
    const std::uint8_t* p = image(d, i) + y * d.width;
    return std::any_of(p, p + d.width, [&](std::uint8_t v) { return v > threshold; });
}

bool columnHasInk(const Dataset& d, std::int64_t i, int x, int threshold)
{
    for (int y = 0; y < d.height; ++y) {
        if (image(d, i)[y * d.width + x] > threshold)
            return true;
    }
    return false;
}

bool touchesAllBorders(const Dataset& d, std::int64_t i, int threshold)
{
    return rowHasInk(d, i, 0, threshold) && rowHasInk(d, i, d.height - 1, threshold) &&
           columnHasInk(d, i, 0, threshold) && columnHasInk(d, i, d.width - 1, threshold);
}

bool hasNote(const LoadReport& r, const std::string& part)
{
    return std::any_of(r.notes.begin(), r.notes.end(), [&](const std::string& n) { return n.find(part) != n.npos; });
}

TEST(FontLetters, RendersTenLettersStretchedToFillTheBox)
{
    REQUIRE_DEJAVU();
    const LoadedDataset r = FontLetters::render(dejaVu());
    const Dataset& d = r.data;
    EXPECT_EQ(d.format, "font-letters");
    EXPECT_EQ(r.report.format, "font-letters");
    EXPECT_EQ(d.width, 28);
    EXPECT_EQ(d.height, 28);
    ASSERT_EQ(d.classNames, (std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}));
    ASSERT_GT(d.count(), 0);
    ASSERT_EQ(d.count() % 10, 0);
    ASSERT_EQ(d.pixels.size(), std::size_t(d.count()) * 784u);
    ASSERT_EQ(d.sampleNames.size(), std::size_t(d.count()));

    // Face-major, then class: the ten letters of a face in order, one name.
    const std::int64_t faces = d.count() / 10;
    for (std::int64_t f = 0; f < faces; ++f) {
        for (int c = 0; c < 10; ++c) {
            EXPECT_EQ(d.labels[std::size_t(f * 10 + c)], c);
            EXPECT_EQ(d.sampleNames[std::size_t(f * 10 + c)], d.sampleNames[std::size_t(f * 10)]);
        }
        EXPECT_EQ(d.sampleNames[std::size_t(f * 10)].rfind("DejaVu", 0), 0u) << d.sampleNames[std::size_t(f * 10)];
    }
    for (const std::int64_t n : d.classCounts())
        EXPECT_EQ(n, faces);

    // notMNIST's recipe: the glyph's box stretched to the image's, so the ink
    // reaches all four borders (and anti-aliased edges are not faint).
    std::int64_t solid = 0;
    for (std::int64_t i = 0; i < d.count(); ++i) {
        EXPECT_TRUE(touchesAllBorders(d, i, 0)) << d.sampleName(i) << " " << d.classNames[std::size_t(d.labels[std::size_t(i)])];
        solid += touchesAllBorders(d, i, 63);
        EXPECT_EQ(*std::max_element(image(d, i), image(d, i) + 784), 255);
    }
    EXPECT_GE(double(solid) / double(d.count()), 0.95);

    EXPECT_TRUE(hasNote(r.report, "rendered from " + std::to_string(faces) + " font face")) << r.report.notes.front();
    EXPECT_TRUE(hasNote(r.report, std::to_string(d.count()) + " images"));
}

TEST(FontLetters, SameSeedGivesIdenticalBytesWhateverTheThreads)
{
    REQUIRE_DEJAVU();
    FontLetters::Options o = dejaVu();
    o.variations = 2;
    o.seed = 5;
    const LoadedDataset a = FontLetters::render(o, threads(1));
    const LoadedDataset b = FontLetters::render(o, threads(3));
    ASSERT_GT(a.data.count(), 0);
    EXPECT_EQ(a.data.pixels, b.data.pixels);
    EXPECT_EQ(a.data.labels, b.data.labels);
    EXPECT_EQ(a.data.sampleNames, b.data.sampleNames);
    EXPECT_EQ(a.report.notes, b.report.notes);
}

TEST(FontLetters, VariationsAreSeededAndNamed)
{
    REQUIRE_DEJAVU();
    FontLetters::Options o = dejaVu();
    o.variations = 2;
    o.seed = 5;
    const Dataset a = FontLetters::render(o).data;
    o.seed = 6;
    const Dataset b = FontLetters::render(o).data;
    ASSERT_EQ(a.count(), b.count());
    ASSERT_EQ(a.count() % 30, 0);

    // Per face and letter: the plain image, then "#1", "#2".
    const std::string face = a.sampleNames[0];
    EXPECT_EQ(a.sampleNames[1], face + " #1");
    EXPECT_EQ(a.sampleNames[2], face + " #2");
    EXPECT_EQ(a.sampleNames[3], face);
    EXPECT_EQ(a.labels[2], 0);
    EXPECT_EQ(a.labels[3], 1);

    std::int64_t plainSame = 0, variantsDiffer = 0, variantsFromPlain = 0, variants = 0;
    for (std::int64_t i = 0; i < a.count(); ++i) {
        const bool same = std::memcmp(image(a, i), image(b, i), 784) == 0;
        if (i % 3 == 0) {
            plainSame += same;
        } else {
            ++variants;
            variantsDiffer += !same;
            variantsFromPlain += std::memcmp(image(a, i), image(a, i - i % 3), 784) != 0;
        }
    }
    EXPECT_EQ(plainSame, a.count() / 3); // the seed changes the variants only
    EXPECT_EQ(variantsDiffer, variants);
    EXPECT_EQ(variantsFromPlain, variants);
    EXPECT_TRUE(hasNote(FontLetters::render(o).report, "2 seeded variants (seed 6)"));
}

TEST(FontLetters, ClassesAreConfigurable)
{
    REQUIRE_DEJAVU();
    FontLetters::Options o = dejaVu();
    o.classes = "ABC";
    o.width = 20;
    o.height = 24;
    const Dataset d = FontLetters::render(o).data;
    ASSERT_EQ(d.classes(), 3);
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"A", "B", "C"}));
    EXPECT_EQ(d.width, 20);
    EXPECT_EQ(d.height, 24);
    ASSERT_GT(d.count(), 0);
    const auto counts = d.classCounts();
    EXPECT_EQ(counts[0], d.count() / 3);
    EXPECT_EQ(counts[1], counts[0]);
    EXPECT_EQ(counts[2], counts[0]);
    for (std::int64_t i = 0; i < d.count(); ++i)
        EXPECT_TRUE(touchesAllBorders(d, i, 0));

    // Any characters, not only Latin capitals: labels follow the string.
    o.classes = "x\xC3\xA9" "7"; // "xé7"
    const Dataset e = FontLetters::render(o).data;
    EXPECT_EQ(e.classNames, (std::vector<std::string>{"x", "\xC3\xA9", "7"}));
}

TEST(FontLetters, KeepingTheAspectRatioTouchesTwoBorders)
{
    REQUIRE_DEJAVU();
    FontLetters::Options o = dejaVu();
    o.stretch = false;
    const LoadedDataset r = FontLetters::render(o);
    const Dataset& d = r.data;
    ASSERT_GT(d.count(), 0);
    std::int64_t allFour = 0;
    for (std::int64_t i = 0; i < d.count(); ++i) {
        const bool vertical = rowHasInk(d, i, 0, 0) && rowHasInk(d, i, d.height - 1, 0);
        const bool horizontal = columnHasInk(d, i, 0, 0) && columnHasInk(d, i, d.width - 1, 0);
        EXPECT_TRUE(vertical || horizontal) << d.sampleName(i);
        allFour += vertical && horizontal;
    }
    EXPECT_LT(allFour, d.count() / 2); // "I" is tall and thin, "A" about square
    EXPECT_TRUE(hasNote(r.report, "aspect ratio"));
}

TEST(FontLetters, FacesLackingAGlyphAreSkipped)
{
    REQUIRE_DEJAVU();
    FontLetters::Options o = dejaVu();
    o.classes = "AB";
    const LoadedDataset all = FontLetters::render(o);
    // U+2603 SNOWMAN: DejaVu Sans has it, DejaVu Serif does not.
    o.classes = "A\xE2\x98\x83";
    const LoadedDataset some = FontLetters::render(o);

    std::set<std::string> allFaces(all.data.sampleNames.begin(), all.data.sampleNames.end());
    std::set<std::string> someFaces(some.data.sampleNames.begin(), some.data.sampleNames.end());
    ASSERT_FALSE(someFaces.empty());
    EXPECT_LT(someFaces.size(), allFaces.size());
    for (const std::string& f : someFaces)
        EXPECT_TRUE(allFaces.count(f)) << f;
    ASSERT_FALSE(some.report.unreadable.empty());
    for (const UnreadableEntry& u : some.report.unreadable) {
        EXPECT_EQ(u.reason, "no glyph for '\xE2\x98\x83'") << u.name;
        EXPECT_FALSE(someFaces.count(u.name)) << u.name;
    }
    EXPECT_TRUE(hasNote(some.report, "lacking a glyph")) << some.report.notes.front();

    // A character no font has (plane 16 private use): nothing is left.
    o.classes = "A\xF4\x8F\xBF\xBD";
    try {
        FontLetters::render(o);
        FAIL() << "expected a DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("no installed font face has usable glyphs for every class"), std::string::npos)
            << e.what();
    }
}

TEST(FontLetters, NoMatchingFamilyIsAnError)
{
    FontLetters::Options o;
    o.families = {"No Such Font Family 3f9a"};
    EXPECT_THROW(FontLetters::render(o), DataError);
    EXPECT_TRUE(FontLetters::faceNames(o).empty());
}

TEST(FontLetters, InvalidOptionsAreErrors)
{
    auto fails = [](const FontLetters::Options& o) {
        try {
            FontLetters::render(o);
        } catch (const DataError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    FontLetters::Options o = dejaVu();
    o.classes = "A";
    EXPECT_NE(fails(o).find("at least two class characters"), std::string::npos);
    o.classes = "ABA";
    EXPECT_NE(fails(o).find("'A' is given twice"), std::string::npos);
    o.classes = "A B";
    EXPECT_NE(fails(o).find("white space"), std::string::npos);
    o.classes = "A\xFF";
    EXPECT_NE(fails(o).find("UTF-8"), std::string::npos);
    o = dejaVu();
    o.width = 0;
    EXPECT_NE(fails(o).find("image size"), std::string::npos);
    o = dejaVu();
    o.variations = -1;
    EXPECT_NE(fails(o).find("variations"), std::string::npos);
}

TEST(FontLetters, ReportsProgress)
{
    REQUIRE_DEJAVU();
    LoadOptions l;
    std::vector<LoadProgress> seen;
    l.progress = [&](const LoadProgress& p) { seen.push_back(p); };
    const LoadedDataset r = FontLetters::render(dejaVu(), l);
    ASSERT_GE(seen.size(), 2u);
    const std::int64_t total = std::int64_t(FontLetters::faceNames(dejaVu()).size());
    EXPECT_EQ(seen.front().done, 0);
    for (const LoadProgress& p : seen) {
        EXPECT_EQ(p.stage, "rendering");
        EXPECT_EQ(p.total, total);
    }
    EXPECT_EQ(seen.back().done, total);
    for (std::size_t i = 1; i < seen.size(); ++i)
        EXPECT_GE(seen[i].done, seen[i - 1].done);
}

TEST(FontLetters, CancellationThrowsLoadCancelled)
{
    REQUIRE_DEJAVU();
    std::atomic<bool> cancel{true};
    LoadOptions l;
    l.cancel = &cancel;
    EXPECT_THROW(FontLetters::render(dejaVu(), l), LoadCancelled);

    // Cancelled while rendering, from the progress callback.
    cancel = false;
    l.progress = [&](const LoadProgress&) { cancel = true; };
    EXPECT_THROW(FontLetters::render(dejaVu(), l), LoadCancelled);
}

// Every installed face, as the studio renders them at start-up: nothing in
// the machine's fonts may break it, and the recipe holds across all of them.
TEST(FontLetters, EveryInstalledFontRenders)
{
    if (FontLetters::faceNames().empty())
        GTEST_SKIP() << "no fonts installed";
    const LoadedDataset r = FontLetters::render({});
    const Dataset& d = r.data;
    ASSERT_GT(d.count(), 0);
    const auto counts = d.classCounts();
    for (const std::int64_t n : counts)
        EXPECT_EQ(n, counts[0]);
    std::int64_t touching = 0;
    for (std::int64_t i = 0; i < d.count(); ++i)
        touching += touchesAllBorders(d, i, 0);
    // notMNIST: ~99 % of its images have ink on all four borders.
    EXPECT_GE(double(touching) / double(d.count()), 0.99);
    // No two kept faces have the same ten images.
    std::set<std::string> sets;
    for (std::int64_t f = 0; f < d.count() / 10; ++f)
        sets.insert(std::string(reinterpret_cast<const char*>(image(d, f * 10)), 7840));
    EXPECT_EQ(std::int64_t(sets.size()), d.count() / 10);
    std::printf("[ info ] %s in %.1f s\n", r.report.notes.front().c_str(), r.report.seconds);
}

// Without a QGuiApplication render() must say so, not crash. With one (the
// normal run) the test starts itself again in a child process without one
// (see FontTestMain.cpp), which then does the check.
TEST(FontLetters, WithoutAGuiApplicationRenderThrowsDataError)
{
    if (QCoreApplication::instance() == nullptr) {
        try {
            FontLetters::render({});
            FAIL() << "expected a DataError";
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("QGuiApplication"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("QT_QPA_PLATFORM=offscreen"), std::string::npos) << e.what();
        }
        EXPECT_THROW(FontLetters::faceNames(), DataError);
        return;
    }
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MLPS_FONT_TESTS_NO_APP"), QStringLiteral("1"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--gtest_filter=FontLetters.WithoutAGuiApplicationRenderThrowsDataError")});
    ASSERT_TRUE(child.waitForFinished(60000));
    const QString output = QString::fromLocal8Bit(child.readAll());
    EXPECT_EQ(child.exitStatus(), QProcess::NormalExit) << output.toStdString();
    EXPECT_EQ(child.exitCode(), 0) << output.toStdString();
    EXPECT_TRUE(output.contains(QStringLiteral("[  PASSED  ] 1 test"))) << output.toStdString();
}

} // namespace
} // namespace mlps
