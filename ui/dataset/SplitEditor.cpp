#include "SplitEditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mlps::ui {
namespace {

constexpr qint64 kLabValidation = 10'000;
constexpr qint64 kLabTest = 19'000;

QLineEdit* makeEdit(QWidget* parent, const QString& name, const QString& accessible)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setAccessibleName(accessible);
    edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Wide enough for "10,000,000" and a little more, whatever the font; the
    // share beside it takes the rest of the row.
    const int width = edit->fontMetrics().horizontalAdvance(QStringLiteral("00,000,000,0"));
    edit->setMinimumWidth(width);
    edit->setMaximumWidth(width);
    return edit;
}

} // namespace

SplitEditor::SplitEditor(QWidget* parent)
    : QWidget(parent)
    , m_validationEdit(makeEdit(this, QStringLiteral("validationEdit"), tr("Validation images")))
    , m_testEdit(makeEdit(this, QStringLiteral("testEdit"), tr("Test images")))
    , m_seedEdit(makeEdit(this, QStringLiteral("seedEdit"), tr("Split seed")))
    , m_validationShare(new QLabel(this))
    , m_testShare(new QLabel(this))
    , m_problemLabel(new QLabel(this))
{
    m_validationEdit->setToolTip(tr("Images held out to watch training; a number, or a percentage such as 10%"));
    m_testEdit->setToolTip(tr("Images held out for the final score; a number, or a percentage such as 10%"));
    m_seedEdit->setToolTip(tr("The same seed gives the same split"));
    m_validationShare->setObjectName(QStringLiteral("validationShare"));
    m_testShare->setObjectName(QStringLiteral("testShare"));
    for (QLabel* share : {m_validationShare, m_testShare})
        share->setWordWrap(true); // "10.0 % of 529,114" wraps in a narrow dock
    m_problemLabel->setObjectName(QStringLiteral("splitProblem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setVisible(false);
    m_problemLabel->setAccessibleName(tr("Split problem"));
    QPalette warning = m_problemLabel->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x20, 0x20));
    m_problemLabel->setPalette(warning);
    // A seed takes up to 20 digits.
    m_seedEdit->setMaximumWidth(m_seedEdit->fontMetrics().horizontalAdvance(QStringLiteral("000000000000000000000")));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto row = [this, form](const QString& label, QLineEdit* edit, QLabel* share) {
        auto* line = new QHBoxLayout;
        line->addWidget(edit);
        if (share)
            line->addWidget(share, 1);
        else
            line->addStretch(1);
        auto* caption = new QLabel(label, this);
        caption->setBuddy(edit);
        form->addRow(caption, line);
    };
    row(tr("&Validation:"), m_validationEdit, m_validationShare);
    row(tr("&Test:"), m_testEdit, m_testShare);
    row(tr("S&eed:"), m_seedEdit, nullptr);
    form->addRow(m_problemLabel);

    // Typing is checked at once (the reason shows while typing); the values
    // come into force when editing ends (Return, or focus moving on), so that
    // "95" does not pass through a split of 9 on the way.
    for (QLineEdit* edit : {m_validationEdit, m_testEdit, m_seedEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] { check(false); });
        connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
            check(true);
            normalise(edit);
        });
    }
    setTabOrder(m_validationEdit, m_testEdit);
    setTabOrder(m_testEdit, m_seedEdit);
    setImageCount(0);
}

qint64 SplitEditor::defaultValidation(qint64 count)
{
    const qint64 value = std::min(kLabValidation, std::llround(0.1 * double(count)));
    return fits(value, 0, count) ? value : 0;
}

qint64 SplitEditor::defaultTest(qint64 count)
{
    const qint64 validation = defaultValidation(count);
    const qint64 value = std::min(kLabTest, std::llround(0.1 * double(count)));
    return fits(validation, value, count) ? value : 0;
}

bool SplitEditor::fits(qint64 validation, qint64 test, qint64 count)
{
    return validation >= 0 && test >= 0 && validation + test < count;
}

