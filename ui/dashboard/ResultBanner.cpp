#include "ResultBanner.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace mlps::ui {
namespace {

QLabel* selectableLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

ResultBanner::ResultBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("resultBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Run result"));

    m_title = selectableLabel(this, QStringLiteral("resultTitle"));
    m_title->setAccessibleName(tr("Run outcome"));
    m_details = selectableLabel(this, QStringLiteral("resultDetails"));
    m_details->setWordWrap(true);
    m_details->setAccessibleName(tr("Run details"));

    m_figures = new QWidget(this);
    m_accuracy = selectableLabel(m_figures, QStringLiteral("testAccuracy"));
    m_accuracy->setAccessibleName(tr("Test accuracy"));
    m_f1 = selectableLabel(m_figures, QStringLiteral("weightedF1"));
    m_f1->setAccessibleName(tr("Weighted F1 on the test set"));
    m_accuracyCaption = new QLabel(tr("test accuracy"), m_figures);
    m_f1Caption = new QLabel(tr("weighted F1"), m_figures);
    auto* figures = new QGridLayout(m_figures);
    figures->setContentsMargins(0, 0, 0, 0);
    figures->setHorizontalSpacing(fontMetrics().averageCharWidth() * 4);
    figures->setVerticalSpacing(0);
    figures->addWidget(m_accuracy, 0, 0, Qt::AlignHCenter | Qt::AlignBottom);
    figures->addWidget(m_f1, 0, 1, Qt::AlignHCenter | Qt::AlignBottom);
    figures->addWidget(m_accuracyCaption, 1, 0, Qt::AlignHCenter | Qt::AlignTop);
    figures->addWidget(m_f1Caption, 1, 1, Qt::AlignHCenter | Qt::AlignTop);

    auto* text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_details);
    text->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(text, 1);
    layout->addWidget(m_figures);

    applyStyle();
}

void ResultBanner::showOutcome(const Outcome& outcome)
{
    m_tone = outcome.tone;
    m_title->setText(outcome.title);
    m_details->setText(outcome.details);
    m_details->setVisible(!outcome.details.isEmpty());
    m_accuracy->setText(outcome.accuracy);
    m_f1->setText(outcome.f1);
    m_figures->setVisible(!outcome.accuracy.isEmpty());
    applyStyle();
}

void ResultBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyStyle();
}

void ResultBanner::applyStyle()
{
    QFont title = font();
    title.setBold(true);
    title.setPointSizeF(font().pointSizeF() * 1.15);
    m_title->setFont(title);
    QFont figure = font();
    figure.setBold(true);
    figure.setPointSizeF(font().pointSizeF() * 2.0);
    m_accuracy->setFont(figure);
    m_f1->setFont(figure);

    // Tinted like a message bar: green for a result, red for an error, the
    // window's own colours otherwise.
    QString style;
    switch (m_tone) {
    case Tone::Success:
        style = QStringLiteral("QFrame#resultBanner { background: #edf7ed; border: 1px solid #7cb87e; border-radius: 3px; }"
                               "QLabel#resultTitle { color: #1e5e20; }");
        break;
    case Tone::Error:
        style = QStringLiteral("QFrame#resultBanner { background: #fdecea; border: 2px solid #c62828; border-radius: 3px; }"
                               "QLabel#resultTitle { color: #b71c1c; }");
        break;
    case Tone::Neutral:
        style = QStringLiteral("QFrame#resultBanner { border: 1px solid palette(mid); border-radius: 3px; }");
        break;
    }
    setStyleSheet(style);
}

QString ResultBanner::title() const
{
    return m_title->text();
}

QString ResultBanner::details() const
{
    return m_details->text();
}

QString ResultBanner::accuracy() const
{
    return m_accuracy->text();
}

QString ResultBanner::f1() const
{
    return m_f1->text();
}

} // namespace mlps::ui
