#include "nn/Rng.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <numbers>

namespace mlps {
namespace {

std::uint64_t splitmix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

} // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    // Mix once more so that nearby (seed, stream) pairs land far apart.
    x = splitmix64(x) ^ stream;
    for (auto& s : m_state)
        s = splitmix64(x);
}

Rng Rng::derive(std::uint64_t seed, std::uint64_t stream, std::uint64_t id)
{
    std::uint64_t x = id;
    return Rng(seed ^ splitmix64(x), stream);
}

std::uint64_t Rng::next()
{
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

float Rng::uniform()
{
    return static_cast<float>(next() >> 40) * 0x1.0p-24f;
}

float Rng::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    // Box-Muller on doubles; u1 in (0, 1] keeps the logarithm finite.
    const double u1 = (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = static_cast<double>(next() >> 11) * 0x1.0p-53;
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 2.0 * std::numbers::pi * u2;
    m_spareNormal = static_cast<float>(r * std::sin(theta));
    m_hasSpare = true;
    return static_cast<float>(r * std::cos(theta));
}

std::uint64_t Rng::below(std::uint64_t n)
{
    // Multiply-shift on the top 32 bits (Lemire); every count here is below 2^32.
    return ((next() >> 32) * n) >> 32;
}

Rng::State Rng::state() const
{
    State state;
    std::copy(std::begin(m_state), std::end(m_state), state.words.begin());
    state.spareNormal = m_spareNormal;
    state.hasSpare = m_hasSpare;
    return state;
}

void Rng::restore(const State& state)
{
    if (state.words == std::array<std::uint64_t, 4>{})
        throw std::invalid_argument("a random generator's state cannot be all zero");
    std::copy(state.words.begin(), state.words.end(), std::begin(m_state));
    m_spareNormal = state.spareNormal;
    m_hasSpare = state.hasSpare;
}

} // namespace mlps
