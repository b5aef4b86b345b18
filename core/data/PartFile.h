#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

// Internal to mlps_data: how the writers write a file whole or not at all.
namespace mlps {

// A file written under a temporary name, `path + ".part"`, and renamed to
// `path` by commit(); a file that is not committed (a write failed, an
// exception left the writer) is removed by the destructor, so that `path` is
// never left half written. Every failure is a DataError naming `path`.
class PartFile {
public:
    explicit PartFile(std::string path);
    ~PartFile();
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;

    // The final path, and the temporary one to write to (for writers that
    // open it themselves, such as a zip library).
    const std::string& path() const { return m_path; }
    const std::string& partPath() const { return m_partPath; }

    // Creates the temporary file for write().
    void open();
    // Appends n bytes to the file open()ed; false when this or an earlier
    // write failed (nothing more is written then, and commit() throws).
    bool write(const void* data, std::size_t n);
    // Closes the file open()ed, if any, and renames it to path().
    void commit();

private:
    std::string m_path;
    std::string m_partPath;
    std::FILE* m_file = nullptr;
    bool m_failed = false;
    int m_error = 0; // errno of the failed write; 0 when unknown
    bool m_committed = false;
};

// Writes `header` and then `data` as the whole of the file `path`, through a PartFile.
void writeWholeFile(const std::string& path, const void* header, std::size_t headerBytes, const void* data,
                    std::size_t dataBytes);

} // namespace mlps
