#include "ComparisonCurves.h"

#include "LineLegend.h"

#include "nn/Trainer.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QCursor>
#include <QGraphicsLayout>
#include <QLocale>
#include <QPen>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlps::ui {

namespace {

// One colour per set, the same for both runs (the line style tells the runs apart).
QColor setColor(ComparisonCurves::Set set)
{
    return set == ComparisonCurves::Set::Training ? QColor(0x1f, 0x77, 0xb4) : QColor(0xff, 0x7f, 0x0e);
}

QList<QPointF> curve(const std::vector<EpochRecord>& history, ComparisonCurves::Metric metric,
                     ComparisonCurves::Set set)
{
    QList<QPointF> points;
    for (const EpochRecord& record : history) {
        double value = 0.0;
        if (set == ComparisonCurves::Set::Training) {
            value = metric == ComparisonCurves::Metric::Loss ? record.trainLoss : record.trainAccuracy;
        } else {
            const std::optional<double>& v = metric == ComparisonCurves::Metric::Loss ? record.validationLoss
                                                                                     : record.validationAccuracy;
            if (!v)
                continue;
            value = *v;
        }
        if (std::isfinite(value))
            points.append(QPointF(record.epoch, value));
    }
    return points;
}

// A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least `value`.
double niceCeiling(double value)
{
    if (!(value > 0.0))
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * power >= value * (1.0 - 1e-12))
            return step * power;
    }
    return 10.0 * power;
}

} // namespace

