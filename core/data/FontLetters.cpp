#include "data/FontLetters.h"

#include "data/DataError.h"
#include "nn/Rng.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QPointF>
#include <QRectF>
#include <QRawFont>
#include <QString>
#include <QStringList>
#include <QTransform>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

namespace mlps {
namespace {

using Clock = std::chrono::steady_clock;

// Outlines are taken at this pixel size: large enough that rounding inside the
// font engine is far below a pixel of a 28x28 image.
constexpr int kOutlinePixels = 256;
// A bounding box thinner than this share of the outline size is "empty": a
// glyph with no ink, or a line standing in for a missing letter.
constexpr double kDegenerateShare = 0.005;
// Limits on the options, so that a typo cannot ask for gigabytes.
constexpr int kMaxSide = 1024;
constexpr int kMaxVariations = 1000;
constexpr std::size_t kMaxClasses = 1000;
// All images of all faces (an upper bound, before skipping); twice this is
// held for a moment while the dataset is put together.
constexpr double kMaxBytes = 2.0 * (1 << 30);

// Seeded variations: drawn uniformly within these ranges.
constexpr float kMinScale = 0.85f;     // shrink to 85-100 % of the box, per axis
constexpr float kMaxShift = 2.0f;      // pixels (of a 28-pixel box), within the margin left by shrinking
constexpr float kMinWeight = -0.4f;    // pixels (of a 28-pixel box) taken off (< 0) ...
constexpr float kMaxWeight = 0.8f;     // ... or added to every side of the strokes
constexpr float kMaxShear = 0.2f;      // horizontal shear: x += shear * height above the baseline
constexpr double kMinInkKept = 0.6;    // thinning may take away at most 40 % of the ink

const std::string kFormat = "font-letters";

struct Face {
    QString family;
    QString style;
    std::string name; // "Family Style"
};

// How one glyph is placed: the plain image has the defaults.
struct Variant {
    double scaleX = 1.0;
    double scaleY = 1.0;
    double shiftX = 0.0;
    double shiftY = 0.0;
    double weight = 0.0; // pixels added to (or, < 0, taken from) each side of the strokes
    double shear = 0.0;
};

enum class FaceStatus { Ok, NotLoaded, MissingGlyph, EmptyOutline, SameShape };

struct FaceResult {
    FaceStatus status = FaceStatus::NotLoaded;
    std::string reason;
    // classes x (1 + variations) images, class-major, the plain image first.
    std::vector<std::uint8_t> images;
};

[[noreturn]] void fail(const std::string& problem) { throw DataError({}, "font letters: " + problem); }

std::string withThousands(std::int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const int n = int(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0)
            out += ',';
        out += digits[std::size_t(i)];
    }
    return value < 0 ? "-" + out : out;
}

std::string plural(std::int64_t count, const std::string& one, const std::string& many)
{
    return withThousands(count) + " " + (count == 1 ? one : many);
}

std::string utf8(char32_t c) { return QString::fromUcs4(&c, 1).toStdString(); }

// FNV-1a, 64 bits: a stable hash of names (std::hash may differ between builds).
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h = 0xcbf29ce484222325ull)
{
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

std::vector<char32_t> parseClasses(const std::string& classes)
{
    const QString text = QString::fromUtf8(classes.data(), qsizetype(classes.size()));
    if (text.toStdString() != classes)
        fail("the class characters are not valid UTF-8");
    std::vector<char32_t> out;
    for (const char32_t c : text.toUcs4()) {
        const QChar::Category category = QChar::category(c);
        if (QChar::isSpace(c) || category == QChar::Other_Control || category == QChar::Other_Format ||
            category == QChar::Other_Surrogate)
            fail("the class characters may not include white space or control characters");
        if (std::find(out.begin(), out.end(), c) != out.end())
            fail("the class character '" + utf8(c) + "' is given twice");
        out.push_back(c);
    }
    if (out.size() < 2)
        fail("at least two class characters are needed (\"" + classes + "\" has " +
             std::to_string(out.size()) + ")");
    if (out.size() > kMaxClasses)
        fail("at most " + std::to_string(kMaxClasses) + " class characters are supported");
    return out;
}

void requireGuiApplication()
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        fail("rendering fonts needs a QGuiApplication (Qt's font database comes with it); create one "
             "before loading this dataset (without a display, on the offscreen platform: "
             "QT_QPA_PLATFORM=offscreen)");
}

