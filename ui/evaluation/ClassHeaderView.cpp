#include "ClassHeaderView.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mlps::ui {

ClassHeaderView::ClassHeaderView(Qt::Orientation orientation, QWidget* parent)
    : QHeaderView(orientation, parent)
{
    setSectionResizeMode(QHeaderView::Fixed);
    setHighlightSections(false);
    setSectionsClickable(true); // a click selects the class's whole row or column
    setMinimumSectionSize(1);
}

void ClassHeaderView::setHighlightedSection(int section)
{
    if (section == m_highlighted)
        return;
    m_highlighted = section;
    viewport()->update();
}

QString ClassHeaderView::label(int section) const
{
    return model() ? model()->headerData(section, orientation(), Qt::DisplayRole).toString() : QString();
}

ClassHeaderView::Layout ClassHeaderView::layout() const
{
    Layout result;
    result.font = font();
    const QFontMetrics base(font());
    const int pad = base.averageCharWidth();
    const int cap = base.averageCharWidth() * 14; // longer names are elided
    int widest = 0;
    const int n = count();
    for (int i = 0; i < n; ++i)
        widest = std::max(widest, base.horizontalAdvance(label(i)));
    result.textLength = std::min(widest, cap);
    const int section = defaultSectionSize();

    if (orientation() == Qt::Horizontal && widest + 4 <= section) {
        result.thickness = base.height() + pad / 2;
        return result; // upright columns of text fit side by side
    }
    result.rotated = orientation() == Qt::Horizontal;
    result.thickness = result.textLength + pad + (result.rotated ? 0 : pad);
    // Across a section the text needs its cap height; shrink to 75 % at most,
    // then label only every step-th section.
    const double needed = base.capHeight() + 2.0;
    if (needed > section) {
        const double scale = std::max(0.75, double(section) / needed);
        if (font().pointSizeF() > 0)
            result.font.setPointSizeF(font().pointSizeF() * scale);
        const QFontMetrics small(result.font);
        result.step = std::max(1, int(std::ceil((small.capHeight() + 2.0) / std::max(1, section))));
    }
    return result;
}

bool ClassHeaderView::isRotated() const
{
    return layout().rotated;
}

int ClassHeaderView::labelStep() const
{
    return layout().step;
}

QSize ClassHeaderView::sizeHint() const
{
    const Layout l = layout();
    if (orientation() == Qt::Horizontal)
        return {length(), l.thickness};
    return {l.thickness, length()};
}

void ClassHeaderView::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const
{
    if (!rect.isValid())
        return;
    painter->save();
    painter->setClipRect(rect);
    painter->fillRect(rect, palette().window());
    const bool highlighted = logicalIndex == m_highlighted;
    if (highlighted) {
        QColor tint = palette().color(QPalette::Highlight);
        tint.setAlpha(60);
        painter->fillRect(rect, tint);
    }
    const Layout l = layout();
    if (highlighted || logicalIndex % l.step == 0) {
        QFont font = l.font;
        font.setBold(highlighted);
        painter->setFont(font);
        painter->setPen(palette().color(QPalette::WindowText));
        const QFontMetrics metrics(font);
        const int pad = metrics.averageCharWidth() / 2;
        const QString text = metrics.elidedText(label(logicalIndex), Qt::ElideRight, l.textLength + 1);
        if (l.rotated) {
            // Read bottom to top, starting next to the grid.
            painter->translate(rect.left(), rect.bottom() + 1);
            painter->rotate(-90);
            const QRect rotated(pad, 0, rect.height() - 2 * pad, rect.width());
            painter->drawText(rotated, Qt::AlignLeft | Qt::AlignVCenter, text);
        } else if (orientation() == Qt::Vertical) {
            painter->drawText(rect.adjusted(pad, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter, text);
        } else {
            painter->drawText(rect, Qt::AlignCenter, text);
        }
    }
    painter->restore();
}

} // namespace mlps::ui
