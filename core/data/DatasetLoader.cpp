#include "data/DatasetLoader.h"

#include "data/ArchiveReader.h"
#include "data/CsvReader.h"
#include "data/DataError.h"
#include "data/DatasetCache.h"
#include "data/FontLetters.h"
#include "data/IdxReader.h"
#include "data/ImageFolderReader.h"
#include "data/NumpyReader.h"
#include "data/ZipImageReader.h"

#include <chrono>

namespace mlps {
namespace {

LoadedDataset readUncached(const std::string& path, DataFormat format, const LoadOptions& options)
{
    switch (format) {
    case DataFormat::Idx: {
        LoadedDataset result;
        result.data = IdxReader::read(path, options.labelsPath);
        result.report.format = result.data.format;
        return result;
    }
    case DataFormat::Csv: return CsvReader::read(path, options);
    case DataFormat::Npz:
    case DataFormat::Npy: return NumpyReader::read(path, options);
    case DataFormat::Folder: return ImageFolderReader::read(path, options);
    case DataFormat::Zip: return ZipImageReader::read(path, options);
    case DataFormat::Tar: return ArchiveReader::read(path, options);
    case DataFormat::FontLetters: {
        FontLetters::Options font;
        font.classes = options.fontClasses;
        font.variations = options.fontVariations;
        font.seed = options.seed;
        font.width = options.width;
        font.height = options.height;
        return FontLetters::render(font, options);
    }
    }
    throw DataError(path, "unsupported format");
}

} // namespace

bool DatasetLoader::cached(DataFormat format)
{
    return format == DataFormat::Folder || format == DataFormat::Zip || format == DataFormat::Tar
           || format == DataFormat::Csv || format == DataFormat::FontLetters;
}

LoadedDataset DatasetLoader::load(const std::string& path, const LoadOptions& options, std::optional<DataFormat> format)
{
    const auto start = std::chrono::steady_clock::now();
    const DataFormat kind = format ? *format : detectDataFormat(path);
    LoadedDataset result;
    if (options.useCache && cached(kind)) {
        const DatasetCache cache(options);
        if (options.progress)
            options.progress({0, -1, "hashing"});
        const std::string key = kind == DataFormat::FontLetters ? cache.keyForFontLetters(options)
                                                                : cache.keyFor(path, dataFormatName(kind));
        if (auto hit = cache.load(key)) {
            result = std::move(*hit);
        } else {
            result = readUncached(path, kind, options);
            cache.save(key, result);
        }
    } else {
        result = readUncached(path, kind, options);
    }
    if (result.report.format.empty())
        result.report.format = dataFormatName(kind);
    if (result.data.format.empty())
        result.data.format = result.report.format;
    if (result.data.source.empty())
        result.data.source = path;
    result.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace mlps