bool familyWanted(const QString& family, const std::vector<std::string>& filters)
{
    if (filters.empty())
        return true;
    for (const std::string& f : filters) {
        if (family.contains(QString::fromStdString(f), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// The family as a user knows it: without the " [Foundry]" Qt appends when
// two foundries use one name, white space tidied (some fonts put line breaks
// in their names).
QString displayFamily(const QString& family)
{
    QString f = family;
    const qsizetype bracket = f.lastIndexOf(QLatin1String(" ["));
    if (bracket > 0 && f.endsWith(QLatin1Char(']')))
        f.truncate(bracket);
    return f.simplified();
}

// Families that map the Latin letters to symbols (TeX math and symbol fonts,
// URW's Greek "Standard Symbols" and dingbats): their glyphs are present and
// distinct, so no shape check can tell; they would be images with wrong labels.
bool symbolFamily(const QString& family)
{
    static const QStringList names = {
        QStringLiteral("cmex10"), QStringLiteral("cmsy10"), QStringLiteral("cmmi10"), QStringLiteral("msam10"),
        QStringLiteral("msbm10"), QStringLiteral("stmary10"), QStringLiteral("wasy10"), QStringLiteral("esint10"),
        QStringLiteral("rsfs10"), QStringLiteral("Standard Symbols PS"), QStringLiteral("D050000L"),
        QStringLiteral("Dingbats"), QStringLiteral("Symbol"), QStringLiteral("OpenSymbol"),
        QStringLiteral("Webdings"), QStringLiteral("Wingdings"), QStringLiteral("Marlett")};
    const QString name = displayFamily(family);
    return std::any_of(names.begin(), names.end(),
                       [&](const QString& symbol) { return name.compare(symbol, Qt::CaseInsensitive) == 0; });
}

// Every face of every wanted family, sorted by name (bytes of the UTF-8), each
// name once. Faces that are bitmaps only (no outlines to stretch) are counted apart.
std::vector<Face> enumerateFaces(const FontLetters::Options& options, std::int64_t* bitmapOnly)
{
    std::vector<Face> faces;
    std::int64_t bitmaps = 0;
    for (const QString& family : QFontDatabase::families()) {
        if (QFontDatabase::isPrivateFamily(family) || !familyWanted(family, options.families) || symbolFamily(family))
            continue;
        for (const QString& style : QFontDatabase::styles(family)) {
            if (!QFontDatabase::isSmoothlyScalable(family, style)) {
                ++bitmaps;
                continue;
            }
            const QString name = (displayFamily(family) + QLatin1Char(' ') + style.simplified()).simplified();
            faces.push_back(Face{family, style, name.toStdString()});
        }
    }
    const auto order = [](const Face& a, const Face& b) {
        if (a.name != b.name)
            return a.name < b.name;
        if (a.family != b.family)
            return a.family.toStdString() < b.family.toStdString();
        return a.style.toStdString() < b.style.toStdString();
    };
    std::sort(faces.begin(), faces.end(), order);
    // One face is often listed twice, under its typographic and its legacy
    // family ("DejaVu Sans" "Condensed Bold", "DejaVu Sans Condensed" "Bold"),
    // or from two foundries: one name, one face.
    faces.erase(std::unique(faces.begin(), faces.end(), [](const Face& a, const Face& b) { return a.name == b.name; }),
                faces.end());
    if (bitmapOnly)
        *bitmapOnly = bitmaps;
    return faces;
}

// Families are counted by their display name, ignoring case.
std::string familyKey(const QString& family) { return displayFamily(family).toCaseFolded().toStdString(); }

Variant drawVariant(std::uint64_t seed, const std::string& faceName, char32_t letter, int k, int width,
                    int height)
{
    std::uint64_t id = fnv1a(faceName.data(), faceName.size());
    const std::uint32_t extra[2] = {std::uint32_t(letter), std::uint32_t(k)};
    id = fnv1a(extra, sizeof extra, id);
    Rng rng = Rng::derive(seed, static_cast<std::uint64_t>(RngStream::Augment), id);

    const double unit = std::min(width, height) / 28.0; // pixels of a 28-pixel box
    Variant v;
    v.scaleX = rng.uniform(kMinScale, 1.0f);
    v.scaleY = rng.uniform(kMinScale, 1.0f);
    const double marginX = width * (1.0 - v.scaleX) / 2.0;
    const double marginY = height * (1.0 - v.scaleY) / 2.0;
    v.shiftX = rng.uniform(-1.0f, 1.0f) * std::min(kMaxShift * unit, marginX);
    v.shiftY = rng.uniform(-1.0f, 1.0f) * std::min(kMaxShift * unit, marginY);
    v.weight = rng.uniform(kMinWeight, kMaxWeight) * unit;
    v.shear = rng.uniform(-kMaxShear, kMaxShear);
    return v;
}

// Anti-aliased coverage of filled outlines, computed exactly per pixel from
// the signed area each edge sweeps (the accumulation method of font-rs and
// stb_truetype): every line adds its coverage differences to a buffer, a
// running sum along each row gives the winding-weighted area, and |area|
// clamped to 1 is the pixel's coverage (non-zero fill). Pure arithmetic, so it
// is deterministic and can run on any thread; Qt's raster engine hands fills
// of more than ~100 spans to a thread pool, which costs more than the
// 28x28 fill itself.
class CoverageRaster {
public:
    CoverageRaster(int width, int height)
        : m_width(width)
        , m_height(height)
        , m_stride(std::size_t(width) + 2)
        , m_acc(m_stride * std::size_t(height), 0.0f)
    {
    }

    void clear() { std::fill(m_acc.begin(), m_acc.end(), 0.0f); }

    // Adds the outline of `path` mapped by `t`; curves are flattened finely
    // (to 1/20 pixel) and every subpath is closed.
    void addPath(const QPainterPath& path, const QTransform& t)
    {
        QPointF start, last;
        bool open = false;
        const int n = path.elementCount();
        for (int i = 0; i < n; ++i) {
            const QPainterPath::Element e = path.elementAt(i);
            const QPointF p = t.map(QPointF(e.x, e.y));
            switch (e.type) {
            case QPainterPath::MoveToElement:
                if (open)
                    line(last, start);
                start = last = p;
                open = true;
                break;
            case QPainterPath::LineToElement:
                line(last, p);
                last = p;
                break;
            case QPainterPath::CurveToElement: {
                if (i + 2 >= n)
                    return; // malformed: a curve needs two more points
                const QPainterPath::Element e2 = path.elementAt(i + 1);
                const QPainterPath::Element e3 = path.elementAt(i + 2);
                const QPointF c2 = t.map(QPointF(e2.x, e2.y));
                const QPointF end = t.map(QPointF(e3.x, e3.y));
                cubic(last, p, c2, end);
                last = end;
                i += 2;
                break;
            }
            case QPainterPath::CurveToDataElement:
                break; // consumed with its CurveToElement
            }
        }
        if (open)
            line(last, start);
    }

    // Writes min(1, |winding area|) per pixel into cover (width x height).
    void resolve(float* cover) const
    {
        for (int y = 0; y < m_height; ++y) {
            const float* row = m_acc.data() + std::size_t(y) * m_stride;
            float sum = 0.0f;
            for (int x = 0; x < m_width; ++x) {
                sum += row[x];
                cover[std::size_t(y) * std::size_t(m_width) + std::size_t(x)] = std::min(1.0f, std::abs(sum));
            }
        }
    }

private:
    void cubic(QPointF p0, QPointF p1, QPointF p2, QPointF p3)
    {
        // Uniform steps: the chord error of n steps is at most 3/4 * M / n^2,
        // M the larger second difference of the control points.
        constexpr double kTolerance = 0.05;
        const QPointF d1 = p0 - 2.0 * p1 + p2;
        const QPointF d2 = p1 - 2.0 * p2 + p3;
        const double m = std::max(std::hypot(d1.x(), d1.y()), std::hypot(d2.x(), d2.y()));
        const int steps = std::clamp(int(std::ceil(std::sqrt(0.75 * m / kTolerance))), 1, 256);
        QPointF prev = p0;
        for (int k = 1; k <= steps; ++k) {
            const double t = double(k) / steps;
            const double u = 1.0 - t;
            const QPointF p = k == steps ? p3
                                         : u * u * u * p0 + 3.0 * u * u * t * p1 + 3.0 * u * t * t * p2 + t * t * t * p3;
            line(prev, p);
            prev = p;
        }
    }

    void line(QPointF a, QPointF b)
    {
        double x0 = std::clamp(a.x(), 0.0, double(m_width));
        double x1 = std::clamp(b.x(), 0.0, double(m_width));
        double y0 = a.y();
        double y1 = b.y();
        if (y0 == y1 || !std::isfinite(x0 + x1 + y0 + y1))
            return;
        float dir = 1.0f;
        if (y0 > y1) {
            std::swap(x0, x1);
            std::swap(y0, y1);
            dir = -1.0f;
        }
        // Clipping x to the box keeps each edge's effect on the pixels to its
        // right; only rows inside the box matter.
        const double dxdy = (x1 - x0) / (y1 - y0);
        double x = x0;
        if (y0 < 0.0) {
            x -= y0 * dxdy;
            y0 = 0.0;
        }
        y1 = std::min(y1, double(m_height));
        if (y0 >= y1)
            return;
        const int rowEnd = int(std::ceil(y1));
        for (int y = int(std::floor(y0)); y < rowEnd; ++y) {
            float* row = m_acc.data() + std::size_t(y) * m_stride;
            const double dy = std::min(double(y) + 1.0, y1) - std::max(double(y), y0);
            const double xNext = std::clamp(x + dxdy * dy, 0.0, double(m_width));
            const float d = float(dy) * dir;
            const double left = std::min(x, xNext);
            const double right = std::max(x, xNext);
            const double leftFloor = std::floor(left);
            const int li = int(leftFloor);
            const int ri = int(std::ceil(right));
            if (ri <= li + 1) {
                // Within one pixel column: split by the mean x.
                const float xm = float(0.5 * (x + xNext) - leftFloor);
                row[li] += d - d * xm;
                row[li + 1] += d * xm;
            } else {
                const double s = 1.0 / (right - left);
                const double lf = left - leftFloor;
                const float a0 = float(0.5 * s * (1.0 - lf) * (1.0 - lf));
                const double rf = right - double(ri) + 1.0;
                const float am = float(0.5 * s * rf * rf);
                row[li] += d * a0;
                if (ri == li + 2) {
                    row[li + 1] += d * (1.0f - a0 - am);
                } else {
                    const float a1 = float(s * (1.5 - lf));
                    row[li + 1] += d * (a1 - a0);
                    for (int xi = li + 2; xi < ri - 1; ++xi)
                        row[xi] += d * float(s);
                    const float a2 = a1 + float(ri - li - 3) * float(s);
                    row[ri - 1] += d * (1.0f - a2 - am);
                }
                row[ri] += d * am;
            }
            x = xNext;
        }
    }

    int m_width;
    int m_height;
    std::size_t m_stride; // width + 2: edges at x = width spill into two extra cells
    std::vector<float> m_acc;
};

// Buffers reused for every image of a face.
struct Canvas {
    Canvas(int width, int height)
        : raster(width, height)
        , fill(std::size_t(width) * std::size_t(height))
        , stroke(fill.size())
    {
    }
    CoverageRaster raster;
    std::vector<float> fill;
    std::vector<float> stroke;
};

// Draws `outline` into out (width x height bytes): its bounding box (after any
// shear) mapped onto the box, shrunk and shifted as the variant says, white on black.
void drawGlyph(const QPainterPath& outline, const Variant& v, int width, int height, bool stretch,
               Canvas& canvas, std::uint8_t* out)
{
    QPainterPath path = outline;
    if (v.shear != 0.0) {
        // Glyph paths have y growing downwards, so the ink above the baseline
        // (y < 0) moves right for a positive shear, as in an italic.
        path = QTransform(1.0, 0.0, -v.shear, 1.0, 0.0, 0.0).map(path);
    }
    const QRectF box = path.boundingRect();

    // The area the outline is mapped to: the (shrunk, shifted) box, inset by
    // the added weight (the pen then reaches the box's edge again) or outset
    // by the weight taken off.
    const double w = width * v.scaleX;
    const double h = height * v.scaleY;
    const double cx = width / 2.0 + v.shiftX;
    const double cy = height / 2.0 + v.shiftY;
    QRectF target(cx - w / 2.0 + v.weight, cy - h / 2.0 + v.weight, w - 2.0 * v.weight, h - 2.0 * v.weight);
    double sx = target.width() / box.width();
    double sy = target.height() / box.height();
    if (!stretch) {
        const double s = std::min(sx, sy);
        sx = sy = s;
        target = QRectF(target.center().x() - box.width() * s / 2.0, target.center().y() - box.height() * s / 2.0,
                        box.width() * s, box.height() * s);
    }
    const QTransform place(sx, 0.0, 0.0, sy, target.left() - box.left() * sx, target.top() - box.top() * sy);

    canvas.raster.clear();
    canvas.raster.addPath(path, place);
    canvas.raster.resolve(canvas.fill.data());
    const std::size_t pixels = canvas.fill.size();
    if (v.weight != 0.0) {
        // The outline stroked with a round pen 2 * |weight| wide, added to the
        // fill (thicker) or taken from it (thinner).
        QPainterPathStroker stroker;
        stroker.setWidth(2.0 * std::abs(v.weight));
        stroker.setCapStyle(Qt::RoundCap);
        stroker.setJoinStyle(Qt::RoundJoin);
        canvas.raster.clear();
        canvas.raster.addPath(stroker.createStroke(place.map(path)), QTransform());
        canvas.raster.resolve(canvas.stroke.data());
        double before = 0.0, after = 0.0;
        for (std::size_t i = 0; i < pixels; ++i) {
            const float f = canvas.fill[i];
            const float s = canvas.stroke[i];
            before += f;
            canvas.stroke[i] = v.weight > 0.0 ? f + s - f * s : f * (1.0f - s);
            after += canvas.stroke[i];
        }
        // Thinning that would take away most of a light face's ink is left out
        // (the image keeps the plain weight); the glyph's placement stays.
        if (v.weight > 0.0 || after >= kMinInkKept * before)
            canvas.fill.swap(canvas.stroke);
    }
    for (std::size_t i = 0; i < pixels; ++i)
        out[i] = std::uint8_t(std::lround(std::clamp(canvas.fill[i], 0.0f, 1.0f) * 255.0f));
}

FaceResult renderFace(const Face& face, const std::vector<char32_t>& letters, const FontLetters::Options& options)
{
    FaceResult result;
    QFont font = QFontDatabase::font(face.family, face.style, 12);
    font.setPixelSize(kOutlinePixels);
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setStyleStrategy(QFont::StyleStrategy(QFont::PreferOutline | QFont::NoFontMerging));
    font.setKerning(false);
    const QRawFont raw = QRawFont::fromFont(font);
    if (!raw.isValid()) {
        result.status = FaceStatus::NotLoaded;
        result.reason = "the font could not be loaded";
        return result;
    }

    std::vector<QPainterPath> outlines;
    outlines.reserve(letters.size());
    const double minExtent = kDegenerateShare * kOutlinePixels;
    for (const char32_t c : letters) {
        const QList<quint32> glyphs = raw.supportsCharacter(uint(c)) ? raw.glyphIndexesForString(QString::fromUcs4(&c, 1))
                                                                    : QList<quint32>();
        if (glyphs.isEmpty() || glyphs.front() == 0) {
            result.status = FaceStatus::MissingGlyph;
            result.reason = "no glyph for '" + utf8(c) + "'";
            return result;
        }
        QPainterPath path = raw.pathForGlyph(glyphs.front());
        path.setFillRule(Qt::WindingFill); // overlapping contours stay filled
        const QRectF box = path.boundingRect();
        if (path.isEmpty() || !(box.width() > minExtent && box.height() > minExtent)) {
            result.status = FaceStatus::EmptyOutline;
            result.reason = "empty outline for '" + utf8(c) + "'";
            return result;
        }
        outlines.push_back(std::move(path));
    }

    const int width = options.width;
    const int height = options.height;
    const std::size_t pixels = std::size_t(width) * std::size_t(height);
    const std::size_t perClass = std::size_t(1 + options.variations);
    result.images.resize(letters.size() * perClass * pixels);
    Canvas canvas(width, height);
    for (std::size_t c = 0; c < letters.size(); ++c) {
        std::uint8_t* plain = result.images.data() + c * perClass * pixels;
        drawGlyph(outlines[c], Variant{}, width, height, options.stretch, canvas, plain);
        // Two classes with the same image would be the same input with two labels.
        for (std::size_t e = 0; e < c; ++e) {
            if (std::memcmp(result.images.data() + e * perClass * pixels, plain, pixels) == 0) {
                result.status = FaceStatus::SameShape;
                result.reason = "the same shape for '" + utf8(letters[e]) + "' and '" + utf8(letters[c]) + "'";
                result.images.clear();
                return result;
            }
        }
        for (int k = 1; k <= options.variations; ++k) {
            const Variant v = drawVariant(options.seed, face.name, letters[c], k, width, height);
            drawGlyph(outlines[c], v, width, height, options.stretch, canvas, plain + std::size_t(k) * pixels);
        }
    }
    result.status = FaceStatus::Ok;
    return result;
}

// Renders every face on `threads` workers while the calling thread reports
// progress; faces are independent, so the results do not depend on the order.
std::vector<FaceResult> renderAll(const std::vector<Face>& faces, const std::vector<char32_t>& letters,
                                  const FontLetters::Options& options, const LoadOptions& load)
{
    std::vector<FaceResult> results(faces.size());
    const std::int64_t total = std::int64_t(faces.size());
    unsigned threads = load.threads > 0 ? unsigned(load.threads) : std::thread::hardware_concurrency();
    threads = std::clamp(threads, 1u, unsigned(std::max<std::int64_t>(total, 1)));

    std::atomic<std::int64_t> next{0};
    std::atomic<std::int64_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable wake;
    std::exception_ptr error;
    unsigned running = threads; // set to the threads started before anyone waits on it

    auto work = [&] {
        try {
            for (;;) {
                if (stop.load(std::memory_order_relaxed) || load.cancelled())
                    break;
                const std::int64_t i = next.fetch_add(1);
                if (i >= total)
                    break;
                results[std::size_t(i)] = renderFace(faces[std::size_t(i)], letters, options);
                done.fetch_add(1);
            }
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!error)
                error = std::current_exception();
            stop = true;
        }
        const std::lock_guard lock(mutex);
        --running;
        wake.notify_all();
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    try {
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back(work);
    } catch (...) {
        // No thread to be had: stop and wait for those that did start.
        stop = true;
        for (std::thread& t : pool)
            t.join();
        throw;
    }
    {
        const std::lock_guard lock(mutex);
        running = unsigned(pool.size());
    }

    if (load.progress)
        load.progress(LoadProgress{0, total, "rendering"});
    {
        std::unique_lock lock(mutex);
        std::int64_t reported = 0;
        while (running > 0) {
            wake.wait_for(lock, std::chrono::milliseconds(100));
            const std::int64_t now = done.load();
            if (load.progress && now != reported && running > 0) {
                reported = now;
                lock.unlock();
                load.progress(LoadProgress{now, total, "rendering"});
                lock.lock();
            }
        }
    }
    for (std::thread& t : pool)
        t.join();
    if (error)
        std::rethrow_exception(error);
    if (load.cancelled())
        throw LoadCancelled();
    if (load.progress)
        load.progress(LoadProgress{total, total, "rendering"});
    return results;
}

} // namespace

std::vector<std::string> FontLetters::faceNames(const Options& options)
{
    requireGuiApplication();
    std::vector<std::string> names;
    for (const Face& face : enumerateFaces(options, nullptr))
        names.push_back(face.name);
    return names;
}

LoadedDataset FontLetters::render(const Options& options, const LoadOptions& load)
{
    const auto started = Clock::now();
    requireGuiApplication();
    const std::vector<char32_t> letters = parseClasses(options.classes);
    if (options.width < 1 || options.height < 1 || options.width > kMaxSide || options.height > kMaxSide)
        fail("the image size must be 1 to " + std::to_string(kMaxSide) + " pixels a side (not " +
             std::to_string(options.width) + "x" + std::to_string(options.height) + ")");
    if (options.variations < 0 || options.variations > kMaxVariations)
        fail("the number of variations must be 0 to " + std::to_string(kMaxVariations) + " (not " +
             std::to_string(options.variations) + ")");
    if (load.cancelled())
        throw LoadCancelled();

    std::int64_t bitmapOnly = 0;
    const std::vector<Face> faces = enumerateFaces(options, &bitmapOnly);
    if (faces.empty()) {
        if (options.families.empty())
            fail("no scalable fonts are installed (fontconfig found none)");
        std::string wanted;
        for (const std::string& f : options.families)
            wanted += (wanted.empty() ? "\"" : ", \"") + f + "\"";
        fail("no installed scalable font family matches " + wanted);
    }

    const std::size_t pixels = std::size_t(options.width) * std::size_t(options.height);
    const std::size_t perClass = std::size_t(1 + options.variations);
    const double bytes = double(faces.size()) * double(letters.size() * perClass * pixels);
    if (bytes > kMaxBytes)
        fail("rendering " + plural(std::int64_t(faces.size()), "face", "faces") + " this way would take up to " +
             std::to_string(std::int64_t(std::ceil(bytes / double(1 << 30)))) +
             " GiB; ask for fewer variations or classes, a smaller image or fewer font families");

    std::vector<FaceResult> results = renderAll(faces, letters, options, load);

    LoadedDataset out;
    Dataset& data = out.data;
    data.width = options.width;
    data.height = options.height;
    data.format = kFormat;
    data.source = "installed fonts";
    for (const char32_t c : letters)
        data.classNames.push_back(utf8(c));
    out.report.format = kFormat;

    std::int64_t missing = 0, empty = 0, sameShape = 0, notLoaded = 0, duplicates = 0, used = 0;
    std::set<std::string> families;
    // Hash of the plain images -> indexes of the kept faces with that hash.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> seen;
    std::vector<bool> kept(faces.size(), false);
    for (std::size_t i = 0; i < faces.size(); ++i) {
        FaceResult& r = results[i];
        switch (r.status) {
        case FaceStatus::Ok:
            break;
        case FaceStatus::NotLoaded: ++notLoaded; break;
        case FaceStatus::MissingGlyph: ++missing; break;
        case FaceStatus::EmptyOutline: ++empty; break;
        case FaceStatus::SameShape: ++sameShape; break;
        }
        if (r.status != FaceStatus::Ok) {
            out.report.unreadable.push_back({faces[i].name, r.reason});
            continue;
        }
        std::uint64_t h = 0xcbf29ce484222325ull;
        for (std::size_t c = 0; c < letters.size(); ++c)
            h = fnv1a(r.images.data() + c * perClass * pixels, pixels, h);
        bool duplicate = false;
        for (const std::size_t j : seen[h]) {
            const FaceResult& earlier = results[j];
            bool same = true;
            for (std::size_t c = 0; c < letters.size() && same; ++c)
                same = std::memcmp(earlier.images.data() + c * perClass * pixels, r.images.data() + c * perClass * pixels,
                                   pixels) == 0;
            if (same) {
                duplicate = true;
                break;
            }
        }
        if (duplicate) {
            ++duplicates;
            std::vector<std::uint8_t>().swap(r.images);
            continue;
        }
        seen[h].push_back(i);
        kept[i] = true;
        ++used;
        families.insert(familyKey(faces[i].family));
    }

    if (used == 0) {
        fail("no installed font face has usable glyphs for every class (\"" + options.classes + "\"): " +
             plural(std::int64_t(faces.size()), "face was", "faces were") + " looked at, " +
             withThousands(missing) + " lacked a glyph, " + withThousands(empty) + " had an empty outline, " +
             withThousands(sameShape) + " drew the same shape for different letters");
    }

    const std::int64_t images = used * std::int64_t(letters.size() * perClass);
    data.pixels.reserve(std::size_t(images) * pixels);
    data.labels.reserve(std::size_t(images));
    data.sampleNames.reserve(std::size_t(images));
    for (std::size_t i = 0; i < faces.size(); ++i) {
        if (!kept[i])
            continue;
        FaceResult& r = results[i];
        for (std::size_t c = 0; c < letters.size(); ++c) {
            for (std::size_t k = 0; k < perClass; ++k) {
                const std::uint8_t* image = r.images.data() + (c * perClass + k) * pixels;
                data.append(image, std::int32_t(c), k == 0 ? faces[i].name : faces[i].name + " #" + std::to_string(k));
            }
        }
        std::vector<std::uint8_t>().swap(r.images); // the dataset has them now
    }

    std::string note = "rendered from " + plural(used, "font face", "font faces") + " (" +
                       plural(std::int64_t(families.size()), "family", "families") + ")";
    const std::int64_t skipped = missing + empty + sameShape + notLoaded;
    if (skipped > 0) {
        std::string why;
        auto add = [&why](std::int64_t n, const std::string& what) {
            if (n > 0)
                why += (why.empty() ? "" : ", ") + withThousands(n) + " " + what;
        };
        add(missing, "lacking a glyph");
        add(empty, "with an empty outline");
        add(sameShape, "drawing the same shape for different letters");
        add(notLoaded, "that could not be loaded");
        note += "; " + plural(skipped, "face", "faces") + " skipped (" + why + ")";
    }
    note += "; " + plural(duplicates, "duplicate", "duplicates") + " dropped; " +
            plural(data.count(), "image", "images");
    out.report.notes.push_back(note);
    if (options.variations > 0)
        out.report.notes.push_back("each face and letter: the plain image and " +
                                   plural(options.variations, "seeded variant", "seeded variants") + " (seed " +
                                   std::to_string(options.seed) + ")");
    if (!options.stretch)
        out.report.notes.push_back("glyphs keep their aspect ratio (not stretched to fill the box)");
    if (bitmapOnly > 0)
        out.report.notes.push_back(plural(bitmapOnly, "bitmap-only face", "bitmap-only faces") +
                                   " not used (no outlines to scale)");
    out.report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return out;
}

} // namespace mlps
