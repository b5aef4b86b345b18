#pragma once

#include "RunRecord.h"
#include "SaliencyPalette.h"
#include "SampleSet.h"

#include <Eigen/Core>
#include <QVector>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;

namespace mlps {
class Network;
}

namespace mlps::ui {

class ColorLegend;
class PixelImageView;
class ProbabilityBars;

// One sample of a run's evaluation up close: the image enlarged (pixel grid),
// the true and predicted class, the probabilities of all classes as bars,
// where the image came from, and a saliency map, the gradient of a class's
// score (logit) with respect to the pixels (nn/Saliency.h), side by side with
// the image and optionally laid over it. The network is rebuilt from the
// run's weights once per run and kept while that run is shown.
class SampleInspector : public QWidget {
    Q_OBJECT

public:
    // Whose score the saliency map explains.
    enum class Explain {
        Predicted,         // the predicted class's score (Simonyan et al.'s map)
        True,              // the true class's score
        PredictedOverTrue, // predicted minus true: what made the network prefer its answer
    };

    explicit SampleInspector(QWidget* parent = nullptr);
    ~SampleInspector() override;

    // Shows evaluation sample `index` of `run`'s `set`; an unknown sample
    // (or a run without that evaluation) clears the inspector.
    void showSample(std::shared_ptr<const RunRecord> run, SampleSet set, qint64 index);
    void clear();

    bool hasSample() const { return m_sample >= 0; }
    qint64 sample() const { return m_sample; }
    // The probabilities as shown, in class order (empty when nothing is shown).
    QVector<double> probabilities() const;
    // The saliency as shown: one value per feature (pixel), row-major; empty
    // when there is none (no weights, or nothing to contrast).
    Eigen::VectorXf saliency() const { return m_saliency; }

    Explain explain() const;
    void setExplain(Explain explain);
    SaliencyColouring colouring() const;
    void setColouring(SaliencyColouring colouring);
    bool isOverlayShown() const;
    void setOverlayShown(bool shown);

    // What the user reads: "True I, predicted J (97.1 %)" and the origin line.
    QString headline() const;
    QString origin() const;
    // Why there is no saliency map, or empty.
    QString saliencyMessage() const;
    // How many networks have been built from runs' weights (one per run shown).
    int networksBuilt() const { return m_networksBuilt; }

    PixelImageView* imageView() const { return m_image; }
    PixelImageView* saliencyView() const { return m_saliencyView; }
    ColorLegend* legend() const { return m_legend; }
    ProbabilityBars* probabilityBars() const { return m_bars; }
    QComboBox* explainBox() const { return m_explainBox; }
    QComboBox* colouringBox() const { return m_colouringBox; }
    QCheckBox* overlayBox() const { return m_overlayBox; }
    QCheckBox* mostLikelyFirstBox() const { return m_mostLikelyBox; }

signals:
    void sampleShown(qint64 index);

private:
    void buildLayout();
    void updateExplainTexts();
    void updateSaliency();
    void updatePictures();
    // The run's network with its trained weights, built on first use; null
    // (and `why` set) when the run has no usable weights.
    Network* network(QString* why);

    std::shared_ptr<const RunRecord> m_run;
    SampleSet m_set = SampleSet::Test;
    qint64 m_sample = -1;
    qint64 m_datasetIndex = -1;
    int m_trueClass = -1;
    int m_predicted = -1;
    Eigen::VectorXf m_saliency;
    float m_range = 0.0f;

    std::weak_ptr<const RunRecord> m_networkRun;
    std::unique_ptr<Network> m_network;
    QString m_networkProblem;
    int m_networksBuilt = 0;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_origin = nullptr;
    PixelImageView* m_image = nullptr;
    PixelImageView* m_saliencyView = nullptr;
    ColorLegend* m_legend = nullptr;
    QLabel* m_saliencyCaption = nullptr;
    QComboBox* m_explainBox = nullptr;
    QComboBox* m_colouringBox = nullptr;
    QCheckBox* m_overlayBox = nullptr;
    QCheckBox* m_mostLikelyBox = nullptr;
    ProbabilityBars* m_bars = nullptr;
};

} // namespace mlps::ui
