#pragma once

#include "nn/LayerSpec.h"

#include <QList>
#include <QString>

#include <tuple>

namespace mlps::ui {

struct RunRecord;

// What a run was asked to do, as text a user can read and compare: the
// settings of a run, and the ones that differ between two runs. Used by the
// run comparison (its "settings that differ" table) and by the run list's
// tooltips.

// Every setting of a run as (key, translated label, value text), in a fixed
// order: the network (its architecture in short, "784-128-256-10 relu", then
// one line per hidden layer, output L2, init), the optimizer and each of its
// parameters that the optimizer uses, the schedule and each of its parameters
// that the schedule uses, epochs, batch size, seed, threads, early stopping,
// augmentation, the data (name, images, classes, a separate test set) and the
// split (sizes, and a fingerprint of which samples went where). Keys are
// stable and untranslated ("optimizer.momentum", "network.layer.2").
QList<std::tuple<QString, QString, QString>> runSettings(const RunRecord& run);

// The settings whose values differ between `a` and `b`, as (translated label,
// value in a, value in b), in the order of runSettings(); a setting only one
// of them has (the third layer, Adam's beta1 against plain SGD) shows "—" for
// the other. Empty when the two runs were set up alike.
QList<std::tuple<QString, QString, QString>> settingDifferences(const RunRecord& a, const RunRecord& b);

// The network in short: layer sizes from input to output joined by "-", then
// the hidden activation(s) and any dropout, e.g. "784-128-256-10 relu",
// "784-512-10 relu, dropout 0.5", "784-10" (logistic regression).
QString architectureText(const NetworkSpec& network);

// A number for the settings: up to 6 significant digits, in the user's locale
// (no group separators, so that 0.001 and 1e-05 read as the user typed them).
QString settingNumber(double value);

} // namespace mlps::ui
