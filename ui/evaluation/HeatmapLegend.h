#pragma once

#include <QList>
#include <QWidget>

#include <functional>

namespace mlps::ui {

// The heatmap's colour legend: one or two labelled colour bars with their
// scale under them. For rates: "Errors" (white to blue, 0 to the error scale)
// and "Correct" (white to green, 0 to 100 %); for a difference of two runs one
// diverging bar from "better" (blue) through "no change" to "worse" (red).
// text() says the same in words (also its accessible description).
class HeatmapLegend : public QWidget {
    Q_OBJECT

public:
    explicit HeatmapLegend(QWidget* parent = nullptr);

    // `errorScale` in (0, 1]: the rate at the blue end; `basis` says what the
    // rates are of ("of the true class").
    void showRates(double errorScale, const QString& basis);
    // `scale`: the count at either end; `better` / `worse` label the ends.
    void showChanges(double scale, const QString& better, const QString& worse);
    void clear();

    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Bar {
        QString caption;                    // left of the bar
        std::function<QColor(double)> ramp; // 0..1 along the bar
        QStringList ticks;                  // evenly spaced under the bar
        QString trailing;                   // right of the bar
    };
    int barLength() const;
    int captionWidth(const QString& text) const;
    void refresh();

    QList<Bar> m_bars;
    QString m_text;
};

} // namespace mlps::ui
