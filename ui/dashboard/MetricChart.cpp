#include "MetricChart.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLocale>
#include <QPen>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mlps::ui {

MetricChart::MetricChart(const QString& title, const QString& statsName, QWidget* parent)
    : QWidget(parent)
    , m_title(title)
    , m_statsName(statsName)
    , m_valueFormat([](double value) { return QLocale().toString(value, 'g', 4); })
    , m_xFormat([](double x) { return QLocale().toString(x, 'g', 4); })
{
    m_chart = new QChart;
    m_chart->setTheme(QChart::ChartThemeLight);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setTitle(title);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);

    m_xAxis = new QValueAxis;
    m_xAxis->setTickType(QValueAxis::TicksDynamic);
    m_xAxis->setTickAnchor(0.0);
    m_xAxis->setLabelFormat(QStringLiteral("%g"));
    m_xAxis->setTitleText(tr("epoch"));
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    rebuildYAxis();

    m_view = new QChartView(m_chart, this); // takes ownership of the chart
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("%1 chart").arg(title));
    m_view->setFrameShape(QFrame::NoFrame);

    m_stats = new QLabel(this);
    m_stats->setObjectName(QStringLiteral("stats"));
    m_stats->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // never widens the grid
    m_stats->setIndent(fontMetrics().averageCharWidth());
    m_stats->setTextFormat(Qt::PlainText);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_stats->setAccessibleName(tr("%1 statistics").arg(title));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_stats);

    applyFonts();
    setXBounds(ChartScale::epochs(1));
    updateYRange();
    updateStatsText();
}

MetricChart::~MetricChart() = default;

void MetricChart::applyFonts()
{
    // Compact: everything in the widget's font, legend and ticks a little smaller.
    QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.85);
    QFont bold = base;
    bold.setBold(true);
    m_chart->setTitleFont(bold);
    m_chart->legend()->setFont(small);
    m_xAxis->setLabelsFont(small);
    m_xAxis->setTitleFont(small);
    m_yAxis->setLabelsFont(small);
    m_stats->setFont(small);
    reserveStatsLines();
    const int margin = std::max(2, fontMetrics().height() / 4);
    m_chart->setMargins(QMargins(margin, margin, margin, 0));
    m_view->setMinimumSize(fontMetrics().averageCharWidth() * 30, fontMetrics().height() * 9);
    for (const Series& series : m_series)
        if (series.style.markers)
            series.line->setMarkerSize(std::max(4.0, fontMetrics().height() / 3.0));
}

// A line per series, so the charts do not jump when the first figures arrive.
void MetricChart::reserveStatsLines()
{
    const int lines = std::max<int>(1, int(std::count_if(m_series.begin(), m_series.end(), [](const Series& series) {
                                           return series.style.stats != Stats::None;
                                       })));
    const QFontMetrics metrics(m_stats->font());
    m_stats->setFixedHeight(metrics.lineSpacing() * lines + metrics.descent());
}

void MetricChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts();
}

int MetricChart::addSeries(const QString& name, const SeriesStyle& style)
{
    Series series;
    series.name = name;
    series.style = style;
    series.line = new QLineSeries;
    series.line->setName(name);
    QPen pen(style.color);
    pen.setWidthF(style.width);
    pen.setStyle(style.pen);
    pen.setCapStyle(Qt::RoundCap);
    series.line->setPen(pen);
    if (style.markers) {
        series.line->setPointsVisible(true);
        series.line->setMarkerSize(std::max(4.0, fontMetrics().height() / 3.0));
    }
    m_chart->addSeries(series.line);
    series.line->attachAxis(m_xAxis);
    series.line->attachAxis(m_yAxis);
    const int index = int(m_series.size());
    connect(series.line, &QLineSeries::hovered, this, [this, index](const QPointF& at, bool entered) {
        if (entered)
            showTooltip(index, at);
        else
            QToolTip::hideText();
    });
    m_series.push_back(std::move(series));
    reserveStatsLines();
    updateStatsText();
    return index;
}

