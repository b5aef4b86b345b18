#include "TrainingSetupPanel.h"

#include "LearningRatePreview.h"
#include "NetworkDocument.h"
#include "TrainingPlan.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <type_traits>

namespace mlps::ui {
namespace {

bool positive(double v)
{
    return std::isfinite(v) && v > 0.0;
}

bool nonNegative(double v)
{
    return std::isfinite(v) && v >= 0.0;
}

// A value in [0, 1) (momentum, betas, rho, the scale).
bool unitOpen(double v)
{
    return std::isfinite(v) && v >= 0.0 && v < 1.0;
}

// Where a setting lives in the design: one accessor both reads and writes it.
template <typename T>
using Ref = std::function<T&(TrainingDesign&)>;

template <typename T>
Ref<T> optimizerRef(T OptimizerSpec::*member)
{
    return [member](TrainingDesign& d) -> T& { return d.training.optimizer.*member; };
}

template <typename T>
Ref<T> scheduleRef(T ScheduleSpec::*member)
{
    return [member](TrainingDesign& d) -> T& { return d.training.schedule.*member; };
}

template <typename T>
Ref<T> augmentRef(T AugmentSpec::*member)
{
    return [member](TrainingDesign& d) -> T& { return d.training.augment.*member; };
}

template <typename T>
Ref<T> configRef(T TrainConfig::*member)
{
    return [member](TrainingDesign& d) -> T& { return d.training.*member; };
}

} // namespace

// One typed setting: its field, how to read it from and write it into a
// design (the field's kind follows from the setting's type), and why a value
// is refused (translated; empty when acceptable).
struct FieldBinding {
    NumberField* field = nullptr;
    NumberField::Kind kind = NumberField::Kind::Real;
    bool floatValue = false; // Real: a float, shown with a float's shortest digits
    QString name;            // translated, lower case, for the undo text and problem()
    std::function<QVariant(const TrainingDesign&)> get;
    std::function<void(TrainingDesign&, const QVariant&)> set;
    std::function<QString(const TrainingDesign&)> check;
};

namespace {

template <typename T>
FieldBinding setting(const QString& name, Ref<T> ref, std::function<QString(const TrainingDesign&)> check)
{
    FieldBinding b;
    b.name = name;
    b.check = std::move(check);
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        b.kind = NumberField::Kind::Real;
        b.floatValue = std::is_same_v<T, float>;
        b.get = [ref](const TrainingDesign& d) {
            TrainingDesign copy = d;
            return QVariant(double(ref(copy)));
        };
        b.set = [ref](TrainingDesign& d, const QVariant& v) { ref(d) = T(v.toDouble()); };
    } else if constexpr (std::is_same_v<T, int>) {
        b.kind = NumberField::Kind::Integer;
        b.get = [ref](const TrainingDesign& d) {
            TrainingDesign copy = d;
            return QVariant(ref(copy));
        };
        b.set = [ref](TrainingDesign& d, const QVariant& v) { ref(d) = v.toInt(); };
    } else {
        static_assert(std::is_same_v<T, std::uint64_t>, "a setting is a float, a double, an int or the seed");
        b.kind = NumberField::Kind::Seed;
        b.get = [ref](const TrainingDesign& d) {
            TrainingDesign copy = d;
            return QVariant(qulonglong(ref(copy)));
        };
        b.set = [ref](TrainingDesign& d, const QVariant& v) { ref(d) = v.toULongLong(); };
    }
    return b;
}

QGroupBox* group(const QString& title, SettingsForm*& form, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    form = new SettingsForm(box);
    return box;
}

// A combo box as narrow as a dock needs: a long item name is cut rather than widening the panel.
void narrow(QComboBox* combo)
{
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
}

const OptimizerKind kOptimizers[] = {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                     OptimizerKind::Adam, OptimizerKind::RmsProp};
const ScheduleKind kSchedules[] = {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                                   ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau};
const Init kInits[] = {Init::HeUniform, Init::HeNormal, Init::GlorotUniform, Init::GlorotNormal};

} // namespace

