#include "SampleInspector.h"

#include "ColorLegend.h"
#include "PixelImageView.h"
#include "ProbabilityBars.h"
#include "SampleImage.h"
#include "data/Dataset.h"
#include "nn/Metrics.h"
#include "nn/Network.h"
#include "nn/Saliency.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <exception>
#include <vector>

namespace mlps::ui {

namespace {

const QString kExplainKey = QStringLiteral("gallery/inspector/explain");
const QString kColouringKey = QStringLiteral("gallery/inspector/colouring");
const QString kOverlayKey = QStringLiteral("gallery/inspector/overlay");
const QString kMostLikelyKey = QStringLiteral("gallery/inspector/mostLikelyFirst");
// Above this many classes the bars start with the most likely ones, until the user chooses.
constexpr int kManyClasses = 12;

QString number(double value)
{
    return QLocale().toString(value, 'g', 2);
}

} // namespace

SampleInspector::SampleInspector(QWidget* parent)
    : QWidget(parent)
{
    buildLayout();
    const QSettings settings;
    m_explainBox->setCurrentIndex(std::clamp(settings.value(kExplainKey, 0).toInt(), 0, m_explainBox->count() - 1));
    m_colouringBox->setCurrentIndex(
        std::clamp(settings.value(kColouringKey, 0).toInt(), 0, m_colouringBox->count() - 1));
    m_overlayBox->setChecked(settings.value(kOverlayKey, false).toBool());

    connect(m_explainBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(kExplainKey, index);
        updateSaliency();
    });
    connect(m_colouringBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(kColouringKey, index);
        updatePictures();
    });
    connect(m_mostLikelyBox, &QCheckBox::toggled, this, [this](bool checked) {
        QSettings().setValue(kMostLikelyKey, checked);
        m_bars->setMostLikelyFirst(checked);
    });
    connect(m_overlayBox, &QCheckBox::toggled, this, [this](bool checked) {
        QSettings().setValue(kOverlayKey, checked);
        updatePictures();
    });
    clear();
}

SampleInspector::~SampleInspector() = default;

