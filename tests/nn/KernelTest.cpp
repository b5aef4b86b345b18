// The dense kernels chosen at start-up (AVX2 or AVX-512) against naive loops.
// MLPS_KERNELS is read once (a function-local static), so the choice cannot be
// switched within one process; these tests check whichever set is active.

#include "GradientCheck.h"

#include "nn/DenseLayer.h"
#include "nn/kernels/KernelTable.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace mlps {
namespace {

using test::randomMatrix;

TEST(KernelTest, ActiveKernelsHaveAKnownName)
{
    const std::string name = activeKernels().name;
    EXPECT_TRUE(name == "avx2" || name == "avx512") << name;
    EXPECT_NE(activeKernels().denseForward, nullptr);
    EXPECT_NE(activeKernels().denseBackwardInput, nullptr);
    EXPECT_NE(activeKernels().denseWeightGradient, nullptr);
    EXPECT_EQ(&activeKernels(), &activeKernels()) << "the choice is made once";
#if defined(MLPS_TESTS_HAVE_AVX512_KERNELS) && (defined(__x86_64__) || defined(__i386__))
    // KernelDispatch.cpp: AVX-512 where the CPU has AVX512F/BW/DQ/VL, unless MLPS_KERNELS=avx2.
    __builtin_cpu_init();
    const bool cpuHasAvx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
                              && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    const char* request = std::getenv("MLPS_KERNELS");
    const bool wantAvx2 = request && std::strcmp(request, "avx2") == 0;
    EXPECT_EQ(name, cpuHasAvx512 && !wantAvx2 ? "avx512" : "avx2");
#endif
}

// Sizes that are not multiples of any vector width.
constexpr int kOut = 37;
constexpr int kIn = 53;
constexpr int kBatch = 19;

class KernelReferenceTest : public ::testing::TestWithParam<Activation> {};

TEST_P(KernelReferenceTest, DenseForwardMatchesATripleLoop)
{
    const Activation activation = GetParam();
    Rng rng(1234);
    const Eigen::MatrixXf w = randomMatrix(kOut, kIn, -0.3f, 0.3f, rng);
    const Eigen::VectorXf b = randomMatrix(kOut, 1, -0.5f, 0.5f, rng);
    const Eigen::MatrixXf x = randomMatrix(kIn, kBatch, -1.0f, 1.0f, rng);

    // The layer reads W then b from one flat buffer.
    DenseLayer layer(kIn, DenseSpec{kOut, activation, 0.0f});
    Eigen::VectorXf parameters(layer.parameterCount()), gradients(layer.parameterCount());
    parameters << Eigen::Map<const Eigen::VectorXf>(w.data(), w.size()), b;
    layer.bind(parameters.data(), gradients.data());
    Eigen::MatrixXf y(kOut, kBatch);
    layer.forward(x, y, PassContext{});

    for (int j = 0; j < kBatch; ++j) {
        for (int i = 0; i < kOut; ++i) {
            double z = b[i];
            for (int k = 0; k < kIn; ++k)
                z += double(w(i, k)) * double(x(k, j));
            const double expected = activate(activation, float(z));
            ASSERT_NEAR(y(i, j), expected, 1e-5 * (1.0 + std::abs(expected)))
                << activationName(activation) << " at (" << i << ", " << j << ")";
        }
    }
}

// Naive double-precision back-propagation through y = f(W x + b) from dL/dy.
struct NaiveBackward {
    Eigen::MatrixXd dz, dw, dx;
    Eigen::VectorXd db;