TrainingSetupPanel::TrainingSetupPanel(NetworkDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
{
    // Turning augmentation on starts from mild shifts, scales and rotations
    // (the best-accuracy preset's), with the usual elastic sigma ready.
    m_lastAugment.maxShift = 2.0f;
    m_lastAugment.maxScale = 0.1f;
    m_lastAugment.maxRotation = 10.0f;
    m_lastAugment.elasticSigma = 4.0f;

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);

    SettingsForm* form = nullptr;
    QGroupBox* optimizerBox = group(tr("Optimizer"), form, content);
    buildOptimizerGroup(form);
    column->addWidget(optimizerBox);

    QGroupBox* scheduleBox = group(tr("Learning-rate schedule"), form, content);
    buildScheduleGroup(form);
    column->addWidget(scheduleBox);

    QGroupBox* runBox = group(tr("Run"), form, content);
    buildRunGroup(form);
    column->addWidget(runBox);

    m_augmentGroup = group(tr("Augmentation"), form, content);
    buildAugmentGroup(form);
    column->addWidget(m_augmentGroup);

    QGroupBox* qualityBox = group(tr("Regularization and averaging"), form, content);
    buildQualityGroup(form);
    column->addWidget(qualityBox);
    column->addStretch(1);
    // One label column for all the groups, so that their fields line up.
    int labelWidth = 0;
    for (const SettingsForm* f : {m_optimizerForm, m_scheduleForm, m_runForm, m_augmentForm, m_qualityForm})
        labelWidth = std::max(labelWidth, f->labelWidth());
    for (SettingsForm* f : {m_optimizerForm, m_scheduleForm, m_runForm, m_augmentForm, m_qualityForm})
        f->setLabelWidth(labelWidth);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the first setting; the area follows the focus

    // The plan stays in view under the scrolling settings: what will run must be impossible to miss.
    auto* planBox = new QGroupBox(tr("What will run"), this);
    auto* planLayout = new QVBoxLayout(planBox);
    m_problemLabel = new QLabel(planBox);
    m_problemLabel->setObjectName(QStringLiteral("problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText); // it quotes what the user typed
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_problemLabel->setAccessibleName(tr("Problem with the training settings"));
    QPalette red = m_problemLabel->palette();
    red.setColor(QPalette::WindowText, NumberField::errorColor(red));
    m_problemLabel->setPalette(red);
    m_problemLabel->setVisible(false);
    m_planLabel = new QLabel(planBox);
    m_planLabel->setObjectName(QStringLiteral("plan"));
    m_planLabel->setWordWrap(true);
    m_planLabel->setTextFormat(Qt::PlainText);
    m_planLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_planLabel->setFocusPolicy(Qt::StrongFocus); // so that keyboard users can select and copy it
    m_planLabel->setAccessibleName(tr("Training plan"));
    planLayout->addWidget(m_problemLabel);
    planLayout->addWidget(m_planLabel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(planBox);

    connect(m_document, &NetworkDocument::trainingChanged, this, &TrainingSetupPanel::sync);
    connect(m_document, &NetworkDocument::networkChanged, this, &TrainingSetupPanel::sync);
    sync();
}

TrainingSetupPanel::~TrainingSetupPanel()
{
    // The fields are destroyed after this panel's members; a field losing the
    // focus on the way must not reach back into them (or into the document).
    for (FieldBinding& b : m_bindings) {
        b.field->setChecker({});
        disconnect(b.field, nullptr, this, nullptr);
    }
}

// --- building ---

NumberField* TrainingSetupPanel::addField(SettingsForm* form, const QString& label, const QString& objectName,
                                          FieldBinding binding, const QString& accessibleName)
{
    // For screen readers: the label without its mnemonic and colon, unless
    // the label abbreviates ("px", "°") and a spelled-out name is given.
    QString plain = accessibleName;
    if (plain.isEmpty()) {
        plain = label;
        plain.remove(QLatin1Char('&'));
        plain.remove(QLatin1Char(':'));
    }
    auto* field = new NumberField(binding.kind, plain, form->parentWidget());
    field->setFloatValue(binding.floatValue);
    field->lineEdit()->setObjectName(objectName);
    form->addRow(label, field);
    binding.field = field;
    const std::size_t index = m_bindings.size();
    m_bindings.push_back(std::move(binding));

    field->setChecker([this, index](const QVariant& value) { return refusal(m_bindings[index], value); });
    connect(field, &NumberField::accepted, this, [this, index](const QVariant& value, int session) {
        const FieldBinding& b = m_bindings[index];
        TrainingDesign d = design();
        b.set(d, value);
        push(b.name, session, d);
    });
    connect(field, &NumberField::errorChanged, this, &TrainingSetupPanel::updatePlan);
    connect(field, &NumberField::restore, this, [this, index](const QVariant& value, int session) {
        const FieldBinding& b = m_bindings[index];
        TrainingDesign d = design();
        b.set(d, value);
        push(b.name, session, d);
    });
    return field;
}

void TrainingSetupPanel::buildOptimizerGroup(SettingsForm* form)
{
    m_optimizerForm = form;
    m_optimizer = new QComboBox(form->parentWidget());
    m_optimizer->setObjectName(QStringLiteral("optimizer"));
    m_optimizer->setAccessibleName(tr("Optimizer"));
    for (OptimizerKind kind : kOptimizers)
        m_optimizer->addItem(optimizerDisplayName(kind), QString::fromLatin1(optimizerName(kind)));
    form->addRow(tr("&Optimizer:"), m_optimizer);
    watchCombo(m_optimizer);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainingSetupPanel::onOptimizerChosen);

    addField(form, tr("Learning &rate:"), QStringLiteral("learningRate"),
             setting(tr("learning rate"), optimizerRef(&OptimizerSpec::learningRate), [](const TrainingDesign& d) {
                 return positive(d.training.optimizer.learningRate)
                     ? QString()
                     : tr("The learning rate must be a number greater than 0.");
             }));
    m_momentum = addField(form, tr("&Momentum:"), QStringLiteral("momentum"),
                          setting(tr("momentum"), optimizerRef(&OptimizerSpec::momentum), [](const TrainingDesign& d) {
                              return unitOpen(d.training.optimizer.momentum)
                                  ? QString()
                                  : tr("The momentum must be at least 0 and less than 1.");
                          }));
    m_beta1 = addField(form, tr("Beta &1:"), QStringLiteral("beta1"),
                       setting(tr("beta 1"), optimizerRef(&OptimizerSpec::beta1), [](const TrainingDesign& d) {
                           return unitOpen(d.training.optimizer.beta1)
                               ? QString()
                               : tr("Beta 1 must be at least 0 and less than 1.");
                       }));
    m_beta2 = addField(form, tr("Beta &2:"), QStringLiteral("beta2"),
                       setting(tr("beta 2"), optimizerRef(&OptimizerSpec::beta2), [](const TrainingDesign& d) {
                           return unitOpen(d.training.optimizer.beta2)
                               ? QString()
                               : tr("Beta 2 must be at least 0 and less than 1.");
                       }));
    m_rho = addField(form, tr("R&ho:"), QStringLiteral("rho"),
                     setting(tr("rho"), optimizerRef(&OptimizerSpec::rho), [](const TrainingDesign& d) {
                         return unitOpen(d.training.optimizer.rho) ? QString()
                                                                   : tr("Rho must be at least 0 and less than 1.");
                     }));
    m_epsilon = addField(form, tr("E&psilon:"), QStringLiteral("epsilon"),
                         setting(tr("epsilon"), optimizerRef(&OptimizerSpec::epsilon), [](const TrainingDesign& d) {
                             return positive(d.training.optimizer.epsilon)
                                 ? QString()
                                 : tr("Epsilon must be a number greater than 0.");
                         }));
}

void TrainingSetupPanel::buildScheduleGroup(SettingsForm* form)
{
    m_scheduleForm = form;
    m_schedule = new QComboBox(form->parentWidget());
    m_schedule->setObjectName(QStringLiteral("schedule"));
    m_schedule->setAccessibleName(tr("Learning-rate schedule"));
    for (ScheduleKind kind : kSchedules) {
        m_schedule->addItem(scheduleDisplayName(kind), QString::fromLatin1(scheduleName(kind)));
        m_schedule->setItemData(m_schedule->count() - 1, scheduleFormula(kind), Qt::ToolTipRole);
    }
    form->addRow(tr("&Schedule:"), m_schedule);
    watchCombo(m_schedule);
    connect(m_schedule, &QComboBox::currentIndexChanged, this, &TrainingSetupPanel::onScheduleChosen);
    m_scheduleFormula = new QLabel(form->parentWidget());
    m_scheduleFormula->setObjectName(QStringLiteral("scheduleFormula"));
    m_scheduleFormula->setWordWrap(true);
    m_scheduleFormula->setAccessibleName(tr("Schedule formula"));
    m_scheduleFormula->setForegroundRole(QPalette::PlaceholderText); // secondary text
    form->addRow(m_scheduleFormula);

    m_decay = addField(form, tr("Deca&y per step:"), QStringLiteral("decay"),
                       setting(tr("decay"), scheduleRef(&ScheduleSpec::decay), [](const TrainingDesign& d) {
                           return nonNegative(d.training.schedule.decay)
                               ? QString()
                               : tr("The decay must be a number of at least 0.");
                       }));
    m_stepSize = addField(form, tr("Step si&ze (epochs):"), QStringLiteral("stepSize"),
                          setting(tr("step size"), scheduleRef(&ScheduleSpec::stepSize), [](const TrainingDesign& d) {
                              return d.training.schedule.stepSize >= 1 ? QString()
                                                                       : tr("The step size must be at least 1 epoch.");
                          }));
    m_gamma = addField(form, tr("&Gamma (factor):"), QStringLiteral("gamma"),
                       setting(tr("gamma"), scheduleRef(&ScheduleSpec::gamma), [](const TrainingDesign& d) {
                           const double v = d.training.schedule.gamma;
                           return positive(v) && v <= 1.0 ? QString()
                                                          : tr("Gamma must be greater than 0 and at most 1.");
                       }));
    m_warmup = addField(form, tr("&Warm-up (epochs):"), QStringLiteral("warmup"),
                        setting(tr("warm-up"), scheduleRef(&ScheduleSpec::warmupEpochs), [](const TrainingDesign& d) {
                            return nonNegative(d.training.schedule.warmupEpochs)
                                ? QString()
                                : tr("The warm-up must be a number of epochs of at least 0.");
                        }));
    m_minFraction = addField(form, tr("&Final fraction:"), QStringLiteral("minFraction"),
                             setting(tr("final fraction"), scheduleRef(&ScheduleSpec::minFraction),
                                  [](const TrainingDesign& d) {
                                      const double v = d.training.schedule.minFraction;
                                      return nonNegative(v) && v <= 1.0
                                          ? QString()
                                          : tr("The final fraction of the learning rate must be between 0 and 1.");
                                  }));
    m_plateauPatience = addField(form, tr("Patie&nce (epochs):"), QStringLiteral("plateauPatience"),
                                 setting(tr("plateau patience"), scheduleRef(&ScheduleSpec::patience),
                                      [](const TrainingDesign& d) {
                                          return d.training.schedule.patience >= 0
                                              ? QString()
                                              : tr("The patience must be at least 0 epochs.");
                                      }));
    m_minDelta = addField(form, tr("Min. impro&vement:"), QStringLiteral("minDelta"),
                          setting(tr("minimum improvement"), scheduleRef(&ScheduleSpec::minDelta),
                               [](const TrainingDesign& d) {
                                   return nonNegative(d.training.schedule.minDelta)
                                       ? QString()
                                       : tr("The minimum improvement of the validation loss must be a number of at "
                                            "least 0.");
                               }));

    m_preview = new LearningRatePreview(form->parentWidget());
    m_preview->setObjectName(QStringLiteral("preview"));
    form->addRow(m_preview);
}

void TrainingSetupPanel::buildRunGroup(SettingsForm* form)
{
    m_runForm = form;
    addField(form, tr("&Epochs:"), QStringLiteral("epochs"),
             setting(tr("epochs"), configRef(&TrainConfig::epochs), [](const TrainingDesign& d) {
                 return d.training.epochs >= 1 ? QString() : tr("Train for at least 1 epoch.");
             }));
    addField(form, tr("&Batch size:"), QStringLiteral("batchSize"),
             setting(tr("batch size"), configRef(&TrainConfig::batchSize), [](const TrainingDesign& d) {
                 return d.training.batchSize >= 1 ? QString() : tr("The batch size must be at least 1.");
             }));
    addField(form, tr("See&d:"), QStringLiteral("seed"),
             setting(tr("seed"), configRef(&TrainConfig::seed), [](const TrainingDesign&) { return QString(); }));
    addField(form, tr("&Threads:"), QStringLiteral("threads"),
             setting(tr("threads"), configRef(&TrainConfig::threads), [](const TrainingDesign& d) {
                 const int cores = std::max(1, QThread::idealThreadCount());
                 return d.training.threads >= 1 && d.training.threads <= cores
                     ? QString()
                     : tr("Use 1 to %1 threads (the cores of this computer).").arg(cores);
             }));

    m_init = new QComboBox(form->parentWidget());
    m_init->setObjectName(QStringLiteral("init"));
    m_init->setAccessibleName(tr("Weight initialisation"));
    for (Init init : kInits)
        m_init->addItem(initDisplayName(init), QString::fromLatin1(initName(init)));
    form->addRow(tr("&Initialisation:"), m_init);
    watchCombo(m_init);
    connect(m_init, &QComboBox::currentIndexChanged, this, &TrainingSetupPanel::onInitChosen);

    m_earlyStopping = new QCheckBox(tr("Stop e&arly"), form->parentWidget());
    m_earlyStopping->setObjectName(QStringLiteral("earlyStopping"));
    m_earlyStopping->setAccessibleName(tr("Early stopping"));
    form->addRow(m_earlyStopping);
    connect(m_earlyStopping, &QCheckBox::toggled, this, &TrainingSetupPanel::onEarlyStoppingToggled);
    m_patience = addField(form, tr("Patien&ce (epochs):"), QStringLiteral("patience"),
                          setting(tr("early-stopping patience"), configRef(&TrainConfig::earlyStoppingPatience),
                               [](const TrainingDesign& d) {
                                   return d.training.earlyStoppingPatience >= 1
                                       ? QString()
                                       : tr("The patience must be at least 1 epoch (untick Stop early to turn it "
                                            "off).");
                               }));
    m_earlyStoppingNote = new QLabel(tr("Stops when the validation loss has not improved for this many epochs, "
                                        "and goes back to the weights of the best epoch."),
                                     form->parentWidget());
    m_earlyStoppingNote->setWordWrap(true);
    form->addRow(m_earlyStoppingNote);
}

void TrainingSetupPanel::buildQualityGroup(SettingsForm* form)
{
    // What docs/experiments.md tried for small data (TrainConfig.h has the formulas).
    m_qualityForm = form;
    addField(form, tr("Font letters mi&xed in:"), QStringLiteral("syntheticShare"),
             setting(tr("share of font letters"), configRef(&TrainConfig::syntheticShare), [](const TrainingDesign& d) {
                 return d.training.syntheticShare >= 0.0f && d.training.syntheticShare <= 0.95f
                     ? QString()
                     : tr("The share of font letters in each epoch must be from 0 to 0.95.");
             }));
    addField(form, tr("Label smoot&hing:"), QStringLiteral("labelSmoothing"),
             setting(tr("label smoothing"), configRef(&TrainConfig::labelSmoothing), [](const TrainingDesign& d) {
                 return d.training.labelSmoothing >= 0.0f && d.training.labelSmoothing < 1.0f
                     ? QString()
                     : tr("Label smoothing must be at least 0 and below 1.");
             }));
    addField(form, tr("&Weight averaging:"), QStringLiteral("weightAverageDecay"),
             setting(tr("weight averaging decay"), configRef(&TrainConfig::weightAverageDecay),
                     [](const TrainingDesign& d) {
                         return d.training.weightAverageDecay >= 0.0f && d.training.weightAverageDecay < 1.0f
                             ? QString()
                             : tr("The averaging decay must be at least 0 and below 1 (0.999 is usual; 0 is off).");
                     }));
    addField(form, tr("Ensem&ble of:"), QStringLiteral("ensembleSize"),
             setting(tr("ensemble size"), configRef(&TrainConfig::ensembleSize), [](const TrainingDesign& d) {
                 return d.training.ensembleSize >= 1 && d.training.ensembleSize <= kMaxEnsembleSize
                     ? QString()
                     : tr("An ensemble has 1 to %1 networks.").arg(kMaxEnsembleSize);
             }));
    auto* note = new QLabel(tr("Font letters: a share of each epoch's samples drawn from the built-in letters "
                               "(A to J only). Weight averaging: an exponential average of the weights is "
                               "evaluated and kept. Ensemble: networks trained side by side, their "
                               "probabilities averaged. 0, 0, 0 and 1 turn them off."),
                            form->parentWidget());
    note->setWordWrap(true);
    form->addRow(note);
}

void TrainingSetupPanel::buildAugmentGroup(SettingsForm* form)
{
    m_augmentForm = form;
    m_augmentNote = new QLabel(tr("The samples are not images (they have no width and height), so they cannot be "
                                  "augmented."),
                               form->parentWidget());
    m_augmentNote->setWordWrap(true);
    form->addRow(m_augmentNote);
    m_augment = new QCheckBox(tr("A&ugment the training images"), form->parentWidget());
    m_augment->setObjectName(QStringLiteral("augment"));
    m_augment->setAccessibleName(tr("Augment the training images"));
    form->addRow(m_augment);
    connect(m_augment, &QCheckBox::toggled, this, &TrainingSetupPanel::onAugmentToggled);

    // While augmentation is on, no edit may make it a no-op: unticking the box is how to turn it off.
    auto whileOn = [](const TrainingDesign& d) {
        return d.training.augment.enabled()
            ? QString()
            : tr("With this, no image would change; untick Augment to turn augmentation off.");
    };
    // The value's own range first, then the augmentation as a whole.
    auto check = [whileOn](bool (*inRange)(const AugmentSpec&), const QString& reason) {
        return [=](const TrainingDesign& d) { return inRange(d.training.augment) ? whileOn(d) : reason; };
    };

    m_augmentFields << addField(form, tr("Shift (p&x):"), QStringLiteral("shift"),
                                setting(tr("shift"), augmentRef(&AugmentSpec::maxShift),
                                     check([](const AugmentSpec& a) { return nonNegative(a.maxShift); },
                                           tr("The shift must be a number of pixels of at least 0."))),
                                tr("Shift in pixels"));
    m_augmentFields << addField(form, tr("S&cale (± fraction):"), QStringLiteral("scale"),
                                setting(tr("scale"), augmentRef(&AugmentSpec::maxScale),
                                     check([](const AugmentSpec& a) { return unitOpen(a.maxScale); },
                                           tr("The scale must be a fraction, at least 0 and less than 1."))),
                                tr("Scale, plus or minus a fraction"));
    m_augmentFields << addField(form, tr("Rotatio&n (°):"), QStringLiteral("rotation"),
                                setting(tr("rotation"), augmentRef(&AugmentSpec::maxRotation),
                                     check([](const AugmentSpec& a) {
                                         return nonNegative(a.maxRotation) && a.maxRotation <= 180.0f;
                                     },
                                           tr("The rotation must be between 0 and 180 degrees."))),
                                tr("Rotation in degrees"));
    m_augmentFields << addField(form, tr("Elastic alp&ha (px):"), QStringLiteral("elasticAlpha"),
                                setting(tr("elastic alpha"), augmentRef(&AugmentSpec::elasticAlpha),
                                     [whileOn](const TrainingDesign& d) {
                                         const AugmentSpec& a = d.training.augment;
                                         if (!nonNegative(a.elasticAlpha))
                                             return tr("Elastic alpha must be a number of pixels of at least 0 (0 = "
                                                       "no elastic distortion).");
                                         if (a.elasticAlpha > 0.0f && a.elasticSigma == 0.0f)
                                             return tr("Set sigma first: elastic distortion needs a sigma greater "
                                                       "than 0.");
                                         return whileOn(d);
                                     }),
                                tr("Elastic alpha in pixels"));
    m_augmentFields << addField(form, tr("Elastic si&gma (px):"), QStringLiteral("elasticSigma"),
                                setting(tr("elastic sigma"), augmentRef(&AugmentSpec::elasticSigma),
                                     [whileOn](const TrainingDesign& d) {
                                         const AugmentSpec& a = d.training.augment;
                                         if (!nonNegative(a.elasticSigma))
                                             return tr("Sigma must be a number of pixels of at least 0.");
                                         if (a.elasticAlpha > 0.0f && a.elasticSigma == 0.0f)
                                             return tr("Elastic distortion needs a sigma greater than 0 (or set "
                                                       "alpha to 0).");
                                         return whileOn(d);
                                     }),
                                tr("Elastic sigma in pixels"));
    m_augmentFields << addField(form, tr("Probabilit&y:"), QStringLiteral("probability"),
                                setting(tr("augmentation probability"), augmentRef(&AugmentSpec::probability),
                                     check([](const AugmentSpec& a) {
                                         return nonNegative(a.probability) && a.probability <= 1.0f;
                                     },
                                           tr("The probability must be between 0 and 1."))));
}

// --- editing ---

TrainingDesign TrainingSetupPanel::design() const
{
    return SetTrainingCommand::current(*m_document);
}

QString TrainingSetupPanel::refusal(const FieldBinding& binding, const QVariant& value) const
{
    const TrainingDesign before = design();
    TrainingDesign after = before;
    binding.set(after, value);
    if (QString reason = binding.check(after); !reason.isEmpty())
        return reason;
    // Whatever the engine refuses besides (a problem the edit did not cause is not its fault).
    const std::string problem = after.training.validate();
    if (!problem.empty() && problem != before.training.validate())
        return QString::fromStdString(problem);
    return {};
}

void TrainingSetupPanel::push(const QString& field, int session, const TrainingDesign& newDesign)
{
    if (m_syncing || newDesign == design())
        return;
    m_document->undoStack()->push(new SetTrainingCommand(m_document, field, session, newDesign));
}

bool TrainingSetupPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::FocusIn && qobject_cast<QComboBox*>(watched)) {
        m_comboSession = NumberField::newSession();
        m_comboSessionOwner = watched;
    }
    return QWidget::eventFilter(watched, event);
}

