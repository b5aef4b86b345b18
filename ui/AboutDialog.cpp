#include "AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mlps::ui {

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About MLP Studio"));
    setAccessibleName(tr("About MLP Studio"));

    auto* icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAccessibleName(tr("MLP Studio icon"));
    icon->setAlignment(Qt::AlignTop);

    auto* title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(versionText().toHtmlEscaped()), this);
    title->setObjectName(QStringLiteral("aboutVersion"));
    title->setTextFormat(Qt::RichText);
    title->setAccessibleName(tr("Version"));

    auto* description = new QLabel(tr("Design, train and understand fully connected neural networks."), this);
    description->setObjectName(QStringLiteral("aboutDescription"));
    description->setWordWrap(true);
    description->setAccessibleName(tr("Description"));

    auto* licences = new QTextBrowser(this);
    licences->setObjectName(QStringLiteral("aboutLicences"));
    licences->setHtml(licencesHtml());
    licences->setOpenExternalLinks(true);
    licences->setAccessibleName(tr("Licences"));
    licences->setMinimumSize(480, 220);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setAccessibleName(tr("Dialog buttons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(description);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(heading, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(licences, 1);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText()
{
    return tr("MLP Studio %1").arg(QStringLiteral(MLPS_VERSION));
}

QString AboutDialog::licencesHtml()
{
    const QString item = QStringLiteral("<li><b>%1</b>: %2</li>");
    QString html = QStringLiteral("<p>%1</p><ul>").arg(tr("MLP Studio is free software under the MIT licence. It is built on:"));
    html += item.arg(tr("Qt %1").arg(QString::fromLatin1(qVersion())),
                     tr("GNU Lesser General Public License v3 (LGPLv3)"));
    html += item.arg(tr("Eigen"), tr("Mozilla Public License 2.0 (MPL2)"));
    html += item.arg(tr("QuaZip"), tr("GNU Lesser General Public License v2.1 with a static linking exception"));
    html += item.arg(tr("libarchive"), tr("BSD 2-clause licence"));
    html += item.arg(tr("zlib"), tr("zlib licence"));
    html += QStringLiteral("</ul><p>%1</p><ul><li>%2</li><li>%3</li></ul>")
                .arg(tr("The full licence texts, on Debian:"),
                     QStringLiteral("/usr/share/doc/mlp-studio/copyright"),
                     QStringLiteral("/usr/share/common-licenses"));
    return html;
}

} // namespace mlps::ui
