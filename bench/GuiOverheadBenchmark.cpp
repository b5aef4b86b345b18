// What the GUI's training path costs the engine: the lab network
// (784-128-256-128-64-10, ReLU, batch 128, SGD with momentum) on random 28x28
// images, once as a bare Trainer loop and once through TrainingController
// (worker thread, throttled progress snapshots received on the main thread and
// appended to a point list as a chart would). Rounds alternate between the
// two. Prints samples/s of each per wall-clock second and per CPU second of
// the whole process (worker and main thread together, so the main thread's
// share of the work counts; this figure is less disturbed by other programs
// on a busy machine), and the overhead of the controller path. With
// --dashboard 1 the snapshots go to the studio's real TrainingDashboard
// (Qt Charts, shown on the offscreen platform unless another is chosen)
// instead of a point list: what charting costs the engine.
//
//   mlps-bench-gui-overhead [--seconds S] [--rounds N] [--threads T] [--dashboard 0|1]
#include "TrainingController.h"
#include "dashboard/TrainingDashboard.h"

#include "data/Dataset.h"
#include "nn/Rng.h"
#include "nn/Trainer.h"

#include <QApplication>
#include <QEventLoop>
#include <QList>
#include <QPointF>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace {

struct Options {
    double seconds = 4.0;
    int rounds = 3;
    int threads = 1;
    bool dashboard = false;
};

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--seconds")
            options.seconds = std::stod(argv[i + 1]);
        else if (arg == "--rounds")
            options.rounds = std::stoi(argv[i + 1]);
        else if (arg == "--threads")
            options.threads = std::stoi(argv[i + 1]);
        else if (arg == "--dashboard")
            options.dashboard = std::stoi(argv[i + 1]) != 0;
    }
    if (argc % 2 == 0) {
        std::fprintf(stderr, "usage: mlps-bench-gui-overhead [--seconds S] [--rounds N] [--threads T] [--dashboard 0|1]\n");
        std::exit(2);
    }
    return options;
}

mlps::ui::TrainingJob labJob(int threads)
{
    // 60,000 random "images" and labels: the arithmetic does not depend on the values.
    auto data = std::make_shared<mlps::Dataset>();
    const std::int64_t count = 60000;
    data->pixels.resize(std::size_t(count) * 784);
    data->labels.resize(std::size_t(count));
    data->classNames = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    mlps::Rng rng(42);
    for (auto& p : data->pixels)
        p = std::uint8_t(rng.below(256));
    for (auto& l : data->labels)
        l = std::int32_t(rng.below(10));

    mlps::ui::TrainingJob job;
    job.data = data;
    job.split.train.resize(std::size_t(count));
    std::iota(job.split.train.begin(), job.split.train.end(), std::int64_t(0));
    job.network = mlps::labNetworkSpec();
    job.config.optimizer.kind = mlps::OptimizerKind::Momentum;
    job.config.optimizer.learningRate = 0.01f;
    job.config.optimizer.momentum = 0.9f;
    job.config.batchSize = 128;
    job.config.epochs = 1000000;
    job.config.threads = threads;
    return job;
}

// CPU time of the whole process, all threads.
double processCpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

struct Rate {
    double perSecond = 0.0;    // samples per wall-clock second
    double perCpuSecond = 0.0; // samples per CPU second of the process
    int progressSignals = 0;
    qsizetype points = 0;
};

