#include "NetworkDocument.h"

#include <QUndoStack>

namespace mlps::ui {

NetworkDocument::NetworkDocument(QObject* parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    // Until a dataset says otherwise: notMNIST's 28 x 28 letters A..J, which
    // are NetworkSpec's defaults.
    m_training = withDataShape(m_training);
}

const NetworkSpec& NetworkDocument::network() const
{
    return m_network;
}

const TrainConfig& NetworkDocument::training() const
{
    return m_training;
}

QUndoStack* NetworkDocument::undoStack() const
{
    return m_undoStack;
}

int NetworkDocument::layerCount() const
{
    return int(m_network.hidden.size());
}

const LayerSpec& NetworkDocument::layer(int row) const
{
    Q_ASSERT(row >= 0 && row < layerCount());
    return m_network.hidden[std::size_t(row)];
}

int NetworkDocument::imageWidth() const
{
    return m_imageWidth;
}

int NetworkDocument::imageHeight() const
{
    return m_imageHeight;
}

bool NetworkDocument::setDataShape(int inputSize, int classes, int imageWidth, int imageHeight)
{
    const bool notImages = imageWidth == 0 && imageHeight == 0;
    const bool images = imageWidth > 0 && imageHeight > 0 && qint64(imageWidth) * imageHeight == inputSize;
    if (inputSize < 1 || classes < 2 || !(notImages || images))
        return false;
    m_imageWidth = imageWidth;
    m_imageHeight = imageHeight;
    const TrainConfig training = withDataShape(m_training);
    const bool networkDiffers = inputSize != m_network.inputSize || classes != m_network.classes;
    const bool trainingDiffers = training != m_training;
    m_network.inputSize = inputSize;
    m_network.classes = classes;
    m_training = training;
    if (networkDiffers)
        emit networkChanged();
    if (trainingDiffers)
        emit trainingChanged();
    return true;
}

void NetworkDocument::reset(const NetworkSpec& network, const TrainConfig& training)
{
    setDesign(network, training);
    m_undoStack->clear();
}

void NetworkDocument::insertLayer(int row, const LayerSpec& layer)
{
    Q_ASSERT(row >= 0 && row <= layerCount());
    emit layerAboutToBeInserted(row);
    m_network.hidden.insert(m_network.hidden.begin() + row, layer);
    emit layerInserted(row);
    emit networkChanged();
}

LayerSpec NetworkDocument::removeLayer(int row)
{
    Q_ASSERT(row >= 0 && row < layerCount());
    emit layerAboutToBeRemoved(row);
    const auto position = m_network.hidden.begin() + row;
    LayerSpec removed = *position;
    m_network.hidden.erase(position);
    emit layerRemoved(row);
    emit networkChanged();
    return removed;
}

void NetworkDocument::moveLayer(int from, int to)
{
    Q_ASSERT(from >= 0 && from < layerCount() && to >= 0 && to < layerCount());
    if (from == to)
        return;
    emit layerAboutToBeMoved(from, to);
    LayerSpec moved = m_network.hidden[std::size_t(from)];
    m_network.hidden.erase(m_network.hidden.begin() + from);
    m_network.hidden.insert(m_network.hidden.begin() + to, std::move(moved));
    emit layerMoved(from, to);
    emit networkChanged();
}

void NetworkDocument::setLayer(int row, const LayerSpec& layer)
{
    Q_ASSERT(row >= 0 && row < layerCount());
    if (m_network.hidden[std::size_t(row)] == layer)
        return;
    m_network.hidden[std::size_t(row)] = layer;
    emit layerChanged(row);
    emit networkChanged();
}

void NetworkDocument::setOutputL2(float l2)
{
    if (m_network.outputL2 == l2)
        return;
    m_network.outputL2 = l2;
    emit networkChanged();
}

void NetworkDocument::setDesign(const NetworkSpec& network, const TrainConfig& training)
{
    NetworkSpec newNetwork = network;
    newNetwork.inputSize = m_network.inputSize;
    newNetwork.classes = m_network.classes;
    const TrainConfig newTraining = withDataShape(training);
    const bool layersDiffer = newNetwork.hidden != m_network.hidden;
    const bool networkDiffers = newNetwork != m_network;
    const bool trainingDiffers = newTraining != m_training;

    if (layersDiffer)
        emit layersAboutToBeReset();
    m_network = std::move(newNetwork);
    m_training = newTraining;
    if (layersDiffer)
        emit layersReset();
    if (networkDiffers)
        emit networkChanged();
    if (trainingDiffers)
        emit trainingChanged();
}

TrainConfig NetworkDocument::withDataShape(TrainConfig training) const
{
    training.augment.width = m_imageWidth;
    training.augment.height = m_imageHeight;
    return training;
}

} // namespace mlps::ui