    NaiveBackward(const Eigen::MatrixXf& w, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                  const Eigen::MatrixXf& dy, Activation activation)
        : dz(y.rows(), y.cols()), dw(w.rows(), w.cols()), dx(x.rows(), x.cols()), db(w.rows())
    {
        // dL/dz = dL/dy * f'(z), with f' from the output (Activation.h).
        for (Index j = 0; j < y.cols(); ++j)
            for (Index i = 0; i < y.rows(); ++i)
                dz(i, j) = double(dy(i, j)) * activationDerivativeFromOutput(activation, y(i, j));
        for (Index i = 0; i < w.rows(); ++i) {
            db[i] = 0.0;
            for (Index j = 0; j < y.cols(); ++j)
                db[i] += dz(i, j);
            for (Index k = 0; k < w.cols(); ++k) {
                dw(i, k) = 0.0;
                for (Index j = 0; j < y.cols(); ++j)
                    dw(i, k) += dz(i, j) * double(x(k, j));
            }
        }
        for (Index j = 0; j < x.cols(); ++j)
            for (Index k = 0; k < x.rows(); ++k) {
                dx(k, j) = 0.0;
                for (Index i = 0; i < w.rows(); ++i)
                    dx(k, j) += double(w(i, k)) * dz(i, j);
            }
    }
};

TEST_P(KernelReferenceTest, DenseBackwardMatchesNaiveLoops)
{
    const Activation activation = GetParam();
    const KernelTable& kernels = activeKernels();
    Rng rng(4321);
    const Eigen::MatrixXf w = randomMatrix(kOut, kIn, -0.3f, 0.3f, rng);
    const Eigen::VectorXf b = randomMatrix(kOut, 1, -0.5f, 0.5f, rng);
    const Eigen::MatrixXf x = randomMatrix(kIn, kBatch, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf dy = randomMatrix(kOut, kBatch, -1.0f, 1.0f, rng);
    Eigen::MatrixXf y(kOut, kBatch);
    kernels.denseForward(w.data(), b.data(), x.data(), y.data(), kOut, kIn, kBatch, activation);
    const NaiveBackward expected(w, x, y, dy, activation);

    // dy is overwritten with dL/dz; dx = W^T dz.
    Eigen::MatrixXf dz = dy;
    Eigen::MatrixXf dx(kIn, kBatch);
    kernels.denseBackwardInput(w.data(), y.data(), dz.data(), dx.data(), kOut, kIn, kBatch, activation);
    for (int j = 0; j < kBatch; ++j) {
        for (int i = 0; i < kOut; ++i)
            ASSERT_NEAR(dz(i, j), expected.dz(i, j), 1e-6) << "dz(" << i << ", " << j << ")";
        for (int k = 0; k < kIn; ++k)
            ASSERT_NEAR(dx(k, j), expected.dx(k, j), 1e-5) << "dx(" << k << ", " << j << ")";
    }
    // Without dx, only the delta is computed.
    Eigen::MatrixXf dz2 = dy;
    kernels.denseBackwardInput(w.data(), y.data(), dz2.data(), nullptr, kOut, kIn, kBatch, activation);
    EXPECT_EQ(dz2, dz);

    // dW = dz x^T and db = row sums of dz, over the whole weight matrix.
    Eigen::MatrixXf dw = Eigen::MatrixXf::Constant(kOut, kIn, 99.0f);
    Eigen::VectorXf db = Eigen::VectorXf::Constant(kOut, 99.0f);
    kernels.denseWeightGradient(dz.data(), x.data(), dw.data(), db.data(), kOut, kIn, kBatch, 0, kIn);
    for (int i = 0; i < kOut; ++i) {
        ASSERT_NEAR(db[i], expected.db[i], 1e-5) << "db " << i;
        for (int k = 0; k < kIn; ++k)
            ASSERT_NEAR(dw(i, k), expected.dw(i, k), 1e-5) << "dw(" << i << ", " << k << ")";
    }
}

TEST(KernelTest, WeightGradientOfAColumnRangeWritesOnlyThatRange)
{
    // What Network's parameter phase relies on: threads write disjoint runs of
    // weight columns; pieces [0, 20) [20, 21) [21, 53) add up to the whole.
    const KernelTable& kernels = activeKernels();
    Rng rng(99);
    const Eigen::MatrixXf dz = randomMatrix(kOut, kBatch, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf x = randomMatrix(kIn, kBatch, -1.0f, 1.0f, rng);
    Eigen::MatrixXf whole(kOut, kIn);
    Eigen::VectorXf dbWhole(kOut);
    kernels.denseWeightGradient(dz.data(), x.data(), whole.data(), dbWhole.data(), kOut, kIn, kBatch, 0, kIn);

    Eigen::MatrixXf pieces = Eigen::MatrixXf::Constant(kOut, kIn, 99.0f);
    kernels.denseWeightGradient(dz.data(), x.data(), pieces.data(), nullptr, kOut, kIn, kBatch, 20, 21);
    EXPECT_TRUE((pieces.leftCols(20).array() == 99.0f).all()) << "columns before the range were written";
    EXPECT_TRUE((pieces.rightCols(kIn - 21).array() == 99.0f).all()) << "columns after the range were written";
    EXPECT_TRUE(pieces.col(20).isApprox(whole.col(20), 1e-5f));
    kernels.denseWeightGradient(dz.data(), x.data(), pieces.data(), nullptr, kOut, kIn, kBatch, 0, 20);
    Eigen::VectorXf db = Eigen::VectorXf::Constant(kOut, 99.0f);
    kernels.denseWeightGradient(dz.data(), x.data(), pieces.data(), db.data(), kOut, kIn, kBatch, 21, kIn);
    EXPECT_TRUE(pieces.isApprox(whole, 1e-5f));
    EXPECT_TRUE(db.isApprox(dbWhole, 1e-6f));
    // An empty range writes nothing but the bias.
    Eigen::MatrixXf untouched = Eigen::MatrixXf::Constant(kOut, kIn, 7.0f);
    Eigen::VectorXf db2 = Eigen::VectorXf::Zero(kOut);
    kernels.denseWeightGradient(dz.data(), x.data(), untouched.data(), db2.data(), kOut, kIn, kBatch, 5, 5);
    EXPECT_TRUE((untouched.array() == 7.0f).all());
    EXPECT_TRUE(db2.isApprox(dbWhole, 1e-6f));
}

// Buffers placed at a chosen float offset from a 64-byte boundary.
class OffsetBuffer {
public:
    OffsetBuffer(const Eigen::MatrixXf& content, int offsetFloats)
        : m_storage(std::size_t(content.size()) + 32)
    {
        auto address = reinterpret_cast<std::uintptr_t>(m_storage.data());
        address = (address + 63) / 64 * 64;
        m_data = reinterpret_cast<float*>(address) + offsetFloats;
        std::copy(content.data(), content.data() + content.size(), m_data);
        m_size = content.size();
    }
    float* data() { return m_data; }
    std::vector<float> values() const { return std::vector<float>(m_data, m_data + m_size); }

private:
    std::vector<float> m_storage;
    float* m_data;
    Index m_size;
};

TEST_P(KernelReferenceTest, ResultsDoNotDependOnBufferAlignment)
{
    // Network promises bit-for-bit reproducible runs, but its buffers are only
    // as aligned as Eigen's allocator makes them (32 bytes in the AVX2 build),
    // which is less than an AVX-512 packet: every kernel must give the same
    // bits wherever its buffers start.
    const Activation activation = GetParam();
    const KernelTable& kernels = activeKernels();
    Rng rng(777);
    const Eigen::MatrixXf w = randomMatrix(kOut, kIn, -0.3f, 0.3f, rng);
    const Eigen::MatrixXf b = randomMatrix(kOut, 1, -0.5f, 0.5f, rng);
    const Eigen::MatrixXf x = randomMatrix(kIn, kBatch, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf dy = randomMatrix(kOut, kBatch, -1.0f, 1.0f, rng);
    const Eigen::MatrixXf zeros = Eigen::MatrixXf::Zero(kOut, kIn);
    std::vector<float> reference[5];
    for (int offset : {0, 1, 4, 8, 12}) {
        OffsetBuffer W(w, offset), B(b, offset), X(x, offset), Y(Eigen::MatrixXf::Zero(kOut, kBatch), offset),
            DZ(dy, offset), DX(Eigen::MatrixXf::Zero(kIn, kBatch), offset), DW(zeros, offset),
            DB(Eigen::MatrixXf::Zero(kOut, 1), offset);
        kernels.denseForward(W.data(), B.data(), X.data(), Y.data(), kOut, kIn, kBatch, activation);
        kernels.denseBackwardInput(W.data(), Y.data(), DZ.data(), DX.data(), kOut, kIn, kBatch, activation);
        kernels.denseWeightGradient(DZ.data(), X.data(), DW.data(), DB.data(), kOut, kIn, kBatch, 0, kIn);
        const std::vector<float> results[5] = {Y.values(), DZ.values(), DX.values(), DW.values(), DB.values()};
        const char* names[5] = {"y", "dz", "dx", "dw", "db"};
        for (int r = 0; r < 5; ++r) {
            if (offset == 0)
                reference[r] = results[r];
            else
                EXPECT_EQ(results[r], reference[r]) << names[r] << " changes with a buffer offset of " << offset
                                                    << " floats";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllActivations, KernelReferenceTest,
                         ::testing::Values(Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                                           Activation::LeakyRelu, Activation::Elu, Activation::Linear),
                         [](const ::testing::TestParamInfo<Activation>& paramInfo) {
                             return std::string(activationName(paramInfo.param));
                         });

} // namespace
} // namespace mlps
