#include "TestSampleComparison.h"

#include "RunRecord.h"

#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace mlps::ui {

namespace {

class Text {
    Q_DECLARE_TR_FUNCTIONS(TestSampleComparison)
};

// Whether sample i of both runs' test evaluations is the same image.
bool sameImage(const RunRecord& first, const RunRecord& second, std::int64_t i)
{
    const Dataset& a = first.testData();
    const Dataset& b = second.testData();
    const std::int64_t rowA = first.testSampleIndex(i);
    const std::int64_t rowB = second.testSampleIndex(i);
    if (&a == &b)
        return rowA == rowB;
    const std::size_t features = std::size_t(a.features());
    return std::memcmp(a.pixels.data() + std::size_t(rowA) * features, b.pixels.data() + std::size_t(rowB) * features,
                       features) == 0;
}

} // namespace

TestSampleComparison compareTestSamples(const RunRecord& first, const RunRecord& second)
{
    TestSampleComparison result;
    const Evaluation* a = first.test();
    const Evaluation* b = second.test();
    for (const RunRecord* run : {&first, &second}) {
        if (!run->test()) {
            result.reason = Text::tr("Run %1 has no test evaluation, so there are no test answers to compare.")
                                .arg(run->id);
            return result;
        }
    }
    if (!first.job.data || !second.job.data) {
        result.reason = Text::tr("The data of a run is not available, so its test samples cannot be matched.");
        return result;
    }
    if (a->count() != b->count()) {
        result.reason = Text::tr("The two runs were tested on different test sets (%1 and %2 samples), so their "
                                 "answers cannot be compared sample by sample.")
                            .arg(a->count())
                            .arg(b->count());
        return result;
    }
    const Dataset& dataA = first.testData();
    const Dataset& dataB = second.testData();
    bool same = dataA.width == dataB.width && dataA.height == dataB.height && a->trueLabels == b->trueLabels
        && first.classNames() == second.classNames();
    for (std::int64_t i = 0; same && i < a->count(); ++i)
        same = sameImage(first, second, i);
    if (!same) {
        result.reason = Text::tr("The two runs were tested on different samples (other data or another split), so "
                                 "their answers cannot be compared sample by sample.");
        return result;
    }

    result.comparable = true;
    result.total = a->count();
    for (std::int64_t i = 0; i < a->count(); ++i) {
        const std::size_t s = std::size_t(i);
        const bool rightA = a->predicted[s] == a->trueLabels[s];
        const bool rightB = b->predicted[s] == b->trueLabels[s];
        if (rightA && rightB)
            ++result.bothRight;
        else if (rightB)
            result.fixed.append(i);
        else if (rightA)
            result.broken.append(i);
        else
            result.bothWrong.append(i);
    }
    return result;
}

} // namespace mlps::ui
