#include "LearningRatePreview.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QCheckBox>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSettings>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mlps::ui {
namespace {

const auto kLogScaleKey = "setup/previewLogScale";

} // namespace

LearningRatePreview::LearningRatePreview(QWidget* parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_series(new QLineSeries)
    , m_epochAxis(new QValueAxis)
    , m_linearAxis(new QValueAxis)
    , m_logAxis(new QLogValueAxis)
    , m_logScale(new QCheckBox(tr("&Logarithmic scale"), this))
    , m_caption(new QLabel(this))
{
    m_chart->addSeries(m_series);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_series->setName(tr("Learning rate"));

    m_epochAxis->setTitleText(tr("epoch"));
    m_epochAxis->setLabelFormat(QStringLiteral("%g"));
    m_chart->addAxis(m_epochAxis, Qt::AlignBottom);
    m_series->attachAxis(m_epochAxis);
    m_linearAxis->setTitleText(tr("learning rate"));
    m_linearAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_logAxis->setTitleText(tr("learning rate"));
    m_logAxis->setBase(10.0);
    m_logAxis->setLabelFormat(QStringLiteral("%.0e"));
    m_logAxis->setMinorTickCount(-1);
    m_logAxis->setParent(this); // until it is attached

    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Learning-rate preview"));
    m_view->setFocusPolicy(Qt::NoFocus);
    // Tall enough for a readable curve, in text lines rather than pixels.
    m_view->setMinimumHeight(fontMetrics().height() * 12);
    m_view->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    m_view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_logScale->setAccessibleName(tr("Logarithmic learning-rate axis"));
    m_logScale->setChecked(QSettings().value(QLatin1String(kLogScaleKey), false).toBool());
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(kLogScaleKey), on);
        updateAxes();
    });

    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setAccessibleName(tr("Learning-rate preview caption"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addWidget(m_caption);
    layout->addWidget(m_logScale);

    updateAxes();
}

LearningRatePreview::~LearningRatePreview()
{
    // The chart owns the attached axes; the detached one is a child of this widget.
    delete m_view;
}

void LearningRatePreview::setCurve(const QList<QPointF>& points, qint64 stepsPerEpoch, int epochs)
{
    QList<QPointF> scaled;
    scaled.reserve(points.size());
    const double perEpoch = double(std::max<qint64>(1, stepsPerEpoch));
    for (const QPointF& p : points)
        scaled.append(QPointF(p.x() / perEpoch, p.y()));
    m_series->replace(scaled);
    m_epochs = std::max(1, epochs);
    updateAxes();
}

void LearningRatePreview::setCaption(const QString& text)
{
    m_caption->setText(text);
}

QString LearningRatePreview::caption() const
{
    return m_caption->text();
}

bool LearningRatePreview::logScale() const
{
    return m_logScale->isChecked();
}

void LearningRatePreview::setLogScale(bool on)
{
    m_logScale->setChecked(on);
}

QList<QPointF> LearningRatePreview::drawnPoints() const
{
    return m_series->points();
}

void LearningRatePreview::updateAxes()
{
    const QList<QPointF> points = m_series->points();
    double low = 0.0;
    double high = 0.0;
    if (!points.isEmpty()) {
        const auto byRate = [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); };
        const auto [minIt, maxIt] = std::minmax_element(points.begin(), points.end(), byRate);
        low = minIt->y();
        high = maxIt->y();
    }

    m_epochAxis->setRange(0.0, double(m_epochs));
    m_epochAxis->setTickCount(std::min(m_epochs, 4) + 1);
    if (m_epochs > 4)
        m_epochAxis->applyNiceNumbers();

    // A log axis needs positive rates: only then is the toggle offered.
    const bool canLog = !points.isEmpty() && low > 0.0;
    m_logScale->setEnabled(canLog);
    const bool log = canLog && m_logScale->isChecked();
    QAbstractAxis* wanted = log ? static_cast<QAbstractAxis*>(m_logAxis) : m_linearAxis;
    QAbstractAxis* other = log ? static_cast<QAbstractAxis*>(m_linearAxis) : m_logAxis;
    if (m_chart->axes(Qt::Vertical).contains(other)) {
        m_series->detachAxis(other);
        m_chart->removeAxis(other);
        other->setParent(this); // removeAxis hands the axis back; keep it for the next toggle
    }
    if (!m_chart->axes(Qt::Vertical).contains(wanted)) {
        m_chart->addAxis(wanted, Qt::AlignLeft);
        m_series->attachAxis(wanted);
    }

    if (log) {
        const double bottom = std::pow(10.0, std::floor(std::log10(low)));
        const double top = std::pow(10.0, std::ceil(std::log10(high * 1.0001)));
        // A hair beyond the decades, so that their labels are drawn at both ends.
        m_logAxis->setRange(bottom * 0.999, std::max(top, bottom * 10.0) * 1.001);
    } else {
        m_linearAxis->setRange(0.0, high > 0.0 ? high * 1.1 : 1.0);
        m_linearAxis->setTickCount(5);
        m_linearAxis->applyNiceNumbers();
    }
}

} // namespace mlps::ui
