#include "project/ProjectFile.h"

#include "project/NpyArray.h"
#include "project/ProjectError.h"
#include "project/ProjectJson.h"

#include <QBuffer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSaveFile>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <algorithm>
#include <type_traits>

namespace mlps {

namespace {

constexpr const char* kMimeTypeEntry = "mimetype";
constexpr const char* kProjectEntry = "project.json";
constexpr std::int64_t kChunkBytes = std::int64_t(1) << 20;
// Deflate level of the .npy entries: float32 noise barely compresses, so the
// fastest level keeps nearly all the gain at a fraction of the time.
constexpr int kArrayLevel = 1;

std::string fileLabel(const QString& path) { return path.toStdString(); }

// One array of a run: its entry, dtype, shape and memory. A confusion matrix
// is column-major in memory and (true, predicted) row-major in the file.
// Run is StoredRun (loading: the slots are written to) or const StoredRun (saving).
template <typename Run>
struct ArraySlot {
    static constexpr bool kReadOnly = std::is_const_v<Run>;
    using Data = std::conditional_t<kReadOnly, const void, void>;
    using Confusion = std::conditional_t<kReadOnly, const ConfusionMatrix, ConfusionMatrix>;

    std::string entry;
    std::string descr;
    std::vector<std::int64_t> shape;
    Data* data = nullptr;
    std::size_t bytes = 0;
    Confusion* confusion = nullptr;
};

template <typename Run, typename Vector>
ArraySlot<Run> vectorSlot(std::string entry, const char* descr, Vector& v)
{
    return {std::move(entry), descr, {std::int64_t(v.size())}, v.data(), v.size() * sizeof(v[0]), nullptr};
}

// The arrays of run k, in file order; the slots point into `run`.
template <typename Run>
std::vector<ArraySlot<Run>> arraysOf(Run& run, std::size_t k)
{
    const std::string folder = "runs/" + std::to_string(k) + "/";
    std::vector<ArraySlot<Run>> result;
    if (run.parameters.size() > 0) {
        result.push_back({folder + "parameters.npy", "<f4", {std::int64_t(run.parameters.size())},
                          run.parameters.data(), std::size_t(run.parameters.size()) * sizeof(float), nullptr});
    }
    result.push_back(vectorSlot<Run>(folder + "train_indices.npy", "<i8", run.trainIndices));
    result.push_back(vectorSlot<Run>(folder + "validation_indices.npy", "<i8", run.validationIndices));
    result.push_back(vectorSlot<Run>(folder + "test_indices.npy", "<i8", run.testIndices));
    if (!run.batchSteps.empty() || !run.batchLosses.empty()) { // none in files made before they were kept
        result.push_back(vectorSlot<Run>(folder + "batch_steps.npy", "<i8", run.batchSteps));
        result.push_back(vectorSlot<Run>(folder + "batch_losses.npy", "<f4", run.batchLosses));
    }
    for (auto [name, evaluation] : {std::pair{"validation", &run.validation}, std::pair{"test", &run.test}}) {
        if (!*evaluation)
            continue;
        auto& e = **evaluation;
        const std::string prefix = folder + name;
        result.push_back(vectorSlot<Run>(prefix + "_true_labels.npy", "<i4", e.trueLabels));
        result.push_back(vectorSlot<Run>(prefix + "_predicted.npy", "<i4", e.predicted));
        result.push_back({prefix + "_probabilities.npy", "<f4",
                          {std::int64_t(e.probabilities.cols()), std::int64_t(e.probabilities.rows())},
                          e.probabilities.data(), std::size_t(e.probabilities.size()) * sizeof(float), nullptr});
        result.push_back({prefix + "_confusion.npy", "<i8",
                          {std::int64_t(e.confusion.rows()), std::int64_t(e.confusion.cols())}, e.confusion.data(),
                          std::size_t(e.confusion.size()) * sizeof(std::int64_t), &e.confusion});
    }
    if (run.checkpoint) {
        // Loading fills the state ProjectJson::fromJson() has just made and
        // nothing else holds yet; saving only reads it.
        using State = std::conditional_t<ArraySlot<Run>::kReadOnly, const TrainerState, TrainerState>;
        State& state = const_cast<State&>(*run.checkpoint);
        const std::string prefix = folder + "checkpoint/";
        result.push_back(vectorSlot<Run>(prefix + "order.npy", "<i8", state.order));
        result.push_back(vectorSlot<Run>(prefix + "synthetic_order.npy", "<i8", state.syntheticOrder));
        for (std::size_t j = 0; j < state.members.size(); ++j) {
            auto& member = state.members[j];
            const std::string memberPrefix = prefix + "member_" + std::to_string(j) + "_";
            result.push_back(vectorSlot<Run>(memberPrefix + "parameters.npy", "<f4", member.parameters));
            for (auto& [name, vector] : member.optimizer)
                result.push_back(vectorSlot<Run>(memberPrefix + name + ".npy", "<f4", vector));
            if (member.average.size() > 0)
                result.push_back(vectorSlot<Run>(memberPrefix + "average.npy", "<f4", member.average));
            if (member.best.size() > 0)
                result.push_back(vectorSlot<Run>(memberPrefix + "best.npy", "<f4", member.best));
        }
    }
    return result;
}

// What load() would reject, found before anything is written.
std::string problemOf(const StoredRun& run)
{
    if (std::string problem = run.network.validate(); !problem.empty())
        return "network: " + problem;
    if (std::string problem = run.config.validate(); !problem.empty())
        return "config: " + problem;
    if (!isKnownRunStatus(run.status))
        return "unknown status '" + run.status + "'";
    if (run.batchSteps.size() != run.batchLosses.size())
        return std::to_string(run.batchSteps.size()) + " batch steps for " + std::to_string(run.batchLosses.size()) +
               " batch losses";
    const std::int64_t count = ProjectJson::parameterCount(run.network);
    if (run.parameters.size() != 0 && run.parameters.size() != count)
        return std::to_string(run.parameters.size()) + " parameters for a network of " + std::to_string(count);
    if (run.checkpoint) {
        const TrainerState& state = *run.checkpoint;
        if (int(state.members.size()) != run.config.ensembleSize)
            return "checkpoint: " + std::to_string(state.members.size()) + " networks for an ensemble of " +
                   std::to_string(run.config.ensembleSize);
        for (const MemberState& member : state.members) {
            bool sized = member.parameters.size() == count && (member.average.size() == 0 || member.average.size() == count) &&
                         (member.best.size() == 0 || member.best.size() == count);
            for (const auto& [name, vector] : member.optimizer)
                sized = sized && vector.size() == count;
            if (!sized)
                return "checkpoint: weights or optimizer state of another size than the network's " +
                       std::to_string(count) + " parameters";
        }
    }
    for (auto [name, evaluation] : {std::pair{"validation", &run.validation}, std::pair{"test", &run.test}}) {
        if (!*evaluation)
            continue;
        const StoredEvaluation& e = **evaluation;
        const std::size_t n = e.predicted.size();
        if (e.trueLabels.size() != n || std::size_t(e.probabilities.cols()) != n
            || e.probabilities.rows() != run.network.classes || e.confusion.rows() != run.network.classes
            || e.confusion.cols() != run.network.classes)
            return std::string(name) + ": the labels, probabilities and confusion matrix do not agree in size with " +
                   std::to_string(run.network.classes) + " classes and " + std::to_string(n) + " samples";
    }
    return {};
}

// Writes one entry in chunks, reporting progress; false when cancelled.
class EntryWriter {
public:
    EntryWriter(QuaZip& zip, const QString& path, const SaveProgress& progress, std::int64_t total)
        : m_zip(zip), m_path(path), m_progress(progress), m_total(total)
    {
    }

