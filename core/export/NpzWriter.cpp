#include "export/NpzWriter.h"

#include "export/ExportError.h"

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>
#include <zlib.h>

#include <QFile>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mlps {

namespace {

namespace fs = std::filesystem;

// Removes the temporary file unless it was renamed into place.
struct TemporaryFile {
    std::string path;
    bool kept = false;
    ~TemporaryFile()
    {
        if (!kept) {
            std::error_code ec;
            fs::remove(path, ec);
        }
    }
};

std::string zipProblem(const std::string& what, int error)
{
    return "cannot write " + what + " (zip error " + std::to_string(error) + ")";
}

} // namespace

void NpzWriter::write(const std::string& path, const std::vector<NpzEntry>& arrays)
{
    if (path.empty())
        throw ExportError(path, "no file name given for the .npz");
    TemporaryFile part{path + ".part"};
    {
        // Fail early with the system's reason when the folder is not writable.
        QFile probe(QString::fromStdString(part.path));
        if (!probe.open(QIODevice::WriteOnly))
            throw ExportError(path, "cannot write: " + probe.errorString().toStdString());
    }
    QuaZip zip(QString::fromStdString(part.path));
    if (!zip.open(QuaZip::mdCreate))
        throw ExportError(path, zipProblem("the file", zip.getZipError()));
    for (const NpzEntry& array : arrays) {
        QuaZipFile entry(&zip);
        const QuaZipNewInfo info(QString::fromStdString(array.name + ".npy"));
        if (!entry.open(QIODevice::WriteOnly, info, nullptr, 0, Z_DEFLATED, Z_DEFAULT_COMPRESSION))
            throw ExportError(path, zipProblem(array.name + ".npy", entry.getZipError()));
        const auto size = qint64(array.bytes.size());
        const bool written = entry.write(array.bytes.data(), size) == size;
        entry.close();
        if (!written || entry.getZipError() != UNZ_OK)
            throw ExportError(path, zipProblem(array.name + ".npy", entry.getZipError()));
    }
    zip.close();
    if (zip.getZipError() != UNZ_OK)
        throw ExportError(path, zipProblem("the file", zip.getZipError()));
    std::error_code ec;
    fs::rename(part.path, path, ec);
    if (ec)
        throw ExportError(path, "cannot write: " + ec.message());
    part.kept = true;
}

} // namespace mlps
