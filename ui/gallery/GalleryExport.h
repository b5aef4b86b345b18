#pragma once

#include <QImage>
#include <QList>
#include <QString>

namespace mlps::ui {

class GalleryModel;

// What Copy and Export… make of some rows of the gallery: one PNG-ready image
// of the thumbnails in a grid with their captions, and a CSV table.

// The rows' images, each enlarged `scale` times (nearest neighbour) over its
// caption, in rows of at most `columns`, on a white background.
QImage sampleGridImage(const GalleryModel& model, const QList<int>& rows, int scale = 2, int columns = 10);

// "index,source,true,predicted,confidence,loss" and one line per row: the
// image's index in its dataset, where it came from, the class names, the
// probability of the predicted class and -log p(true). RFC 4180 quoting,
// numbers in the C locale, lines ended by "\n".
QString samplesCsv(const GalleryModel& model, const QList<int>& rows);

} // namespace mlps::ui
