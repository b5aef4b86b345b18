#pragma once

#include "nn/LayerSpec.h"
#include "nn/TrainConfig.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace mlps::ui {

class NetworkDocument;

// A named starting point: a whole design, network and training, exactly as it
// will run. The data's shape (input size, classes, image size for the
// augmentation) and the run's seed and thread count are not part of a recipe:
// a preset takes them from the document it is made for.
struct Preset {
    QString id;          // stable, untranslated ("lab-network"), for settings and files
    QString name;        // translated, for menus
    QString description; // translated, one or two sentences
    NetworkSpec network;
    TrainConfig training;
};

// The built-in presets: the reference lab's configurations and the best
// recipe we know.
class Presets {
    Q_DECLARE_TR_FUNCTIONS(Presets)

public:
    static constexpr auto kLogisticRegression = "logistic-regression";
    static constexpr auto kLabNetwork = "lab-network";
    static constexpr auto kLabL2Dropout = "lab-network-l2-dropout";
    static constexpr auto kLabLrDecay = "lab-network-lr-decay";
    static constexpr auto kBestAccuracy = "best-accuracy";

    // Every preset, made for this document's data, seed and thread count.
    static QList<Preset> all(const NetworkDocument& document);
    // The preset with this id (an empty Preset, id empty, when there is none).
    static Preset find(const NetworkDocument& document, const QString& id);
    // Makes the document's design the preset's as one undo step. Returns false
    // (and records nothing) when the document already is that preset.
    static bool apply(NetworkDocument* document, const Preset& preset);
    // The id of the preset the document's design currently equals, or empty.
    static QString matching(const NetworkDocument& document);
};

} // namespace mlps::ui
