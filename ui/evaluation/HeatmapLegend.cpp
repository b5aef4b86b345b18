#include "HeatmapLegend.h"

#include "HeatmapPalette.h"

#include <QFontMetrics>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace mlps::ui {
namespace {

QString percent(double rate)
{
    const double value = rate * 100.0;
    return HeatmapLegend::tr("%1 %").arg(QLocale().toString(value, 'f', value > 0.0 && value < 1.0 ? 1 : 0));
}

} // namespace

HeatmapLegend::HeatmapLegend(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Colour legend"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void HeatmapLegend::showRates(double errorScale, const QString& basis)
{
    m_bars = {
        Bar{tr("Errors"), [](double t) { return heatmap::errorColor(t); },
            {percent(0.0), percent(errorScale)}, {}},
        Bar{tr("Correct"), [](double t) { return heatmap::correctColor(t); },
            {percent(0.0), percent(1.0)}, {}},
    };
    m_text = tr("Colour: share %1. Errors (off the diagonal) from white at 0 % to blue at %2; "
                "correct answers (the diagonal) from white at 0 % to green at 100 %.")
                 .arg(basis, percent(errorScale));
    refresh();
}

void HeatmapLegend::showChanges(double scale, const QString& better, const QString& worse)
{
    const QString end = QLocale().toString(scale, 'f', 0);
    m_bars = {
        Bar{better, [](double t) { return heatmap::changeColor(2.0 * t - 1.0); },
            {end, QStringLiteral("0"), end}, worse},
    };
    m_text = tr("Colour: the change in each cell. Blue: %1 (fewer errors off the diagonal, more correct "
                "answers on it); red: %2; white: no change. The ends of the bar are %3 samples.")
                 .arg(better, worse, end);
    refresh();
}

void HeatmapLegend::clear()
{
    m_bars.clear();
    m_text.clear();
    refresh();
}

QString HeatmapLegend::text() const
{
    return m_text;
}

void HeatmapLegend::refresh()
{
    setAccessibleDescription(m_text);
    setToolTip(m_text);
    updateGeometry();
    update();
}

int HeatmapLegend::barLength() const
{
    return fontMetrics().averageCharWidth() * 16;
}

int HeatmapLegend::captionWidth(const QString& text) const
{
    return text.isEmpty() ? 0 : fontMetrics().horizontalAdvance(text) + fontMetrics().averageCharWidth();
}

QSize HeatmapLegend::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    int width = 0;
    for (const Bar& bar : m_bars)
        width += captionWidth(bar.caption) + barLength() + captionWidth(bar.trailing) + 2 * metrics.averageCharWidth();
    return {width, m_bars.isEmpty() ? 0 : metrics.height() * 2 + 2};
}

QSize HeatmapLegend::minimumSizeHint() const
{
    return {0, sizeHint().height()};
}

void HeatmapLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    const int barHeight = metrics.height() - 2;
    const int gap = metrics.averageCharWidth();
    int x = 0;
    painter.setPen(palette().color(QPalette::WindowText));
    for (const Bar& bar : m_bars) {
        painter.drawText(QRect(x, 0, captionWidth(bar.caption), metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         bar.caption);
        x += captionWidth(bar.caption);
        const QRect barRect(x, 1, barLength(), barHeight);
        QLinearGradient gradient(barRect.topLeft(), barRect.topRight());
        for (int i = 0; i <= 10; ++i)
            gradient.setColorAt(i / 10.0, bar.ramp(i / 10.0));
        painter.fillRect(barRect, gradient);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(barRect.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::WindowText));
        // Tick labels: the first left-aligned, the last right-aligned, the rest centred.
        const int ticks = int(bar.ticks.size());
        for (int i = 0; i < ticks; ++i) {
            const int at = ticks > 1 ? barRect.left() + barRect.width() * i / (ticks - 1) : barRect.left();
            const QString& tick = bar.ticks.at(i);
            const int w = metrics.horizontalAdvance(tick);
            int left = at - w / 2;
            if (i == 0)
                left = barRect.left();
            else if (i == ticks - 1)
                left = barRect.right() + 1 - w;
            painter.drawText(QRect(left, metrics.height() + 1, w + 1, metrics.height()), Qt::AlignLeft, tick);
        }
        x += barLength() + gap / 2;
        if (!bar.trailing.isEmpty()) {
            painter.drawText(QRect(x, 0, captionWidth(bar.trailing), metrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, bar.trailing);
            x += captionWidth(bar.trailing);
        }
        x += 2 * gap;
    }
}

} // namespace mlps::ui
