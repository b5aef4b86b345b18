// misclassified(): the wrong answers of an evaluation, most confident first.

#include "nn/Misclassified.h"

#include <gtest/gtest.h>

namespace mlps {
namespace {

Evaluation evaluationOf(const std::vector<std::int32_t>& truth, const Eigen::MatrixXf& probabilities)
{
    Evaluation e;
    e.trueLabels = truth;
    e.probabilities = probabilities;
    for (Eigen::Index i = 0; i < probabilities.cols(); ++i) {
        Eigen::Index best = 0;
        probabilities.col(i).maxCoeff(&best);
        e.predicted.push_back(std::int32_t(best));
    }
    return e;
}

TEST(MisclassifiedTest, ListsOnlyTheWrongAnswersMostConfidentFirst)
{
    Eigen::MatrixXf p(3, 5);
    // columns: samples 0..4; rows: classes 0..2
    p << 0.7f, 0.2f, 0.1f, 0.3f, 0.1f,  //
        0.2f, 0.7f, 0.9f, 0.3f, 0.1f,   //
        0.1f, 0.1f, 0.0f, 0.4f, 0.8f;
    // truths: 0 right; 1 wrong (pred 1, p 0.7); 2 right; 3 wrong (pred 2, p 0.4); 4 wrong (pred 2, p 0.8)
    const Evaluation e = evaluationOf({0, 2, 1, 0, 1}, p);
    const std::vector<Misclassified> wrong = misclassified(e);
    ASSERT_EQ(wrong.size(), 3u);
    EXPECT_EQ(wrong[0].sample, 4);
    EXPECT_EQ(wrong[0].trueClass, 1);
    EXPECT_EQ(wrong[0].predicted, 2);
    EXPECT_FLOAT_EQ(wrong[0].confidence, 0.8f);
    EXPECT_FLOAT_EQ(wrong[0].trueProbability, 0.1f);
    EXPECT_EQ(wrong[1].sample, 1);
    EXPECT_FLOAT_EQ(wrong[1].confidence, 0.7f);
    EXPECT_EQ(wrong[2].sample, 3);
    EXPECT_FLOAT_EQ(wrong[2].trueProbability, 0.3f);
}

TEST(MisclassifiedTest, TiesKeepTheSampleOrderAndAPerfectModelHasNone)
{
    Eigen::MatrixXf p(2, 3);
    p << 0.4f, 0.4f, 0.9f, //
        0.6f, 0.6f, 0.1f;
    const std::vector<Misclassified> wrong = misclassified(evaluationOf({0, 0, 0}, p));
    ASSERT_EQ(wrong.size(), 2u);
    EXPECT_EQ(wrong[0].sample, 0);
    EXPECT_EQ(wrong[1].sample, 1);
    EXPECT_TRUE(misclassified(evaluationOf({1, 1, 0}, p)).empty());
}

} // namespace
} // namespace mlps
