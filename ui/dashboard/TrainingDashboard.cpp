#include "TrainingDashboard.h"

#include "LearningRatePlan.h"
#include "MetricChart.h"
#include "ResultBanner.h"
#include "RunRecord.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlps::ui {
namespace {

const QString kLogLossKey = QStringLiteral("dashboard/logarithmicLoss");

// Series colours shared by every chart: training blue, validation orange.
const QColor kTrainingColor(0x1f, 0x77, 0xb4);
const QColor kValidationColor(0xff, 0x7f, 0x0e);
const QColor kRawBatchColor(0x9e, 0xc5, 0xe4);
const QColor kPlannedColor(0x8c, 0x8c, 0x8c);

QString lossText(double value)
{
    if (!std::isfinite(value))
        return QLocale().toString(value);
    return std::abs(value) >= 1e-3 || value == 0.0 ? QLocale().toString(value, 'f', 3)
                                                   : QLocale().toString(value, 'g', 3);
}

QString percentText(double percent)
{
    return QCoreApplication::translate("mlps::ui::TrainingDashboard", "%1 %")
        .arg(QLocale().toString(percent, 'f', 1));
}

QString rateText(double value)
{
    return QLocale().toString(value, 'g', 3);
}

QString countText(std::int64_t value)
{
    return QLocale().toString(qlonglong(value));
}

// "0:42", "12:05", "1:02:03".
QString durationText(double seconds)
{
    const auto total = std::int64_t(std::llround(std::max(0.0, seconds)));
    const std::int64_t hours = total / 3600;
    const std::int64_t minutes = total / 60 % 60;
    const std::int64_t rest = total % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingDashboard::TrainingDashboard(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("trainingDashboard"));
    setAccessibleName(tr("Training dashboard"));

    // Page 0: the empty state.
    auto* emptyPage = new QWidget(this);
    m_emptyHint = new QLabel(tr("Press Train (Ctrl+Return) to start."), emptyPage);
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAccessibleName(tr("No training run yet"));
    QFont large = m_emptyHint->font();
    large.setPointSizeF(large.pointSizeF() * 1.4);
    m_emptyHint->setFont(large);
    auto* emptyDetail = new QLabel(tr("The loss, accuracy and learning-rate curves appear here while the network "
                                      "trains, and the test accuracy when it is done."),
                                   emptyPage);
    emptyDetail->setAlignment(Qt::AlignCenter);
    emptyDetail->setWordWrap(true);
    emptyDetail->setForegroundRole(QPalette::PlaceholderText);
    auto* emptyLayout = new QVBoxLayout(emptyPage);
    emptyLayout->addStretch(2);
    emptyLayout->addWidget(m_emptyHint);
    emptyLayout->addWidget(emptyDetail);
    emptyLayout->addStretch(3);

    // Page 1: header, result banner, charts.
    auto* runPage = new QWidget(this);
    m_name = new QLabel(runPage);
    m_name->setObjectName(QStringLiteral("runName"));
    m_name->setTextFormat(Qt::PlainText);
    m_name->setAccessibleName(tr("Run name"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long name never widens the window
    m_progress = new QLabel(runPage);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setTextFormat(Qt::PlainText);
    m_progress->setAccessibleName(tr("Training progress"));
    m_logLoss = new QCheckBox(tr("&Log scale for losses"), runPage);
    m_logLoss->setObjectName(QStringLiteral("logLoss"));
    m_logLoss->setAccessibleName(tr("Logarithmic loss axes"));
    m_logLoss->setToolTip(tr("Draw the log-loss and the batch loss on a logarithmic axis"));
    m_plan = new QLabel(runPage);
    m_plan->setObjectName(QStringLiteral("runPlan"));
    m_plan->setTextFormat(Qt::PlainText);
    m_plan->setWordWrap(true);
    m_plan->setAccessibleName(tr("Run plan"));
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont small = m_plan->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_plan->setFont(small);
    m_progressBar = new QProgressBar(runPage);
    m_progressBar->setObjectName(QStringLiteral("runProgressBar"));
    m_progressBar->setAccessibleName(tr("Training progress"));
    m_progressBar->setTextVisible(false);
    m_progressBar->setRange(0, 1000);
    m_progressBar->setMaximumHeight(std::max(4, fontMetrics().height() / 2));

    m_banner = new ResultBanner(runPage);
    m_banner->hide();

    buildCharts();

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_name, 1);
    titleRow->addWidget(m_logLoss);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_progressBar, 1);
    auto* grid = new QGridLayout;
    grid->setSpacing(fontMetrics().height() / 2);
    grid->addWidget(m_lossChart, 0, 0);
    grid->addWidget(m_accuracyChart, 0, 1);
    grid->addWidget(m_batchChart, 1, 0);
    grid->addWidget(m_rateChart, 1, 1);
    auto* runLayout = new QVBoxLayout(runPage);
    runLayout->setContentsMargins(0, 0, 0, 0);
    runLayout->addLayout(titleRow);
    runLayout->addWidget(m_plan);
    runLayout->addLayout(progressRow);
    runLayout->addWidget(m_banner);
    runLayout->addLayout(grid, 1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(emptyPage);
    m_pages->addWidget(runPage);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    setTabOrder(m_logLoss, m_plan);
    m_logLoss->setChecked(QSettings().value(kLogLossKey, false).toBool());
    setLogarithmicLoss(m_logLoss->isChecked());
    connect(m_logLoss, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(kLogLossKey, on);
        setLogarithmicLoss(on);
    });
}

void TrainingDashboard::buildCharts()
{
    using Style = MetricChart::SeriesStyle;
    using Stats = MetricChart::Stats;
    const auto epochX = [](double x) { return tr("epoch %1").arg(QLocale().toString(x, 'g', 6)); };

    m_lossChart = new MetricChart(tr("Log-loss per epoch"), tr("log-loss"), this);
    m_lossChart->setObjectName(QStringLiteral("lossChart"));
    m_lossChart->addSeries(tr("training"), Style{kTrainingColor, 2.0, Qt::SolidLine, true, Stats::MinMaxCurrent});
    m_lossChart->addSeries(tr("validation"), Style{kValidationColor, 2.0, Qt::SolidLine, true, Stats::MinMaxCurrent});
    m_lossChart->setValueFormat(lossText);
    m_lossChart->setXFormat(epochX);
    m_lossChart->setYLimits(0.0, 1e300);
    m_lossChart->setPlaceholder(tr("log-loss: shown after the first epoch"));

    m_accuracyChart = new MetricChart(tr("Accuracy per epoch (%)"), tr("accuracy"), this);
    m_accuracyChart->setObjectName(QStringLiteral("accuracyChart"));
    m_accuracyChart->addSeries(tr("training"), Style{kTrainingColor, 2.0, Qt::SolidLine, true, Stats::MinMaxCurrent});
    m_accuracyChart->addSeries(tr("validation"),
                               Style{kValidationColor, 2.0, Qt::SolidLine, true, Stats::MinMaxCurrent});
    m_accuracyChart->setValueFormat(percentText);
    m_accuracyChart->setXFormat(epochX);
    m_accuracyChart->setYScale(MetricChart::YScale::Fit);
    m_accuracyChart->setYLimits(0.0, 100.0);
    m_accuracyChart->setPlaceholder(tr("accuracy: shown after the first epoch"));

    // Steps are drawn over epochs; the tooltips give the step too.
    const auto stepX = [this](double x) {
        const auto step = std::int64_t(std::llround(x * double(std::max<std::int64_t>(1, m_stepsPerEpoch))));
        return tr("step %1 (epoch %2)").arg(countText(step), QLocale().toString(x, 'f', 2));
    };
    m_batchChart = new MetricChart(tr("Batch loss"), tr("batch loss"), this);
    m_batchChart->setObjectName(QStringLiteral("batchChart"));
    m_batchChart->addSeries(tr("batches"), Style{kRawBatchColor, 1.0, Qt::SolidLine, false, Stats::MinMaxCurrent});
    m_batchChart->addSeries(tr("smoothed"), Style{kTrainingColor, 2.0, Qt::SolidLine, false, Stats::MinMaxCurrent});
    m_batchChart->setValueFormat(lossText);
    m_batchChart->setXFormat(stepX);
    m_batchChart->setYLimits(0.0, 1e300);
    m_batchChart->setPlaceholder(tr("batch loss: shown after the first step"));

    m_rateChart = new MetricChart(tr("Learning rate"), tr("learning rate"), this);
    m_rateChart->setObjectName(QStringLiteral("rateChart"));
    // Wide dashes under a thin line: where they agree, both stay visible.
    m_rateChart->addSeries(tr("planned"), Style{kPlannedColor, 3.0, Qt::DashLine, false, Stats::StartEnd});
    m_rateChart->addSeries(tr("used"), Style{kTrainingColor, 1.5, Qt::SolidLine, false, Stats::MinMaxCurrent});
    m_rateChart->setValueFormat(rateText);
    m_rateChart->setXFormat(stepX);
    m_rateChart->setYLimits(0.0, 1e300);
    m_rateChart->setPlaceholder(tr("learning rate: shown when a run starts"));
}

MetricChart* TrainingDashboard::chartFor(Chart chart) const
{
    switch (chart) {
    case Chart::Loss:
        return m_lossChart;
    case Chart::Accuracy:
        return m_accuracyChart;
    case Chart::BatchLoss:
        return m_batchChart;
    case Chart::LearningRate:
        return m_rateChart;
    }
    return m_lossChart;
}

const MetricChart* TrainingDashboard::chart(Chart which) const
{
    return chartFor(which);
}

QString TrainingDashboard::chartStatsText(Chart which) const
{
    return chartFor(which)->statsText();
}

bool TrainingDashboard::logarithmicLoss() const
{
    return m_logLoss->isChecked();
}

void TrainingDashboard::setLogarithmicLoss(bool on)
{
    if (m_logLoss->isChecked() != on) {
        m_logLoss->setChecked(on); // comes back here through toggled()
        return;
    }
    const auto scale = on ? MetricChart::YScale::Logarithmic : MetricChart::YScale::FromZero;
    m_lossChart->setYScale(scale);
    m_batchChart->setYScale(scale);
}

void TrainingDashboard::resetCharts()
{
    for (MetricChart* chart : {m_lossChart, m_accuracyChart, m_batchChart, m_rateChart})
        chart->clearData();
    m_lastEpoch = 0;
    m_lastRateX = -1.0;
    m_batch.reset(0, 1.0);
    m_batchChanged = false;
}

// The x axes span the planned run; the planned learning rate is drawn at once.
void TrainingDashboard::setPlan(std::int64_t stepsPerEpoch, int epochs)
{
    m_stepsPerEpoch = stepsPerEpoch;
    m_epochs = epochs;
    m_totalSteps = stepsPerEpoch * epochs;
    m_batch.replan(m_totalSteps); // buckets as the worker sizes them, until the first loss
    const AxisBounds x = ChartScale::epochs(epochs);
    for (MetricChart* chart : {m_lossChart, m_accuracyChart, m_batchChart, m_rateChart})
        chart->setXBounds(x);
    m_rateChart->setPoints(kPlannedRateSeries,
                           plannedLearningRate(m_schedule, m_baseRate, m_stepsPerEpoch, m_totalSteps));
}

void TrainingDashboard::beginRun(const TrainingJob& job, const QString& planText,
                                 const std::vector<BatchLossPoint>& earlierBatchLosses)
{
    startRun(job, job.runId, job.name, planText, ui::plannedStepsPerEpoch(job));
    if (job.resumeFrom) // its earlier snapshots are gone: the rates come with its epochs
        addFirstUsedRate();
    addBatchLosses(earlierBatchLosses);
    refreshCharts();
}

void TrainingDashboard::showRun(const RunRecord& run)
{
    const TrainingResult& result = run.result;
    startRun(run.job, run.id, run.name, run.planText, run.stepsPerEpoch());
    if (result.stepsDone > 0) // the used rate is kept at epoch ends only
        addFirstUsedRate();
    // Everything the run did as one snapshot, then its end.
    TrainingProgress snapshot;
    snapshot.runId = m_runId;
    snapshot.batchLosses = result.batchLosses;
    snapshot.newEpochs = result.history;
    snapshot.epochsDone = int(result.history.size());
    snapshot.epochs = m_epochs;
    snapshot.step = result.stepsDone;
    snapshot.epoch = result.stepsDone > 0 && m_stepsPerEpoch > 0 ? int((result.stepsDone - 1) / m_stepsPerEpoch) + 1
                                                                 : 1;
    snapshot.stepsPerEpoch = m_stepsPerEpoch;
    snapshot.totalSteps = m_totalSteps;
    snapshot.learningRate = std::numeric_limits<double>::quiet_NaN(); // the next step's rate is not kept
    snapshot.samplesPerSecond = result.samplesPerSecond;
    snapshot.elapsedSeconds = result.trainSeconds;
    addProgress(snapshot);
    endRun(result);
}

void TrainingDashboard::startRun(const TrainingJob& job, int runId, const QString& name, const QString& planText,
                                 std::int64_t stepsPerEpoch)
{
    resetCharts();
    m_hasRun = true;
    m_running = true;
    m_runId = runId;
    m_statusText.clear();
    m_diverged = false;
    m_baseRate = job.config.optimizer.learningRate;
    m_schedule = job.config.schedule;
    setPlan(stepsPerEpoch, std::max(0, job.config.epochs));
    // TensorBoard-like smoothing that stays readable on long runs without
    // lagging much: the average spans about 0.5 % of the run (5 to 200 steps).
    m_batch.reset(m_totalSteps, std::clamp(double(m_totalSteps) / 200.0, 5.0, 200.0));

    m_name->setText(name.isEmpty() ? tr("Run %1").arg(runId) : name);
    m_plan->setText(planText);
    m_plan->setVisible(!planText.isEmpty());
    m_paused = false;
    m_progressLine = tr("epoch 1 / %1 · step 0 / %2 · starting…").arg(m_epochs).arg(countText(m_totalSteps));
    showProgressLine();
    m_progressBar->setValue(0);
    m_banner->hide();
    m_pages->setCurrentIndex(1);
}

void TrainingDashboard::addEpoch(const EpochRecord& record)
{
    if (record.epoch <= m_lastEpoch)
        return; // already drawn (finishRun tops up from the history)
    m_lastEpoch = record.epoch;
    const double x = record.epoch;
    m_lossChart->append(kTrainingSeries, {QPointF(x, record.trainLoss)});
    m_accuracyChart->append(kTrainingSeries, {QPointF(x, record.trainAccuracy * 100.0)});
    if (record.validationLoss)
        m_lossChart->append(kValidationSeries, {QPointF(x, *record.validationLoss)});
    if (record.validationAccuracy)
        m_accuracyChart->append(kValidationSeries, {QPointF(x, *record.validationAccuracy * 100.0)});
    // The rate of the epoch's last step, which lies at x = epoch.
    addUsedRate(x, record.learningRate, true);
}

// The rate the first step used: the plan's first (no reduction on a plateau
// comes before an epoch ends), for runs whose snapshots are not all there.
void TrainingDashboard::addFirstUsedRate()
{
    const QList<QPointF>& planned = m_rateChart->points(kPlannedRateSeries);
    if (!planned.isEmpty())
        addUsedRate(planned.first().x(), planned.first().y(), true);
}

// Snapshots come up to 10 times a second: keep at most ~1,000 used-rate
// points over the run besides one per epoch.
void TrainingDashboard::addUsedRate(double x, double rate, bool always)
{
    if (x < m_lastRateX || !std::isfinite(rate))
        return;
    if (!always && m_lastRateX >= 0.0 && x - m_lastRateX < double(std::max(1, m_epochs)) / 1000.0)
        return;
    m_rateChart->append(kUsedRateSeries, {QPointF(x, rate)});
    m_lastRateX = x;
}

void TrainingDashboard::addProgress(const TrainingProgress& progress)
{
    if (!m_running || progress.runId != m_runId)
        return;
    if (progress.stepsPerEpoch > 0 && progress.epochs > 0
        && (progress.stepsPerEpoch != m_stepsPerEpoch || progress.epochs != m_epochs))
        setPlan(progress.stepsPerEpoch, progress.epochs); // the worker's count wins

    addBatchLosses(progress.batchLosses);
    for (const EpochRecord& record : progress.newEpochs)
        addEpoch(record);
    if (progress.step < m_totalSteps && m_stepsPerEpoch > 0) // the rate the next step will use
        addUsedRate(double(progress.step + 1) / double(m_stepsPerEpoch), progress.learningRate, false);
    updateHeader(progress);
    refreshCharts();
}

void TrainingDashboard::addBatchLosses(const std::vector<BatchLossPoint>& points)
{
    for (const BatchLossPoint& point : points)
        m_batch.add(point);
    m_batchChanged = m_batchChanged || !points.empty();
}

void TrainingDashboard::updateHeader(const TrainingProgress& progress)
{
    const int epoch = std::clamp(progress.epoch, 1, std::max(1, m_epochs));
    QString text = tr("epoch %1 / %2 · step %3 / %4 · %5 samples/s · %6 elapsed")
                       .arg(epoch)
                       .arg(m_epochs)
                       .arg(countText(progress.step), countText(m_totalSteps),
                            QLocale().toString(progress.samplesPerSecond, 'f', 0),
                            durationText(progress.elapsedSeconds));
    if (progress.etaSeconds > 0.0)
        text += tr(" · ETA %1").arg(durationText(progress.etaSeconds));
    m_progressLine = text;
    showProgressLine();
    if (m_totalSteps > 0)
        m_progressBar->setValue(int(std::clamp<std::int64_t>(progress.step * 1000 / m_totalSteps, 0, 1000)));
}

void TrainingDashboard::setPaused(bool paused)
{
    m_paused = paused && m_running;
    showProgressLine();
}

void TrainingDashboard::showProgressLine()
{
    m_progress->setText(m_paused ? tr("%1 · paused").arg(m_progressLine) : m_progressLine);
}

void TrainingDashboard::refreshCharts()
{
    // The batch-loss curves are rebuilt (at most kMaxBatchPoints points each,
    // so replacing them is cheap) only when they can be seen.
    if (m_batchChanged && m_batchChart->isVisible()) {
        const double perEpoch = double(std::max<std::int64_t>(1, m_stepsPerEpoch));
        m_batchChart->setPoints(kRawBatchSeries, m_batch.rawPoints(perEpoch));
        m_batchChart->setSeriesStats(kRawBatchSeries, m_batch.minLoss(), m_batch.maxLoss(), m_batch.lastLoss());
        m_batchChart->setPoints(kSmoothedBatchSeries, m_batch.smoothedPoints(perEpoch));
        m_batchChanged = false;
    }
    // Each chart does nothing but its statistics line while hidden.
    for (MetricChart* chart : {m_lossChart, m_accuracyChart, m_batchChart, m_rateChart})
        chart->refresh();
}

void TrainingDashboard::finishRun(const TrainingResult& result)
{
    if (m_hasRun && result.runId != m_runId)
        return;
    if (!m_hasRun) { // a result without beginRun: show it all the same
        resetCharts();
        m_hasRun = true;
        m_runId = result.runId;
        m_name->setText(tr("Run %1").arg(result.runId));
        m_plan->hide();
        m_pages->setCurrentIndex(1);
    }
    endRun(result);
}

void TrainingDashboard::endRun(const TrainingResult& result)
{
    m_running = false;
    m_paused = false;
    // Epochs and batch losses whose snapshots never arrived (or a result without snapshots).
    for (const EpochRecord& record : result.history)
        addEpoch(record);
    if (m_batch.lossCount() == 0)
        addBatchLosses(result.batchLosses);
    refreshCharts();
    showResult(result);
}

void TrainingDashboard::showResult(const TrainingResult& result)
{
    ResultBanner::Outcome outcome;
    const int epochsRun = int(result.history.size());
    const QString timing = tr("Epochs: %1 · steps: %2 · time: %3 · %4 samples/s")
                               .arg(countText(epochsRun), countText(result.stepsDone),
                                    durationText(result.trainSeconds),
                                    QLocale().toString(result.samplesPerSecond, 'f', 0));
    QString scores;
    if (result.test) {
        const ClassificationScores& s = result.test->scores;
        outcome.accuracy = percentText(s.accuracy * 100.0);
        outcome.f1 = QLocale().toString(s.f1Weighted, 'f', 3);
        scores = tr("test accuracy %1, weighted F1 %2, macro F1 %3")
                     .arg(outcome.accuracy, outcome.f1, QLocale().toString(s.f1Macro, 'f', 3));
    } else {
        scores = tr("no test set was evaluated");
    }

    m_diverged = false;
    switch (result.status) {
    case TrainingStatus::Finished: {
        const bool early = m_epochs > 0 && epochsRun < m_epochs;
        outcome.tone = ResultBanner::Tone::Success;
        outcome.title = early ? tr("Early stopping after %1 of %2 epochs").arg(epochsRun).arg(m_epochs)
                              : tr("Finished");
        outcome.details = early ? result.message + QLatin1Char('\n') + timing : timing;
        m_statusText = early ? tr("Early stopping: %1.").arg(scores) : tr("Finished: %1.").arg(scores);
        break;
    }
    case TrainingStatus::Stopped:
        outcome.tone = ResultBanner::Tone::Neutral;
        outcome.title = tr("Stopped by the user");
        outcome.details = result.message + QLatin1Char('\n') + timing;
        if (result.checkpoint)
            outcome.details += QLatin1Char('\n') + tr("Run > Continue Run trains it on from this step, exactly as if it had not stopped.");
        m_statusText = tr("Stopped by the user: %1.").arg(scores);
        break;
    case TrainingStatus::Diverged: {
        m_diverged = true;
        const std::int64_t step = result.stepsDone;
        const std::int64_t epoch = m_stepsPerEpoch > 0 && step > 0 ? (step - 1) / m_stepsPerEpoch + 1
                                                                   : std::int64_t(epochsRun) + 1;
        const QString lower = rateText(m_baseRate / 10.0);
        outcome.tone = ResultBanner::Tone::Error;
        outcome.title = tr("Diverged at epoch %1, step %2: the loss is no longer a finite number")
                            .arg(epoch)
                            .arg(countText(step));
        outcome.details = tr("Try a lower learning rate (e.g. %1 instead of %2), a decaying schedule, or Adam. "
                             "The charts show the run up to that point.")
                              .arg(lower, rateText(m_baseRate));
        if (!result.message.isEmpty())
            outcome.details = result.message + QLatin1Char('\n') + outcome.details;
        m_statusText = tr("Diverged at epoch %1, step %2: try a lower learning rate (e.g. %3).")
                           .arg(epoch)
                           .arg(countText(step))
                           .arg(lower);
        break;
    }
    case TrainingStatus::Failed:
        outcome.tone = ResultBanner::Tone::Error;
        outcome.title = tr("Failed");
        outcome.details = result.message;
        outcome.accuracy.clear();
        m_statusText = tr("Failed: %1").arg(result.message);
        break;
    }
    m_banner->showOutcome(outcome);
    m_banner->show();
    m_progressLine = result.status == TrainingStatus::Failed
                         ? tr("not started")
                         : tr("epoch %1 / %2 · step %3 / %4 · time %5")
                               .arg(epochsRun)
                               .arg(m_epochs)
                               .arg(countText(result.stepsDone), countText(m_totalSteps),
                                    durationText(result.trainSeconds));
    showProgressLine();
}

void TrainingDashboard::clear()
{
    resetCharts();
    m_hasRun = false;
    m_running = false;
    m_runId = 0;
    m_epochs = 0;
    m_stepsPerEpoch = 0;
    m_totalSteps = 0;
    m_statusText.clear();
    m_diverged = false;
    m_name->clear();
    m_plan->clear();
    m_paused = false;
    m_progressLine.clear();
    m_progress->clear();
    m_progressBar->setValue(0);
    m_banner->hide();
    m_pages->setCurrentIndex(0);
}

int TrainingDashboard::epochPointCount() const
{
    return int(m_lossChart->points(kTrainingSeries).size());
}

int TrainingDashboard::batchPointCount() const
{
    return m_batch.pointCount();
}

void TrainingDashboard::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshCharts(); // catch up with what arrived while hidden
}

QString TrainingDashboard::statusText() const
{
    return m_statusText;
}

bool TrainingDashboard::divergenceShown() const
{
    return m_diverged && m_banner->isVisibleTo(this);
}

QString TrainingDashboard::progressText() const
{
    return m_progress->text();
}

} // namespace mlps::ui
