#include "DatasetCommand.h"

#include "ArgumentList.h"
#include "DataLoading.h"
#include "JsonReport.h"
#include "UsageError.h"

#include "data/CsvReader.h"
#include "data/DataError.h"
#include "data/DuplicateFinder.h"
#include "data/IdxReader.h"
#include "data/NumpyReader.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include <cstring>
#include <iostream>

namespace mlps::cli {
namespace {

const char* const kUsage = R"(Usage: mlp-studio-cli dataset COMMAND PATH [options]

Commands
  inspect PATH           what PATH holds: format, images per class, unreadable
                         entries, duplicates, image size
  convert PATH --to idx|csv|npz --out PREFIX
                         writes the dataset as PREFIX-images-idx3-ubyte and
                         PREFIX-labels-idx1-ubyte, PREFIX.csv or PREFIX.npz

PATH is anything `train --data` reads (see mlp-studio-cli train --help).

Options
  --labels LABELS        labels kept apart (IDX, .npy)
  --format NAME          read PATH as this format instead of detecting it
  --font-variations N    builtin:font-letters: extra seeded variants per face
  --no-cache             decode again instead of using the decoded-dataset cache
  --json                 inspect: one JSON object on stdout
  --samples DIR          inspect: write sample images per class as PNG into DIR
                         (and a contact sheet, samples.png)
)";

std::string safeFileName(std::string name)
{
    for (char& c : name) {
        if (c == '/' || c == '\\' || c == ':' || c == ' ')
            c = '_';
    }
    return name;
}

QImage imageOf(const Dataset& data, std::int64_t index)
{
    QImage image(data.width, data.height, QImage::Format_Grayscale8);
    const std::uint8_t* pixels = data.pixels.data() + index * data.features();
    for (int y = 0; y < data.height; ++y)
        std::memcpy(image.scanLine(y), pixels + std::ptrdiff_t(y) * data.width, std::size_t(data.width));
    return image;
}

// Up to `perClass` images of each class as PNG files, and a contact sheet
// with one row per class, each image scaled up 2x.
void writeSamples(const Dataset& data, const std::string& folder, int perClass)
{
    const QString dir = QString::fromStdString(folder);
    if (!QDir().mkpath(dir))
        throw DataError(folder, "cannot create the folder");
    const int scale = 2;
    QImage sheet(perClass * data.width * scale, std::max(1, data.classes()) * data.height * scale,
                 QImage::Format_Grayscale8);
    sheet.fill(40);
    QPainter painter(&sheet);
    std::vector<int> taken(std::size_t(data.classes()), 0);
    for (std::int64_t i = 0; i < data.count(); ++i) {
        const std::int32_t label = data.labels[std::size_t(i)];
        int& k = taken[std::size_t(label)];
        if (k >= perClass)
            continue;
        const QImage image = imageOf(data, i);
        const QString file = dir + QStringLiteral("/%1_%2.png").arg(QString::fromStdString(safeFileName(data.classNames[std::size_t(label)]))).arg(k);
        if (!image.save(file))
            throw DataError(file.toStdString(), "cannot write the image");
        painter.drawImage(QRect(k * data.width * scale, label * data.height * scale, data.width * scale, data.height * scale), image);
        ++k;
    }
    painter.end();
    if (!sheet.save(dir + QStringLiteral("/samples.png")))
        throw DataError(folder + "/samples.png", "cannot write the image");
}

int inspect(const std::string& path, const ArgumentList& args)
{
    DataSettings settings = parseDataSettings(args);
    const bool json = args.has("json");
    settings.quiet = json;
    const LoadedDataset loaded = loadForCli(path, args.text("labels"), settings);
    const Dataset& data = loaded.data;
    const LoadReport& report = loaded.report;
    const DuplicateCounts duplicates = DuplicateFinder::analyse(data);
    if (const auto samples = args.optionalText("samples"))
        writeSamples(data, *samples, 8);

    const std::vector<std::int64_t> counts = data.classCounts();
    if (json) {
        QJsonObject out;
        out[QStringLiteral("path")] = QString::fromStdString(path);
        out[QStringLiteral("format")] = QString::fromStdString(report.format);
        out[QStringLiteral("classes")] = stringsToJson(data.classNames);
        QJsonArray countArray;
        for (const std::int64_t c : counts)
            countArray.append(qint64(c));
        out[QStringLiteral("counts")] = countArray;
        out[QStringLiteral("total")] = qint64(data.count());
        out[QStringLiteral("image_size")] = QJsonArray{data.width, data.height};
        QJsonArray unreadable;
        QJsonArray reasons;
        for (const UnreadableEntry& entry : report.unreadable) {
            unreadable.append(QString::fromStdString(entry.name));
            reasons.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(entry.name)},
                                       {QStringLiteral("reason"), QString::fromStdString(entry.reason)}});
        }
        out[QStringLiteral("unreadable")] = unreadable;
        out[QStringLiteral("unreadable_reasons")] = reasons;
        out[QStringLiteral("duplicates")] = duplicatesToJson(duplicates, data);
        out[QStringLiteral("conversion")] = QString::fromStdString(report.conversion);
        out[QStringLiteral("warning")] = QString::fromStdString(report.warning);
        out[QStringLiteral("notes")] = stringsToJson(report.notes);
        out[QStringLiteral("from_cache")] = report.fromCache;
        out[QStringLiteral("seconds")] = report.seconds;
        std::cout << QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString() << std::endl;
        return 0;
    }
    std::cout << "format: " << report.format << "\nimages: " << data.count() << " of " << data.width << "x"
              << data.height << "\nclasses: " << data.classes() << "\n";
    for (int c = 0; c < data.classes(); ++c)
        std::cout << "  " << data.classNames[std::size_t(c)] << ": " << counts[std::size_t(c)] << "\n";
    std::cout << "unreadable: " << report.unreadable.size() << "\n";
    for (const UnreadableEntry& entry : report.unreadable)
        std::cout << "  " << entry.name << ": " << entry.reason << "\n";
    std::cout << describeDuplicates(duplicates, data);
    return 0;
}

