#pragma once

#include "BatchLossCurve.h"
#include "nn/BatchLossDecimator.h"
#include "TrainingJob.h"
#include "TrainingProgress.h"
#include "TrainingResult.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QCheckBox;
class QLabel;
class QProgressBar;
class QStackedWidget;

namespace mlps::ui {

class MetricChart;
class ResultBanner;
struct RunRecord;

// The studio's central widget while training: a compact header (run name,
// plan, progress with samples/s, elapsed and ETA), four live charts (log-loss
// and accuracy per epoch, the batch loss within the run with its smoothed
// curve, the planned and used learning rate) with min / max / current under
// each, and a result banner when the run ends. Before any run it shows a hint.
// The window feeds it the TrainingController's signals, and between runs
// shows the run selected in the run list (showRun()).
class TrainingDashboard : public QWidget {
    Q_OBJECT

public:
    enum class Chart { Loss, Accuracy, BatchLoss, LearningRate };
    // Series indices within the charts.
    static constexpr int kTrainingSeries = 0;     // Loss, Accuracy
    static constexpr int kValidationSeries = 1;   // Loss, Accuracy
    static constexpr int kRawBatchSeries = 0;     // BatchLoss
    static constexpr int kSmoothedBatchSeries = 1;
    static constexpr int kPlannedRateSeries = 0;  // LearningRate
    static constexpr int kUsedRateSeries = 1;
    // The most points the batch-loss curves keep.
    static constexpr int kMaxBatchPoints = BatchLossDecimator::kMaxPoints;

    explicit TrainingDashboard(QWidget* parent = nullptr);

    // A run starts: clears the charts, sets the x ranges to the planned epochs
    // (steps are drawn as fractions of an epoch), draws the planned learning
    // rate and shows `planText` (a sentence saying what will run) on top. A
    // continued run (job.resumeFrom) passes its batch losses before the step
    // it goes on from (as TrainingResult::batchLosses keeps them); its earlier
    // epochs come with its first snapshot.
    void beginRun(const TrainingJob& job, const QString& planText,
                  const std::vector<BatchLossPoint>& earlierBatchLosses = {});
    // Snapshots of another run (runId) than the current one are ignored.
    void addProgress(const TrainingProgress& progress);
    void finishRun(const TrainingResult& result);
    // Marks the progress line as paused (TrainingController::paused); a run's
    // end or a new run clears it.
    void setPaused(bool paused);
    // Shows a run that is not training as it ended: its plan, its epochs, its
    // kept batch losses, the planned and used learning rate (the used one at
    // its first step and at epoch ends) and its result, drawn as beginRun(),
    // one snapshot of everything and finishRun() would draw them: each chart
    // takes its points at once.
    void showRun(const RunRecord& run);
    // Back to the empty state.
    void clear();

    int epochPointCount() const;   // training-loss points (one per completed epoch)
    int batchPointCount() const;   // within-epoch batch-loss points kept (after decimation)
    QString statusText() const;    // the result line, empty while running or before a run
    bool divergenceShown() const;

    bool isRunActive() const { return m_running; }
    QString progressText() const;
    // Min / max / current of the chart's series, as shown under it.
    QString chartStatsText(Chart chart) const;
    const MetricChart* chart(Chart chart) const;
    const BatchLossCurve& batchLossCurve() const { return m_batch; }
    const ResultBanner* resultBanner() const { return m_banner; }
    std::int64_t plannedStepsPerEpoch() const { return m_stepsPerEpoch; }
    std::int64_t plannedSteps() const { return m_totalSteps; }

    // Logarithmic y axes for the two loss charts (persisted).
    bool logarithmicLoss() const;
    void setLogarithmicLoss(bool on);

protected:
    void showEvent(QShowEvent* event) override;

private:
    MetricChart* chartFor(Chart chart) const;
    void buildCharts();
    void resetCharts();
    void startRun(const TrainingJob& job, int runId, const QString& name, const QString& planText,
                  std::int64_t stepsPerEpoch);
    void endRun(const TrainingResult& result);
    void setPlan(std::int64_t stepsPerEpoch, int epochs);
    void addBatchLosses(const std::vector<BatchLossPoint>& points);
    void addEpoch(const EpochRecord& record);
    void addFirstUsedRate();
    void addUsedRate(double x, double rate, bool always);
    void refreshCharts();
    void showResult(const TrainingResult& result);
    void updateHeader(const TrainingProgress& progress);
    void showProgressLine();

    QStackedWidget* m_pages = nullptr;
    QLabel* m_emptyHint = nullptr;
    QLabel* m_name = nullptr;
    QLabel* m_plan = nullptr;
    QLabel* m_progress = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QCheckBox* m_logLoss = nullptr;
    ResultBanner* m_banner = nullptr;
    MetricChart* m_lossChart = nullptr;
    MetricChart* m_accuracyChart = nullptr;
    MetricChart* m_batchChart = nullptr;
    MetricChart* m_rateChart = nullptr;

    // The current (or last) run.
    bool m_hasRun = false;
    bool m_running = false;
    int m_runId = 0;
    int m_epochs = 0;
    double m_baseRate = 0.0;
    ScheduleSpec m_schedule;
    std::int64_t m_stepsPerEpoch = 0;
    std::int64_t m_totalSteps = 0;
    int m_lastEpoch = 0;          // the last epoch drawn
    double m_lastRateX = -1.0;    // x of the last used-rate point
    BatchLossCurve m_batch{kMaxBatchPoints};
    bool m_batchChanged = false;  // m_batch has points the chart has not got
    QString m_statusText;
    QString m_progressLine; // the header's progress, without "paused"
    bool m_paused = false;
    bool m_diverged = false;
};

} // namespace mlps::ui
