#include "TrainingLoop.h"

#include "InterruptSignal.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace mlps::cli {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void printEpochLine(const EpochRecord& record, int epochs, double samplesPerSecond, double etaSeconds)
{
    char line[256];
    int used = std::snprintf(line, sizeof line, "epoch %d/%d  loss %.4f  acc %.2f%%", record.epoch, epochs,
                             record.trainLoss, 100.0 * record.trainAccuracy);
    if (record.validationLoss)
        used += std::snprintf(line + used, sizeof line - std::size_t(used), "  val_loss %.4f  val_acc %.2f%%",
                              *record.validationLoss, 100.0 * *record.validationAccuracy);
    std::snprintf(line + used, sizeof line - std::size_t(used), "  lr %.5g  %.0f samples/s  ETA %s",
                  record.learningRate, samplesPerSecond, formatDuration(etaSeconds).c_str());
    std::cerr << line << std::endl;
}

} // namespace

std::string formatDuration(double seconds)
{
    const long long total = std::llround(std::max(0.0, seconds));
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
    return text;
}

double LoopOutcome::samplesPerSecond() const
{
    return double(samplesTrained) / std::max(1e-9, seconds - evaluationSeconds);
}

TrainingLoop::TrainingLoop(Trainer& trainer, bool quiet)
    : m_trainer(trainer)
    , m_quiet(quiet)
{
    m_batchLosses.reset(trainer.totalSteps());
}

void TrainingLoop::continueBatchLosses(const std::vector<BatchLossPoint>& earlier)
{
    m_batchLosses.reset(m_trainer.totalSteps());
    for (const BatchLossPoint& point : earlier) {
        if (point.step <= m_trainer.stepsDone())
            m_batchLosses.add(point);
    }
}

double TrainingLoop::elapsedSeconds() const
{
    return secondsSince(m_start);
}

void TrainingLoop::setCheckpoint(double intervalSeconds, std::function<void()> save)
{
    m_interval = std::max(0.0, intervalSeconds);
    m_save = std::move(save);
}

LoopOutcome TrainingLoop::run()
{
    // Signals are caught only when there is somewhere to save the run.
    std::unique_ptr<InterruptSignal> interrupt;
    if (m_save)
        interrupt = std::make_unique<InterruptSignal>();
    LoopOutcome outcome;
    if (m_trainer.done())
        outcome.status = StepStatus::Finished;
    m_start = Clock::now();
    const Clock::time_point start = m_start;
    Clock::time_point lastSave = start;
    const std::int64_t firstStep = m_trainer.stepsDone();
    const int firstEpoch = m_trainer.epochsDone();
    const int epochs = m_trainer.config().epochs;
    while (!m_trainer.done()) {
        if (interrupt && InterruptSignal::received() != 0) {
            outcome.signal = InterruptSignal::received();
            break;
        }
        outcome.status = m_trainer.step();
        outcome.samplesTrained += m_trainer.lastBatch().size;
        if (std::isfinite(m_trainer.lastBatch().loss()))
            m_batchLosses.add(BatchLossPoint{m_trainer.stepsDone(), m_trainer.lastBatch().loss(), 1});
        const bool epochEnd = outcome.status == StepStatus::EpochEnd || outcome.status == StepStatus::Finished;
        if (epochEnd) {
            const EpochRecord& record = m_trainer.history().back();
            outcome.evaluationSeconds += record.evaluationSeconds;
            const double elapsed = secondsSince(start);
            const double perEpoch = elapsed / double(std::max(1, record.epoch - firstEpoch));
            if (!m_quiet)
                printEpochLine(record, epochs,
                               double(outcome.samplesTrained) / std::max(1e-9, elapsed - outcome.evaluationSeconds),
                               outcome.status == StepStatus::Finished ? 0.0 : perEpoch * (epochs - record.epoch));
        }
        if (m_save && !m_trainer.done() && m_trainer.stepsDone() > firstStep
            && (m_interval > 0.0 ? secondsSince(lastSave) >= m_interval : epochEnd)) {
            m_save();
            lastSave = Clock::now();
        }
    }
    if (outcome.signal != 0)
        m_save();
    outcome.seconds = secondsSince(start);
    return outcome;
}

int reportInterrupted(const Trainer& trainer, const LoopOutcome& outcome, const std::string& projectPath, int run,
                      bool json)
{
    std::cerr << "interrupted at step " << trainer.stepsDone() << " of " << trainer.totalSteps() << "; run " << run
              << " of " << projectPath << " keeps its checkpoint: continue it with\n  mlp-studio-cli resume --project "
              << projectPath << " --run " << run << std::endl;
    if (json) {
        const QJsonObject report{{QStringLiteral("status"), QStringLiteral("interrupted")},
                                 {QStringLiteral("project"), QString::fromStdString(projectPath)},
                                 {QStringLiteral("project_run"), run},
                                 {QStringLiteral("steps_done"), qint64(trainer.stepsDone())},
                                 {QStringLiteral("epochs_done"), trainer.epochsDone()}};
        std::cout << QJsonDocument(report).toJson(QJsonDocument::Compact).toStdString() << std::endl;
    }
    return 128 + outcome.signal;
}

} // namespace mlps::cli
