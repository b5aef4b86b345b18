#include "LayerStackModel.h"

#include "LayerCommands.h"
#include "NetworkDocument.h"
#include "nn/ModelSummary.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace mlps::ui {
namespace {

QString rowsMimeType()
{
    return QString::fromLatin1(LayerStackModel::kRowsMimeType);
}

QString paletteMimeType()
{
    return QString::fromLatin1(LayerStackModel::kPaletteMimeType);
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 6);
}

// A number given as a number or as text ("0.1"); nothing for other types
// (a bool or a date is not a number, even if QVariant could convert it).
std::optional<double> toNumber(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toDouble();
    case QMetaType::QString: {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        return ok ? std::optional<double>(number) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

// The rows of a drag within the stack, and which document they belong to:
// a drag into another window's stack must not move rows of this one.
struct RowsDrag {
    qint64 processId = 0;
    quint64 document = 0;
    QList<int> rows;
};

QByteArray encodeRows(const RowsDrag& drag)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_0);
    stream << drag.processId << drag.document << drag.rows;
    return bytes;
}

std::optional<RowsDrag> decodeRows(const QByteArray& bytes)
{
    RowsDrag drag;
    QDataStream stream(bytes);
    stream.setVersion(QDataStream::Qt_6_0);
    stream >> drag.processId >> drag.document >> drag.rows;
    if (stream.status() != QDataStream::Ok || drag.rows.isEmpty())
        return std::nullopt;
    return drag;
}

} // namespace

LayerStackModel::LayerStackModel(NetworkDocument* document, QObject* parent)
    : QAbstractListModel(parent)
    , m_document(document)
{
    connect(document, &NetworkDocument::layerAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(document, &NetworkDocument::layerInserted, this, [this] { endInsertRows(); });
    connect(document, &NetworkDocument::layerAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(document, &NetworkDocument::layerRemoved, this, [this] { endRemoveRows(); });
    connect(document, &NetworkDocument::layerAboutToBeMoved, this, [this](int from, int to) {
        // beginMoveRows wants the row the layer goes before, counted before the move.
        [[maybe_unused]] const bool valid = beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        Q_ASSERT(valid);
    });
    connect(document, &NetworkDocument::layerMoved, this, [this] { endMoveRows(); });
    connect(document, &NetworkDocument::layerChanged, this, [this](int row) {
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
    });
    connect(document, &NetworkDocument::layersAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &NetworkDocument::layersReset, this, [this] { endResetModel(); });
    connect(document, &NetworkDocument::networkChanged, this, &LayerStackModel::onNetworkChanged);
}

NetworkDocument* LayerStackModel::document() const
{
    return m_document;
}

QString LayerStackModel::lastError() const
{
    return m_lastError;
}

int LayerStackModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_document->layerCount();
}

QVariant LayerStackModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LayerSpec& layer = m_document->layer(index.row());
    const auto* dense = std::get_if<DenseSpec>(&layer);
    const auto* dropout = std::get_if<DropoutSpec>(&layer);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case DisplayTextRole:
        return describe(layer);
    case Qt::EditRole:
        return dense ? QVariant(dense->units) : QVariant(double(dropout->rate));
    case TypeRole:
        return dense ? QStringLiteral("Dense") : QStringLiteral("Dropout");
    case UnitsRole:
        return dense ? QVariant(dense->units) : QVariant();
    case ActivationRole:
        return dense ? QVariant(QString::fromLatin1(activationName(dense->activation))) : QVariant();
    case L2Role:
        return dense ? QVariant(double(dense->l2)) : QVariant();
    case DropoutRateRole:
        return dropout ? QVariant(double(dropout->rate)) : QVariant();
    case OutputSizeRole:
    case ParameterCountRole: {
        // The summary's rows are the hidden layers in order, then the output.
        const SummaryRow& row = summarize(m_document->network()).rows[std::size_t(index.row())];
        return role == OutputSizeRole ? QVariant(row.outputSize) : QVariant(qlonglong(row.parameters));
    }
    default:
        return {};
    }
}

