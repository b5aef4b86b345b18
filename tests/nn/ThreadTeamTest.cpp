// ThreadTeam: every part runs once per task, barriers separate phases,
// exceptions come back to the caller, and an idle team sleeps.

#include "nn/ThreadTeam.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mlps {
namespace {

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

TEST(ThreadTeamTest, RunsEveryPartOncePerTask)
{
    for (int size = 1; size <= 4; ++size) {
        ThreadTeam team(size);
        EXPECT_EQ(team.size(), size);
        std::vector<std::atomic<int>> runs(static_cast<std::size_t>(size));
        for (int task = 0; task < 1000; ++task)
            team.run([&](int part) { runs[std::size_t(part)].fetch_add(1); });
        for (int part = 0; part < size; ++part)
            EXPECT_EQ(runs[std::size_t(part)].load(), 1000) << "size " << size << ", part " << part;
    }
}

TEST(ThreadTeamTest, PartZeroRunsOnTheCallingThread)
{
    ThreadTeam team(3);
    std::thread::id partZero;
    team.run([&](int part) {
        if (part == 0)
            partZero = std::this_thread::get_id();
    });
    EXPECT_EQ(partZero, std::this_thread::get_id());
}

TEST(ThreadTeamTest, BarriersSeparateThePhasesOfATask)
{
    constexpr int kSize = 4;
    ThreadTeam team(kSize);
    std::vector<int> written(kSize, 0);
    std::vector<int> seen(kSize, 0);
    for (int task = 1; task <= 2000; ++task) {
        team.run([&](int part) {
            written[std::size_t(part)] = task * (part + 1);
            team.barrier(); // every part has written
            int sum = 0;
            for (int value : written)
                sum += value;
            seen[std::size_t(part)] = sum;
            team.barrier(); // every part has read before anyone writes again
            written[std::size_t(part)] = -1;
        });
        const int expected = task * (1 + 2 + 3 + 4);
        for (int part = 0; part < kSize; ++part)
            ASSERT_EQ(seen[std::size_t(part)], expected) << "task " << task << ", part " << part;
    }
}

TEST(ThreadTeamTest, AnExceptionOfAPartIsRethrownAndTheTeamGoesOn)
{
    ThreadTeam team(3);
    EXPECT_THROW(team.run([](int part) {
                     if (part == 2)
                         throw std::runtime_error("part 2 failed");
                 }),
                 std::runtime_error);
    EXPECT_THROW(team.run([](int part) {
                     if (part == 0)
                         throw std::invalid_argument("part 0 failed");
                 }),
                 std::invalid_argument);
    std::atomic<int> runs{0};
    team.run([&](int) { runs.fetch_add(1); });
    EXPECT_EQ(runs.load(), 3);
}

TEST(ThreadTeamTest, AnIdleTeamSleepsInsteadOfSpinning)
{
    ThreadTeam team(4);
    team.run([](int) {});
    // The workers spin for ThreadTeam::kSpinNanoseconds, then sleep: over a
    // quarter of a second idle, three spinning threads would burn 0.75 s.
    const double before = processCpuSeconds();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const double used = processCpuSeconds() - before;
    EXPECT_LT(used, 0.05) << "CPU seconds used by an idle team of 4";
    // And they still wake up for the next task.
    std::atomic<int> runs{0};
    team.run([&](int) { runs.fetch_add(1); });
    EXPECT_EQ(runs.load(), 4);
}

} // namespace
} // namespace mlps
