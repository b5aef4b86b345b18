#include "RunStatusWidget.h"

#include "TrainingProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

#include <cmath>

namespace mlps::ui {

RunStatusWidget::RunStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 28);
    m_bar->setAccessibleName(tr("Training progress"));
    m_label->setAccessibleName(tr("Training speed and time left"));
    showIdle();
}

void RunStatusWidget::showStarted()
{
    m_paused = false;
    m_bar->setValue(0);
    m_bar->setFormat(tr("Starting…"));
    m_progressText = tr("Preparing the run");
    updateText();
    setVisible(true);
}

void RunStatusWidget::showProgress(const TrainingProgress& progress)
{
    const QLocale locale;
    const double done = progress.totalSteps > 0 ? double(progress.step) / double(progress.totalSteps) : 0.0;
    m_bar->setValue(int(std::lround(done * 1000.0)));
    m_bar->setFormat(tr("Epoch %1 / %2").arg(progress.epoch).arg(progress.epochs));
    QStringList parts;
    if (progress.samplesPerSecond > 0.0)
        parts << tr("%1 samples/s").arg(locale.toString(std::llround(progress.samplesPerSecond)));
    parts << tr("elapsed %1").arg(clock(progress.elapsedSeconds));
    if (progress.step > 0 && progress.step < progress.totalSteps)
        parts << tr("ETA %1").arg(clock(progress.etaSeconds));
    m_progressText = parts.join(QStringLiteral(" · "));
    updateText();
    setVisible(true);
}

void RunStatusWidget::showPaused(bool paused)
{
    m_paused = paused;
    updateText();
}

void RunStatusWidget::showIdle()
{
    m_paused = false;
    m_progressText.clear();
    updateText();
    setVisible(false);
}

QString RunStatusWidget::text() const
{
    return m_label->text();
}

int RunStatusWidget::percent() const
{
    return m_bar->value() / 10;
}

QString RunStatusWidget::clock(double seconds)
{
    const qint64 total = std::isfinite(seconds) && seconds > 0.0 ? qint64(std::llround(seconds)) : 0;
    const qint64 hours = total / 3600;
    const qint64 minutes = total / 60 % 60;
    const qint64 secs = total % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(secs, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

void RunStatusWidget::updateText()
{
    m_label->setText(m_paused ? tr("Paused · %1").arg(m_progressText) : m_progressText);
}

} // namespace mlps::ui
