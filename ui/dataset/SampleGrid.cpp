#include "SampleGrid.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace mlps::ui {

SampleGrid::SampleGrid(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Sample images"));
    setAccessibleDescription(tr("A few images of every class"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void SampleGrid::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_data = std::move(dataset);
    m_rows.clear();
    if (m_data && m_data->count() > 0) {
        const int width = m_data->width;
        const int height = m_data->height;
        // A whole enlargement to about 56 pixels (2x for 28x28); big images shrink.
        const int side = std::max(width, height);
        m_scale = std::max(1, 56 / std::max(1, side));
        m_thumb = side * m_scale > 96 ? 96 : side * m_scale;
        std::vector<std::vector<qint64>> perClass(std::size_t(m_data->classes()));
        for (qint64 i = 0; i < m_data->count(); ++i) {
            const int label = m_data->labels[std::size_t(i)];
            if (label >= 0 && label < int(perClass.size()))
                perClass[std::size_t(label)].push_back(i);
        }
        const std::size_t bytes = std::size_t(width) * std::size_t(height);
        for (int c = 0; c < m_data->classes(); ++c) {
            Row row;
            row.name = QString::fromStdString(m_data->classNames[std::size_t(c)]);
            const std::vector<qint64>& members = perClass[std::size_t(c)];
            const qint64 shown = std::min<qint64>(kMaxPerClass, qint64(members.size()));
            for (qint64 k = 0; k < shown; ++k) {
                // Evenly spread over the class, so one source does not fill the row.
                const qint64 size = qint64(members.size());
                const qint64 index = members[std::size_t((2 * k + 1) * size / (2 * shown))];
                QImage image(width, height, QImage::Format_Grayscale8);
                const std::uint8_t* pixels = m_data->pixels.data() + std::size_t(index) * bytes;
                for (int y = 0; y < height; ++y)
                    std::copy_n(pixels + std::size_t(y) * std::size_t(width), width, image.scanLine(y));
                row.samples.append(index);
                row.images.append(image);
            }
            m_rows.append(row);
        }
    }
    updateGeometry();
    setMinimumHeight(heightForWidth(width()));
    update();
}

int SampleGrid::spacing() const
{
    return std::max(3, fontMetrics().height() / 4);
}

int SampleGrid::cellSize() const
{
    return m_thumb + 2; // a one-pixel frame around the image
}

int SampleGrid::labelWidth() const
{
    const QFontMetrics metrics = fontMetrics();
    int widest = metrics.horizontalAdvance(QStringLiteral("W"));
    for (const Row& row : m_rows)
        widest = std::max(widest, metrics.horizontalAdvance(row.name));
    // Long names (Fashion-MNIST's "T-shirt/top") are elided past ~8 characters.
    return std::min(widest, metrics.averageCharWidth() * 8) + 2 * spacing();
}

int SampleGrid::columnsFor(int width) const
{
    if (m_rows.isEmpty())
        return 0;
    int most = 1;
    for (const Row& row : m_rows)
        most = std::max(most, int(row.images.size()));
    const int room = width - labelWidth() - spacing();
    return std::clamp(room / (cellSize() + spacing()), 1, most);
}

int SampleGrid::columns() const
{
    return columnsFor(width());
}

int SampleGrid::heightForWidth(int) const
{
    if (m_rows.isEmpty())
        return fontMetrics().height() * 3;
    return spacing() + int(m_rows.size()) * (cellSize() + spacing());
}

QSize SampleGrid::sizeHint() const
{
    const int cols = m_rows.isEmpty() ? 6 : std::min(6, columnsFor(100000));
    return {labelWidth() + spacing() + cols * (cellSize() + spacing()), heightForWidth(0)};
}

QSize SampleGrid::minimumSizeHint() const
{
    return {labelWidth() + 2 * spacing() + cellSize(), fontMetrics().height() * 3};
}

QRect SampleGrid::cellRect(int row, int column) const
{
    const int x = labelWidth() + column * (cellSize() + spacing());
    const int y = spacing() + row * (cellSize() + spacing());
    return {x, y, cellSize(), cellSize()};
}

QPoint SampleGrid::cellAt(const QPoint& pos) const
{
    const int cols = columns();
    for (int r = 0; r < int(m_rows.size()); ++r) {
        for (int c = 0; c < std::min(cols, int(m_rows[r].images.size())); ++c) {
            if (cellRect(r, c).contains(pos))
                return {c, r};
        }
    }
    return {-1, -1};
}

qint64 SampleGrid::sampleAt(int row, int column) const
{
    if (row < 0 || row >= int(m_rows.size()) || column < 0 || column >= columns()
        || column >= int(m_rows[row].samples.size()))
        return -1;
    return m_rows[row].samples[column];
}

void SampleGrid::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_rows.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No dataset loaded"));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_thumb < m_scale * std::max(m_data->width, m_data->height));
    const int cols = columns();
    const QFontMetrics metrics = fontMetrics();
    const QColor frame = palette().color(QPalette::Mid);
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const Row& row = m_rows[r];
        const QRect first = cellRect(r, 0);
        const QRect label(spacing(), first.top(), labelWidth() - 2 * spacing(), first.height());
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(row.name, Qt::ElideRight, label.width()));
        for (int c = 0; c < std::min(cols, int(row.images.size())); ++c) {
            const QRect cell = cellRect(r, c);
            painter.setPen(frame);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(cell.adjusted(0, 0, -1, -1));
            painter.drawImage(cell.adjusted(1, 1, -1, -1), row.images[c]);
        }
    }
}

void SampleGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    setMinimumHeight(heightForWidth(width()));
}

bool SampleGrid::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint cell = cellAt(help->pos());
        const qint64 index = sampleAt(cell.y(), cell.x());
        if (index >= 0 && m_data) {
            QToolTip::showText(help->globalPos(),
                               tr("%1: %2").arg(m_rows[cell.y()].name,
                                                QString::fromStdString(m_data->sampleName(index))),
                               this, cellRect(cell.y(), cell.x()));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace mlps::ui
