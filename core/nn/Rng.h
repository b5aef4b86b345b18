#pragma once

#include <array>
#include <cstdint>

namespace mlps {

// Purposes of the random streams a run draws from; each is seeded apart from
// the others, so that, say, adding dropout does not change the initial weights.
enum class RngStream : std::uint64_t { Init = 1, Shuffle = 2, Dropout = 3, Split = 4, Augment = 5 };

// xoshiro256** (Blackman & Vigna, https://prng.di.unimi.it/), seeded through
// splitmix64. Its uniform and normal conversions are written here rather than
// taken from <random>, whose distributions differ between standard libraries.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0);
    Rng(std::uint64_t seed, RngStream stream) : Rng(seed, static_cast<std::uint64_t>(stream)) {}

    std::uint64_t next();
    // Uniform in [0, 1) with 24 random bits.
    float uniform();
    // Uniform in [lo, hi).
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    // Standard normal, Box-Muller (one value per call; the pair's second is kept).
    float normal();
    // Uniform integer in [0, n), 0 < n <= 2^32.
    std::uint64_t below(std::uint64_t n);

    // A new independent generator for sub-stream `id` of this one's seed.
    static Rng derive(std::uint64_t seed, std::uint64_t stream, std::uint64_t id);

    // The generator's position, for checkpoints: restore(state()) continues
    // the sequence exactly where it was.
    struct State {
        std::array<std::uint64_t, 4> words{};
        float spareNormal = 0.0f;
        bool hasSpare = false;
        bool operator==(const State&) const = default;
    };
    State state() const;
    // Throws std::invalid_argument for the all-zero state xoshiro cannot leave.
    void restore(const State& state);

private:
    std::uint64_t m_state[4];
    float m_spareNormal = 0.0f;
    bool m_hasSpare = false;
};

} // namespace mlps
