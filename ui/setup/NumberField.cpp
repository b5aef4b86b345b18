#include "NumberField.h"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QVBoxLayout>

#include <charconv>
#include <climits>
#include <cmath>

namespace mlps::ui {
NumberField::NumberField(Kind kind, const QString& accessibleName, QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_edit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_errorLabel);

    m_edit->setAccessibleName(accessibleName);
    m_edit->setInputMethodHints(kind == Kind::Real ? Qt::ImhFormattedNumbersOnly : Qt::ImhDigitsOnly);
    m_edit->installEventFilter(this);
    setFocusProxy(m_edit);
    setFocusPolicy(m_edit->focusPolicy()); // a label's mnemonic focuses only buddies that take focus

    m_warning = m_edit->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
    m_warning->setVisible(false);

    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText); // it quotes what the user typed
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("%1: problem").arg(accessibleName));
    m_errorLabel->setVisible(false);
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, errorColor(palette));
    m_errorLabel->setPalette(palette);

    connect(m_edit, &QLineEdit::textEdited, this, &NumberField::onTextEdited);
    connect(m_edit, &QLineEdit::returnPressed, this, &NumberField::commit);
    connect(m_edit, &QLineEdit::editingFinished, this, &NumberField::commit);
}

NumberField::~NumberField()
{
    // The line edit outlives this object's members: its focus-out while it is
    // destroyed must not commit through them.
    disconnect(m_edit, nullptr, this, nullptr);
}

QColor NumberField::errorColor(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

int NumberField::newSession()
{
    static int counter = 0;
    return ++counter;
}

QLineEdit* NumberField::lineEdit() const
{
    return m_edit;
}

void NumberField::setChecker(Checker checker)
{
    m_checker = std::move(checker);
}

void NumberField::setFloatValue(bool floatValue)
{
    m_floatValue = floatValue;
}

void NumberField::setValue(const QVariant& value)
{
    m_shown = value;
    m_edit->setText(format(value));
    clearError();
    endSession();
}

QVariant NumberField::shownValue() const
{
    return m_shown;
}

std::optional<QVariant> NumberField::parsedValue() const
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    // The C locale's form ("0.05", "1e-3") always works; the user's too ("0,05").
    switch (m_kind) {
    case Kind::Real: {
        double value = QLocale::c().toDouble(text, &ok);
        if (!ok)
            value = QLocale().toDouble(text, &ok);
        if (ok && m_floatValue)
            value = double(float(value)); // what the document will hold, so that the echo compares equal
        return ok ? std::optional<QVariant>(value) : std::nullopt;
    }
    case Kind::Integer: {
        qlonglong value = QLocale::c().toLongLong(text, &ok);
        if (!ok)
            value = QLocale().toLongLong(text, &ok);
        if (!ok || value < INT_MIN || value > INT_MAX)
            return std::nullopt;
        return QVariant(int(value));
    }
    case Kind::Seed: {
        qulonglong value = QLocale::c().toULongLong(text, &ok);
        if (!ok)
            value = QLocale().toULongLong(text, &ok);
        return ok ? std::optional<QVariant>(QVariant(value)) : std::nullopt;
    }
    }
    return std::nullopt;
}

QString NumberField::error() const
{
    return m_errorLabel->isVisibleTo(this) ? m_errorLabel->text() : QString();
}

QString NumberField::textProblem() const
{
    const std::optional<QVariant> value = parsedValue();
    if (!value) {
        switch (m_kind) {
        case Kind::Real: return tr("“%1” is not a number.").arg(m_edit->text());
        case Kind::Integer: return tr("“%1” is not a whole number in range.").arg(m_edit->text());
        case Kind::Seed:
            return tr("“%1” is not a seed (a whole number from 0 to 18446744073709551615).").arg(m_edit->text());
        }
    }
    return m_checker ? m_checker(*value) : QString();
}

bool NumberField::hasInvalidText() const
{
    return !textProblem().isEmpty();
}

void NumberField::onTextEdited()
{
    const QString problem = textProblem();
    if (!problem.isEmpty()) {
        // Not applied; an already visible reason follows the text, a new one waits for Enter.
        if (!error().isEmpty())
            showError(problem);
        return;
    }
    clearError();
    const QVariant value = *parsedValue();
    if (value == m_shown)
        return;
    if (m_session == 0) {
        m_session = newSession();
        m_sessionStart = m_shown;
    }
    m_shown = value; // before the signal: the document's echo must not rewrite the text
    m_applied = true;
    emit accepted(value, m_session);
}

void NumberField::commit()
{
    const QString problem = textProblem();
    if (problem.isEmpty()) {
        onTextEdited(); // applies it if the typing did not already
        endSession();
        return;
    }
    showError(problem);
    if (m_session != 0 && m_applied) {
        // Undo what the typing applied; the refused text stays for correction.
        const QVariant start = m_sessionStart;
        const int session = m_session;
        m_shown = start;
        endSession();
        emit restore(start, session);
    } else {
        endSession();
    }
}

void NumberField::escape()
{
    const QVariant start = m_session != 0 ? m_sessionStart : m_shown;
    const bool applied = m_session != 0 && m_applied;
    const int session = m_session;
    m_shown = start;
    m_edit->setText(format(start));
    clearError();
    endSession();
    if (applied)
        emit restore(start, session);
}

void NumberField::endSession()
{
    m_session = 0;
    m_applied = false;
    m_sessionStart = QVariant();
}

bool NumberField::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        const bool pending = m_session != 0 || !error().isEmpty() || m_edit->text() != format(m_shown);
        if (pending) {
            escape();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NumberField::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        QPalette palette = m_errorLabel->palette();
        palette.setColor(QPalette::WindowText, errorColor(this->palette()));
        m_errorLabel->setPalette(palette);
    }
    QWidget::changeEvent(event);
}

void NumberField::showError(const QString& reason)
{
    const bool changed = error() != reason;
    m_errorLabel->setText(reason);
    m_errorLabel->setVisible(true);
    m_warning->setVisible(true);
    m_warning->setToolTip(reason);
    m_edit->setAccessibleDescription(reason);
    if (changed)
        emit errorChanged();
}

void NumberField::clearError()
{
    const bool changed = !error().isEmpty();
    m_errorLabel->clear();
    m_errorLabel->setVisible(false);
    m_warning->setVisible(false);
    m_edit->setAccessibleDescription(QString());
    if (changed)
        emit errorChanged();
}

QString NumberField::format(const QVariant& value) const
{
    if (!value.isValid())
        return {};
    switch (m_kind) {
    case Kind::Real: {
        // The shortest text that reads back exactly; plain digits from 0.0001 on.
        char buffer[128];
        const double magnitude = std::abs(value.toDouble());
        const auto form = magnitude == 0.0 || (magnitude >= 1e-4 && magnitude < 1e15) ? std::chars_format::fixed
                                                                                     : std::chars_format::general;
        const auto result = m_floatValue ? std::to_chars(buffer, buffer + sizeof buffer, value.toFloat(), form)
                                         : std::to_chars(buffer, buffer + sizeof buffer, value.toDouble(), form);
        return QString::fromLatin1(buffer, result.ptr - buffer);
    }
    case Kind::Integer:
        return QString::number(value.toInt());
    case Kind::Seed:
        return QString::number(value.toULongLong());
    }
    return {};
}

} // namespace mlps::ui
