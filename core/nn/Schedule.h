#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlps {

enum class ScheduleKind { Constant, InverseTime, Step, Exponential, Cosine, Plateau };

const char* scheduleName(ScheduleKind kind);
std::optional<ScheduleKind> parseSchedule(std::string_view name);

// A learning-rate schedule. Steps are mini-batches, counted from 0.
struct ScheduleSpec {
    ScheduleKind kind = ScheduleKind::Constant;
    // InverseTime: legacy Keras SGD(decay=...): lr / (1 + decay * iterations).
    double decay = 0.0;
    // Step: multiply by gamma every stepSize epochs (torch.optim.lr_scheduler.StepLR).
    int stepSize = 10;
    // Step, Exponential (lr * gamma^epoch, ExponentialLR), Plateau (the factor).
    double gamma = 0.1;
    // Cosine: linear warm-up over this many epochs, then a half cosine that
    // would reach minFraction * lr at step totalSteps, one past the last (as in
    // llm.c and SGDR without restarts).
    double warmupEpochs = 0.0;
    double minFraction = 0.0;
    // Plateau (Keras ReduceLROnPlateau on the validation loss): multiply by gamma
    // after `patience` epochs without an improvement larger than minDelta.
    int patience = 5;
    double minDelta = 1e-4;
    bool operator==(const ScheduleSpec&) const = default;

    std::string validate() const;
};

// Where in the run a step lies; plateauReductions is the number of times the
// plateau rule has fired so far (0 for the other schedules).
struct SchedulePosition {
    std::int64_t step = 0;
    std::int64_t stepsPerEpoch = 1;
    std::int64_t totalSteps = 1;
    int plateauReductions = 0;
};

// The learning rate of a step: a pure function of the spec and the position.
double learningRateAt(const ScheduleSpec& spec, double baseRate, const SchedulePosition& position);

// The stateful half of reduce-on-plateau: fed the validation loss at each
// epoch end, counts how often the rate has been reduced.
class PlateauTracker {
public:
    explicit PlateauTracker(const ScheduleSpec& spec) : m_patience(spec.patience), m_minDelta(spec.minDelta) {}
    // Returns true when this epoch's loss triggers a reduction.
    bool observe(double validationLoss);
    int reductions() const { return m_reductions; }

    // What it has seen so far, for checkpoints.
    struct State {
        double best = 0.0;
        bool hasBest = false;
        int badEpochs = 0;
        int reductions = 0;
        bool operator==(const State&) const = default;
    };
    State state() const { return {m_best, m_hasBest, m_badEpochs, m_reductions}; }
    void restore(const State& state);

private:
    int m_patience;
    double m_minDelta;
    double m_best = 0.0;
    bool m_hasBest = false;
    int m_badEpochs = 0;
    int m_reductions = 0;
};

} // namespace mlps
