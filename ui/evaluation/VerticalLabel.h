#pragma once

#include <QString>
#include <QWidget>

namespace mlps::ui {

// A one-line text drawn bottom to top, for the heatmap's "True" axis title.
class VerticalLabel : public QWidget {
    Q_OBJECT

public:
    explicit VerticalLabel(const QString& text, QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
};

} // namespace mlps::ui
