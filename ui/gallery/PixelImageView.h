#pragma once

#include <QImage>
#include <QWidget>

namespace mlps::ui {

// A small image (a 28x28 letter, its saliency map) shown enlarged by the
// largest whole factor that fits, nearest neighbour so every pixel stays a
// sharp square, with a faint grid between pixels once they are big enough,
// and optionally an overlay image (same size, with alpha) painted on top.
class PixelImageView : public QWidget {
    Q_OBJECT

public:
    explicit PixelImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    // A null image removes the overlay.
    void setOverlay(const QImage& overlay);
    const QImage& overlay() const { return m_overlay; }
    // A short text shown instead of the image (e.g. why there is no saliency).
    void setMessage(const QString& message);
    const QString& message() const { return m_message; }

    // The whole enlargement factor used at the current size (at least 1).
    int scale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QSize imageSize() const;
    QRect imageRect() const;

    QImage m_image;
    QImage m_overlay;
    QString m_message;
};

} // namespace mlps::ui