// A plain step() loop on the job, as bench/TrainBenchmark does.
Rate bareTrainer(const mlps::ui::TrainingJob& job, double seconds)
{
    mlps::Trainer trainer(job.network, job.config, job.data->view(job.split.train));
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const double cpuStart = processCpuSeconds();
    std::int64_t samples = 0;
    double elapsed = 0.0;
    while (elapsed < seconds) {
        trainer.step();
        samples += trainer.lastBatch().size;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return {double(samples) / elapsed, double(samples) / (processCpuSeconds() - cpuStart), 0, 0};
}

// The same job through the controller, stopped after `seconds`.
Rate throughController(const mlps::ui::TrainingJob& job, double seconds, mlps::ui::TrainingDashboard* dashboard)
{
    mlps::ui::TrainingController controller;
    if (dashboard) {
        dashboard->beginRun(job, QStringLiteral("benchmark"));
        QObject::connect(&controller, &mlps::ui::TrainingController::progress, dashboard,
                         &mlps::ui::TrainingDashboard::addProgress);
    }
    Rate run;
    double samples = 0.0;
    QList<QPointF> lossCurve; // what a chart would append
    QEventLoop loop;
    QObject::connect(&controller, &mlps::ui::TrainingController::progress, &loop,
                     [&](const mlps::ui::TrainingProgress& progress) {
                         ++run.progressSignals;
                         for (const auto& point : progress.batchLosses)
                             lossCurve.append(QPointF(double(point.step), point.loss));
                     });
    QObject::connect(&controller, &mlps::ui::TrainingController::finished, &loop,
                     [&](const mlps::ui::TrainingResult& result) {
                         run.perSecond = result.samplesPerSecond;
                         samples = result.samplesPerSecond * result.trainSeconds; // no validation set
                         loop.quit();
                     });
    QTimer::singleShot(int(seconds * 1000.0), &controller, &mlps::ui::TrainingController::stop);
    const double cpuStart = processCpuSeconds();
    controller.start(job);
    loop.exec();
    run.perCpuSecond = samples / (processCpuSeconds() - cpuStart);
    run.points = lossCurve.size();
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    if (options.dashboard && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::unique_ptr<mlps::ui::TrainingDashboard> dashboard;
    if (options.dashboard) {
        dashboard = std::make_unique<mlps::ui::TrainingDashboard>();
        dashboard->resize(900, 650);
        dashboard->show();
    }
    const mlps::ui::TrainingJob job = labJob(options.threads);
    bareTrainer(job, 0.5); // warm up caches and the CPU clock

    std::vector<double> wallOverhead;
    std::vector<double> cpuOverhead;
    Rate bestBare;
    Rate bestGui;
    for (int round = 0; round < options.rounds; ++round) {
        const Rate bare = bareTrainer(job, options.seconds);
        const Rate gui = throughController(job, options.seconds, dashboard.get());
        wallOverhead.push_back(100.0 * (1.0 - gui.perSecond / bare.perSecond));
        cpuOverhead.push_back(100.0 * (1.0 - gui.perCpuSecond / bare.perCpuSecond));
        bestBare.perSecond = std::max(bestBare.perSecond, bare.perSecond);
        bestBare.perCpuSecond = std::max(bestBare.perCpuSecond, bare.perCpuSecond);
        bestGui.perSecond = std::max(bestGui.perSecond, gui.perSecond);
        bestGui.perCpuSecond = std::max(bestGui.perCpuSecond, gui.perCpuSecond);
        std::printf("round %d: bare trainer %.0f samples/s (%.0f per CPU s), through controller %.0f samples/s "
                    "(%.0f per CPU s; %d snapshots, %lld loss points); overhead %+.2f%% wall, %+.2f%% CPU\n",
                    round + 1, bare.perSecond, bare.perCpuSecond, gui.perSecond, gui.perCpuSecond,
                    gui.progressSignals, static_cast<long long>(gui.points), wallOverhead.back(), cpuOverhead.back());
        std::fflush(stdout);
    }
    std::printf("%sthreads=%d best: bare %.0f samples/s, controller %.0f samples/s (overhead %+.2f%%); "
                "per CPU s: bare %.0f, controller %.0f (overhead %+.2f%%); median overhead per round: "
                "%+.2f%% wall, %+.2f%% CPU\n",
                options.dashboard ? "dashboard, " : "", options.threads, bestBare.perSecond, bestGui.perSecond,
                100.0 * (1.0 - bestGui.perSecond / bestBare.perSecond), bestBare.perCpuSecond, bestGui.perCpuSecond,
                100.0 * (1.0 - bestGui.perCpuSecond / bestBare.perCpuSecond), median(wallOverhead),
                median(cpuOverhead));
    return 0;
}