void SampleInspector::buildLayout()
{
    setAccessibleName(tr("Sample inspector"));
    m_pages = new QStackedWidget(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);

    m_placeholder = new QLabel(tr("Click a letter in the gallery to inspect it: the image enlarged, "
                                  "the probabilities of every class and the pixels behind the answer."));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setMargin(fontMetrics().height());
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_pages->addWidget(m_placeholder);

    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget;
    scroll->setWidget(content);
    m_pages->addWidget(scroll);

    auto* layout = new QVBoxLayout(content);
    m_headline = new QLabel;
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_headline->setAccessibleName(tr("True and predicted class"));
    layout->addWidget(m_headline);

    m_origin = new QLabel;
    m_origin->setWordWrap(true);
    m_origin->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_origin->setAccessibleName(tr("Where the sample came from"));
    layout->addWidget(m_origin);

    auto* pictures = new QGridLayout;
    auto* imageTitle = new QLabel(tr("Image"));
    auto* saliencyTitle = new QLabel(tr("Saliency"));
    m_image = new PixelImageView;
    m_image->setAccessibleName(tr("Enlarged image"));
    m_saliencyView = new PixelImageView;
    m_saliencyView->setAccessibleName(tr("Saliency map"));
    m_legend = new ColorLegend;
    m_legend->setAccessibleName(tr("Saliency colour legend"));
    pictures->addWidget(imageTitle, 0, 0);
    pictures->addWidget(saliencyTitle, 0, 1);
    pictures->addWidget(m_image, 1, 0);
    pictures->addWidget(m_saliencyView, 1, 1);
    pictures->addWidget(m_legend, 2, 1);
    pictures->setColumnStretch(0, 1);
    pictures->setColumnStretch(1, 1);
    layout->addLayout(pictures);

    m_saliencyCaption = new QLabel;
    m_saliencyCaption->setWordWrap(true);
    m_saliencyCaption->setAccessibleName(tr("How to read the saliency map"));
    layout->addWidget(m_saliencyCaption);

    auto* controls = new QFormLayout;
    controls->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_explainBox = new QComboBox;
    m_explainBox->setAccessibleName(tr("Score the saliency map explains"));
    m_explainBox->addItem(QString(), int(Explain::Predicted));
    m_explainBox->addItem(QString(), int(Explain::True));
    m_explainBox->addItem(QString(), int(Explain::PredictedOverTrue));
    updateExplainTexts();
    auto* explainLabel = new QLabel(tr("E&xplain:"));
    explainLabel->setBuddy(m_explainBox);
    controls->addRow(explainLabel, m_explainBox);
    m_colouringBox = new QComboBox;
    m_colouringBox->setAccessibleName(tr("Saliency colours"));
    m_colouringBox->addItem(tr("Signed (red raises, blue lowers)"), int(SaliencyColouring::Signed));
    m_colouringBox->addItem(tr("Magnitude"), int(SaliencyColouring::Magnitude));
    auto* colouringLabel = new QLabel(tr("Colou&rs:"));
    colouringLabel->setBuddy(m_colouringBox);
    controls->addRow(colouringLabel, m_colouringBox);
    m_overlayBox = new QCheckBox(tr("&Overlay the saliency on the image"));
    m_overlayBox->setAccessibleName(tr("Overlay the saliency on the image"));
    controls->addRow(m_overlayBox);
    layout->addLayout(controls);

    auto* barsTitle = new QLabel(tr("Probabilities (highlighted: the answer; \u2713: the true class)"));
    barsTitle->setWordWrap(true);
    layout->addWidget(barsTitle);
    m_mostLikelyBox = new QCheckBox(tr("&Most likely first"));
    m_mostLikelyBox->setAccessibleName(tr("List the most likely classes first"));
    layout->addWidget(m_mostLikelyBox);
    m_bars = new ProbabilityBars;
    m_bars->setAccessibleName(tr("Class probabilities"));
    layout->addWidget(m_bars);
    layout->addStretch(1);

    setTabOrder(m_origin, m_explainBox);
    setTabOrder(m_explainBox, m_colouringBox);
    setTabOrder(m_colouringBox, m_overlayBox);
    setTabOrder(m_overlayBox, m_mostLikelyBox);
}

void SampleInspector::clear()
{
    m_run.reset();
    m_sample = -1;
    m_datasetIndex = -1;
    m_trueClass = m_predicted = -1;
    m_saliency.resize(0);
    m_bars->clear();
    m_headline->clear();
    m_origin->clear();
    m_pages->setCurrentIndex(0);
}

void SampleInspector::showSample(std::shared_ptr<const RunRecord> run, SampleSet set, qint64 index)
{
    const Evaluation* evaluation = run ? evaluationOf(*run, set) : nullptr;
    if (!evaluation || index < 0 || index >= evaluation->count()) {
        clear();
        return;
    }
    m_run = std::move(run);
    m_set = set;
    m_sample = index;
    m_datasetIndex = datasetIndexOf(*m_run, set, index);
    m_trueClass = evaluation->trueLabels[std::size_t(index)];
    m_predicted = evaluation->predicted[std::size_t(index)];

    const Dataset& dataset = datasetOf(*m_run, set);
    QStringList names;
    for (const std::string& name : m_run->classNames())
        names << QString::fromStdString(name);
    QVector<double> p(evaluation->probabilities.rows());
    for (qsizetype k = 0; k < p.size(); ++k)
        p[k] = double(evaluation->probabilities(Eigen::Index(k), index));
    // The user's choice once made; until then, many classes start with the likely ones.
    const QVariant mostLikely = QSettings().value(kMostLikelyKey);
    {
        const QSignalBlocker blocker(m_mostLikelyBox);
        m_mostLikelyBox->setChecked(mostLikely.isValid() ? mostLikely.toBool() : names.size() > kManyClasses);
    }
    m_bars->setMostLikelyFirst(m_mostLikelyBox->isChecked());
    m_bars->setProbabilities(names, p, m_predicted, m_trueClass);

    const QString trueName = names.value(m_trueClass);
    const QString predictedName = names.value(m_predicted);
    const QString confidence = ProbabilityBars::percent(p.value(m_predicted));
    m_headline->setText(m_trueClass == m_predicted
                            ? tr("%1, read right (%2)").arg(trueName, confidence)
                            : tr("True %1, predicted %2 (%3)").arg(trueName, predictedName, confidence));
    const QString where
        = dataset.sampleNames.empty()
              ? tr("Image %1 of %2")
                    .arg(QString::fromStdString(dataset.sampleName(m_datasetIndex)),
                         dataset.source.empty() ? tr("the data")
                                                : QFileInfo(QString::fromStdString(dataset.source)).fileName())
              : tr("From %1").arg(QString::fromStdString(dataset.sampleName(m_datasetIndex)));
    m_origin->setText(tr("%1 (%2, sample %3)").arg(where, sampleSetName(set)).arg(index));

    m_image->setImage(sampleImage(dataset, m_datasetIndex));
    updateExplainTexts();
    m_pages->setCurrentIndex(1);
    updateSaliency();
    emit sampleShown(index);
}

