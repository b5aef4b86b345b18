#include "project/NpyArray.h"
#include "project/ProjectError.h"

#include <gtest/gtest.h>

using namespace mlps;

TEST(NpyArray, HeaderIsNumpys)
{
    // numpy.save(f, numpy.zeros(3, numpy.float32)) writes exactly these 128 header bytes.
    const QByteArray expected = QByteArrayLiteral("\x93NUMPY\x01\x00\x76\x00") +
                                QByteArrayLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }") +
                                QByteArray(60, ' ') + '\n';
    EXPECT_EQ(NpyArray::header("<f4", {3}), expected);
    EXPECT_EQ(NpyArray::header("<i8", {530000, 10}).size() % 64, 0);
    EXPECT_TRUE(NpyArray::header("<i8", {2, 3}).contains("'shape': (2, 3), }"));
}

TEST(NpyArray, ParsesWhatItWrites)
{
    const std::int32_t values[] = {7, -1, 65536, 0, 3, 9};
    QByteArray bytes = NpyArray::header("<i4", {2, 3});
    bytes.append(reinterpret_cast<const char*>(values), sizeof values);
    const NpyArray array = NpyArray::parse(bytes, "f.mlpstudio", "a.npy");
    EXPECT_EQ(array.descr(), "<i4");
    EXPECT_EQ(array.shape(), (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(array.elementCount(), 6);
    EXPECT_NO_THROW(array.expect("<i4", {-1, 3}));
    std::int32_t out[6] = {};
    array.copyTo(out, sizeof out);
    EXPECT_TRUE(std::equal(std::begin(values), std::end(values), std::begin(out)));
}

TEST(NpyArray, ReadsVersion2HeadersAndScalars)
{
    const QByteArray dict = QByteArrayLiteral("{'descr': '<i8', 'fortran_order': False, 'shape': (), }\n");
    QByteArray bytes = QByteArrayLiteral("\x93NUMPY\x02\x00");
    bytes.append(char(dict.size())).append(3, '\0').append(dict).append(8, '\x01');
    const NpyArray array = NpyArray::parse(bytes, "f", "e");
    EXPECT_TRUE(array.shape().empty());
    EXPECT_EQ(array.elementCount(), 1);
}

TEST(NpyArray, Errors)
{
    auto message = [](const QByteArray& bytes) -> std::string {
        try {
            NpyArray::parse(bytes, "p.mlpstudio", "runs/0/x.npy");
        } catch (const ProjectError& e) {
            return e.what();
        }
        return {};
    };
    EXPECT_EQ(message("hello"), "p.mlpstudio: runs/0/x.npy: not a NumPy .npy array");
    EXPECT_EQ(message(NpyArray::header("<f4", {3}).left(30)), "p.mlpstudio: runs/0/x.npy: truncated .npy header");
    EXPECT_EQ(message(NpyArray::header("<f4", {3}) + QByteArray(11, '\0')),
              "p.mlpstudio: runs/0/x.npy: truncated .npy data: 11 of 12 bytes");
    QByteArray bad = NpyArray::header("<f4", {3});
    bad.replace("(3,)", "(x,)");
    EXPECT_EQ(message(bad), "p.mlpstudio: runs/0/x.npy: unreadable .npy shape (x,)");

    const NpyArray array = NpyArray::parse(NpyArray::header("<f8", {4, 9}) + QByteArray(288, '\0'), "p", "e.npy");
    try {
        array.expect("<f4", {-1, 10});
        ADD_FAILURE() << "no exception";
    } catch (const ProjectError& e) {
        EXPECT_STREQ(e.what(), "p: e.npy: expected float32 (4, 10), found float64 (4, 9)");
    }
    QByteArray fortran = NpyArray::header("<f4", {2, 2}) + QByteArray(16, '\0');
    fortran.replace("False", "True ");
    EXPECT_THROW(NpyArray::parse(fortran, "p", "e").expect("<f4", {2, 2}), ProjectError);
}
