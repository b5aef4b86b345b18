#include "GalleryModel.h"

#include "SampleImage.h"
#include "data/Dataset.h"
#include "nn/Metrics.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace mlps::ui {

namespace {

// Enough for several screens of thumbnails; each is a few kilobytes.
constexpr int kThumbnailCacheSize = 2000;

} // namespace

GalleryModel::GalleryModel(QObject* parent)
    : QAbstractListModel(parent)
{
    m_thumbnails.setMaxCost(kThumbnailCacheSize);
}

void GalleryModel::setSamples(std::shared_ptr<const RunRecord> run, SampleSet set, const std::vector<qint64>& samples)
{
    beginResetModel();
    // A run without that evaluation (or one that does not fit its data) shows nothing.
    m_run = run && evaluationOf(*run, set) ? std::move(run) : nullptr;
    m_set = set;
    m_all.clear();
    m_thumbnails.clear();
    m_thumbnailsMade = 0;
    m_trueFilter = kAllClasses;
    m_predictedFilter = kAllClasses;
    const Evaluation* evaluation = m_run ? evaluationOf(*m_run, m_set) : nullptr;
    if (evaluation) {
        m_all.reserve(samples.size());
        for (const qint64 i : samples) {
            if (i < 0 || i >= evaluation->count())
                continue;
            GallerySample s;
            s.sample = i;
            s.datasetIndex = datasetIndexOf(*m_run, m_set, i);
            s.trueClass = evaluation->trueLabels[std::size_t(i)];
            s.predicted = evaluation->predicted[std::size_t(i)];
            s.confidence = evaluation->probabilities(s.predicted, i);
            const double pTrue = std::clamp(double(evaluation->probabilities(s.trueClass, i)), 1e-15, 1.0);
            s.loss = -std::log(pTrue);
            m_all.push_back(s);
        }
    }
    rebuild();
    endResetModel();
}

void GalleryModel::clear()
{
    setSamples(nullptr, SampleSet::Test, {});
}

void GalleryModel::setOrder(Order order)
{
    if (order == m_order)
        return;
    beginResetModel();
    m_order = order;
    rebuild();
    endResetModel();
}

void GalleryModel::setTrueFilter(int cls)
{
    if (cls == m_trueFilter)
        return;
    beginResetModel();
    m_trueFilter = cls;
    rebuild();
    endResetModel();
}

void GalleryModel::setPredictedFilter(int cls)
{
    if (cls == m_predictedFilter)
        return;
    beginResetModel();
    m_predictedFilter = cls;
    rebuild();
    endResetModel();
}

void GalleryModel::rebuild()
{
    m_shown.clear();
    for (std::size_t k = 0; k < m_all.size(); ++k) {
        const GallerySample& s = m_all[k];
        if ((m_trueFilter == kAllClasses || s.trueClass == m_trueFilter)
            && (m_predictedFilter == kAllClasses || s.predicted == m_predictedFilter))
            m_shown.push_back(int(k));
    }
    // The worst first; ties by sample index, so the order is reproducible.
    const auto key = [this](int k) {
        const GallerySample& s = m_all[std::size_t(k)];
        return m_order == Order::Confidence ? double(s.confidence) : s.loss;
    };
    std::stable_sort(m_shown.begin(), m_shown.end(), [&](int a, int b) {
        const double ka = key(a), kb = key(b);
        if (ka != kb)
            return ka > kb;
        return m_all[std::size_t(a)].sample < m_all[std::size_t(b)].sample;
    });
}

std::vector<int> GalleryModel::trueClassCounts() const
{
    std::vector<int> counts(m_run ? m_run->classNames().size() : 0, 0);
    for (const GallerySample& s : m_all)
        if (std::size_t(s.trueClass) < counts.size())
            ++counts[std::size_t(s.trueClass)];
    return counts;
}