void TrainingSetupPanel::watchCombo(QComboBox* combo)
{
    narrow(combo);
    combo->installEventFilter(this);
}

int TrainingSetupPanel::comboSession(QObject* combo) const
{
    const auto* widget = qobject_cast<const QWidget*>(combo);
    return combo == m_comboSessionOwner && widget && widget->hasFocus() ? m_comboSession : 0;
}

void TrainingSetupPanel::onOptimizerChosen(int index)
{
    if (m_syncing || index < 0)
        return;
    TrainingDesign d = design();
    d.training.optimizer.kind = kOptimizers[index];
    push(tr("optimizer"), comboSession(m_optimizer), d);
}

void TrainingSetupPanel::onScheduleChosen(int index)
{
    if (m_syncing || index < 0)
        return;
    TrainingDesign d = design();
    d.training.schedule.kind = kSchedules[index];
    push(tr("learning-rate schedule"), comboSession(m_schedule), d);
}

void TrainingSetupPanel::onInitChosen(int index)
{
    if (m_syncing || index < 0)
        return;
    TrainingDesign d = design();
    d.init = kInits[index];
    push(tr("initialisation"), comboSession(m_init), d);
}

void TrainingSetupPanel::onEarlyStoppingToggled(bool on)
{
    if (m_syncing)
        return;
    TrainingDesign d = design();
    if (!on && d.training.earlyStoppingPatience > 0)
        m_lastPatience = d.training.earlyStoppingPatience;
    d.training.earlyStoppingPatience = on ? m_lastPatience : 0;
    push(tr("early stopping"), 0, d);
}

