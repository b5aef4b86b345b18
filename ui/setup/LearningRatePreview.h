#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

class QCheckBox;
class QChartView;
class QLabel;
class QLineSeries;
class QChart;
class QLogValueAxis;
class QValueAxis;

namespace mlps::ui {

// The learning rate over the planned run as a small Qt Charts line chart:
// x in epochs, y the rate (linear or, with the toggle, logarithmic; the
// choice persists in QSettings), and a caption under it.
class LearningRatePreview : public QWidget {
    Q_OBJECT

public:
    explicit LearningRatePreview(QWidget* parent = nullptr);
    ~LearningRatePreview() override;

    // Points are (step, rate); `stepsPerEpoch` turns steps into epochs.
    // No points: the chart is cleared (the caption says why).
    void setCurve(const QList<QPointF>& points, qint64 stepsPerEpoch, int epochs);
    void setCaption(const QString& text);
    QString caption() const;
    bool logScale() const;
    void setLogScale(bool on);
    // The drawn series (x in epochs), for tests.
    QList<QPointF> drawnPoints() const;

private:
    // Fits the axes to the curve; attaches the linear or the log rate axis.
    void updateAxes();

    QChart* m_chart;
    QChartView* m_view;
    QLineSeries* m_series;
    QValueAxis* m_epochAxis;
    QValueAxis* m_linearAxis;
    QLogValueAxis* m_logAxis;
    QCheckBox* m_logScale;
    QLabel* m_caption;
    int m_epochs = 1;
};

} // namespace mlps::ui
