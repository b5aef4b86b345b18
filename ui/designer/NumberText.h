#pragma once

#include <QString>
#include <QVariant>

namespace mlps::ui::numbertext {

// How the designer's fields show and read numbers. A field shows a number in
// the user's locale; what the user types is read in the user's locale first,
// then in the C locale ("0.5" also works in a German locale), so that either
// spelling is understood. Text that is no number at all is passed on as text,
// so that the model refuses it with its own reason ("must be a number, got
// “abc”") instead of the field swallowing it.

// 128 -> "128" (no group separator: the text is typed back as it is).
QString formatInteger(int value);
// 0.001 -> "0.001", 1e-07 -> "1e-07", in the user's locale.
QString formatReal(double value);
// The number in `text`, or the trimmed text itself when it is not a number.
QVariant parse(const QString& text);

} // namespace mlps::ui::numbertext
