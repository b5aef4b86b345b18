#include "nn/Schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <numbers>

namespace mlps {

const char* scheduleName(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Constant: return "constant";
    case ScheduleKind::InverseTime: return "inverse-time";
    case ScheduleKind::Step: return "step";
    case ScheduleKind::Exponential: return "exponential";
    case ScheduleKind::Cosine: return "cosine";
    case ScheduleKind::Plateau: return "plateau";
    }
    return "?";
}

std::optional<ScheduleKind> parseSchedule(std::string_view name)
{
    for (auto kind : {ScheduleKind::Constant, ScheduleKind::InverseTime, ScheduleKind::Step,
                      ScheduleKind::Exponential, ScheduleKind::Cosine, ScheduleKind::Plateau}) {
        if (name == scheduleName(kind))
            return kind;
    }
    return std::nullopt;
}

std::string ScheduleSpec::validate() const
{
    auto finite = [](double v) { return std::isfinite(v); };
    switch (kind) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::InverseTime:
        if (!finite(decay) || decay < 0.0)
            return "decay must be a number >= 0, got " + std::to_string(decay);
        break;
    case ScheduleKind::Step:
        if (stepSize < 1)
            return "step size must be at least 1 epoch, got " + std::to_string(stepSize);
        [[fallthrough]];
    case ScheduleKind::Exponential:
    case ScheduleKind::Plateau:
        if (!finite(gamma) || gamma <= 0.0 || gamma > 1.0)
            return "gamma must be in (0, 1], got " + std::to_string(gamma);
        if (kind == ScheduleKind::Plateau && patience < 0)
            return "patience must be >= 0 epochs, got " + std::to_string(patience);
        break;
    case ScheduleKind::Cosine:
        if (!finite(warmupEpochs) || warmupEpochs < 0.0)
            return "warm-up must be >= 0 epochs, got " + std::to_string(warmupEpochs);
        if (!finite(minFraction) || minFraction < 0.0 || minFraction > 1.0)
            return "the final fraction of the learning rate must be in [0, 1]";
        break;
    }
    return {};
}

double learningRateAt(const ScheduleSpec& spec, double baseRate, const SchedulePosition& at)
{
    const double epoch = double(at.step / std::max<std::int64_t>(1, at.stepsPerEpoch));
    switch (spec.kind) {
    case ScheduleKind::Constant:
        return baseRate;
    case ScheduleKind::InverseTime:
        // Keras 2 SGD: lr * (1 / (1 + decay * iterations)), iterations = batches done before this one.
        return baseRate / (1.0 + spec.decay * double(at.step));
    case ScheduleKind::Step:
        return baseRate * std::pow(spec.gamma, std::floor(epoch / spec.stepSize));
    case ScheduleKind::Exponential:
        return baseRate * std::pow(spec.gamma, epoch);
    case ScheduleKind::Cosine: {
        const double warmup = std::round(spec.warmupEpochs * double(at.stepsPerEpoch));
        if (at.step < warmup)
            return baseRate * double(at.step + 1) / warmup;
        const double span = std::max(1.0, double(at.totalSteps) - warmup);
        const double progress = std::clamp((double(at.step) - warmup) / span, 0.0, 1.0);
        const double floorRate = spec.minFraction * baseRate;
        return floorRate + 0.5 * (baseRate - floorRate) * (1.0 + std::cos(std::numbers::pi * progress));
    }
    case ScheduleKind::Plateau:
        return baseRate * std::pow(spec.gamma, at.plateauReductions);
    }
    return baseRate;
}

bool PlateauTracker::observe(double validationLoss)
{
    if (!m_hasBest || validationLoss < m_best - m_minDelta) {
        m_best = validationLoss;
        m_hasBest = true;
        m_badEpochs = 0;
        return false;
    }
    if (++m_badEpochs >= m_patience) {
        ++m_reductions;
        m_badEpochs = 0;
        return true;
    }
    return false;
}

void PlateauTracker::restore(const State& state)
{
    if (state.badEpochs < 0 || state.reductions < 0)
        throw std::invalid_argument("the plateau schedule's counts cannot be negative");
    m_best = state.best;
    m_hasBest = state.hasBest;
    m_badEpochs = state.badEpochs;
    m_reductions = state.reductions;
}

} // namespace mlps