void SplitEditor::setImageCount(qint64 count)
{
    m_count = count;
    for (QLineEdit* edit : {m_validationEdit, m_testEdit, m_seedEdit})
        edit->setEnabled(count > 0);
    updateShares();
}

void SplitEditor::setValues(qint64 validation, qint64 test, quint64 seed)
{
    const QLocale locale;
    m_validation = validation;
    m_test = test;
    m_seed = seed;
    m_validationEdit->setText(locale.toString(validation));
    m_testEdit->setText(locale.toString(test));
    m_seedEdit->setText(QString::number(seed));
    setProblem({});
    updateShares();
}

qint64 SplitEditor::parseSize(const QString& typed, const QString& what, QString* error) const
{
    QString text = typed.trimmed();
    if (text.isEmpty()) {
        *error = tr("Type the number of %1 images.").arg(what);
        return -1;
    }
    const QLocale locale;
    bool ok = false;
    if (text.endsWith(QLatin1Char('%'))) {
        text.chop(1);
        double percent = locale.toDouble(text.trimmed(), &ok);
        if (!ok)
            percent = text.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(percent)) {
            *error = tr("“%1” is not a percentage of the images (%2).").arg(typed.trimmed(), what);
            return -1;
        }
        if (percent < 0.0 || percent >= 100.0) {
            *error = tr("The %1 share must be from 0 % to below 100 %, not %2.").arg(what, typed.trimmed());
            return -1;
        }
        return std::llround(percent / 100.0 * double(m_count));
    }
    qint64 value = locale.toLongLong(text, &ok);
    if (!ok)
        value = text.toLongLong(&ok);
    if (!ok) {
        *error = tr("“%1” is not a whole number of %2 images.").arg(typed.trimmed(), what);
        return -1;
    }
    if (value < 0) {
        *error = tr("The number of %1 images cannot be negative.").arg(what);
        return -1;
    }
    return value;
}

void SplitEditor::check(bool apply)
{
    QString error;
    const qint64 validation = parseSize(m_validationEdit->text(), tr("validation"), &error);
    const qint64 test = error.isEmpty() ? parseSize(m_testEdit->text(), tr("test"), &error) : -1;
    quint64 seed = 0;
    if (error.isEmpty()) {
        bool ok = false;
        seed = m_seedEdit->text().trimmed().toULongLong(&ok);
        if (!ok)
            error = tr("The seed must be a whole number from 0 to %1.").arg(std::numeric_limits<quint64>::max());
    }
    if (error.isEmpty() && !fits(validation, test, m_count)) {
        const QLocale locale;
        error = tr("Validation (%1) and test (%2) take %3 of the %4 images: none would be left to train on.")
                    .arg(locale.toString(validation), locale.toString(test), locale.toString(validation + test),
                         locale.toString(m_count));
    }
    setProblem(error);
    if (apply && error.isEmpty() && (validation != m_validation || test != m_test || seed != m_seed)) {
        m_validation = validation;
        m_test = test;
        m_seed = seed;
        updateShares();
        emit valuesChanged();
    }
}

void SplitEditor::normalise(QLineEdit* edit)
{
    // A good percentage becomes the count it stands for; refused text stays as typed.
    if (!m_problem.isEmpty() || edit == m_seedEdit)
        return;
    const QLocale locale;
    const QString text = locale.toString(edit == m_validationEdit ? m_validation : m_test);
    if (edit->text() != text)
        edit->setText(text);
}

void SplitEditor::updateShares()
{
    const QLocale locale;
    const auto share = [this, &locale](qint64 value) {
        if (m_count <= 0)
            return QString();
        return tr("%1 % of %2").arg(locale.toString(100.0 * double(value) / double(m_count), 'f', 1),
                                    locale.toString(m_count));
    };
    m_validationShare->setText(share(m_validation));
    m_testShare->setText(share(m_test));
}

void SplitEditor::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    emit problemChanged();
}

} // namespace mlps::ui
