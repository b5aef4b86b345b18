#pragma once

namespace mlps::cli {

// While it lives, Ctrl+C (SIGINT) and SIGTERM no longer end the process at
// once: they are noted, so that a training loop can finish its step, save a
// checkpoint and exit. A second signal while the first is being handled ends
// the process as usual. The previous handlers come back on destruction.
class InterruptSignal {
public:
    InterruptSignal();
    ~InterruptSignal();
    InterruptSignal(const InterruptSignal&) = delete;
    InterruptSignal& operator=(const InterruptSignal&) = delete;

    // The signal that arrived (SIGINT, SIGTERM), 0 while none has.
    static int received();
};

} // namespace mlps::cli
