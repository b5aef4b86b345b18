#pragma once

#include <QByteArray>

#include <cstdint>
#include <string>

namespace mlps {

// How an image was stored before it was converted.
enum class PixelKind : std::uint8_t {
    Gray,        // gray levels only (gray PNG, or RGB whose pixels are all gray)
    GrayAlpha,   // gray with some transparent pixels
    Colour,      // at least one pixel not gray
    ColourAlpha, // colour with some transparent pixels
};

// "grayscale", "grayscale+alpha", "RGB", "RGBA", as a conversion summary names them.
const char* pixelKindName(PixelKind kind);

// What ImageDecoder::decode found and did.
struct DecodeResult {
    bool ok = false;
    std::string reason;          // why not, when !ok: "zero-length file", "not an image or truncated"
    int sourceWidth = 0;
    int sourceHeight = 0;
    PixelKind kind = PixelKind::Gray;
    bool resized = false;        // the source was not width x height
    bool darkOnLight = false;    // the border pixels' mean (after conversion) is above 127
    bool inverted = false;       // the pixels were inverted (see ImageDecoder::Inversion)
    // True when the pixels differ from a plain copy of the source's gray levels.
    bool converted() const { return resized || kind != PixelKind::Gray || inverted; }
};

// Decodes one encoded image (PNG, and every other format QImage reads: BMP,
// PPM/PGM, GIF, JPEG, ...) into width x height uint8 grayscale, white ink on
// black, the way notMNIST's glyphs are stored:
//  - colour becomes gray by luminance, ITU-R BT.601 weights (0.299 R +
//    0.587 G + 0.114 B, as PIL's convert("L"), with which notMNIST-style data
//    is usually made); gray pixels keep their exact value;
//  - transparent pixels are composited on black (the background of the result);
//  - an image of another size is scaled to fill width x height, aspect ratio
//    not kept, like notMNIST's glyphs stretched to fill their 28x28 box
//    (Qt's smooth scaling: area average down, bilinear up);
//  - with Inversion::PerImage, a dark-on-light image (mean of the border pixels
//    > 127) is inverted. Note that about a fifth of real notMNIST glyphs have a
//    bright border (their ink touches the box's edges; a stretched "I" is a
//    white block), so a collection of them must not be judged image by image:
//    ImageCollector decides for groups of images instead (Inversion::Never).
// Thread-safe: one decoder may be used from several threads at once (QImage
// is reentrant and the decoder holds no mutable state). Garbage, truncated or
// empty data gives ok == false with a reason, never a crash.
class ImageDecoder {
public:
    enum class Inversion { PerImage, Never };

    ImageDecoder(int width, int height, Inversion inversion = Inversion::PerImage);

    int width() const { return m_width; }
    int height() const { return m_height; }
    int features() const { return m_width * m_height; }

    // Writes width * height bytes to `out` when the result is ok (and leaves
    // them untouched otherwise).
    DecodeResult decode(const QByteArray& bytes, std::uint8_t* out) const;

    // Mean of the border pixels (each counted once) of a width x height image.
    static double borderMean(const std::uint8_t* image, int width, int height);
    static void invert(std::uint8_t* image, std::size_t count);

private:
    int m_width;
    int m_height;
    Inversion m_inversion;
};

} // namespace mlps
