#include "LayerCardDelegate.h"

#include "LayerStackModel.h"
#include "NumberText.h"
#include "PaletteModel.h"

#include <QApplication>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace mlps::ui {
namespace {

QString mainNumberText(const QModelIndex& index)
{
    const bool dense = index.data(LayerStackModel::TypeRole).toString() == QLatin1String("Dense");
    if (dense)
    {
        const int units = index.data(LayerStackModel::UnitsRole).toInt();
        return units == 1 ? LayerCardDelegate::tr("1 unit") : LayerCardDelegate::tr("%1 units").arg(units);
    }
    return LayerCardDelegate::tr("rate %1").arg(
        numbertext::formatReal(index.data(LayerStackModel::DropoutRateRole).toDouble()));
}

QString detailText(const QModelIndex& index)
{
    const bool dense = index.data(LayerStackModel::TypeRole).toString() == QLatin1String("Dense");
    if (dense) {
        QString text = index.data(LayerStackModel::ActivationRole).toString();
        const double l2 = index.data(LayerStackModel::L2Role).toDouble();
        if (l2 != 0.0)
            text += LayerCardDelegate::tr(" · L2 %1").arg(numbertext::formatReal(l2));
        return text;
    }
    const double rate = index.data(LayerStackModel::DropoutRateRole).toDouble();
    return LayerCardDelegate::tr("drops %1 % of inputs in training")
        .arg(QLocale().toString(100.0 * rate, 'g', 3));
}

} // namespace

LayerCardDelegate::LayerCardDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

int LayerCardDelegate::padding(const QStyleOptionViewItem& option)
{
    return qMax(4, option.fontMetrics.height() / 3);
}

QRect LayerCardDelegate::cardRect(const QStyleOptionViewItem& option)
{
    const int gap = qMax(2, option.fontMetrics.height() / 6);
    return option.rect.adjusted(gap, gap, -gap, -gap);
}

QSize LayerCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    Q_UNUSED(index)
    const QFontMetrics& metrics = option.fontMetrics;
    const int gap = qMax(2, metrics.height() / 6);
    // Two lines of text, the card's padding and the gap between cards.
    return {metrics.averageCharWidth() * 30, 2 * metrics.lineSpacing() + 2 * padding(option) + 2 * gap + 2};
}

void LayerCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QPalette& palette = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool focused = opt.state & QStyle::State_HasFocus;
    const QString type = index.data(LayerStackModel::TypeRole).toString();
    const QColor accent = PaletteModel::accentColor(type);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(cardRect(opt)).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = qMax(3.0, opt.fontMetrics.height() / 4.0);

    // The card: the base colour, tinted with the highlight when selected.
    QColor fill = palette.color(QPalette::Base);
    if (selected) {
        const QColor highlight = palette.color(QPalette::Highlight);
        fill = QColor::fromRgbF(0.8f * fill.redF() + 0.2f * highlight.redF(),
                                0.8f * fill.greenF() + 0.2f * highlight.greenF(),
                                0.8f * fill.blueF() + 0.2f * highlight.blueF());
    }
    QPainterPath path;
    path.addRoundedRect(card, radius, radius);
    painter->fillPath(path, fill);
    const bool hovered = opt.state & QStyle::State_MouseOver;
    QPen border(selected || hovered ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid));
    border.setWidthF(selected || focused ? 1.5 : 1.0);
    painter->setPen(border);
    painter->drawPath(path);

    // The stripe in the layer's colour on the left.
    const qreal stripeWidth = qMax(4.0, opt.fontMetrics.height() / 4.0);
    painter->save();
    painter->setClipPath(path);
    painter->fillRect(QRectF(card.left(), card.top(), stripeWidth, card.height()), accent);
    painter->restore();

    const int pad = padding(opt);
    const QRect text = cardRect(opt).adjusted(int(stripeWidth) + pad, pad, -pad, -pad);
    const int lineHeight = opt.fontMetrics.lineSpacing();
    const QRect first(text.left(), text.top(), text.width(), lineHeight);
    const QRect second(text.left(), text.top() + lineHeight, text.width(), lineHeight);
    const QColor textColor = palette.color(QPalette::Text);
    QColor secondary = palette.color(QPalette::PlaceholderText);
    if (!secondary.isValid() || secondary == textColor)
        secondary = palette.color(QPalette::Mid);

    // Right: parameters and output width.
    const QLocale locale;
    const qlonglong parameters = index.data(LayerStackModel::ParameterCountRole).toLongLong();
    const QString parameterText = tr("%1 params").arg(locale.toString(parameters));
    const QString outputText = tr("→ %1").arg(locale.toString(index.data(LayerStackModel::OutputSizeRole).toInt()));
    painter->setFont(opt.font);
    painter->setPen(secondary);
    const int rightWidth = qMax(opt.fontMetrics.horizontalAdvance(parameterText),
                                opt.fontMetrics.horizontalAdvance(outputText));
    painter->drawText(first, Qt::AlignRight | Qt::AlignVCenter, parameterText);
    painter->drawText(second, Qt::AlignRight | Qt::AlignVCenter, outputText);

    // Left: the type in bold, then the main number; the details below.
    const int leftWidth = text.width() - rightWidth - pad;
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QString typeText = type == QLatin1String("Dense") ? tr("Dense") : tr("Dropout");
    const int typeWidth = boldMetrics.horizontalAdvance(typeText);
    painter->setFont(bold);
    painter->setPen(textColor);
    painter->drawText(QRect(first.left(), first.top(), leftWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(typeText, Qt::ElideRight, leftWidth));
    painter->setFont(opt.font);
    const int numberLeft = first.left() + typeWidth + opt.fontMetrics.averageCharWidth();
    const int numberWidth = first.left() + leftWidth - numberLeft;
    if (numberWidth > 0)
        painter->drawText(QRect(numberLeft, first.top(), numberWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(mainNumberText(index), Qt::ElideRight, numberWidth));
    painter->setPen(secondary);
    painter->drawText(QRect(second.left(), second.top(), leftWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(detailText(index), Qt::ElideRight, leftWidth));
    painter->restore();
}

QWidget* LayerCardDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const
{
    Q_UNUSED(option)
    auto* editor = new QLineEdit(parent);
    const bool dense = index.data(LayerStackModel::TypeRole).toString() == QLatin1String("Dense");
    editor->setAccessibleName(dense ? tr("Units") : tr("Dropout rate"));
    editor->setToolTip(dense ? tr("Units, a whole number from 1 to %1; Enter applies, Escape cancels")
                                   .arg(LayerStackModel::kMaxUnits)
                             : tr("Dropout rate, at least 0 and below 1; Enter applies, Escape cancels"));
    return editor;
}

void LayerCardDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* line = static_cast<QLineEdit*>(editor);
    const bool dense = index.data(LayerStackModel::TypeRole).toString() == QLatin1String("Dense");
    line->setText(dense ? numbertext::formatInteger(index.data(LayerStackModel::UnitsRole).toInt())
                        : numbertext::formatReal(index.data(LayerStackModel::DropoutRateRole).toDouble()));
}

void LayerCardDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    const auto* line = static_cast<QLineEdit*>(editor);
    if (model->setData(index, numbertext::parse(line->text()), Qt::EditRole)) {
        emit editAccepted();
        return;
    }
    const auto* stack = qobject_cast<LayerStackModel*>(model);
    emit editRefused(stack ? stack->lastError() : tr("The value was refused."));
}

void LayerCardDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                             const QModelIndex& index) const
{
    // Over the main number, on the card's first line.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect card = cardRect(opt);
    const int pad = padding(opt);
    const int stripe = qMax(4, opt.fontMetrics.height() / 4);
    QFont bold = opt.font;
    bold.setBold(true);
    const QString type = index.data(LayerStackModel::TypeRole).toString();
    const int typeWidth = QFontMetrics(bold).horizontalAdvance(type == QLatin1String("Dense") ? tr("Dense")
                                                                                              : tr("Dropout"));
    const int left = card.left() + stripe + pad + typeWidth + opt.fontMetrics.averageCharWidth() / 2;
    const int width = qMin(opt.fontMetrics.averageCharWidth() * 14, card.right() - pad - left);
    const int height = qMax(editor->sizeHint().height(), opt.fontMetrics.lineSpacing() + 4);
    const int top = card.top() + pad + opt.fontMetrics.lineSpacing() / 2 - height / 2;
    editor->setGeometry(left, qMax(card.top(), top), width, height);
}

} // namespace mlps::ui