ComparisonCurves::ComparisonCurves(QWidget* parent)
    : QWidget(parent)
{
    m_loss = makeChart(tr("Log-loss"), tr("log-loss"));
    m_loss->setObjectName(QStringLiteral("lossChart"));
    m_accuracy = makeChart(tr("Accuracy"), tr("accuracy"));
    m_accuracy->setObjectName(QStringLiteral("accuracyChart"));
    m_legend = new LineLegend(this);
    m_legend->setObjectName(QStringLiteral("legend"));
    setLegend(tr("Run 1"), tr("Run 2"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_accuracy, 1);
    layout->addWidget(m_legend);
}

QChartView* ComparisonCurves::makeChart(const QString& title, const QString& axisTitle)
{
    auto* chart = new QChart;
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setTitle(title);
    chart->legend()->hide(); // one shared LineLegend under both charts
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    QFont bold = font();
    bold.setBold(true);
    chart->setTitleFont(bold);

    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat(QStringLiteral("%g"));
    x->setLabelsFont(small);
    x->setTitleFont(small);
    chart->addAxis(x, Qt::AlignBottom);
    auto* y = new QValueAxis;
    y->setTitleText(axisTitle);
    y->setLabelsFont(small);
    y->setTitleFont(small);
    chart->addAxis(y, Qt::AlignLeft);

    auto* view = new QChartView(chart, this); // takes ownership of the chart
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setAccessibleName(tr("%1 of both runs per epoch").arg(title));
    view->setMinimumHeight(fontMetrics().height() * 10);
    return view;
}

void ComparisonCurves::clear()
{
    for (QChartView* view : {m_loss, m_accuracy})
        view->chart()->removeAllSeries();
    for (QList<QPointF>& points : m_points)
        points.clear();
}

void ComparisonCurves::setLegend(const QString& firstLabel, const QString& secondLabel)
{
    auto pen = [](const QColor& color, Qt::PenStyle style) {
        QPen line(color);
        line.setWidthF(2.0);
        line.setStyle(style);
        return line;
    };
    const QColor neutral = palette().color(QPalette::WindowText);
    m_legend->setEntries({{pen(setColor(Set::Training), Qt::SolidLine), tr("training")},
                          {pen(setColor(Set::Validation), Qt::SolidLine), tr("validation")},
                          {pen(neutral, Qt::DashLine), firstLabel},
                          {pen(neutral, Qt::SolidLine), secondLabel}});
}

void ComparisonCurves::setRuns(const QString& firstLabel, const std::vector<EpochRecord>& first,
                               const QString& secondLabel, const std::vector<EpochRecord>& second)
{
    setLegend(firstLabel, secondLabel);
    fill(Metric::Loss, firstLabel, first, secondLabel, second);
    fill(Metric::Accuracy, firstLabel, first, secondLabel, second);
}

void ComparisonCurves::fill(Metric metric, const QString& firstLabel, const std::vector<EpochRecord>& first,
                            const QString& secondLabel, const std::vector<EpochRecord>& second)
{
    QChart* chart = chartView(metric)->chart();
    chart->removeAllSeries();
    for (int run = 0; run < 2; ++run) {
        for (Set set : {Set::Training, Set::Validation})
            m_points[slot(metric, run, set)].clear();
    }
    auto* x = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).value(0));
    auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));

    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    double lastEpoch = 1.0;
    for (int run = 0; run < 2; ++run) {
        const std::vector<EpochRecord>& history = run == 0 ? first : second;
        const QString& label = run == 0 ? firstLabel : secondLabel;
        for (Set set : {Set::Training, Set::Validation}) {
            QList<QPointF> points = curve(history, metric, set);
            m_points[slot(metric, run, set)] = points;
            if (points.isEmpty())
                continue;
            if (metric == Metric::Accuracy) {
                for (QPointF& point : points)
                    point.setY(point.y() * 100.0); // drawn in percent
            }
            auto* series = new QLineSeries;
            series->setName(set == Set::Training ? tr("%1 training").arg(label) : tr("%1 validation").arg(label));
            QPen pen(setColor(set));
            pen.setWidthF(run == 0 ? 1.8 : 2.2);
            pen.setStyle(run == 0 ? Qt::DashLine : Qt::SolidLine);
            pen.setCosmetic(true);
            series->setPen(pen);
            series->setPointsVisible(points.size() <= 30);
            series->replace(points);
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
            for (const QPointF& point : points) {
                low = std::min(low, point.y());
                high = std::max(high, point.y());
                lastEpoch = std::max(lastEpoch, point.x());
            }
            const QString name = series->name();
            connect(series, &QLineSeries::hovered, this, [this, name, metric](const QPointF& at, bool state) {
                if (!state) {
                    QToolTip::hideText();
                    return;
                }
                const QString value = metric == Metric::Loss ? QLocale().toString(at.y(), 'g', 4)
                                                             : QLocale().toString(at.y(), 'f', 2) + QStringLiteral(" %");
                QToolTip::showText(QCursor::pos(), tr("%1, epoch %2: %3").arg(name).arg(std::lround(at.x())).arg(value),
                                   this);
            });
        }
    }

    // Whole epochs on x; y from 0 for the loss, fitted (in steps of 10 %) for accuracy.
    x->setRange(1.0, std::max(2.0, lastEpoch));
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(1.0);
    x->setTickInterval(std::max(1.0, std::ceil((lastEpoch - 1.0) / 8.0)));
    if (!std::isfinite(low)) {
        low = 0.0;
        high = 1.0;
    }
    if (metric == Metric::Loss) {
        y->setRange(0.0, niceCeiling(high * 1.05));
        y->setLabelFormat(QStringLiteral("%.2g"));
    } else {
        const double floorPercent = std::clamp(std::floor(low / 10.0) * 10.0, 0.0, 90.0);
        y->setRange(floorPercent, 100.0);
        y->setLabelFormat(QStringLiteral("%.0f %%"));
    }
    y->applyNiceNumbers();
    if (metric == Metric::Accuracy && y->max() > 100.0)
        y->setMax(100.0);
}

std::size_t ComparisonCurves::slot(Metric metric, int run, Set set)
{
    return std::size_t(metric == Metric::Accuracy) * 4 + std::size_t(run != 0) * 2 + std::size_t(set == Set::Validation);
}

QList<QPointF> ComparisonCurves::points(Metric metric, int run, Set set) const
{
    return m_points[slot(metric, run, set)];
}

QChartView* ComparisonCurves::chartView(Metric metric) const
{
    return metric == Metric::Loss ? m_loss : m_accuracy;
}

} // namespace mlps::ui
