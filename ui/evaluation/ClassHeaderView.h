#pragma once

#include <QHeaderView>

namespace mlps::ui {

// A header of class names for the confusion heatmap, flat (no bevels) and
// fitted to small square sections: column labels turn upright (rotated) when
// they are wider than a column, the type shrinks a little when sections are
// low, and only every k-th label is drawn when even that does not fit (at 47
// classes); the highlighted section (the hovered or current cell's class) is
// always labelled, in bold. Each section keeps its tooltip ("True I").
class ClassHeaderView : public QHeaderView {
    Q_OBJECT

public:
    explicit ClassHeaderView(Qt::Orientation orientation, QWidget* parent = nullptr);

    void setHighlightedSection(int section); // -1: none
    int highlightedSection() const { return m_highlighted; }
    // How the labels are drawn at the current section size.
    bool isRotated() const;
    int labelStep() const;

    QSize sizeHint() const override;

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;

private:
    struct Layout {
        QFont font;
        bool rotated = false;
        int step = 1;       // label every step-th section
        int thickness = 0;  // height of a horizontal header, width of a vertical one
        int textLength = 0; // room for the text along its baseline
    };
    Layout layout() const;
    QString label(int section) const;

    int m_highlighted = -1;
};

} // namespace mlps::ui
