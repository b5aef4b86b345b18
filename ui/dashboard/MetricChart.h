#pragma once

#include "ChartScale.h"

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QAbstractAxis;
class QValueAxis;

namespace mlps::ui {

// One chart of the training dashboard: a QChartView with an x axis over the
// planned run, a y axis that rescales to nice bounds, a few line series, and
// under it a line with min / max / current of each series (as livelossplot
// prints them). The series' points are kept here and pushed to the chart only
// while the widget is visible (a single new point appended, more replace the
// series' points at once), so a hidden dashboard does bookkeeping only. Hovering a series shows a tooltip
// with the nearest point.
class MetricChart : public QWidget {
    Q_OBJECT

public:
    enum class YScale { FromZero, Fit, Logarithmic };
    enum class Stats { MinMaxCurrent, StartEnd, None };
    struct SeriesStyle {
        QColor color;
        qreal width = 2.0;
        Qt::PenStyle pen = Qt::SolidLine;
        bool markers = false; // a dot at every point (per-epoch series)
        Stats stats = Stats::MinMaxCurrent;
    };
    using Format = std::function<QString(double)>;

    // `title` is the chart's title; `statsName` starts the statistics line.
    MetricChart(const QString& title, const QString& statsName, QWidget* parent = nullptr);
    ~MetricChart() override;

    int addSeries(const QString& name, const SeriesStyle& style);
    // How values (stats, tooltips) and x positions (tooltips) are written.
    void setValueFormat(Format format);
    void setXFormat(Format format);
    // The y axis: from 0, fitted to the data, or logarithmic; never outside
    // [floor, ceiling] on a linear scale.
    void setYScale(YScale scale);
    YScale yScale() const { return m_yScale; }
    void setYLimits(double floor, double ceiling);
    void setXBounds(const AxisBounds& bounds);
    AxisBounds xBounds() const { return m_xBounds; }
    AxisBounds yBounds() const { return m_yBounds; }
    // Shown instead of statistics while no series has a point.
    void setPlaceholder(const QString& text);

    void append(int series, const QList<QPointF>& points);
    // Replaces a series' points (keep such series small); its statistics are
    // taken from the points unless setSeriesStats() follows.
    void setPoints(int series, const QList<QPointF>& points);
    void setSeriesStats(int series, double min, double max, double current);
    void clearData();
    // Pushes what changed to the chart and rescales the y axis; does nothing
    // while hidden (the next show catches up).
    void refresh();

    int seriesCount() const { return int(m_series.size()); }
    QString seriesName(int series) const;
    const QList<QPointF>& points(int series) const;
    // What the chart itself holds (what is drawn).
    QList<QPointF> drawnPoints(int series) const;
    QString statsText() const;
    QChartView* view() const { return m_view; }
    QChart* chart() const { return m_chart; }

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Series {
        QString name;
        SeriesStyle style;
        QLineSeries* line = nullptr;
        QList<QPointF> points;
        qsizetype drawn = 0;   // points already appended to `line`
        bool replaced = false; // `line` needs replace(points)
        bool hasStats = false;
        double min = 0.0, max = 0.0, current = 0.0;
        double low = 0.0, high = 0.0, lowPositive = 0.0; // of the points, for the axis
    };
    void track(Series& series, const QPointF& point);
    void retrack(Series& series);
    void rebuildYAxis();
    void updateYRange();
    void updateStatsText();
    void showTooltip(int series, const QPointF& at);
    void applyFonts();
    void reserveStatsLines();

    QString m_title;
    QString m_statsName;
    QString m_placeholder;
    QString m_statsLine; // statsText()
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QLabel* m_stats = nullptr;
    QValueAxis* m_xAxis = nullptr;
    QAbstractAxis* m_yAxis = nullptr;
    std::vector<Series> m_series;
    Format m_valueFormat;
    Format m_xFormat;
    YScale m_yScale = YScale::FromZero;
    double m_floor = -1e300;
    double m_ceiling = 1e300;
    AxisBounds m_xBounds;
    AxisBounds m_yBounds;
    bool m_dirty = false;
};

} // namespace mlps::ui
