#include "InterruptSignal.h"

#include <csignal>

namespace mlps::cli {
namespace {

volatile std::sig_atomic_t g_received = 0;
struct sigaction g_previousInt;
struct sigaction g_previousTerm;

extern "C" void noteSignal(int signal)
{
    g_received = signal;
    // The next one is not caught: a user who presses Ctrl+C twice means it.
    struct sigaction fallback = {};
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, nullptr);
}

} // namespace

InterruptSignal::InterruptSignal()
{
    g_received = 0;
    struct sigaction action = {};
    action.sa_handler = noteSignal;
    action.sa_flags = SA_RESTART; // a checkpoint being written goes on undisturbed
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &g_previousInt);
    sigaction(SIGTERM, &action, &g_previousTerm);
}

InterruptSignal::~InterruptSignal()
{
    sigaction(SIGINT, &g_previousInt, nullptr);
    sigaction(SIGTERM, &g_previousTerm, nullptr);
}

int InterruptSignal::received() { return int(g_received); }

} // namespace mlps::cli
