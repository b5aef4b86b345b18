// The figures the issue asks for: file size and save / load time of a project
// with one run's predictions on 530,000 samples (notMNIST_large's size), the
// lab network's weights and a 530k-sample split. Not a test: it prints.
//   mlps_project_bench [samples] [folder]
#include "ProjectSamples.h"

#include "project/ProjectFile.h"
#include "project/ProjectJson.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace mlps;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const std::int64_t samples = argc > 1 ? std::atoll(argv[1]) : 530000;
    QTemporaryDir temporary;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.path();
    const QString path = folder + QStringLiteral("/bench.mlpstudio");

    Project project;
    project.network = labNetworkSpec();
    StoredRun run = testing::sampleRun(1, testing::sampleConfig(0), samples, 7);
    run.network = labNetworkSpec();
    run.data.count = samples;
    // Softmax-like probabilities, as a trained network gives them: one class
    // near 1, the others small, so that compression sees realistic data.
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> small(0.0f, 0.02f);
    for (Index i = 0; i < run.test->probabilities.cols(); ++i) {
        float sum = 0.0f;
        for (Index c = 0; c < 10; ++c)
            sum += run.test->probabilities(c, i) = small(rng);
        run.test->probabilities(run.test->predicted[std::size_t(i)], i) = 1.0f - sum;
    }
    run.trainIndices.resize(std::size_t(samples));
    for (std::int64_t i = 0; i < samples; ++i)
        run.trainIndices[std::size_t(i)] = (i * 7919) % samples;
    run.parameters = Eigen::VectorXf::Random(Index(ProjectJson::parameterCount(run.network)));
    project.runs.push_back(run);

    const auto saveStart = std::chrono::steady_clock::now();
    ProjectFile::save(project, path);
    const double saveSeconds = secondsSince(saveStart);
    const auto loadStart = std::chrono::steady_clock::now();
    const Project loaded = ProjectFile::load(path);
    const double loadSeconds = secondsSince(loadStart);

    const double raw = double(samples) * (10 * 4 + 4 + 4 + 8 + 8) + double(run.parameters.size()) * 4;
    std::printf("project with one run: %lld test predictions (10 classes), %lld train indices, %lld parameters\n",
                static_cast<long long>(samples), static_cast<long long>(samples),
                static_cast<long long>(run.parameters.size()));
    std::printf("file size: %.1f MB (arrays %.1f MB uncompressed)\n", double(QFileInfo(path).size()) / 1e6, raw / 1e6);
    std::printf("save: %.3f s   load: %.3f s\n", saveSeconds, loadSeconds);

    // The same run stopped mid-epoch with its checkpoint (Adam, weight
    // averaging): the epoch's shuffled order, the weights, both moments and the average.
    auto checkpoint = std::make_shared<TrainerState>();
    checkpoint->order.resize(std::size_t(samples));
    for (std::int64_t i = 0; i < samples; ++i)
        checkpoint->order[std::size_t(i)] = i;
    std::shuffle(checkpoint->order.begin(), checkpoint->order.end(), rng);
    checkpoint->step = 12345;
    checkpoint->shuffle.words = {1, 2, 3, 4};
    MemberState member;
    member.parameters = run.parameters;
    member.optimizer = {{"m", Eigen::VectorXf::Random(run.parameters.size())},
                        {"v", Eigen::VectorXf::Random(run.parameters.size()).cwiseAbs()}};
    member.average = Eigen::VectorXf::Random(run.parameters.size());
    checkpoint->members.push_back(std::move(member));
    project.runs.front().status = "stopped";
    project.runs.front().checkpoint = checkpoint;
    const auto checkpointSaveStart = std::chrono::steady_clock::now();
    ProjectFile::save(project, path);
    const double checkpointSaveSeconds = secondsSince(checkpointSaveStart);
    const auto checkpointLoadStart = std::chrono::steady_clock::now();
    const Project withCheckpoint = ProjectFile::load(path);
    const double checkpointLoadSeconds = secondsSince(checkpointLoadStart);
    std::printf("with a checkpoint (order of %lld samples, weights, Adam's moments, average): %.1f MB, save %.3f s, "
                "load %.3f s\n",
                static_cast<long long>(samples), double(QFileInfo(path).size()) / 1e6, checkpointSaveSeconds,
                checkpointLoadSeconds);
    return loaded.runs.size() == 1 && withCheckpoint.runs.front().checkpoint ? 0 : 1;
}
