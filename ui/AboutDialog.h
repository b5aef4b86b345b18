#pragma once

#include <QDialog>

namespace mlps::ui {

// Help > About MLP Studio: the version, what the studio is for, and the
// licences of MLP Studio and of the libraries it is built on.
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // "MLP Studio 0.1.0": the version is the one of CMake's project(VERSION).
    static QString versionText();
    // The licences as HTML (also what the dialog shows).
    static QString licencesHtml();
};

} // namespace mlps::ui