bool LayerStackModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return refuse(tr("There is no such layer."));
    const int row = index.row();
    LayerSpec layer = m_document->layer(row);
    auto* dense = std::get_if<DenseSpec>(&layer);
    auto* dropout = std::get_if<DropoutSpec>(&layer);
    if (role == Qt::EditRole)
        role = dense ? UnitsRole : DropoutRateRole;

    EditLayerCommand::Field field = EditLayerCommand::Field::Units;
    switch (role) {
    case UnitsRole: {
        if (!dense)
            return refuse(tr("A dropout layer has no units."));
        const std::optional<double> units = toNumber(value);
        if (!units)
            return refuse(tr("The number of units must be a number, got “%1”.").arg(value.toString()));
        if (QString problem = checkUnits(*units); !problem.isEmpty())
            return refuse(problem);
        dense->units = int(*units);
        field = EditLayerCommand::Field::Units;
        break;
    }
    case ActivationRole: {
        if (!dense)
            return refuse(tr("A dropout layer has no activation."));
        const QString name = value.toString().trimmed();
        if (QString problem = checkActivation(name); !problem.isEmpty())
            return refuse(problem);
        dense->activation = *parseActivation(name.toStdString());
        field = EditLayerCommand::Field::Activation;
        break;
    }
    case L2Role: {
        if (!dense)
            return refuse(tr("A dropout layer has no L2 factor."));
        const std::optional<double> l2 = toNumber(value);
        if (!l2)
            return refuse(tr("The L2 factor must be a number, got “%1”.").arg(value.toString()));
        if (QString problem = checkL2(*l2); !problem.isEmpty())
            return refuse(problem);
        dense->l2 = float(*l2);
        field = EditLayerCommand::Field::L2;
        break;
    }
    case DropoutRateRole: {
        if (!dropout)
            return refuse(tr("A dense layer has no dropout rate."));
        const std::optional<double> rate = toNumber(value);
        if (!rate)
            return refuse(tr("The dropout rate must be a number, got “%1”.").arg(value.toString()));
        if (QString problem = checkDropoutRate(*rate); !problem.isEmpty())
            return refuse(problem);
        dropout->rate = float(*rate);
        field = EditLayerCommand::Field::DropoutRate;
        break;
    }
    default:
        return refuse(tr("This property of a layer cannot be edited."));
    }

    m_lastError.clear();
    if (layer != m_document->layer(row))
        m_document->undoStack()->push(new EditLayerCommand(m_document, row, field, layer));
    return true;
}

Qt::ItemFlags LayerStackModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // drops land between rows, never on one
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> LayerStackModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TypeRole, "type");
    names.insert(UnitsRole, "units");
    names.insert(ActivationRole, "activation");
    names.insert(L2Role, "l2");
    names.insert(DropoutRateRole, "dropoutRate");
    names.insert(OutputSizeRole, "outputSize");
    names.insert(ParameterCountRole, "parameterCount");
    names.insert(DisplayTextRole, "displayText");
    return names;
}

QStringList LayerStackModel::mimeTypes() const
{
    return {rowsMimeType(), paletteMimeType()};
}

QMimeData* LayerStackModel::mimeData(const QModelIndexList& indexes) const
{
    RowsDrag drag;
    drag.processId = QCoreApplication::applicationPid();
    drag.document = quint64(quintptr(m_document));
    for (const QModelIndex& index : indexes) {
        if (checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
            && !drag.rows.contains(index.row()))
            drag.rows.append(index.row());
    }
    if (drag.rows.isEmpty())
        return nullptr;
    std::sort(drag.rows.begin(), drag.rows.end());
    auto* data = new QMimeData;
    data->setData(rowsMimeType(), encodeRows(drag));
    return data;
}

bool LayerStackModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                      const QModelIndex& parent) const
{
    Q_UNUSED(column)
    return dropProblem(data, action, row, parent).isEmpty();
}

bool LayerStackModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                   const QModelIndex& parent)
{
    Q_UNUSED(column)
    if (QString problem = dropProblem(data, action, row, parent); !problem.isEmpty())
        return refuse(problem);
    m_lastError.clear();
    const int destination = row < 0 ? rowCount() : row;
    if (data->hasFormat(rowsMimeType())) {
        // Dropped where they already are: accepted, with nothing to do.
        moveLayers(decodeRows(data->data(rowsMimeType()))->rows, destination);
        return true;
    }
    m_document->undoStack()->push(new InsertLayerCommand(m_document, destination, *paletteLayer(data)));
    return true;
}

