#pragma once

#include "RunRecord.h"
#include "SampleInspector.h"
#include "SampleSet.h"

#include <QList>
#include <QPoint>
#include <QString>
#include <QWidget>

#include <memory>

class QAbstractItemView;
class QAction;
class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QToolButton;

namespace mlps::ui {

class GalleryModel;

// The letters behind a confusion-matrix cell: a thumbnail grid of the
// samples of a run's evaluation, sorted by how confident the (wrong) answer
// was or by loss, filtered by true and predicted class, with the sample
// inspector beside it showing the current one. The selection can be copied
// (Ctrl+C: a PNG grid and CSV text) or exported (a PNG file and a CSV file).
class MisclassifiedGallery : public QWidget {
    Q_OBJECT

public:
    using Set = SampleSet;

    explicit MisclassifiedGallery(QWidget* parent = nullptr);
    ~MisclassifiedGallery() override;

    // Shows the samples of `run`'s test or validation evaluation whose (true
    // row, predicted column) is one of `cells` (QPoint x = predicted, y =
    // true). An empty `cells` list means every misclassified sample.
    void showSamples(std::shared_ptr<const RunRecord> run, Set set, const QList<QPoint>& cells);
    // Shows exactly these evaluation sample indices (for the run comparison's
    // fixed / broken lists); `title` says what they are ("fixed by run 2").
    void showIndices(std::shared_ptr<const RunRecord> run, Set set, const QList<qint64>& indices, const QString& title);
    // Empties the gallery and the inspector (e.g. when the run is removed).
    void clear();

    std::shared_ptr<const RunRecord> run() const;
    int count() const;                  // samples shown after the filter
    int totalCount() const;             // samples before the filter
    QList<qint64> shownIndices() const; // evaluation sample indices in display order
    // The rows Copy and Export… take: the selected ones in display order, or
    // every shown row when nothing is selected.
    QList<int> exportRows() const;
    // "40 samples: true I, predicted J"
    QString countText() const;

    // Writes the export rows as a PNG grid to `pngPath` and as CSV to
    // `csvPath`; false with `error` set when a file cannot be written.
    bool exportTo(const QString& pngPath, const QString& csvPath, QString* error = nullptr) const;
    // Puts the selected rows on the clipboard: the PNG grid as an image, the
    // CSV as text and as text/csv. Does nothing without a selection.
    void copySelection() const;

    QAbstractItemView* view() const;
    SampleInspector* inspector() const { return m_inspector; }
    GalleryModel* model() const { return m_model; }
    QComboBox* orderBox() const { return m_orderBox; }
    QComboBox* trueFilterBox() const { return m_trueBox; }
    QComboBox* predictedFilterBox() const { return m_predictedBox; }
    QAction* copyAction() const { return m_copyAction; }
    QPushButton* exportButton() const { return m_exportButton; }

public slots:
    // Asks for a PNG file name (the CSV goes beside it) and exports.
    void exportWithDialog();

signals:
    // The inspector now shows this evaluation sample.
    void currentSampleChanged(qint64 index);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildLayout();
    void present(std::shared_ptr<const RunRecord> run, Set set, const std::vector<qint64>& samples,
                 const QString& title);
    void fillFilterBoxes();
    void modelChanged();
    void updateThumbnailSize();
    void updateActions();
    void inspectCurrent();

    GalleryModel* m_model = nullptr;
    QString m_title;
    QLabel* m_countLabel = nullptr;
    QComboBox* m_orderBox = nullptr;
    QComboBox* m_trueBox = nullptr;
    QComboBox* m_predictedBox = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_exportAction = nullptr; // the thumbnails' context menu
    QToolButton* m_copyButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    QListView* m_view = nullptr;
    QSplitter* m_splitter = nullptr;
    SampleInspector* m_inspector = nullptr;
    bool m_fillingFilters = false;
};

} // namespace mlps::ui