std::vector<int> GalleryModel::predictedClassCounts() const
{
    std::vector<int> counts(m_run ? m_run->classNames().size() : 0, 0);
    for (const GallerySample& s : m_all)
        if (std::size_t(s.predicted) < counts.size())
            ++counts[std::size_t(s.predicted)];
    return counts;
}

QList<qint64> GalleryModel::shownSamples() const
{
    QList<qint64> samples;
    samples.reserve(qsizetype(m_shown.size()));
    for (const int k : m_shown)
        samples.append(m_all[std::size_t(k)].sample);
    return samples;
}

QString GalleryModel::className(int cls) const
{
    if (!m_run || cls < 0 || std::size_t(cls) >= m_run->classNames().size())
        return QString::number(cls);
    return QString::fromStdString(m_run->classNames()[std::size_t(cls)]);
}

QString GalleryModel::sourceName(int row) const
{
    if (!m_run)
        return {};
    return QString::fromStdString(datasetOf(*m_run, m_set).sampleName(sampleAt(row).datasetIndex));
}

QString GalleryModel::caption(int row) const
{
    const GallerySample& s = sampleAt(row);
    const QString percent = QLocale().toString(double(s.confidence) * 100.0, 'f', 0);
    if (s.trueClass == s.predicted)
        return tr("%1 %2 %", "caption of a right answer: class, confidence").arg(className(s.trueClass), percent);
    return tr("%1\u2192%2 %3 %", "caption of a mistake: true class, predicted class, confidence")
        .arg(className(s.trueClass), className(s.predicted), percent);
}

void GalleryModel::setThumbnailScale(int scale, qreal dpr)
{
    scale = std::max(1, scale);
    if (scale == m_scale && qFuzzyCompare(dpr, m_dpr))
        return;
    m_scale = scale;
    m_dpr = dpr;
    m_thumbnails.clear();
    if (!m_shown.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole, Qt::SizeHintRole});
}

void GalleryModel::setItemSizeHint(const QSize& size)
{
    if (size == m_itemSize)
        return;
    m_itemSize = size;
    if (!m_shown.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {Qt::SizeHintRole});
}

QSize GalleryModel::thumbnailSize() const
{
    if (!m_run)
        return QSize(28, 28) * m_scale;
    const Dataset& data = datasetOf(*m_run, m_set);
    return QSize(data.width, data.height) * m_scale;
}

QPixmap GalleryModel::thumbnail(int row) const
{
    const GallerySample& s = sampleAt(row);
    if (QPixmap* cached = m_thumbnails.object(s.sample))
        return *cached;
    const QPixmap pixmap = enlargedPixmap(sampleImage(datasetOf(*m_run, m_set), s.datasetIndex), m_scale, m_dpr);
    ++m_thumbnailsMade;
    m_thumbnails.insert(s.sample, new QPixmap(pixmap));
    return pixmap;
}

int GalleryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant GalleryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const GallerySample& s = sampleAt(row);
    switch (role) {
    case Qt::DisplayRole:
        return caption(row);
    case Qt::DecorationRole:
        return thumbnail(row);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        const QLocale locale;
        return tr("True %1, predicted %2 (%3 %), loss %4, from %5")
            .arg(className(s.trueClass), className(s.predicted), locale.toString(double(s.confidence) * 100.0, 'f', 1),
                 locale.toString(s.loss, 'f', 3), sourceName(row));
    }
    case Qt::SizeHintRole:
        return m_itemSize.isValid() ? QVariant(m_itemSize) : QVariant();
    case SampleRole:
        return s.sample;
    case DatasetIndexRole:
        return s.datasetIndex;
    case TrueClassRole:
        return s.trueClass;
    case PredictedRole:
        return s.predicted;
    case ConfidenceRole:
        return double(s.confidence);
    case LossRole:
        return s.loss;
    case SourceRole:
        return sourceName(row);
    default:
        return {};
    }
}

Qt::ItemFlags GalleryModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace mlps::ui
