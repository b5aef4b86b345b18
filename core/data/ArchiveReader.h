#pragma once

#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <string>

namespace mlps {

// A tar archive of class folders of images, plain or compressed (.tar,
// .tar.gz, .tar.bz2, .tar.xz, and whatever else libarchive decompresses), as
// notMNIST_small.tar.gz / notMNIST_large.tar.gz are downloaded:
// notMNIST_small/A/MDEtMDEtMDAudHRm.png, ... Read with libarchive in one
// streaming pass, never extracted to disk; entries are decoded in batches in
// parallel while the next batch is read. zip, 7z and cpio archives of the
// same layout are read too. Classes are found as in ImageCollector.
//
// A truncated or damaged archive keeps everything read before the damage and
// says so in report.warning ("the archive is truncated: reading stopped after
// 1,234 entries (...)"). Progress counts entries read, of an unknown total.
class ArchiveReader {
public:
    // Throws DataError naming the file (not an archive, nothing readable, no
    // class folders, ...) or LoadCancelled.
    static LoadedDataset read(const std::string& path, const LoadOptions& options);
};

} // namespace mlps
