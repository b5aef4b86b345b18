// Writes the tests' sample project to argv[1], and beside it argv[1] +
// ".expect.json" with values the Python check compares with what numpy reads;
// with --fixture FILE, the format-1 fixture project (tests/project/data).
#include "ProjectSamples.h"

#include "project/ProjectFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>
#include <exception>

using namespace mlps;

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--fixture") == 0) {
        ProjectFile::save(testing::format1Project(), QString::fromLocal8Bit(argv[2]));
        return 0;
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s [--fixture] FILE.mlpstudio\n", argv[0]);
        return 2;
    }
    try {
        const QString path = QString::fromLocal8Bit(argv[1]);
        const Project project = testing::sampleProject();
        ProjectFile::save(project, path);

        const StoredRun& run = project.runs[0];
        QJsonArray row;
        for (int c = 0; c < run.network.classes; ++c)
            row.append(double(run.test->probabilities(c, 3)));
        QJsonArray head;
        for (int i = 0; i < 5; ++i)
            head.append(double(run.parameters[i]));
        QJsonArray batchHead;
        for (int i = 0; i < 3; ++i)
            batchHead.append(double(run.batchLosses[std::size_t(i)]));
        QJsonArray confusionRow0;
        for (int c = 0; c < run.network.classes; ++c)
            confusionRow0.append(double(run.test->confusion(0, c)));
        const QJsonObject expect{{QStringLiteral("parameterCount"), double(run.parameters.size())},
                                 {QStringLiteral("testSamples"), double(run.test->predicted.size())},
                                 {QStringLiteral("probabilitiesRow3"), row},
                                 {QStringLiteral("parametersHead"), head},
                                 {QStringLiteral("confusionRow0"), confusionRow0},
                                 {QStringLiteral("batchCount"), double(run.batchSteps.size())},
                                 {QStringLiteral("batchLastStep"), double(run.batchSteps.back())},
                                 {QStringLiteral("batchLossesHead"), batchHead}};
        testing::writeAll(path + QStringLiteral(".expect.json"), QJsonDocument(expect).toJson());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
