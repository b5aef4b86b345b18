#pragma once

#include "NumberField.h"
#include "SetTrainingCommand.h"
#include "SettingsForm.h"

#include <QList>
#include <QPointF>
#include <QVariant>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;

namespace mlps::ui {

class LearningRatePreview;
struct FieldBinding; // one typed setting: how to read, write and check it (TrainingSetupPanel.cpp)
class NetworkDocument;

// The training setup panel: edits the training half of the design (the
// document's TrainConfig and the network's initialisation) through undo
// commands, shows only the settings of the chosen optimizer and schedule, a
// live preview of the learning rate over the planned run, and the plan in
// words (describeTraining) with any problem above it in red. It follows the
// document (presets, undo/redo, data shape) without pushing commands back.
class TrainingSetupPanel : public QWidget {
    Q_OBJECT

public:
    explicit TrainingSetupPanel(NetworkDocument* document, QWidget* parent = nullptr);
    ~TrainingSetupPanel() override;

    // The number of training samples the next run will use (from the dataset
    // panel's split); 0 = unknown. Used for the steps per epoch in the preview
    // and the plan text.
    void setTrainingSamples(qint64 samples);
    qint64 trainingSamples() const;
    // Why the current settings cannot run; empty when they can
    // (TrainConfig::validate, and fields holding a refused value).
    QString problem() const;
    // The plan in words: describeTraining() of the document's design.
    QString planText() const;
    // The preview's points (x = step, y = learning rate).
    QList<QPointF> previewPoints() const;

signals:
    void planChanged(); // any setting that changes what will run

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildOptimizerGroup(SettingsForm* form);
    void buildScheduleGroup(SettingsForm* form);
    void buildRunGroup(SettingsForm* form);
    void buildAugmentGroup(SettingsForm* form);
    void buildQualityGroup(SettingsForm* form);
    // Adds a typed setting; `accessibleName` spells out an abbreviating label.
    NumberField* addField(SettingsForm* form, const QString& label, const QString& objectName, FieldBinding binding,
                          const QString& accessibleName = {});
    QString refusal(const FieldBinding& binding, const QVariant& value) const;
    void push(const QString& field, int session, const TrainingDesign& design);
    TrainingDesign design() const;

    // Narrows a combo box for the dock and starts an editing session when it gets the focus.
    void watchCombo(QComboBox* combo);
    int comboSession(QObject* combo) const;
    void onOptimizerChosen(int index);
    void onScheduleChosen(int index);
    void onInitChosen(int index);
    void onEarlyStoppingToggled(bool on);
    void onAugmentToggled(bool on);

    // Brings every widget in line with the document (no commands pushed).
    void sync();
    void updateVisibility();
    void updatePreview();
    void updatePlan();

    NetworkDocument* m_document;
    qint64 m_trainSamples = 0;
    std::vector<FieldBinding> m_bindings;

    QComboBox* m_optimizer = nullptr;
    QComboBox* m_schedule = nullptr;
    QComboBox* m_init = nullptr;
    QCheckBox* m_earlyStopping = nullptr;
    QCheckBox* m_augment = nullptr;
    SettingsForm* m_optimizerForm = nullptr;
    SettingsForm* m_scheduleForm = nullptr;
    SettingsForm* m_runForm = nullptr;
    SettingsForm* m_augmentForm = nullptr;
    SettingsForm* m_qualityForm = nullptr;
    QGroupBox* m_augmentGroup = nullptr;
    QLabel* m_scheduleFormula = nullptr;
    QLabel* m_augmentNote = nullptr;
    QLabel* m_earlyStoppingNote = nullptr;
    LearningRatePreview* m_preview = nullptr;
    QLabel* m_problemLabel = nullptr;
    QLabel* m_planLabel = nullptr;

    // Field name -> its NumberField (for visibility), see addField().
    NumberField* m_momentum = nullptr;
    NumberField* m_beta1 = nullptr;
    NumberField* m_beta2 = nullptr;
    NumberField* m_rho = nullptr;
    NumberField* m_epsilon = nullptr;
    NumberField* m_decay = nullptr;
    NumberField* m_stepSize = nullptr;
    NumberField* m_gamma = nullptr;
    NumberField* m_warmup = nullptr;
    NumberField* m_minFraction = nullptr;
    NumberField* m_plateauPatience = nullptr;
    NumberField* m_minDelta = nullptr;
    NumberField* m_patience = nullptr;
    QList<NumberField*> m_augmentFields;

    // What turning a switch back on restores: the last patience and augmentation used.
    int m_lastPatience = 5;
    AugmentSpec m_lastAugment;
    // What the plan described last, to emit planChanged() only on a change.
    TrainingDesign m_lastDesign;
    qint64 m_lastSamples = -1;
    bool m_syncing = false;
    // Choices made in a combo box while it keeps the focus merge into one undo step.
    int m_comboSession = 0;
    QObject* m_comboSessionOwner = nullptr;
};

} // namespace mlps::ui
