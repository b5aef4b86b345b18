#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

namespace mlps::ui {

// The probabilities of all classes as horizontal bars, one row per class (in
// class order, or the most likely first), with the value at the end of each
// row: the predicted class's bar in the highlight colour, the true class
// marked with a check mark.
class ProbabilityBars : public QWidget {
    Q_OBJECT

public:
    explicit ProbabilityBars(QWidget* parent = nullptr);

    // probabilities[k] belongs to classNames[k]; predicted / trueClass may be -1.
    void setProbabilities(const QStringList& classNames, const QVector<double>& probabilities, int predicted,
                          int trueClass);
    void clear();
    // Rows by falling probability (ties in class order) instead of class order.
    void setMostLikelyFirst(bool on);
    bool isMostLikelyFirst() const { return m_mostLikelyFirst; }
    // The class shown in each row, top to bottom.
    const QVector<int>& rowClasses() const { return m_rows; }
    const QVector<double>& probabilities() const { return m_probabilities; }
    int predicted() const { return m_predicted; }
    int trueClass() const { return m_trueClass; }
    // "97.1 %"
    static QString percent(double p);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    int rowHeight() const;
    int nameWidth() const;
    int valueWidth() const;
    int rowAt(int y) const;
    void orderRows();

    QStringList m_names;
    QVector<double> m_probabilities;
    int m_predicted = -1;
    int m_trueClass = -1;
    bool m_mostLikelyFirst = false;
    QVector<int> m_rows;
};

} // namespace mlps::ui