void TrainingSetupPanel::onAugmentToggled(bool on)
{
    if (m_syncing)
        return;
    TrainingDesign d = design();
    AugmentSpec& a = d.training.augment;
    if (on) {
        const int width = a.width;
        const int height = a.height;
        a = m_lastAugment;
        a.width = width;
        a.height = height;
    } else {
        if (a.enabled())
            m_lastAugment = a;
        // Off is every magnitude at zero.
        a.maxShift = a.maxScale = a.maxRotation = a.elasticAlpha = 0.0f;
    }
    push(tr("augmentation"), 0, d);
}

// --- following the document ---

void TrainingSetupPanel::setTrainingSamples(qint64 samples)
{
    m_trainSamples = std::max<qint64>(0, samples);
    sync();
}

qint64 TrainingSetupPanel::trainingSamples() const
{
    return m_trainSamples;
}

void TrainingSetupPanel::sync()
{
    m_syncing = true;
    const TrainingDesign d = design();
    const TrainConfig& t = d.training;

    auto select = [](QComboBox* combo, const QString& id) {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(combo->findData(id));
    };
    select(m_optimizer, QString::fromLatin1(optimizerName(t.optimizer.kind)));
    select(m_schedule, QString::fromLatin1(scheduleName(t.schedule.kind)));
    select(m_init, QString::fromLatin1(initName(d.init)));
    {
        const QSignalBlocker blocker(m_earlyStopping);
        m_earlyStopping->setChecked(t.earlyStoppingPatience > 0);
    }
    {
        const QSignalBlocker blocker(m_augment);
        m_augment->setChecked(t.augment.enabled());
    }
    if (t.earlyStoppingPatience > 0)
        m_lastPatience = t.earlyStoppingPatience;
    if (t.augment.enabled())
        m_lastAugment = t.augment;

    // A field is rewritten only when the document's value is not the one it
    // already shows, so that typing (applied as it goes) is never disturbed.
    for (const FieldBinding& b : m_bindings) {
        const QVariant value = b.get(d);
        if (value != b.field->shownValue())
            b.field->setValue(value);
    }
    m_syncing = false;

    updateVisibility();
    updatePreview();
    updatePlan();
}