QVector<double> SampleInspector::probabilities() const
{
    return m_sample >= 0 ? m_bars->probabilities() : QVector<double> {};
}

SampleInspector::Explain SampleInspector::explain() const
{
    return Explain(m_explainBox->currentData().toInt());
}

void SampleInspector::setExplain(Explain explain)
{
    m_explainBox->setCurrentIndex(m_explainBox->findData(int(explain)));
}

SaliencyColouring SampleInspector::colouring() const
{
    return SaliencyColouring(m_colouringBox->currentData().toInt());
}

void SampleInspector::setColouring(SaliencyColouring colouring)
{
    m_colouringBox->setCurrentIndex(m_colouringBox->findData(int(colouring)));
}

bool SampleInspector::isOverlayShown() const
{
    return m_overlayBox->isChecked();
}

void SampleInspector::setOverlayShown(bool shown)
{
    m_overlayBox->setChecked(shown);
}

QString SampleInspector::headline() const
{
    return m_headline->text();
}

QString SampleInspector::origin() const
{
    return m_origin->text();
}

QString SampleInspector::saliencyMessage() const
{
    return m_saliencyView->message();
}

void SampleInspector::updateExplainTexts()
{
    const auto name = [this](int cls) {
        return m_run && cls >= 0 ? QString::fromStdString(m_run->classNames()[std::size_t(cls)]) : QString();
    };
    const bool known = m_run && m_sample >= 0;
    m_explainBox->setItemText(0,
                              known ? tr("The answer's score (%1)").arg(name(m_predicted)) : tr("The answer's score"));
    m_explainBox->setItemText(1, known ? tr("The true class's score (%1)").arg(name(m_trueClass))
                                       : tr("The true class's score"));
    m_explainBox->setItemText(
        2, known ? tr("Answer over true class (%1 \u2212 %2)").arg(name(m_predicted), name(m_trueClass))
                 : tr("Answer over true class"));
}

Network* SampleInspector::network(QString* why)
{
    if (m_networkRun.lock() != m_run) {
        m_network.reset();
        m_networkProblem.clear();
        m_networkRun = m_run;
        const Eigen::VectorXf& weights = m_run->result.parameters;
        if (weights.size() == 0) {
            m_networkProblem = tr("This run kept no trained weights, so there is no saliency map.");
        } else {
            try {
                auto network = std::make_unique<Network>(m_run->job.network, 1);
                if (network->parameterCount() != weights.size()) {
                    m_networkProblem = tr("The run's weights (%1) do not fit its network (%2 parameters).")
                                           .arg(weights.size())
                                           .arg(network->parameterCount());
                } else {
                    network->parameters() = weights;
                    m_network = std::move(network);
                    ++m_networksBuilt;
                }
            } catch (const std::exception& error) {
                m_networkProblem = tr("The run's network cannot be rebuilt: %1").arg(QString::fromUtf8(error.what()));
            }
        }
    }
    *why = m_networkProblem;
    return m_network.get();
}