void MetricChart::setValueFormat(Format format)
{
    m_valueFormat = std::move(format);
    updateStatsText();
}

void MetricChart::setXFormat(Format format)
{
    m_xFormat = std::move(format);
}

void MetricChart::setYScale(YScale scale)
{
    if (scale == m_yScale)
        return;
    m_yScale = scale;
    rebuildYAxis();
    updateYRange();
}

void MetricChart::setYLimits(double floor, double ceiling)
{
    m_floor = floor;
    m_ceiling = ceiling;
    updateYRange();
}

void MetricChart::setXBounds(const AxisBounds& bounds)
{
    m_xBounds = bounds;
    // A little room on the right so that the last epoch's marker is not cut in half.
    m_xAxis->setRange(bounds.min, bounds.max + (bounds.max - bounds.min) * 0.015);
    m_xAxis->setTickInterval(bounds.step);
}

void MetricChart::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    updateStatsText();
}

// A linear and a logarithmic axis are different classes: swap the axis object.
void MetricChart::rebuildYAxis()
{
    QAbstractAxis* old = m_yAxis;
    if (m_yScale == YScale::Logarithmic) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat(QStringLiteral("%g"));
        axis->setMinorTickCount(-1); // minor ticks at 2, 3, ... 9 x 10^k
        m_yAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        m_yAxis = axis;
    }
    if (old) {
        m_yAxis->setLabelsFont(old->labelsFont());
        for (const Series& series : m_series)
            series.line->detachAxis(old);
        m_chart->removeAxis(old);
        delete old;
    }
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);
    for (const Series& series : m_series)
        series.line->attachAxis(m_yAxis);
}

void MetricChart::track(Series& series, const QPointF& point)
{
    const double y = point.y();
    const bool first = series.points.size() == 1;
    series.low = first ? y : std::min(series.low, y);
    series.high = first ? y : std::max(series.high, y);
    if (y > 0.0)
        series.lowPositive = series.lowPositive > 0.0 ? std::min(series.lowPositive, y) : y;
    series.min = series.low;
    series.max = series.high;
    series.current = y;
    series.hasStats = true;
}

void MetricChart::retrack(Series& series)
{
    QList<QPointF> points;
    points.swap(series.points);
    series.hasStats = false;
    series.lowPositive = 0.0;
    for (const QPointF& point : points) {
        series.points.append(point);
        track(series, point);
    }
}

void MetricChart::append(int index, const QList<QPointF>& points)
{
    Series& series = m_series.at(std::size_t(index));
    for (const QPointF& point : points) {
        if (!std::isfinite(point.x()) || !std::isfinite(point.y()))
            continue; // nothing to draw (a diverged run's loss)
        series.points.append(point);
        track(series, point);
    }
    m_dirty = true;
}

void MetricChart::setPoints(int index, const QList<QPointF>& points)
{
    Series& series = m_series.at(std::size_t(index));
    series.points = points;
    retrack(series);
    series.replaced = true;
    m_dirty = true;
}

void MetricChart::setSeriesStats(int index, double min, double max, double current)
{
    Series& series = m_series.at(std::size_t(index));
    series.min = min;
    series.max = max;
    series.current = current;
    series.hasStats = true;
    m_dirty = true;
}

void MetricChart::clearData()
{
    for (Series& series : m_series) {
        series.points.clear();
        series.hasStats = false;
        series.lowPositive = 0.0;
        series.replaced = true;
    }
    m_dirty = true;
    refresh();
}

void MetricChart::refresh()
{
    updateStatsText(); // the text is cheap and readable by screen readers even when hidden
    if (!isVisible())
        return;
    if (!m_dirty)
        return;
    for (Series& series : m_series) {
        // QXYSeries::append() lays out the whole line again for every point
        // it adds: several new points (a run shown at once) go in one replace().
        if (series.replaced || series.points.size() - series.drawn > 1) {
            series.line->replace(series.points);
            series.replaced = false;
        } else if (series.drawn < series.points.size()) {
            series.line->append(series.points.last());
        }
        series.drawn = series.points.size();
    }
    updateYRange();
    m_dirty = false;
}

void MetricChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void MetricChart::updateYRange()
{
    bool any = false;
    double low = 0.0, high = 0.0, lowPositive = 0.0;
    for (const Series& series : m_series) {
        if (series.points.isEmpty())
            continue;
        low = any ? std::min(low, series.low) : series.low;
        high = any ? std::max(high, series.high) : series.high;
        if (series.lowPositive > 0.0)
            lowPositive = lowPositive > 0.0 ? std::min(lowPositive, series.lowPositive) : series.lowPositive;
        any = true;
    }
    if (m_yScale == YScale::Logarithmic) {
        m_yBounds = any && lowPositive > 0.0 ? ChartScale::logarithmic(lowPositive, high)
                                             : ChartScale::logarithmic(0.1, 1.0);
        m_yAxis->setRange(m_yBounds.min, m_yBounds.max);
        return;
    }
    if (!any) {
        low = std::max(0.0, m_floor);
        high = std::min(low + 1.0, m_ceiling);
    }
    m_yBounds = ChartScale::linear(low, high, m_yScale == YScale::FromZero, m_floor, m_ceiling);
    auto* axis = static_cast<QValueAxis*>(m_yAxis);
    axis->setRange(m_yBounds.min, m_yBounds.max);
    axis->setTickCount(m_yBounds.tickCount());
}

void MetricChart::updateStatsText()
{
    // One line per series under the chart (a steady height), and the same
    // figures on one line, livelossplot-style, for statsText() and screen readers.
    QStringList parts;
    for (const Series& series : m_series) {
        if (!series.hasStats || series.style.stats == Stats::None)
            continue;
        if (series.style.stats == Stats::StartEnd && !series.points.isEmpty()) {
            parts << tr("%1 (start %2, end %3)")
                         .arg(series.name, m_valueFormat(series.points.first().y()),
                              m_valueFormat(series.points.last().y()));
        } else if (series.style.stats == Stats::MinMaxCurrent) {
            parts << tr("%1 (min %2, max %3, cur %4)")
                         .arg(series.name, m_valueFormat(series.min), m_valueFormat(series.max),
                              m_valueFormat(series.current));
        }
    }
    const QString line = parts.isEmpty() ? m_placeholder
                                         : tr("%1: %2").arg(m_statsName, parts.join(QStringLiteral("  ")));
    if (line == m_statsLine)
        return;
    m_statsLine = line;
    m_stats->setText(parts.isEmpty() ? m_placeholder : parts.join(QLatin1Char('\n')));
    m_view->setAccessibleDescription(line);
}

// The series' point nearest to the cursor in x (points are in x order).
void MetricChart::showTooltip(int index, const QPointF& at)
{
    const Series& series = m_series.at(std::size_t(index));
    if (series.points.isEmpty())
        return;
    const auto it = std::lower_bound(series.points.begin(), series.points.end(), at.x(),
                                     [](const QPointF& point, double x) { return point.x() < x; });
    auto nearest = it == series.points.end() ? std::prev(it) : it;
    if (it != series.points.begin() && it != series.points.end()
        && std::abs(std::prev(it)->x() - at.x()) < std::abs(it->x() - at.x()))
        nearest = std::prev(it);
    const QString text = tr("%1\n%2: %3").arg(series.name, m_xFormat(nearest->x()), m_valueFormat(nearest->y()));
    QToolTip::showText(QCursor::pos(), text, m_view);
}

QString MetricChart::seriesName(int series) const
{
    return m_series.at(std::size_t(series)).name;
}

const QList<QPointF>& MetricChart::points(int series) const
{
    return m_series.at(std::size_t(series)).points;
}

QList<QPointF> MetricChart::drawnPoints(int series) const
{
    return m_series.at(std::size_t(series)).line->points();
}

QString MetricChart::statsText() const
{
    return m_statsLine;
}

} // namespace mlps::ui
