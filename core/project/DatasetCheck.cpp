#include "project/DatasetCheck.h"

#include "project/DatasetHash.h"

#include <QFileInfo>

namespace mlps {

DatasetCheck checkDataset(const DatasetReference& reference, const std::string& path)
{
    DatasetCheck check;
    check.path = path.empty() ? reference.path : path;
    if (check.path.rfind("builtin:", 0) == 0)
        return check;
    if (!QFileInfo::exists(QString::fromStdString(check.path))) {
        check.state = DatasetState::Missing;
        check.message = check.path + ": the project's data is not there any more; where is it now?";
        return check;
    }
    check.sha256 = DatasetHash::sha256Of(check.path);
    if (!reference.sha256.empty() && check.sha256 != reference.sha256) {
        check.state = DatasetState::Changed;
        check.message = check.path + ": this is not the data the project was made with (its content differs: SHA-256 " +
                        check.sha256.substr(0, 12) + "..., expected " + reference.sha256.substr(0, 12) + "...)";
    }
    return check;
}

} // namespace mlps
