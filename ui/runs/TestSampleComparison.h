#pragma once

#include <QList>
#include <QString>

namespace mlps::ui {

struct RunRecord;

// How two runs did on the same test samples, sample by sample: the ones the
// second run gets right and the first got wrong (fixed), the reverse
// (broken), and the ones both get wrong. Only meaningful when both runs were
// tested on the very same images in the same order; otherwise `comparable`
// is false and `reason` says why, for the user.
struct TestSampleComparison {
    bool comparable = false;
    QString reason;
    QList<qint64> fixed;     // evaluation sample indices, ascending
    QList<qint64> broken;
    QList<qint64> bothWrong;
    qint64 bothRight = 0;
    qint64 total = 0;        // test samples compared
};

// Compares the test evaluations of `first` and `second`. The test sets count
// as the same when they have the same number of samples and sample i is the
// same image with the same label in both (the same dataset rows, or equal
// pixels when the runs hold different copies of the data).
TestSampleComparison compareTestSamples(const RunRecord& first, const RunRecord& second);

} // namespace mlps::ui
