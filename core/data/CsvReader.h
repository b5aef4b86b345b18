#pragma once

#include "data/Dataset.h"
#include "data/LoadOptions.h"
#include "data/LoadReport.h"

#include <string>

namespace mlps {

// Images as rows of text, one image per line: `label,p0,p1,...,pN` (the
// layout of the widely shared mnist_train.csv / Kaggle digit-recognizer
// files). Details of the format as read:
// - Separator: ',' (or ';' or a tab, whichever the first line has most of).
//   Fields may be quoted ("A"); spaces around values are ignored; line ends
//   are \n or \r\n; blank lines are skipped; a UTF-8 byte-order mark is skipped.
// - Header: the first line is a header when one of its pixel fields is not a
//   number ("label,pixel0,..."), or when its label is not a number but the next
//   line's is ("label,1x1,1x2,..." with numeric labels). With a header whose
//   first column is not named like a label but whose last one is ("label",
//   "class", "target", "y", ...), the label is read from the last column.
// - Labels: integers 0..K-1 (class names by the notMNIST / Fashion-MNIST rule
//   of defaultClassNames, else "0".."K-1"); or class names ("A", "cat"), which
//   are sorted and numbered in that order.
// - Pixels: integers 0..255; or floats, read as 0..1 (scaled to 0..255) when
//   none exceeds 1.5, else as 0..255 (rounded); integers that are all 0 or 1
//   are read as black/white and scaled to 0/255. Negative values are an error.
// - Image size: from the number of pixel columns, which must be a perfect
//   square (784 -> 28x28) or LoadOptions' width x height. Images of another
//   size than LoadOptions' are resized (bilinear), as LoadReport::conversion says.
class CsvReader {
public:
    // Throws DataError naming the file and the problem: a line with another
    // number of values than the first ("line 17 has 700 values, expected 785"),
    // a value that is not a number or out of range (with its line and column),
    // a column count that is no image size, fewer than two classes. Throws
    // LoadCancelled when options.cancel is set.
    static LoadedDataset read(const std::string& path, const LoadOptions& options);

    // Writes `data` in the same format with a header "label,p0,...,pN" and the
    // labels as numbers 0..K-1 (class names are not kept). The file is written
    // beside `path` first and renamed when complete. Throws DataError.
    static void write(const Dataset& data, const std::string& path);
};

} // namespace mlps
