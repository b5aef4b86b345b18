#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QObject>

class QUndoStack;

namespace mlps::ui {

// The design being edited in the network designer: the network (hidden layers,
// output L2, initialisation) and how to train it, with their undo history.
//
// The data's shape (input size, class count, image size) comes from the
// dataset and is not part of the design: setDataShape() is not undoable, and
// the design edits below never change it (a TrainConfig's augmentation image
// size always follows the data too).
//
// Every user edit is a QUndoCommand (LayerCommands.h) pushed on undoStack().
// The commands call the primitive edits below, which change the design without
// recording anything and announce the change: first the fine-grained
// layer...() signals, in the about-to/done pairs a QAbstractItemModel needs
// (LayerStackModel turns them into begin/endInsertRows and so on), then
// networkChanged() or trainingChanged() once the design is consistent again.
class NetworkDocument : public QObject {
    Q_OBJECT

public:
    explicit NetworkDocument(QObject* parent = nullptr);

    const NetworkSpec& network() const;
    const TrainConfig& training() const;
    QUndoStack* undoStack() const;

    int layerCount() const;
    const LayerSpec& layer(int row) const;
    int imageWidth() const;
    int imageHeight() const;

    // From the dataset: the input size, the class count and, when the samples
    // are images, their size (0 x 0 otherwise; else width * height must be the
    // input size). Refuses an impossible shape and returns false.
    bool setDataShape(int inputSize, int classes, int imageWidth, int imageHeight);

    // Starts over with this design (File > New, opening a project): not
    // undoable, and it clears the undo history. The data's shape is kept.
    void reset(const NetworkSpec& network, const TrainConfig& training);

    // Primitive edits, for the undo commands only. Rows must be valid:
    // 0 <= row <= layerCount() for an insertion, < layerCount() otherwise.
    void insertLayer(int row, const LayerSpec& layer);
    LayerSpec removeLayer(int row);
    // Moves the layer at `from` so that it ends up at index `to`, as QList::move.
    void moveLayer(int from, int to);
    void setLayer(int row, const LayerSpec& layer);
    void setOutputL2(float l2);
    // Replaces the whole design; the data's shape is kept.
    void setDesign(const NetworkSpec& network, const TrainConfig& training);

signals:
    void networkChanged();
    void trainingChanged();

    void layerAboutToBeInserted(int row);
    void layerInserted(int row);
    void layerAboutToBeRemoved(int row);
    void layerRemoved(int row);
    void layerAboutToBeMoved(int from, int to);
    void layerMoved(int from, int to);
    void layerChanged(int row);
    void layersAboutToBeReset();
    void layersReset();

private:
    TrainConfig withDataShape(TrainConfig training) const;

    NetworkSpec m_network;
    TrainConfig m_training;
    int m_imageWidth = 28;
    int m_imageHeight = 28;
    QUndoStack* m_undoStack;
};

} // namespace mlps::ui
