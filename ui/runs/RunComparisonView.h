#pragma once

#include "TestSampleComparison.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <tuple>

class QGridLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace mlps::ui {

struct RunRecord;
class ComparisonCurves;
class ConfusionHeatmap;
class SettingsDiffModel;

// Two runs side by side (a tab of the central area, about 800 x 600 px): a
// header naming them ("Run 1 · Logistic regression  vs  Run 2 · Lab
// network"); on the left their key figures with the change (test accuracy,
// F1, log-loss, ...) and what the second run did to the first one's test
// answers (fixed, broke, both wrong, each a button that asks for those
// samples in the gallery); on the right, in tabs, their curves overlaid
// (first run dashed, second solid), the table of only the settings that
// differ, and the difference of their confusion matrices (a cell opens its
// samples). When the two runs were tested on different samples the view
// says so instead of comparing them sample by sample.
class RunComparisonView : public QWidget {
    Q_OBJECT

public:
    // One line of the key figures.
    struct KeyFigure {
        QString name;
        QString first;
        QString second;
        QString change;  // "+3.40 points", "−0.1203", "×2.5"; "—" when a figure is missing
        int verdict = 0; // +1 the second run is better, -1 worse, 0 no judgement
    };

    explicit RunComparisonView(QWidget* parent = nullptr);
    ~RunComparisonView() override;

    // Compares `first` (the older run, drawn dashed) with `second`. Null
    // clears the view back to its "select two runs" message.
    void compare(std::shared_ptr<const RunRecord> first, std::shared_ptr<const RunRecord> second);

    // Settings that differ: rows of (setting, first value, second value); only the differing ones.
    QList<std::tuple<QString, QString, QString>> differences() const;
    // Test samples the second run gets right and the first got wrong (fixed), and the reverse (broken):
    // evaluation sample indices. Empty when the two runs' test sets differ (the view says so).
    QList<qint64> fixedSamples() const;
    QList<qint64> brokenSamples() const;
    QList<qint64> bothWrongSamples() const;
    const TestSampleComparison& sampleComparison() const { return m_samples; }

    std::shared_ptr<const RunRecord> firstRun() const { return m_first; }
    std::shared_ptr<const RunRecord> secondRun() const { return m_second; }
    // The header line and the key figures as shown.
    QString title() const;
    QList<KeyFigure> keyFigures() const { return m_figures; }
    // The one-line summary of the test accuracy,
    // "Test accuracy 86.00 % → 89.40 % (+3.40 points)"; empty without test results.
    QString summary() const;
    ComparisonCurves* curves() const { return m_curves; }
    // The difference of the two runs' test confusion matrices (second - first).
    ConfusionHeatmap* confusionDifference() const { return m_heatmap; }

signals:
    // The user asked to see these test samples of `run` (evaluation sample
    // indices) in the gallery: the fixed ones as the first run answered them,
    // the broken and both-wrong ones as the second run answers them.
    void samplesRequested(std::shared_ptr<const mlps::ui::RunRecord> run, const QList<qint64>& indices,
                          const QString& title);

private:
    QWidget* buildContent();
    void fillFigures();
    void fillSamples();
    void requestSamples(int which);
    void fillHeatmap();
    void openCells(const QList<QPoint>& cells);
    void saveLayout() const;

    std::shared_ptr<const RunRecord> m_first;
    std::shared_ptr<const RunRecord> m_second;
    TestSampleComparison m_samples;
    QList<KeyFigure> m_figures;

    QStackedWidget* m_pages = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QWidget* m_figuresBox = nullptr;
    QGridLayout* m_figuresGrid = nullptr;
    QGroupBox* m_samplesBox = nullptr;
    QLabel* m_samplesText = nullptr;
    QPushButton* m_fixedButton = nullptr;
    QPushButton* m_brokenButton = nullptr;
    QPushButton* m_bothWrongButton = nullptr;
    ComparisonCurves* m_curves = nullptr;
    SettingsDiffModel* m_settingsModel = nullptr;
    QTableView* m_settingsView = nullptr;
    QLabel* m_settingsNote = nullptr;
    QSplitter* m_splitter = nullptr;
    bool m_splitRestored = false; // the splitter has a size of the user's
    QTabWidget* m_details = nullptr;
    ConfusionHeatmap* m_heatmap = nullptr;
    QLabel* m_heatmapNote = nullptr;
};

} // namespace mlps::ui