void SampleInspector::updateSaliency()
{
    m_saliency.resize(0);
    m_range = 0.0f;
    if (!m_run || m_sample < 0)
        return;
    QString problem;
    Network* net = network(&problem);
    const Explain mode = explain();
    if (net && mode == Explain::PredictedOverTrue && m_predicted == m_trueClass)
        problem = tr("The answer is right: there is no other class to contrast it with.");
    if (net && problem.isEmpty()) {
        const Dataset& dataset = datasetOf(*m_run, m_set);
        const int features = dataset.features();
        // The same scaling as the batches the network was trained on (gatherBatch).
        std::vector<float> input(static_cast<std::size_t>(features));
        const std::uint8_t* pixels = dataset.pixels.data() + m_datasetIndex * features;
        for (int i = 0; i < features; ++i)
            input[std::size_t(i)] = float(pixels[i]) * (1.0f / 255.0f);
        try {
            switch (mode) {
            case Explain::Predicted:
                m_saliency = classScoreGradient(*net, input.data(), features, m_predicted);
                break;
            case Explain::True:
                m_saliency = classScoreGradient(*net, input.data(), features, m_trueClass);
                break;
            case Explain::PredictedOverTrue:
                m_saliency = classContrastGradient(*net, input.data(), features, m_predicted, m_trueClass);
                break;
            }
            m_range = m_saliency.size() > 0 ? m_saliency.cwiseAbs().maxCoeff() : 0.0f;
            if (!(m_range > 0.0f))
                problem = tr("The gradient is zero everywhere: no pixel changes this score (inactive units).");
        } catch (const std::exception& error) {
            m_saliency.resize(0);
            problem = tr("No saliency map: %1").arg(QString::fromUtf8(error.what()));
        }
    }
    if (!problem.isEmpty()) {
        m_saliency.resize(0);
        m_saliencyView->setImage(QImage());
        m_saliencyView->setMessage(problem);
    }
    updatePictures();
}

void SampleInspector::updatePictures()
{
    if (!m_run || m_sample < 0)
        return;
    const Dataset& dataset = datasetOf(*m_run, m_set);
    const SaliencyColouring mode = colouring();
    const bool hasMap = m_saliency.size() == dataset.features() && m_range > 0.0f;
    m_legend->setVisible(hasMap);
    m_saliencyCaption->setVisible(hasMap);
    if (!hasMap) {
        m_image->setOverlay(QImage());
        return;
    }
    m_saliencyView->setImage(saliencyImage(m_saliency, dataset.width, dataset.height, m_range, mode));
    m_image->setOverlay(isOverlayShown() ? saliencyOverlay(m_saliency, dataset.width, dataset.height, m_range, mode)
                                         : QImage());
    m_legend->setGradient(saliencyGradient(mode));
    const QString predictedName = QString::fromStdString(m_run->classNames()[std::size_t(m_predicted)]);
    const QString trueName = QString::fromStdString(m_run->classNames()[std::size_t(m_trueClass)]);
    QString score;
    switch (explain()) {
    case Explain::Predicted:
        score = tr("%1's score").arg(predictedName);
        break;
    case Explain::True:
        score = tr("%1's score").arg(trueName);
        break;
    case Explain::PredictedOverTrue:
        score = tr("%1's score minus %2's").arg(predictedName, trueName);
        break;
    }
    if (mode == SaliencyColouring::Signed) {
        m_legend->setLabels(QStringLiteral("\u2212") + number(double(m_range)), QStringLiteral("0"),
                            QStringLiteral("+") + number(double(m_range)));
        m_saliencyCaption->setText(tr("Gradient of %1 with respect to each pixel: red where more ink raises "
                                      "the score, blue where it lowers it.")
                                       .arg(score));
    } else {
        m_legend->setLabels(QStringLiteral("0"), number(double(m_range) / 2.0), number(double(m_range)));
        m_saliencyCaption->setText(tr("Size of the gradient of %1 with respect to each pixel: the darker, "
                                      "the more the score depends on that pixel.")
                                       .arg(score));
    }
}

} // namespace mlps::ui
