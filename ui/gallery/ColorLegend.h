#pragma once

#include <QGradientStops>
#include <QString>
#include <QWidget>

namespace mlps::ui {

// A horizontal colour bar with a label under each end and the middle, the
// legend of a colour map ("−0.42  0  +0.42").
class ColorLegend : public QWidget {
    Q_OBJECT

public:
    explicit ColorLegend(QWidget* parent = nullptr);

    void setGradient(const QGradientStops& stops);
    void setLabels(const QString& low, const QString& middle, const QString& high);
    QString low() const { return m_low; }
    QString middle() const { return m_middle; }
    QString high() const { return m_high; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QGradientStops m_stops;
    QString m_low, m_middle, m_high;
};

} // namespace mlps::ui
