#include "PaletteModel.h"

#include "LayerStackModel.h"

#include <QGuiApplication>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace mlps::ui {

PaletteModel::PaletteModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

LayerSpec PaletteModel::defaultLayer(int row)
{
    if (row == DropoutRow)
        return DropoutSpec{0.5f};
    return DenseSpec{128, Activation::Relu, 0.0f};
}

QColor PaletteModel::accentColor(const QString& layerType)
{
    // Mid-tone colours that read on light and dark palettes alike.
    return layerType == QLatin1String("Dropout") ? QColor(0xe0, 0x8a, 0x1e) : QColor(0x3b, 0x7d, 0xd8);
}

int PaletteModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

QVariant PaletteModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool dense = row == DenseRow;
    switch (role) {
    case Qt::DisplayRole:
        return dense ? tr("Dense — fully connected layer + activation") : tr("Dropout — randomly zeroes inputs");
    case Qt::AccessibleTextRole:
        return dense ? tr("Dense layer") : tr("Dropout layer");
    case Qt::ToolTipRole:
        return dense ? tr("A fully connected layer of 128 ReLU units. Drag it into the layer stack, "
                          "or press Enter to add it after the selected layer.")
                     : tr("Dropout with rate 0.5: in training, each input is zeroed with probability 0.5. "
                          "Drag it into the layer stack, or press Enter to add it after the selected layer.");
    case Qt::DecorationRole:
        return icon(row);
    case LayerTypeRole:
        return dense ? QStringLiteral("Dense") : QStringLiteral("Dropout");
    case HintRole:
        return dense ? tr("Fully connected layer + activation") : tr("Randomly zeroes inputs in training");
    default:
        return {};
    }
}

Qt::ItemFlags PaletteModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList PaletteModel::mimeTypes() const
{
    return {QString::fromLatin1(LayerStackModel::kPaletteMimeType)};
}

QMimeData* PaletteModel::mimeData(const QModelIndexList& indexes) const
{
    // One layer per drag: the first valid row dragged.
    for (const QModelIndex& index : indexes) {
        if (checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return LayerStackModel::paletteMimeData(defaultLayer(index.row()));
    }
    return nullptr;
}

Qt::DropActions PaletteModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

Qt::DropActions PaletteModel::supportedDropActions() const
{
    return Qt::IgnoreAction; // nothing is dropped onto the palette
}

QIcon PaletteModel::icon(int row) const
{
    // A rounded square in the layer's colour with its initial, drawn at the
    // screen's scale so that it stays sharp on high-DPI screens.
    const QString type = row == DenseRow ? QStringLiteral("Dense") : QStringLiteral("Dropout");
    const qreal ratio = qGuiApp ? qGuiApp->devicePixelRatio() : 1.0;
    const int side = 32;
    QPixmap pixmap(QSize(side, side) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(accentColor(type));
    painter.drawRoundedRect(QRectF(1, 1, side - 2, side - 2), 6, 6);
    QFont font = QGuiApplication::font();
    font.setBold(true);
    font.setPixelSize(side / 2);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(0, 0, side, side), Qt::AlignCenter, row == DenseRow ? tr("D", "Dense icon")
                                                                                 : tr("Dr", "Dropout icon"));
    painter.end();
    return QIcon(pixmap);
}

} // namespace mlps::ui
