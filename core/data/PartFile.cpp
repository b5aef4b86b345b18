#include "data/PartFile.h"

#include "data/DataError.h"
#include "data/MessageText.h"

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace mlps {

namespace fs = std::filesystem;

PartFile::PartFile(std::string path)
    : m_path(std::move(path))
    , m_partPath(m_path + ".part")
{
}

PartFile::~PartFile()
{
    if (m_file)
        std::fclose(m_file);
    if (!m_committed) {
        std::error_code ec;
        fs::remove(m_partPath, ec);
    }
}

void PartFile::open()
{
    errno = 0;
    m_file = std::fopen(m_partPath.c_str(), "wb");
    if (!m_file) {
        const int error = errno;
        throw DataError(m_path, "cannot write: " + (error ? systemMessage(error) : std::string("cannot create the file")));
    }
}

bool PartFile::write(const void* data, std::size_t n)
{
    if (m_failed)
        return false;
    if (n > 0 && std::fwrite(data, 1, n, m_file) != n) {
        m_failed = true;
        m_error = errno;
    }
    return !m_failed;
}

void PartFile::commit()
{
    if (m_file) {
        const bool closed = std::fclose(m_file) == 0;
        m_file = nullptr;
        if (m_failed || !closed)
            throw DataError(m_path, "cannot write: " + (m_error ? systemMessage(m_error) : std::string("write failed")));
    }
    std::error_code ec;
    fs::rename(m_partPath, m_path, ec);
    if (ec)
        throw DataError(m_path, "cannot write: " + ec.message());
    m_committed = true;
}

void writeWholeFile(const std::string& path, const void* header, std::size_t headerBytes, const void* data,
                    std::size_t dataBytes)
{
    PartFile part(path);
    part.open();
    if (part.write(header, headerBytes))
        part.write(data, dataBytes);
    part.commit();
}

} // namespace mlps
