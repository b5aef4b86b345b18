#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace mlps {

// How far a load has got: `done` of `total` items (total < 0 when unknown,
// e.g. while a compressed archive is still being read) in a named stage
// ("reading", "decoding", "rendering", "hashing").
struct LoadProgress {
    std::int64_t done = 0;
    std::int64_t total = -1;
    std::string stage;
};

// Called from the loading thread (never from several threads at once), at
// most every few thousand items; it must return quickly.
using ProgressCallback = std::function<void(const LoadProgress&)>;

// Settings shared by every reader.
struct LoadOptions {
    // The size every image is converted to (notMNIST's 28x28 by default).
    int width = 28;
    int height = 28;
    // Decoding threads; 0 = all cores.
    int threads = 0;
    ProgressCallback progress;
    // Set by another thread to stop a load; the reader then throws LoadCancelled.
    const std::atomic<bool>* cancel = nullptr;
    // The labels file for formats that keep them apart (IDX, a pair of .npy).
    std::string labelsPath;
    // Keep and reuse decoded copies of slow-to-decode sources (archives, folders).
    bool useCache = true;
    // Where to keep them; empty = the user's cache folder.
    std::string cacheDir;
    // The built-in font letters: the classes to render, extra seeded
    // variants per face and letter, and their seed.
    std::string fontClasses = "ABCDEFGHIJ";
    int fontVariations = 0;
    std::uint64_t seed = 1;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

} // namespace mlps
