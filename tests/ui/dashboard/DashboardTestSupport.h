#pragma once

#include "TrainingJob.h"
#include "TrainingProgress.h"
#include "dashboard/TrainingDashboard.h"

#include <QString>
#include <QTest>

#include <cstdint>

#include <gtest/gtest.h>

class QWidget;

namespace mlps::ui::test {

// A job whose training split has `trainCount` samples (no data attached: the
// dashboard only plans from the split and the settings).
TrainingJob plannedJob(int runId, std::int64_t trainCount, int batchSize, int epochs, double learningRate = 0.1);

// A snapshot after the epoch `epoch` with `stepsPerEpoch` batch losses of
// `batchLoss`, and the epoch's record.
TrainingProgress epochSnapshot(int runId, int epoch, int epochs, std::int64_t stepsPerEpoch, double trainLoss,
                               double trainAccuracy, double validationLoss, double validationAccuracy,
                               double learningRate = 0.1, double batchLoss = 1.0);

// Saves a grab of `widget` as <dir>/<name>.png when MLPS_SCREENSHOT_DIR is set.
void saveScreenshot(QWidget& widget, const QString& name);

// A dashboard shown at the size it has in the window at 1280x800.
struct ShownDashboard {
    ShownDashboard()
    {
        dashboard.resize(860, 660);
        dashboard.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&dashboard));
    }
    TrainingDashboard dashboard;
};

} // namespace mlps::ui::test
