#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <array>
#include <vector>

class QChart;
class QChartView;

namespace mlps {
struct EpochRecord;
}

namespace mlps::ui {

class LineLegend;

// Two runs' per-epoch curves overlaid: a log-loss chart and an accuracy chart
// (Qt Charts), training and validation in the same colours for both runs,
// the first run dashed and the second solid. Hovering a line shows the run,
// the set, the epoch and the value.
class ComparisonCurves : public QWidget {
    Q_OBJECT

public:
    enum class Metric { Loss, Accuracy };
    enum class Set { Training, Validation };

    explicit ComparisonCurves(QWidget* parent = nullptr);

    // Shows the histories of the two runs, called by their labels ("Run 1").
    void setRuns(const QString& firstLabel, const std::vector<EpochRecord>& first, const QString& secondLabel,
                 const std::vector<EpochRecord>& second);
    void clear();

    // What is drawn: the points of a run's (0 or 1) set on a chart, as
    // (epoch, value); empty when the run has none (no validation set).
    QList<QPointF> points(Metric metric, int run, Set set) const;
    QChartView* chartView(Metric metric) const;
    LineLegend* legend() const { return m_legend; }

private:
    QChartView* makeChart(const QString& title, const QString& axisTitle);
    void fill(Metric metric, const QString& firstLabel, const std::vector<EpochRecord>& first,
              const QString& secondLabel, const std::vector<EpochRecord>& second);

    static std::size_t slot(Metric metric, int run, Set set);
    void setLegend(const QString& firstLabel, const QString& secondLabel);

    QChartView* m_loss = nullptr;
    QChartView* m_accuracy = nullptr;
    LineLegend* m_legend = nullptr;
    std::array<QList<QPointF>, 8> m_points; // as given (accuracy as a fraction), by slot()
};

} // namespace mlps::ui
