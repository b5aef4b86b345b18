#include "data/ImageDecoder.h"

#include <QImage>

#include <cstring>
#include <exception>

namespace mlps {
namespace {

// QImage's format for the first bytes of `bytes`, so that QImageReader goes
// straight to the right handler instead of asking every plugin in turn; null
// lets it detect the format itself. Signatures: PNG (ISO/IEC 15948, 5.2),
// JPEG SOI marker + first marker, GIF87a/89a, BMP's "BM".
const char* formatHint(const QByteArray& bytes)
{
    const auto starts = [&](const char* magic, qsizetype size) {
        return bytes.size() >= size && std::memcmp(bytes.constData(), magic, std::size_t(size)) == 0;
    };
    if (starts("\x89PNG\r\n\x1a\n", 8))
        return "png";
    if (starts("\xff\xd8\xff", 3))
        return "jpeg";
    if (starts("GIF8", 4))
        return "gif";
    if (starts("BM", 2))
        return "bmp";
    return nullptr;
}

// ITU-R BT.601 luma with integer weights that sum to 1000, rounded: a gray
// pixel (r == g == b) keeps its value exactly.
inline std::uint8_t luminance(int r, int g, int b)
{
    return std::uint8_t((299 * r + 587 * g + 114 * b + 500) / 1000);
}

// The source's gray levels at its own size, as Format_Grayscale8; sets the
// result's kind. Null on failure.
QImage toGray(const QImage& source, DecodeResult& result)
{
    if (source.format() == QImage::Format_Grayscale8) {
        result.kind = PixelKind::Gray;
        return source;
    }
    if (source.format() == QImage::Format_Grayscale16) {
        result.kind = PixelKind::Gray;
        return source.convertToFormat(QImage::Format_Grayscale8);
    }
    // Premultiplied ARGB: each channel already multiplied by alpha, which is
    // exactly the pixel composited on a black background.
    const bool alphaChannel = source.hasAlphaChannel();
    const QImage argb =
        source.convertToFormat(alphaChannel ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    if (argb.isNull())
        return {};
    QImage gray(argb.width(), argb.height(), QImage::Format_Grayscale8);
    if (gray.isNull())
        return {};
    bool colour = false;
    bool transparent = false;
    for (int y = 0; y < argb.height(); ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        std::uint8_t* out = gray.scanLine(y);
        for (int x = 0; x < argb.width(); ++x) {
            const QRgb p = in[x];
            const int r = qRed(p);
            const int g = qGreen(p);
            const int b = qBlue(p);
            colour = colour || r != g || g != b;
            transparent = transparent || (alphaChannel && qAlpha(p) != 255);
            out[x] = luminance(r, g, b);
        }
    }
    if (colour)
        result.kind = transparent ? PixelKind::ColourAlpha : PixelKind::Colour;
    else
        result.kind = transparent ? PixelKind::GrayAlpha : PixelKind::Gray;
    return gray;
}

// Copies a gray image into `out` (width * height bytes, no row padding).
// Qt may hand back a 32-bit image from scaling; its channels are then equal.
void copyGray(const QImage& image, std::uint8_t* out)
{
    const int width = image.width();
    for (int y = 0; y < image.height(); ++y) {
        std::uint8_t* row = out + std::size_t(y) * std::size_t(width);
        if (image.format() == QImage::Format_Grayscale8) {
            std::memcpy(row, image.constScanLine(y), std::size_t(width));
        } else {
            const auto* in = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < width; ++x)
                row[x] = std::uint8_t(qGray(in[x]));
        }
    }
}

} // namespace

const char* pixelKindName(PixelKind kind)
{
    switch (kind) {
    case PixelKind::Gray: return "grayscale";
    case PixelKind::GrayAlpha: return "grayscale+alpha";
    case PixelKind::Colour: return "RGB";
    case PixelKind::ColourAlpha: return "RGBA";
    }
    return "?";
}

ImageDecoder::ImageDecoder(int width, int height, Inversion inversion)
    : m_width(width)
    , m_height(height)
    , m_inversion(inversion)
{
}

DecodeResult ImageDecoder::decode(const QByteArray& bytes, std::uint8_t* out) const
{
    DecodeResult result;
    if (bytes.isEmpty()) {
        result.reason = "zero-length file";
        return result;
    }
    if (m_width <= 0 || m_height <= 0) {
        result.reason = "invalid target size";
        return result;
    }
    try {
        // QImageReader refuses images above its allocation limit (256 MB by
        // default in Qt 6), so a bogus header cannot ask for gigabytes.
        const QImage source = QImage::fromData(bytes, formatHint(bytes));
        if (source.isNull() || source.width() <= 0 || source.height() <= 0) {
            result.reason = "not an image or truncated";
            return result;
        }
        result.sourceWidth = source.width();
        result.sourceHeight = source.height();

        QImage gray = toGray(source, result);
        if (gray.isNull()) {
            result.reason = "image too large to convert";
            return result;
        }
        if (gray.width() != m_width || gray.height() != m_height) {
            result.resized = true;
            gray = gray.scaled(m_width, m_height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            if (gray.isNull() || gray.width() != m_width || gray.height() != m_height) {
                result.reason = "image could not be scaled";
                return result;
            }
        }
        copyGray(gray, out);
    } catch (const std::exception&) {
        // std::bad_alloc from a huge image: the entry is skipped, the load goes on.
        result.reason = "image too large to convert";
        return result;
    }

    result.darkOnLight = borderMean(out, m_width, m_height) > 127.0;
    if (result.darkOnLight && m_inversion == Inversion::PerImage) {
        invert(out, std::size_t(features()));
        result.inverted = true;
    }
    result.ok = true;
    return result;
}

double ImageDecoder::borderMean(const std::uint8_t* image, int width, int height)
{
    if (width <= 0 || height <= 0)
        return 0.0;
    std::int64_t sum = 0;
    std::int64_t count = 0;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = image + std::size_t(y) * std::size_t(width);
        if (y == 0 || y == height - 1) {
            for (int x = 0; x < width; ++x)
                sum += row[x];
            count += width;
        } else {
            sum += row[0];
            ++count;
            if (width > 1) {
                sum += row[width - 1];
                ++count;
            }
        }
    }
    return double(sum) / double(count);
}

void ImageDecoder::invert(std::uint8_t* image, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i)
        image[i] = std::uint8_t(255 - image[i]);
}

} // namespace mlps
