#include "DataLoading.h"

#include "ArgumentList.h"
#include "UsageError.h"

#include "data/DatasetLoader.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string_view>

namespace mlps::cli {

DataSettings parseDataSettings(const ArgumentList& args)
{
    DataSettings settings;
    if (const auto format = args.optionalText("format")) {
        settings.format = parseDataFormat(*format);
        if (!settings.format)
            throw UsageError("--format must be idx, csv, npz, npy, folder, zip, tar or font-letters; got '" + *format + "'");
    }
    const long long variations = args.integer("font-variations", 0);
    if (variations < 0 || variations > 100)
        throw UsageError("--font-variations must be between 0 and 100, got " + args.text("font-variations"));
    settings.fontVariations = int(variations);
    settings.useCache = !args.has("no-cache");
    return settings;
}

LoadedDataset loadForCli(const std::string& path, const std::string& labelsPath, const DataSettings& settings)
{
    LoadOptions options;
    options.labelsPath = labelsPath;
    options.threads = settings.threads;
    options.useCache = settings.useCache;
    options.fontVariations = settings.fontVariations;
    options.fontClasses = settings.fontClasses;
    options.seed = settings.seed;
    const bool showProgress = !settings.quiet && isatty(STDERR_FILENO);
    if (showProgress) {
        options.progress = [&path](const LoadProgress& progress) {
            if (progress.total > 0)
                std::fprintf(stderr, "\r%s: %s %lld/%lld", path.c_str(), progress.stage.c_str(),
                             static_cast<long long>(progress.done), static_cast<long long>(progress.total));
            else
                std::fprintf(stderr, "\r%s: %s %lld", path.c_str(), progress.stage.c_str(),
                             static_cast<long long>(progress.done));
            std::fflush(stderr);
        };
    }
    LoadedDataset loaded = DatasetLoader::load(path, options, settings.format);
    if (showProgress)
        std::fprintf(stderr, "\r\033[K");
    if (!settings.quiet) {
        const Dataset& data = loaded.data;
        const LoadReport& report = loaded.report;
        std::cerr << "data: " << path << " (" << report.format << (report.fromCache ? ", from the cache" : "") << ", "
                  << data.count() << " images " << data.width << "x" << data.height << ", " << data.classes()
                  << " classes, " << static_cast<int>(report.seconds * 1000.0) << " ms)\n";
        for (const std::string& note : report.notes)
            std::cerr << "  " << note << "\n";
        if (!report.conversion.empty())
            std::cerr << "  converted: " << report.conversion << "\n";
        if (!report.unreadable.empty()) {
            std::cerr << "  skipped " << report.unreadable.size() << " unreadable entries:";
            for (std::size_t i = 0; i < report.unreadable.size() && i < 5; ++i)
                std::cerr << (i ? ", " : " ") << report.unreadable[i].name << " (" << report.unreadable[i].reason << ")";
            if (report.unreadable.size() > 5)
                std::cerr << ", ...";
            std::cerr << "\n";
        }
        if (!report.warning.empty())
            std::cerr << "  warning: " << report.warning << "\n";
        std::cerr << std::flush;
    }
    return loaded;
}

bool needsFonts(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        // A project's data may be the font letters too.
        if (argument.find(kFontLettersPath) != std::string_view::npos || argument == "--project")
            return true;
    }
    return false;
}

} // namespace mlps::cli
