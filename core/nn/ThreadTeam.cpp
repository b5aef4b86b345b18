#include "nn/ThreadTeam.h"

#include <chrono>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace mlps {
namespace {

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace

ThreadTeam::ThreadTeam(int size)
    : m_size(size < 1 ? 1 : size)
{
    m_workers.reserve(std::size_t(m_size - 1));
    for (int part = 1; part < m_size; ++part)
        m_workers.emplace_back([this, part] { work(part); });
}

ThreadTeam::~ThreadTeam()
{
    m_stopping = true;
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    for (std::thread& worker : m_workers)
        worker.join();
}

void ThreadTeam::waitWhileEqual(const std::atomic<std::uint32_t>& value, std::uint32_t old)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    for (int spins = 0; value.load(std::memory_order_acquire) == old; ++spins) {
        cpuRelax();
        // The clock is read every 64 pauses: a few nanoseconds each, next to the pause's tens.
        if ((spins & 63) == 63 && Clock::now() - start > std::chrono::nanoseconds(kSpinNanoseconds)) {
            value.wait(old, std::memory_order_acquire);
            return;
        }
    }
}

void ThreadTeam::work(int part)
{
    std::uint32_t seen = 0;
    for (;;) {
        waitWhileEqual(m_generation, seen);
        seen = m_generation.load(std::memory_order_acquire);
        if (m_stopping)
            return;
        try {
            (*m_task)(part);
        } catch (...) {
            const std::lock_guard lock(m_errorMutex);
            if (!m_error)
                m_error = std::current_exception();
        }
        if (m_running.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            m_finished.fetch_add(1, std::memory_order_release);
            m_finished.notify_one();
        }
    }
}

void ThreadTeam::run(const std::function<void(int part)>& task)
{
    if (m_size == 1) {
        task(0);
        return;
    }
    m_task = &task;
    m_error = nullptr;
    m_running.store(m_size, std::memory_order_relaxed);
    const std::uint32_t finished = m_finished.load(std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    try {
        task(0);
    } catch (...) {
        const std::lock_guard lock(m_errorMutex);
        if (!m_error)
            m_error = std::current_exception();
    }
    if (m_running.fetch_sub(1, std::memory_order_acq_rel) != 1)
        waitWhileEqual(m_finished, finished);
    m_task = nullptr;
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

void ThreadTeam::barrier()
{
    if (m_size == 1)
        return;
    const std::uint32_t round = m_barrierRound.load(std::memory_order_acquire);
    if (m_arrived.fetch_add(1, std::memory_order_acq_rel) == m_size - 1) {
        m_arrived.store(0, std::memory_order_relaxed);
        m_barrierRound.fetch_add(1, std::memory_order_release);
        m_barrierRound.notify_all();
        return;
    }
    waitWhileEqual(m_barrierRound, round);
}

} // namespace mlps
