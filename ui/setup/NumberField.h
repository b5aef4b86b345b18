#pragma once

#include <QVariant>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QAction;

namespace mlps::ui {

// A typed number with its own refusal message: a QLineEdit that accepts any
// text, and a red label under it that says why a value is refused.
//
// Values are applied while typing: each keystroke that leaves a valid number
// emits accepted() with the field's current editing session, so that the
// keystrokes of one number merge into one undo step. An invalid text is never
// applied; Enter (or leaving the field) with an invalid text shows the reason,
// keeps the text for correction and emits restore() so that the document goes
// back to its value from before the session. Escape puts the value from before
// the session back into the field (and the document).
class NumberField : public QWidget {
    Q_OBJECT

public:
    // Real: a double (shown as the shortest text of a float when floatValue);
    // Integer: an int; Seed: an unsigned 64-bit integer (qulonglong).
    enum class Kind { Real, Integer, Seed };
    // Returns why a value is refused, or an empty string.
    using Checker = std::function<QString(const QVariant&)>;

    NumberField(Kind kind, const QString& accessibleName, QWidget* parent = nullptr);
    ~NumberField() override;

    // A red for refusals that reads well on this palette (light or dark).
    static QColor errorColor(const QPalette& palette);
    // A new editing-session id, never 0 (shared with other widgets whose edits merge).
    static int newSession();

    QLineEdit* lineEdit() const;
    void setChecker(Checker checker);
    // Whether Real values are floats (shown with a float's shortest digits).
    void setFloatValue(bool floatValue);

    // Shows a value from the document: replaces the text, clears the error
    // and ends the editing session.
    void setValue(const QVariant& value);
    // The value the document is known to have (the last shown or applied).
    QVariant shownValue() const;
    // The number in the text (nullopt when it is not one; not yet checked).
    std::optional<QVariant> parsedValue() const;
    // The visible reason of a refusal, or empty.
    QString error() const;
    // True while the text is not an acceptable value (shown or not yet).
    bool hasInvalidText() const;
    // The reason the current text would be refused (empty when acceptable).
    QString textProblem() const;

signals:
    // A valid value was typed (also mid-typing); `session` identifies the edit.
    void accepted(const QVariant& value, int session);
    // Put the document back to `value`, its value before the session.
    void restore(const QVariant& value, int session);
    // The visible refusal appeared, changed or went away.
    void errorChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onTextEdited();
    void commit();
    void escape();
    void showError(const QString& reason);
    void clearError();
    QString format(const QVariant& value) const;
    void endSession();

    Kind m_kind;
    bool m_floatValue = true;
    QLineEdit* m_edit;
    QLabel* m_errorLabel;
    QAction* m_warning;
    Checker m_checker;
    QVariant m_shown;
    QVariant m_sessionStart;
    int m_session = 0;       // 0: no edit in progress
    bool m_applied = false;  // the session has applied a value to the document
};

} // namespace mlps::ui
