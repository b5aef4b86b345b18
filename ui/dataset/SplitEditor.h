#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace mlps::ui {

// The split sizes as a user types them: validation and test as numbers of
// images (or a percentage, "15%", turned into a count when editing ends),
// each with its share of the data shown, and the split seed. Every edit is
// checked against the data's size at once: a good one comes into force
// (valuesChanged), an impossible one is refused with the reason shown under
// the fields, its text kept as typed, and the last good values stay in force.
// Good values come into force when editing ends (Return or leaving the field).
class SplitEditor : public QWidget {
    Q_OBJECT

public:
    explicit SplitEditor(QWidget* parent = nullptr);

    // The number of images to split (0: none; the fields are then disabled).
    void setImageCount(qint64 count);
    // Shows these values and puts them in force (they must fit the data).
    void setValues(qint64 validation, qint64 test, quint64 seed);

    // The values in force.
    qint64 validation() const { return m_validation; }
    qint64 test() const { return m_test; }
    quint64 seed() const { return m_seed; }
    // Why the typed values are refused; empty when they are in force.
    QString problem() const { return m_problem; }

    // notMNIST lab defaults: 10 % of the data each, rounded, at most 10,000
    // validation and 19,000 test images, and always some left to train on.
    static qint64 defaultValidation(qint64 count);
    static qint64 defaultTest(qint64 count);
    // Whether these sizes leave at least one training image.
    static bool fits(qint64 validation, qint64 test, qint64 count);

    QLineEdit* validationEdit() const { return m_validationEdit; }
    QLineEdit* testEdit() const { return m_testEdit; }
    QLineEdit* seedEdit() const { return m_seedEdit; }

signals:
    void valuesChanged();
    void problemChanged();

private:
    // Reads a size field: a count, or a percentage of the data; sets `error` when it cannot.
    qint64 parseSize(const QString& text, const QString& what, QString* error) const;
    // Checks the typed text; with `apply`, puts good values in force.
    void check(bool apply);
    void normalise(QLineEdit* edit);
    void updateShares();
    void setProblem(const QString& problem);

    QLineEdit* m_validationEdit;
    QLineEdit* m_testEdit;
    QLineEdit* m_seedEdit;
    QLabel* m_validationShare;
    QLabel* m_testShare;
    QLabel* m_problemLabel;
    qint64 m_count = 0;
    qint64 m_validation = 0;
    qint64 m_test = 0;
    quint64 m_seed = 1;
    QString m_problem;
};

} // namespace mlps::ui
