#include "project/StoredRun.h"

namespace mlps {

bool isKnownRunStatus(const std::string& status)
{
    return status == "finished" || status == "stopped" || status == "diverged" || status == "failed";
}

} // namespace mlps