Qt::DropActions LayerStackModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions LayerStackModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

bool LayerStackModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                               const QModelIndex& destinationParent, int destinationChild)
{
    const int rows = rowCount();
    if (sourceParent.isValid() || destinationParent.isValid() || count < 1 || sourceRow < 0
        || sourceRow + count > rows || destinationChild < 0 || destinationChild > rows)
        return refuse(tr("There are no such layers to move."));
    if (destinationChild >= sourceRow && destinationChild <= sourceRow + count)
        return refuse(tr("The layers are already there."));
    QList<int> moved;
    for (int i = 0; i < count; ++i)
        moved.append(sourceRow + i);
    m_lastError.clear();
    return moveLayers(moved, destinationChild);
}

QMimeData* LayerStackModel::paletteMimeData(const LayerSpec& layer)
{
    QJsonObject object;
    if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
        object.insert(QStringLiteral("type"), QStringLiteral("Dense"));
        object.insert(QStringLiteral("units"), dense->units);
        object.insert(QStringLiteral("activation"), QString::fromLatin1(activationName(dense->activation)));
        object.insert(QStringLiteral("l2"), double(dense->l2));
    } else {
        object.insert(QStringLiteral("type"), QStringLiteral("Dropout"));
        object.insert(QStringLiteral("rate"), double(std::get<DropoutSpec>(layer).rate));
    }
    auto* data = new QMimeData;
    data->setData(paletteMimeType(), QJsonDocument(object).toJson(QJsonDocument::Compact));
    data->setText(describe(layer));
    return data;
}

std::optional<LayerSpec> LayerStackModel::paletteLayer(const QMimeData* data)
{
    if (!data || !data->hasFormat(paletteMimeType()))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(data->data(paletteMimeType())).object();
    const QString type = object.value(QStringLiteral("type")).toString();
    LayerSpec layer;
    if (type == QLatin1String("Dense")) {
        const QJsonValue units = object.value(QStringLiteral("units"));
        const QJsonValue activation = object.value(QStringLiteral("activation"));
        const QJsonValue l2 = object.value(QStringLiteral("l2"));
        if (!units.isDouble() || !activation.isString() || !l2.isDouble()
            || !checkUnits(units.toDouble()).isEmpty() || !checkActivation(activation.toString()).isEmpty()
            || !checkL2(l2.toDouble()).isEmpty())
            return std::nullopt;
        layer = DenseSpec{units.toInt(), *parseActivation(activation.toString().toStdString()),
                          float(l2.toDouble())};
    } else if (type == QLatin1String("Dropout")) {
        const QJsonValue rate = object.value(QStringLiteral("rate"));
        if (!rate.isDouble() || !checkDropoutRate(rate.toDouble()).isEmpty())
            return std::nullopt;
        layer = DropoutSpec{float(rate.toDouble())};
    } else {
        return std::nullopt;
    }
    return layer;
}

QString LayerStackModel::checkUnits(double units)
{
    if (!std::isfinite(units) || units != std::floor(units) || units < 1.0 || units > kMaxUnits)
        return tr("A dense layer needs a whole number of units from 1 to %1, got %2.")
            .arg(kMaxUnits)
            .arg(formatNumber(units));
    return {};
}

QString LayerStackModel::checkL2(double l2)
{
    if (!std::isfinite(l2) || l2 < 0.0)
        return tr("The L2 factor must be a finite number of at least 0, got %1.").arg(formatNumber(l2));
    // The engine computes in single precision: refuse what it would turn into
    // something else (infinity, or 0) rather than change it behind the user's back.
    const float stored = float(l2);
    if (!std::isfinite(stored) || (l2 > 0.0 && stored == 0.0f))
        return tr("The L2 factor %1 is out of the range single precision can hold.").arg(formatNumber(l2));
    return {};
}

QString LayerStackModel::checkDropoutRate(double rate)
{
    if (!(rate >= 0.0 && rate < 1.0) || float(rate) >= 1.0f)
        return tr("The dropout rate must be at least 0 and below 1 (1 would drop every input), got %1.")
            .arg(formatNumber(rate));
    return {};
}