    void write(const std::string& name, const QByteArray& head, const char* data, std::int64_t bytes, bool compress,
               int level)
    {
        QuaZipFile entry(&m_zip);
        QuaZipNewInfo info(QString::fromStdString(name));
        info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                            QFileDevice::ReadOther);
        if (!entry.open(QIODevice::WriteOnly, info, nullptr, 0, compress ? Z_DEFLATED : 0, compress ? level : 0))
            fail("cannot write " + name + reason(entry.getZipError()));
        bool ok = entry.write(head) == head.size();
        m_done += head.size();
        for (std::int64_t at = 0; ok && at < bytes;) {
            const std::int64_t n = std::min(kChunkBytes, bytes - at);
            ok = entry.write(data + at, n) == n;
            at += n;
            m_done += n;
            if (ok && m_progress && !m_progress(m_done, m_total))
                fail("saving was cancelled");
        }
        entry.close();
        if (!ok || entry.getZipError() != ZIP_OK)
            fail("cannot write " + name + reason(entry.getZipError()));
        if (m_progress && !m_progress(m_done, m_total))
            fail("saving was cancelled");
    }

    [[noreturn]] void fail(const std::string& problem) const { throw ProjectError(fileLabel(m_path), problem); }

private:
    // The device's own error ("No space left on device") when it has one.
    std::string reason(int zipError) const
    {
        const QIODevice* device = m_zip.getIoDevice();
        const QString text = device ? device->errorString() : QString();
        if (!text.isEmpty() && text != QLatin1String("Unknown error"))
            return ": " + text.toStdString();
        return " (zip error " + std::to_string(zipError) + ")";
    }

