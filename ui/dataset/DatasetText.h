#pragma once

#include "data/Dataset.h"
#include "data/DuplicateFinder.h"

#include <QCoreApplication>
#include <QString>

#include <string>

namespace mlps::ui {

// The dataset panel's wording: formats, loading stages, durations, class
// lists, counts with their nouns, and the duplicate findings of a split in
// plain words. Kept apart from the widgets so the panel only lays things out.
class DatasetText {
    Q_DECLARE_TR_FUNCTIONS(DatasetText)

public:
    // How a Dataset::format reads for a user ("tar.gz archive", "CSV file").
    static QString formatName(const std::string& format);
    // A LoadProgress stage ("decoding" -> "Decoding images").
    static QString stageName(const QString& stage);
    // "850 ms", "2.3 s".
    static QString duration(double seconds);
    // "A, B, C, D, E, F, G, H, I, J", or "0, 1, 2, 3, …, 98, 99" for many classes.
    static QString classList(const Dataset& data);
    // The count with its noun, in English without a translation installed:
    // `one` for 1, `many` otherwise; %1 is the count (with group separators).
    static QString counted(qint64 count, const QString& one, const QString& many);
    // One line ("• ...") per finding: duplicates inside each part with the
    // largest group, images of a later part also in an earlier one; or a line
    // saying there is nothing.
    static QString findings(const SplitDuplicates& found, const Dataset& data);
};

} // namespace mlps::ui
