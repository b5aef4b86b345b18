#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mlps {

// A fixed team of threads that runs one task on `size` parts at a time: the
// calling thread takes part 0, size - 1 worker threads the others. Between
// tasks, and at barrier(), a thread that must wait spins for a short while
// (a training step's barrier is usually met within microseconds) and then
// sleeps (std::atomic::wait, a futex on Linux), so that a team never holds a
// core another busy thread needs for longer than that: OpenMP's libgomp spins
// for about a third of a millisecond first, which on a machine with as many
// busy threads as cores (the studio's GUI thread beside training) turned
// every preemption into a stall of a scheduler tick.
class ThreadTeam {
public:
    explicit ThreadTeam(int size);
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    int size() const { return m_size; }

    // Runs task(part) for every part in [0, size()) and returns when all are
    // done; the first exception a part throws is rethrown here (a task that
    // uses barrier() must not throw before it, or the others wait forever).
    // Not reentrant: a task must not call run() of its own team.
    void run(const std::function<void(int part)>& task);

    // Within a task: returns once every part has reached it.
    void barrier();

    // How long a waiting thread spins before it sleeps.
    static constexpr std::int64_t kSpinNanoseconds = 50'000;

private:
    void work(int part);
    // Waits until `value` differs from `old`: spins, then sleeps.
    static void waitWhileEqual(const std::atomic<std::uint32_t>& value, std::uint32_t old);

    int m_size;
    std::vector<std::thread> m_workers;
    const std::function<void(int)>* m_task = nullptr;
    std::atomic<std::uint32_t> m_generation{0}; // a new task (or the end) for the workers
    std::atomic<int> m_running{0};              // parts of the current task not yet done
    std::atomic<std::uint32_t> m_finished{0};   // bumped when the last part is done
    std::atomic<int> m_arrived{0};              // parts at the current barrier
    std::atomic<std::uint32_t> m_barrierRound{0};
    bool m_stopping = false;
    std::mutex m_errorMutex;
    std::exception_ptr m_error;
};

} // namespace mlps