    QuaZip& m_zip;
    const QString& m_path;
    const SaveProgress& m_progress;
    std::int64_t m_total;
    std::int64_t m_done = 0;
};

// Every entry of the zip, read whole. Throws for a damaged zip or entry.
QHash<QString, QByteArray> readEntries(QuaZip& zip, const std::string& file)
{
    QHash<QString, QByteArray> entries;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        const QString name = zip.getCurrentFileName();
        QuaZipFile entry(&zip);
        if (!entry.open(QIODevice::ReadOnly))
            throw ProjectError(file, "damaged entry '" + name.toStdString() + "' (zip error " +
                                         std::to_string(entry.getZipError()) + ")");
        QByteArray bytes = entry.readAll();
        entry.close();
        if (entry.getZipError() != UNZ_OK)
            throw ProjectError(file, "damaged entry '" + name.toStdString() + "' (zip error " +
                                         std::to_string(entry.getZipError()) + ")");
        entries.insert(name, std::move(bytes));
    }
    if (zip.getZipError() != UNZ_OK)
        throw ProjectError(file, "damaged zip file (zip error " + std::to_string(zip.getZipError()) + ")");
    return entries;
}

template <typename T>
void checkRange(const std::vector<T>& values, std::int64_t end, const std::string& file, const std::string& entry,
                const char* what)
{
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < 0 || std::int64_t(values[i]) >= end)
            throw ProjectError(file, entry + ": " + what + " " + std::to_string(values[i]) + " at position " +
                                         std::to_string(i) + " is out of range (0 to " + std::to_string(end - 1) + ")");
    }
}

// The values load() checks beyond shapes: labels within the classes, indices within the data.
void checkValues(const StoredRun& run, std::size_t k, const std::string& file)
{
    const std::string folder = "runs/" + std::to_string(k) + "/";
    if (run.data.count > 0) {
        checkRange(run.trainIndices, run.data.count, file, folder + "train_indices.npy", "index");
        checkRange(run.validationIndices, run.data.count, file, folder + "validation_indices.npy", "index");
        checkRange(run.testIndices, run.data.count, file, folder + "test_indices.npy", "index");
    }
    // Batch losses stand for the steps since the point before: steps rise.
    for (std::size_t i = 0; i < run.batchSteps.size(); ++i) {
        const std::int64_t before = i > 0 ? run.batchSteps[i - 1] : 0;
        if (run.batchSteps[i] <= before)
            throw ProjectError(file, folder + "batch_steps.npy: step " + std::to_string(run.batchSteps[i]) +
                                         " at position " + std::to_string(i) + " does not come after step " +
                                         std::to_string(before));
    }
    for (auto [name, evaluation] : {std::pair{"validation", &run.validation}, std::pair{"test", &run.test}}) {
        if (!*evaluation)
            continue;
        const std::string prefix = folder + name;
        checkRange((*evaluation)->trueLabels, run.network.classes, file, prefix + "_true_labels.npy", "label");
        checkRange((*evaluation)->predicted, run.network.classes, file, prefix + "_predicted.npy", "label");
    }
}

} // namespace

