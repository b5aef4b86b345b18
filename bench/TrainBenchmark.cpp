// Training throughput of the lab network (784-128-256-128-64-10, ReLU, batch
// 128, SGD with momentum, float32) through the real Trainer, batch assembly
// from uint8 images included. Prints samples/s per thread count.
//
//   mlps-bench-train [--seconds S] [--threads 1,2] [--batch 128] [--json]
#include "nn/Rng.h"
#include "nn/Trainer.h"
#include "nn/kernels/KernelTable.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Options {
    double seconds = 4.0;
    std::vector<int> threads = {1, 2};
    int batch = 128;
    bool json = false;
};

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--seconds") {
            options.seconds = std::stod(value());
        } else if (arg == "--batch") {
            options.batch = std::stoi(value());
        } else if (arg == "--threads") {
            options.threads.clear();
            const std::string list = value();
            for (std::size_t at = 0; at < list.size();) {
                const std::size_t comma = list.find(',', at);
                options.threads.push_back(std::stoi(list.substr(at, comma - at)));
                at = comma == std::string::npos ? list.size() : comma + 1;
            }
        } else if (arg == "--json") {
            options.json = true;
        } else {
            std::fprintf(stderr, "usage: mlps-bench-train [--seconds S] [--threads 1,2] [--batch N] [--json]\n");
            std::exit(2);
        }
    }
    return options;
}

double measure(const mlps::SampleView& data, int threads, const Options& options)
{
    const mlps::NetworkSpec spec = mlps::labNetworkSpec();
    mlps::TrainConfig config;
    config.optimizer.kind = mlps::OptimizerKind::Momentum;
    config.optimizer.learningRate = 0.01f;
    config.optimizer.momentum = 0.9f;
    config.batchSize = options.batch;
    config.epochs = 1000000;
    config.threads = threads;
    mlps::Trainer trainer(spec, config, data);

    for (int i = 0; i < 30; ++i)
        trainer.step();
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::int64_t samples = 0;
    double elapsed = 0.0;
    while (elapsed < options.seconds) {
        for (int i = 0; i < 20; ++i) {
            trainer.step();
            samples += trainer.lastBatch().size;
        }
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return double(samples) / elapsed;
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    // 60,000 random "images" and labels: the arithmetic does not depend on the values.
    const std::int64_t count = 60000;
    std::vector<std::uint8_t> pixels(std::size_t(count) * 784);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(count));
    mlps::Rng rng(42);
    for (auto& p : pixels)
        p = std::uint8_t(rng.below(256));
    for (auto& l : labels)
        l = std::int32_t(rng.below(10));
    mlps::SampleView data{pixels.data(), labels.data(), nullptr, count, 784, 10};

    std::fprintf(stderr, "kernels: %s\n", mlps::activeKernels().name);
    std::ostringstream json;
    json << "{\"kernels\":\"" << mlps::activeKernels().name << "\",\"results\":[";
    double best = 0.0;
    int bestThreads = 0;
    for (std::size_t i = 0; i < options.threads.size(); ++i) {
        const int threads = options.threads[i];
        const double rate = measure(data, threads, options);
        std::printf("mlp-studio threads=%d samples_per_second=%.0f\n", threads, rate);
        std::fflush(stdout);
        if (rate > best) {
            best = rate;
            bestThreads = threads;
        }
        json << (i ? "," : "") << "{\"threads\":" << threads << ",\"samples_per_second\":" << rate << "}";
    }
    std::printf("mlp-studio best samples_per_second=%.0f threads=%d\n", best, bestThreads);
    if (options.json)
        std::printf("%s],\"best\":%.0f}\n", json.str().c_str(), best);
    return 0;
}