void TrainingSetupPanel::updateVisibility()
{
    const TrainConfig& t = m_document->training();
    const OptimizerKind o = t.optimizer.kind;
    m_optimizerForm->setRowVisible(m_momentum, o == OptimizerKind::Momentum || o == OptimizerKind::Nesterov);
    m_optimizerForm->setRowVisible(m_beta1, o == OptimizerKind::Adam);
    m_optimizerForm->setRowVisible(m_beta2, o == OptimizerKind::Adam);
    m_optimizerForm->setRowVisible(m_rho, o == OptimizerKind::RmsProp);
    m_optimizerForm->setRowVisible(m_epsilon, o == OptimizerKind::Adam || o == OptimizerKind::RmsProp);

    const ScheduleKind s = t.schedule.kind;
    m_scheduleFormula->setText(scheduleFormula(s));
    m_scheduleForm->setRowVisible(m_decay, s == ScheduleKind::InverseTime);
    m_scheduleForm->setRowVisible(m_stepSize, s == ScheduleKind::Step);
    m_scheduleForm->setRowVisible(m_gamma, s == ScheduleKind::Step || s == ScheduleKind::Exponential
                                               || s == ScheduleKind::Plateau);
    m_scheduleForm->setRowVisible(m_warmup, s == ScheduleKind::Cosine);
    m_scheduleForm->setRowVisible(m_minFraction, s == ScheduleKind::Cosine);
    m_scheduleForm->setRowVisible(m_plateauPatience, s == ScheduleKind::Plateau);
    m_scheduleForm->setRowVisible(m_minDelta, s == ScheduleKind::Plateau);

    const bool stopping = t.earlyStoppingPatience > 0;
    m_runForm->setRowVisible(m_patience, stopping);
    m_runForm->setRowVisible(m_earlyStoppingNote, stopping);

    const bool images = m_document->imageWidth() > 0 && m_document->imageHeight() > 0;
    m_augmentForm->setRowVisible(m_augmentNote, !images);
    // Without images augmentation cannot be turned on; if it is on (a project
    // made for images), it can still be turned off.
    m_augment->setEnabled(images || t.augment.enabled());
    for (NumberField* field : m_augmentFields) {
        m_augmentForm->setRowVisible(field, t.augment.enabled());
        field->setEnabled(images);
    }
}

