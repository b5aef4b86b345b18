#pragma once

#include <QList>
#include <QPen>
#include <QString>
#include <QWidget>

namespace mlps::ui {

// A one-line legend of line styles: a short stroke drawn with each entry's
// pen, then its text ("━ training  ━ validation  ┅ Run 1  ━ Run 2"). Used
// under the comparison charts, where colour tells the set and the dash the
// run, so that four entries say what eight series would.
class LineLegend : public QWidget {
    Q_OBJECT

public:
    explicit LineLegend(QWidget* parent = nullptr);

    void setEntries(const QList<QPair<QPen, QString>>& entries);
    QStringList texts() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int strokeWidth() const;
    int spacing() const;

    QList<QPair<QPen, QString>> m_entries;
};

} // namespace mlps::ui