void ProjectFile::save(const Project& project, const QString& path, const SaveProgress& progress)
{
    const std::string file = fileLabel(path);
    for (std::size_t k = 0; k < project.runs.size(); ++k) {
        if (std::string problem = problemOf(project.runs[k]); !problem.empty())
            throw ProjectError(file, "cannot save: runs[" + std::to_string(k) + "]: " + problem);
    }
    if (std::string problem = project.network.validate(); !problem.empty())
        throw ProjectError(file, "cannot save: network: " + problem);
    if (std::string problem = project.training.validate(); !problem.empty())
        throw ProjectError(file, "cannot save: training: " + problem);

    const QByteArray json = QJsonDocument(ProjectJson::toJson(project)).toJson(QJsonDocument::Indented);
    const QByteArray mimeType(kMimeType);

    struct Planned {
        ArraySlot<const StoredRun> slot;
        QByteArray header;
        ConfusionMatrix rowMajor; // a confusion matrix, transposed for C order
    };
    std::vector<Planned> arrays;
    std::int64_t total = mimeType.size() + json.size();
    std::int64_t largest = json.size();
    for (std::size_t k = 0; k < project.runs.size(); ++k) {
        for (const ArraySlot<const StoredRun>& slot : arraysOf(project.runs[k], k)) {
            Planned planned{slot, NpyArray::header(slot.descr, slot.shape), {}};
            if (slot.confusion)
                planned.rowMajor = slot.confusion->transpose();
            total += planned.header.size() + std::int64_t(slot.bytes);
            largest = std::max(largest, std::int64_t(planned.header.size()) + std::int64_t(slot.bytes));
            arrays.push_back(std::move(planned));
        }
    }

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        throw ProjectError(file, "cannot write: " + out.errorString().toStdString());
    try {
        QuaZip zip(&out);
        zip.setAutoClose(false); // QSaveFile is committed below, or discarded
        zip.setDataDescriptorWritingEnabled(false);
        zip.setZip64Enabled(false); // keeps "mimetype" at offset 30 without an extra field
        if (!zip.open(QuaZip::mdCreate))
            throw ProjectError(file, "cannot write (zip error " + std::to_string(zip.getZipError()) + ")");
        EntryWriter writer(zip, path, progress, total);
        writer.write(kMimeTypeEntry, {}, mimeType.constData(), mimeType.size(), false, 0);
        // Entries of 4 GB and more need zip64 local headers (minizip then
        // writes them for every entry that follows); offsets past 4 GB are
        // handled in the central directory either way.
        zip.setZip64Enabled(largest >= (std::int64_t(1) << 32) - (std::int64_t(1) << 20));
        writer.write(kProjectEntry, {}, json.constData(), json.size(), true, Z_DEFAULT_COMPRESSION);
        for (const Planned& array : arrays) {
            const void* data = array.slot.confusion ? array.rowMajor.data() : array.slot.data;
            writer.write(array.slot.entry, array.header, static_cast<const char*>(data),
                         std::int64_t(array.slot.bytes), true, kArrayLevel);
        }
        zip.close();
        if (zip.getZipError() != ZIP_OK)
            throw ProjectError(file, "cannot write (zip error " + std::to_string(zip.getZipError()) + ")");
    } catch (...) {
        out.cancelWriting();
        throw;
    }
    if (!out.commit())
        throw ProjectError(file, "cannot write: " + out.errorString().toStdString());
}

Project ProjectFile::load(const QString& path)
{
    const std::string file = fileLabel(path);
    QFile in(path);
    if (!in.exists())
        throw ProjectError(file, "not found");
    if (!in.open(QIODevice::ReadOnly))
        throw ProjectError(file, "cannot open: " + in.errorString().toStdString());
    QByteArray bytes = in.readAll();
    if (in.error() != QFileDevice::NoError)
        throw ProjectError(file, "cannot read: " + in.errorString().toStdString());
    in.close();
    if (!bytes.startsWith("PK\x03\x04"))
        throw ProjectError(file, "not an MLP Studio project (not a zip file)");

    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdUnzip))
        throw ProjectError(file, "damaged or truncated zip file (zip error " + std::to_string(zip.getZipError()) + ")");
    const QList<QuaZipFileInfo64> infos = zip.getFileInfoList64();
    if (zip.getZipError() != UNZ_OK)
        throw ProjectError(file, "damaged or truncated zip file (zip error " + std::to_string(zip.getZipError()) + ")");
    if (infos.isEmpty() || infos.front().name != QLatin1String(kMimeTypeEntry) || infos.front().method != 0)
        throw ProjectError(file, "not an MLP Studio project (a zip without a stored 'mimetype' entry first)");
    const QHash<QString, QByteArray> entries = readEntries(zip, file);
    zip.close();

    const QByteArray mimeType = entries.value(QString::fromLatin1(kMimeTypeEntry));
    if (mimeType != kMimeType)
        throw ProjectError(file, "not an MLP Studio project (its mimetype is '" + mimeType.left(80).toStdString() +
                                     "', not '" + kMimeType + "')");
    const auto json = entries.find(QString::fromLatin1(kProjectEntry));
    if (json == entries.end())
        throw ProjectError(file, "damaged project: no project.json entry");
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError)
        throw ProjectError(file, "project.json: invalid JSON at byte " + std::to_string(error.offset) + ": " +
                                     error.errorString().toStdString());
    if (!document.isObject())
        throw ProjectError(file, "project.json: expected a JSON object");
    Project project = ProjectJson::fromJson(document.object(), file);

    for (std::size_t k = 0; k < project.runs.size(); ++k) {
        for (const ArraySlot<StoredRun>& slot : arraysOf(project.runs[k], k)) {
            const auto entry = entries.find(QString::fromStdString(slot.entry));
            if (entry == entries.end())
                throw ProjectError(file, "damaged project: no " + slot.entry + " entry");
            const NpyArray array = NpyArray::parse(*entry, file, slot.entry);
            array.expect(slot.descr, slot.shape);
            array.copyTo(slot.data, slot.bytes);
            if (slot.confusion)
                slot.confusion->transposeInPlace();
        }
        checkValues(project.runs[k], k, file);
    }
    return project;
}

} // namespace mlps
