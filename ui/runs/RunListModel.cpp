#include "RunListModel.h"

#include "nn/Metrics.h"

#include <QApplication>
#include <QDate>
#include <QStyle>
#include <QFont>
#include <QLocale>

#include <cmath>

namespace mlps::ui {

RunListModel::RunListModel(RunStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    Q_ASSERT(store);
    connect(store, &RunStore::runAboutToBeAdded, this, [this](int row) { beginInsertRows({}, row, row); });
    connect(store, &RunStore::runAdded, this, [this](int) { endInsertRows(); });
    connect(store, &RunStore::runAboutToBeRemoved, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &RunStore::runRemoved, this, [this](int) { endRemoveRows(); });
    connect(store, &RunStore::aboutToBeCleared, this, [this] { beginResetModel(); });
    connect(store, &RunStore::cleared, this, [this] { endResetModel(); });
    connect(store, &RunStore::runReplaced, this, &RunListModel::runReplaced);
    connect(store, &RunStore::currentChanged, this, &RunListModel::currentRunChanged);
    if (store->current())
        m_currentId = store->current()->id;
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_store ? 0 : m_store->count();
}

int RunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

RunStore::RunPointer RunListModel::run(int row) const
{
    return m_store ? m_store->run(row) : nullptr;
}

int RunListModel::rowOf(int id) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_store->run(row)->id == id)
            return row;
    }
    return -1;
}

void RunListModel::currentRunChanged(const RunStore::RunPointer& run)
{
    // Only the bold font of the old and new current rows changes.
    const int oldRow = rowOf(m_currentId);
    m_currentId = run ? run->id : -1;
    const int newRow = rowOf(m_currentId);
    for (int row : {oldRow, newRow}) {
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::FontRole});
    }
}

void RunListModel::runReplaced(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString RunListModel::accuracyText(double accuracy)
{
    return QLocale().toString(accuracy * 100.0, 'f', 2) + QStringLiteral(" %");
}

QString RunListModel::durationText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0.0)
        return tr("—");
    if (seconds < 60.0)
        return tr("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10.0 ? 2 : 1));
    const qint64 whole = qint64(std::llround(seconds));
    if (whole < 3600)
        return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString RunListModel::statusText(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Finished: return tr("Finished");
    case TrainingStatus::Stopped: return tr("Stopped");
    case TrainingStatus::Diverged: return tr("Diverged");
    case TrainingStatus::Failed: return tr("Failed");
    }
    return {};
}

QString RunListModel::statusText(const RunRecord& run)
{
    if (!run.canContinue())
        return statusText(run.result.status);
    const QLocale locale;
    return tr("Stopped at step %1 of %2 – can be continued")
        .arg(locale.toString(qint64(run.result.checkpoint->step)), locale.toString(qint64(run.plannedSteps())));
}

QVariant RunListModel::display(const RunRecord& run, int column) const
{
    const TrainingResult& result = run.result;
    switch (column) {
    case Number: return run.id;
    case Name: return run.name;
    case Status: return statusText(run);
    case TestAccuracy: return run.test() ? accuracyText(run.test()->scores.accuracy) : tr("—");
    case WeightedF1: return run.test() ? QLocale().toString(run.test()->scores.f1Weighted, 'f', 4) : tr("—");
    case Epochs: {
        const int done = int(result.history.size());
        const int planned = run.job.config.epochs;
        return done < planned ? tr("%1 / %2").arg(done).arg(planned) : QString::number(done);
    }
    case Time: return durationText(result.trainSeconds);
    case SamplesPerSecond:
        return result.samplesPerSecond > 0.0 ? QLocale().toString(qint64(std::llround(result.samplesPerSecond)))
                                             : tr("—");
    case Started:
        if (!run.startedAt.isValid())
            return tr("—");
        // Today's runs by their time only; older ones with the date.
        if (run.startedAt.date() == QDate::currentDate())
            return QLocale().toString(run.startedAt.time(), QLocale::ShortFormat);
        return QLocale().toString(run.startedAt, QLocale::ShortFormat);
    }
    return {};
}

QVariant RunListModel::sortValue(const RunRecord& run, int column) const
{
    const TrainingResult& result = run.result;
    switch (column) {
    case Number: return run.id;
    case Name: return run.name;
    case Status: return int(result.status);
    case TestAccuracy: return run.test() ? run.test()->scores.accuracy : -1.0;
    case WeightedF1: return run.test() ? run.test()->scores.f1Weighted : -1.0;
    case Epochs: return int(result.history.size());
    case Time: return result.trainSeconds;
    case SamplesPerSecond: return result.samplesPerSecond;
    case Started: return run.startedAt;
    }
    return {};
}

QString RunListModel::toolTip(const RunRecord& run) const
{
    QString text = tr("Run %1 · %2").arg(QString::number(run.id), run.name);
    text += QLatin1Char('\n') + tr("Status: %1").arg(statusText(run));
    if (!run.dataName.isEmpty())
        text += QLatin1Char('\n') + tr("Data: %1").arg(run.dataName);
    if (!run.planText.isEmpty())
        text += QLatin1Char('\n') + run.planText;
    if (!run.result.message.isEmpty())
        text += QLatin1Char('\n') + run.result.message;
    if (run.canContinue())
        text += QLatin1Char('\n') + tr("Run > Continue Run trains it on from where it stopped.");
    return text;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunStore::RunPointer run = this->run(index.row());
    if (!run)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*run, index.column());
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1: %2").arg(headerData(index.column(), Qt::Horizontal).toString(),
                                            display(*run, index.column()).toString());
    case Qt::ToolTipRole:
        return toolTip(*run);
    case Qt::DecorationRole:
        // Runs that did not end normally carry a mark by their name, so the
        // status column can stay hidden in a narrow dock.
        if (index.column() == Name && run->result.status != TrainingStatus::Finished) {
            // A run that can be continued is as good as paused.
            const auto icon = run->canContinue()                               ? QStyle::SP_MediaPause
                              : run->result.status == TrainingStatus::Stopped ? QStyle::SP_MediaStop
                                                                               : QStyle::SP_MessageBoxWarning;
            return QApplication::style()->standardIcon(icon);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Name || index.column() == Status)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (run->id == m_currentId) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case SortRole:
        return sortValue(*run, index.column());
    case RunIdRole:
        return run->id;
    default:
        return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Number: return tr("#");
        case Name: return tr("Name");
        case Status: return tr("Status");
        case TestAccuracy: return tr("Acc.");
        case WeightedF1: return tr("F1");
        case Epochs: return tr("Epochs");
        case Time: return tr("Time");
        case SamplesPerSecond: return tr("Samples/s");
        case Started: return tr("Started");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Number: return tr("The run's number in this session");
        case Name: return tr("The run's name");
        case Status: return tr("How the run ended");
        case TestAccuracy: return tr("Test accuracy: accuracy on the test set with the final weights");
        case WeightedF1: return tr("Weighted F1: the F1 score on the test set, averaged over the classes weighted by their support");
        case Epochs: return tr("Epochs trained (of the planned ones when fewer)");
        case Time: return tr("Training time, validation included, pauses excluded");
        case SamplesPerSecond: return tr("Training throughput");
        case Started: return tr("When the run started");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace mlps::ui