int convert(const std::string& path, const ArgumentList& args)
{
    const std::string to = args.text("to");
    const std::string prefix = args.text("out");
    if (to.empty() || prefix.empty())
        throw UsageError("convert needs --to idx|csv|npz and --out PREFIX");
    if (to != "idx" && to != "csv" && to != "npz")
        throw UsageError("--to must be idx, csv or npz; got '" + to + "'");
    DataSettings settings = parseDataSettings(args);
    const Dataset data = loadForCli(path, args.text("labels"), settings).data;
    if (to == "idx") {
        const std::string images = prefix + "-images-idx3-ubyte";
        const std::string labels = prefix + "-labels-idx1-ubyte";
        IdxReader::write(data, images, labels);
        std::cout << "wrote " << images << " and " << labels << " (" << data.count() << " images)\n";
    } else if (to == "csv") {
        CsvReader::write(data, prefix + ".csv");
        std::cout << "wrote " << prefix << ".csv (" << data.count() << " images)\n";
    } else {
        NumpyReader::writeNpz(data, prefix + ".npz");
        std::cout << "wrote " << prefix << ".npz (" << data.count() << " images)\n";
    }
    return 0;
}

} // namespace

int runDatasetCommand(const std::vector<std::string>& arguments)
{
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
        std::cout << kUsage;
        return arguments.empty() ? 2 : 0;
    }
    const std::string command = arguments[0];
    if (command != "inspect" && command != "convert")
        throw UsageError("unknown dataset command '" + command + "' (inspect or convert)");
    if (arguments.size() < 2 || arguments[1].rfind("--", 0) == 0)
        throw UsageError("dataset " + command + " needs a PATH");
    ArgumentList args({"labels", "format", "font-variations", "samples", "to", "out"}, {"json", "no-cache", "quiet"});
    args.parse(std::vector<std::string>(arguments.begin() + 2, arguments.end()));
    return command == "inspect" ? inspect(arguments[1], args) : convert(arguments[1], args);
}

} // namespace mlps::cli