QString LayerStackModel::checkActivation(const QString& name)
{
    if (!parseActivation(name.toStdString()))
        return tr("Unknown activation “%1”; the activations are %2.")
            .arg(name, activationNames().join(QStringLiteral(", ")));
    return {};
}

QString LayerStackModel::checkLayer(const LayerSpec& layer)
{
    if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
        if (QString problem = checkUnits(dense->units); !problem.isEmpty())
            return problem;
        return checkL2(dense->l2);
    }
    return checkDropoutRate(std::get<DropoutSpec>(layer).rate);
}

QStringList LayerStackModel::activationNames()
{
    QStringList names;
    for (Activation activation : {Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::LeakyRelu,
                                  Activation::Elu, Activation::Linear})
        names.append(QString::fromLatin1(activationName(activation)));
    return names;
}

QString LayerStackModel::describe(const LayerSpec& layer)
{
    if (const auto* dense = std::get_if<DenseSpec>(&layer)) {
        QString text = tr("Dense %1, %2").arg(dense->units).arg(QString::fromLatin1(activationName(dense->activation)));
        if (dense->l2 != 0.0f)
            text += tr(", L2 %1").arg(formatNumber(double(dense->l2)));
        return text;
    }
    return tr("Dropout %1").arg(formatNumber(double(std::get<DropoutSpec>(layer).rate)));
}

bool LayerStackModel::refuse(const QString& reason)
{
    m_lastError = reason;
    return false;
}

QString LayerStackModel::dropProblem(const QMimeData* data, Qt::DropAction action, int row,
                                     const QModelIndex& parent) const
{
    if (!data)
        return tr("There is nothing to drop.");
    if (parent.isValid())
        return tr("Layers go between layers, not onto one.");
    if (row < -1 || row > rowCount())
        return tr("There is no such place in the stack.");
    if (data->hasFormat(rowsMimeType())) {
        if (action != Qt::MoveAction)
            return tr("Layers of the stack can only be moved.");
        const std::optional<RowsDrag> drag = decodeRows(data->data(rowsMimeType()));
        if (!drag)
            return tr("The dragged layers could not be read.");
        if (drag->processId != QCoreApplication::applicationPid() || drag->document != quint64(quintptr(m_document)))
            return tr("The dragged layers belong to another network.");
        for (int dragged : drag->rows) {
            if (dragged < 0 || dragged >= rowCount())
                return tr("The dragged layers are no longer in the stack.");
        }
        return {};
    }
    if (data->hasFormat(paletteMimeType())) {
        if (action != Qt::CopyAction)
            return tr("A layer from the palette can only be copied into the stack.");
        if (!paletteLayer(data))
            return tr("The dropped layer is not a valid layer.");
        return {};
    }
    return tr("Only layers can be dropped here.");
}

bool LayerStackModel::moveLayers(QList<int> rows, int destination)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // The rows above the destination move down, the others up. The first
    // moved row ends up at `target`, the others right after it. Moving those
    // above last-first and those below first-last, each layer is still at its
    // original index when its turn comes, and one MoveLayerCommand per layer
    // leaves the others where the previous ones put them.
    const auto firstBelow = std::lower_bound(rows.begin(), rows.end(), destination);
    const int above = int(firstBelow - rows.begin());
    const int target = destination - above;
    QList<std::pair<int, int>> moves; // (from, to)
    for (int k = above - 1; k >= 0; --k) {
        if (rows[k] != target + k)
            moves.append({rows[k], target + k});
    }
    for (int k = above; k < rows.size(); ++k) {
        if (rows[k] != target + k)
            moves.append({rows[k], target + k});
    }
    if (moves.isEmpty())
        return false; // already there: nothing to do, and no undo step

    QUndoStack* stack = m_document->undoStack();
    if (moves.size() > 1)
        stack->beginMacro(tr("Move %1 layers").arg(rows.size()));
    for (const auto& [from, to] : moves)
        stack->push(new MoveLayerCommand(m_document, from, to));
    if (moves.size() > 1)
        stack->endMacro();
    return true;
}

void LayerStackModel::onNetworkChanged()
{
    // A layer's output size and parameter count depend on the layers before
    // it and on the input size, so any change may change them on every row.
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {OutputSizeRole, ParameterCountRole});
}

} // namespace mlps::ui
