#pragma once

#include "RunRecord.h"
#include "SampleSet.h"

#include <QAbstractListModel>
#include <QCache>
#include <QList>
#include <QPixmap>

#include <cstdint>
#include <memory>
#include <vector>

namespace mlps::ui {

// One sample of the gallery: an evaluation sample and the model's answer.
struct GallerySample {
    qint64 sample = 0;       // index in the evaluation's order
    qint64 datasetIndex = 0; // index of its image in the set's dataset
    int trueClass = 0;
    int predicted = 0;
    float confidence = 0.0f; // the probability of the predicted class
    double loss = 0.0;       // -log p(true class), p clipped to 1e-15 as Evaluation::logLoss
};

// The samples of a run's evaluation the gallery shows, as a list of
// thumbnails with a caption ("I→J 97 %"), filtered by true and predicted
// class and sorted by the confidence of the (wrong) answer or by the loss.
// Thumbnails are drawn only when a view asks for one (a list view with
// uniform item sizes asks only for the items it paints) and kept in a
// bounded cache, so thousands of samples cost nothing until they are seen.
class GalleryModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        SampleRole = Qt::UserRole + 1, // qint64: evaluation sample index
        DatasetIndexRole,              // qint64: image index in the dataset
        TrueClassRole,                 // int
        PredictedRole,                 // int
        ConfidenceRole,                // double: probability of the predicted class
        LossRole,                      // double: -log p(true)
        SourceRole,                    // QString: where the image came from
    };
    enum class Order { Confidence, Loss };
    static constexpr int kAllClasses = -1;

    explicit GalleryModel(QObject* parent = nullptr);

    // Shows these evaluation samples of `run`'s `set` (unknown indices are
    // skipped); resets the filters. A run without a usable evaluation of
    // that set (evaluationOf() is null) is not kept: run() is then null.
    void setSamples(std::shared_ptr<const RunRecord> run, SampleSet set, const std::vector<qint64>& samples);
    void clear();

    std::shared_ptr<const RunRecord> run() const { return m_run; }
    SampleSet set() const { return m_set; }

    Order order() const { return m_order; }
    void setOrder(Order order);
    // Keep only samples of this true (predicted) class; kAllClasses for all.
    int trueFilter() const { return m_trueFilter; }
    int predictedFilter() const { return m_predictedFilter; }
    void setTrueFilter(int cls);
    void setPredictedFilter(int cls);

    // Samples before the filters, and per class (true / predicted) among them.
    int totalCount() const { return int(m_all.size()); }
    std::vector<int> trueClassCounts() const;
    std::vector<int> predictedClassCounts() const;

    const GallerySample& sampleAt(int row) const { return m_all[std::size_t(m_shown[std::size_t(row)])]; }
    QList<qint64> shownSamples() const;
    QString className(int cls) const;
    QString sourceName(int row) const;
    // "I→J 97 %" (or "I 97 %" when the answer was right).
    QString caption(int row) const;

    // Thumbnails are `scale` times the image's size, for screens of ratio `dpr`.
    void setThumbnailScale(int scale, qreal dpr);
    int thumbnailScale() const { return m_scale; }
    QSize thumbnailSize() const; // in logical pixels
    // The size of every item (thumbnail and caption), for views whose default
    // size, from the style, leaves the caption too little room; empty for the style's.
    void setItemSizeHint(const QSize& size);
    // How many thumbnails have been drawn since the samples were set.
    int thumbnailsMade() const { return m_thumbnailsMade; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    void rebuild();
    QPixmap thumbnail(int row) const;

    std::shared_ptr<const RunRecord> m_run;
    SampleSet m_set = SampleSet::Test;
    std::vector<GallerySample> m_all;
    std::vector<int> m_shown; // positions in m_all, in display order
    Order m_order = Order::Confidence;
    int m_trueFilter = kAllClasses;
    int m_predictedFilter = kAllClasses;
    QSize m_itemSize;
    int m_scale = 2;
    qreal m_dpr = 1.0;
    mutable QCache<qint64, QPixmap> m_thumbnails; // by evaluation sample index
    mutable int m_thumbnailsMade = 0;
};

} // namespace mlps::ui
