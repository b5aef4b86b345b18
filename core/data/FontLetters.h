#pragma once

#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlps {

// What FontLetters::render draws (FontLetters::Options).
struct FontLettersOptions {
    // One class per character (UTF-8; each a single code point, no
    // repeats, no white space); labels are indexes into this string.
    std::string classes = "ABCDEFGHIJ";
    // Extra seeded variants per face and letter besides the plain image.
    int variations = 0;
    std::uint64_t seed = 1;
    // The image size rendered (LoadOptions' width/height are not used).
    int width = 28;
    int height = 28;
    // Only faces whose family name contains one of these (case-insensitive);
    // empty = every installed family.
    std::vector<std::string> families;
    // Stretch each glyph to fill the box (notMNIST's recipe). False keeps
    // the aspect ratio and centres the glyph, touching two borders only.
    bool stretch = true;
};

// The built-in "Font letters" dataset: letters rendered from every font face
// installed on the machine the way notMNIST was made. Each glyph's outline is
// taken at a large size, its bounding box is stretched (aspect ratio not kept)
// to fill the whole width x height box, and it is filled anti-aliased (exact
// area coverage per pixel), white (255) on black (0): the ink touches all four
// borders, as in ~99 % of notMNIST. Optionally each face and letter also gets
// seeded variants: shrunk to 85-100 % per axis (still centred), shifted by up
// to 2 pixels within the room that leaves, strokes up to 0.8 pixel thicker or
// 0.4 thinner per side, slanted by a shear of up to +-0.2 (sizes for 28x28,
// scaled with the image). Each variant is seeded by (seed, face, letter, k).
//
// Faces are enumerated with QFontDatabase (every family, every style; a face
// listed under two family names, or from two foundries, counts once). A face
// is skipped, and listed in the report's `unreadable` with the reason, when it
// lacks a glyph for one of the class characters, has an empty outline for
// one, or draws the same image for two different classes (symbol fonts that
// map every letter to one box); bitmap-only faces are not used. Faces whose
// plain images all equal those of a face earlier in name order (the same font
// installed twice, as TrueType and OpenType, ...) are dropped as duplicates.
// The report's first note says how many faces, families and images were used.
//
// The result depends only on the options and the installed fonts: the same
// seed and font set give identical bytes, whatever the thread count. Time
// goes mostly into Qt loading each face (its font matching costs ~1.5 ms a
// face with ~2,000 fonts installed, under a lock that Qt's font database
// holds): ~2,200 faces take 3-5 s on 2 cores.
//
// Requires a QGuiApplication (QFontDatabase does); on a machine without a
// display create it on the offscreen platform (QT_QPA_PLATFORM=offscreen).
// render() may be called from any thread once the application exists.
class FontLetters {
public:
    using Options = FontLettersOptions;

    // Changes whenever the same options and fonts would give other images
    // (for caches of rendered sets).
    static constexpr int kRenderVersion = 2;

    // Renders the dataset. Progress ("rendering", faces done of total) and
    // cancellation (LoadCancelled) come through `load`; load.threads sets the
    // rendering threads (0 = all cores). Throws DataError when there is no
    // QGuiApplication, the options are invalid, no face has every class, or
    // the images would take more than 2 GiB. Images are ordered by face, then
    // class, then variant; labels are class indexes; sample names are
    // "Family Style" and, for variants, "Family Style #k" (k = 1..variations).
    static LoadedDataset render(const Options& options, const LoadOptions& load = {});

    // The faces render() would look at ("Family Style", sorted), before any
    // glyph checks. Requires a QGuiApplication as render() does.
    static std::vector<std::string> faceNames(const Options& options = {});
};

} // namespace mlps