void TrainingSetupPanel::updatePreview()
{
    const TrainConfig& t = m_document->training();
    const qint64 perEpoch = stepsPerEpoch(epochSamples(m_trainSamples, t), t.batchSize);
    const QList<QPointF> points = previewPoints();
    m_preview->setCurve(points, perEpoch, t.epochs);
    QString caption;
    if (m_trainSamples <= 0) {
        caption = tr("The curve appears once the size of the training set is known.");
    } else if (points.isEmpty()) {
        caption = tr("The curve appears once the settings can run.");
    } else {
        caption = tr("First step: %1 · last step: %2 (%3 steps per epoch).")
                      .arg(QString::number(points.first().y(), 'g', 3), QString::number(points.last().y(), 'g', 3))
                      .arg(perEpoch);
        if (t.schedule.kind == ScheduleKind::Plateau) {
            caption += QLatin1Char(' ')
                + tr("Drawn at the base rate: during the run it is multiplied by %1 each time the validation loss "
                     "has not improved for %2 epochs.")
                      .arg(QString::number(t.schedule.gamma, 'g', 6))
                      .arg(t.schedule.patience);
        }
    }
    m_preview->setCaption(caption);
}

void TrainingSetupPanel::updatePlan()
{
    const QString problemText = problem();
    m_problemLabel->setText(problemText);
    m_problemLabel->setVisible(!problemText.isEmpty());
    m_planLabel->setText(planText());

    const TrainingDesign d = design();
    if (d != m_lastDesign || m_trainSamples != m_lastSamples) {
        m_lastDesign = d;
        m_lastSamples = m_trainSamples;
        emit planChanged();
    }
}

// --- what will run ---

QString TrainingSetupPanel::problem() const
{
    QStringList problems;
    // A refused value waiting for correction: what runs is not what the field shows.
    for (const FieldBinding& b : m_bindings) {
        if (b.field->isVisibleTo(this) && b.field->isEnabled() && !b.field->error().isEmpty())
            problems << tr("The %1 field holds a refused value: %2").arg(b.name, b.field->error());
    }
    if (const std::string engine = m_document->training().validate(); !engine.empty())
        problems << tr("Cannot train: %1.").arg(QString::fromStdString(engine));
    return problems.join(QLatin1Char('\n'));
}

QString TrainingSetupPanel::planText() const
{
    return describeTraining(m_document->training(), m_document->network().init, m_trainSamples);
}

QList<QPointF> TrainingSetupPanel::previewPoints() const
{
    return plannedLearningRates(m_document->training(), m_trainSamples);
}

} // namespace mlps::ui
