#include "GalleryExport.h"

#include "GalleryModel.h"
#include "SampleImage.h"
#include "data/Dataset.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>

#include <algorithm>

namespace mlps::ui {

namespace {

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QImage sampleGridImage(const GalleryModel& model, const QList<int>& rows, int scale, int columns)
{
    if (rows.isEmpty() || !model.run())
        return {};
    scale = std::max(1, scale);
    columns = std::clamp(columns, 1, int(rows.size()));
    const Dataset& data = datasetOf(*model.run(), model.set());
    const QFont font = QGuiApplication::font();
    const QFontMetrics metrics(font);
    const int gap = std::max(6, metrics.height() / 2);
    int captionWidth = 0;
    for (const int row : rows)
        captionWidth = std::max(captionWidth, metrics.horizontalAdvance(model.caption(row)));
    const QSize picture(data.width * scale, data.height * scale);
    const QSize cell(std::max(picture.width(), captionWidth) + gap, picture.height() + metrics.height() + gap);
    const int lines = int((rows.size() + columns - 1) / columns);
    QImage grid(columns * cell.width() + gap, lines * cell.height() + gap, QImage::Format_RGB32);
    grid.fill(Qt::white);
    QPainter painter(&grid);
    painter.setFont(font);
    painter.setPen(Qt::black);
    for (int k = 0; k < rows.size(); ++k) {
        const QPoint corner(gap + (k % columns) * cell.width(), gap + (k / columns) * cell.height());
        const int inset = (cell.width() - gap - picture.width()) / 2;
        const GallerySample& s = model.sampleAt(rows[k]);
        painter.drawPixmap(corner + QPoint(inset, 0), enlargedPixmap(sampleImage(data, s.datasetIndex), scale, 1.0));
        const QRect text(corner.x(), corner.y() + picture.height(), cell.width() - gap, metrics.height());
        painter.drawText(text, Qt::AlignHCenter | Qt::AlignVCenter, model.caption(rows[k]));
    }
    return grid;
}

QString samplesCsv(const GalleryModel& model, const QList<int>& rows)
{
    QString csv = QStringLiteral("index,source,true,predicted,confidence,loss\n");
    for (const int row : rows) {
        const GallerySample& s = model.sampleAt(row);
        csv += QString::number(s.datasetIndex) + QLatin1Char(',') + csvField(model.sourceName(row)) + QLatin1Char(',')
               + csvField(model.className(s.trueClass)) + QLatin1Char(',') + csvField(model.className(s.predicted))
               + QLatin1Char(',') + QString::number(double(s.confidence), 'f', 6) + QLatin1Char(',')
               + QString::number(s.loss, 'f', 6) + QLatin1Char('\n');
    }
    return csv;
}

} // namespace mlps::ui
