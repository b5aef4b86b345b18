#include "DesignerTestSupport.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QMimeData>

QT_BEGIN_NAMESPACE
void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace mlps::ui::designertest {

std::vector<double> mainNumbers(const NetworkDocument& document)
{
    std::vector<double> numbers;
    for (const LayerSpec& layer : document.network().hidden) {
        if (const auto* dense = std::get_if<DenseSpec>(&layer))
            numbers.push_back(dense->units);
        else
            numbers.push_back(double(std::get<DropoutSpec>(layer).rate));
    }
    return numbers;
}

bool dragAndDrop(QAbstractItemView* view, const QMimeData* data, QPoint position, Qt::DropActions actions)
{
    QWidget* viewport = view->viewport();
    QDragEnterEvent enter(position, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(position, actions, data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(position), actions, data, Qt::LeftButton, Qt::NoModifier);
    drop.setDropAction(move.dropAction());
    QApplication::sendEvent(viewport, &drop);
    return drop.isAccepted();
}

} // namespace mlps::ui::designertest
