#pragma once

#include "data/Dataset.h"

#include <QImage>
#include <QVector>
#include <QWidget>

#include <memory>

namespace mlps::ui {

// A few sample images of every class, one row per class with the class name
// in front: the images drawn from the dataset's uint8 pixels, enlarged by a
// whole factor with nearest-neighbour scaling (28x28 shows at 56x56) so the
// pixels stay sharp. Samples are spread evenly over each class. The number
// of columns follows the width (up to kMaxPerClass); hover an image for its
// name. Meant to sit in a QScrollArea with widgetResizable set.
class SampleGrid : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxPerClass = 10;

    explicit SampleGrid(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset); // null: empty
    // How many images a row shows at the current width (0 when empty).
    int columns() const;
    int rows() const { return int(m_rows.size()); }
    // The dataset index shown at (row, column), or -1.
    qint64 sampleAt(int row, int column) const;

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Row {
        QString name;
        QVector<qint64> samples;
        QVector<QImage> images;
    };
    int labelWidth() const;
    int cellSize() const;   // one thumbnail, frame included
    int spacing() const;
    int columnsFor(int width) const;
    // The (row, column) under `pos`, or (-1, -1).
    QPoint cellAt(const QPoint& pos) const;
    QRect cellRect(int row, int column) const;

    std::shared_ptr<const Dataset> m_data;
    QVector<Row> m_rows;
    int m_scale = 2;
    int m_thumb = 56;
};

} // namespace mlps::ui
