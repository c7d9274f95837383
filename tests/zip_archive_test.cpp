// The shared zip writer: round trip, member order, stored members, and
// identical bytes for identical input.
#include <gtest/gtest.h>

#include "common/zip_archive.hpp"
#include "parallel/parallel.hpp"

namespace glossc {
namespace {

TEST(ZipArchive, RoundTripsMembersInOrder) {
    std::vector<zip::Member> members{{"mimetype", "application/epub+zip", true},
                                     {"a/b.txt", std::string(10000, 'x'), false},
                                     {"ü.txt", std::string("\0\1\2", 3), false}};
    auto bytes = zip::write_archive(members, 1795478400);
    auto back = zip::read_archive(bytes);
    ASSERT_EQ(back.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(back[i].name, members[i].name);
        EXPECT_EQ(back[i].bytes, members[i].bytes);
    }
    EXPECT_TRUE(back[0].store);
    EXPECT_FALSE(back[1].store);
    // The first member's local header: name right at offset 30, no extra field.
    EXPECT_EQ(bytes.substr(30, 8), "mimetype");
    EXPECT_EQ(bytes[28], 0);
    EXPECT_EQ(bytes[29], 0);
    EXPECT_EQ(bytes.substr(38, 20), "application/epub+zip");
}

TEST(ZipArchive, IsDeterministic) {
    std::vector<zip::Member> members{{"x", "hello", false}};
    EXPECT_EQ(zip::write_archive(members, 1795478400), zip::write_archive(members, 1795478400));
    EXPECT_NE(zip::write_archive(members, 1795478400), zip::write_archive(members, 1795564800));
}

// A member larger than a deflate window many times over, and the edge
// cases, read back whole; the bytes are the same for any thread count.
TEST(ZipArchive, LargeMembersRoundTripAndDoNotDependOnThreads) {
    std::string big;
    for (std::size_t i = 0; big.size() < (std::size_t{65} << 20); ++i)
        big += "entry " + std::to_string(i * 7919 % 100003) + "\n";
    std::vector<zip::Member> members{{"mimetype", "application/epub+zip", true}, {"big.txt", big, false},
                                     {"medium.txt", big.substr(0, 3'500'000), false}, {"empty", "", false},
                                     {"small", "x", false}};
    parallel::set_jobs(1);
    auto serial = zip::write_archive(members, 1795478400);
    parallel::set_jobs(4);
    auto threaded = zip::write_archive(members, 1795478400);
    parallel::set_jobs(0);
    EXPECT_EQ(serial, threaded);
    auto back = zip::read_archive(threaded);
    ASSERT_EQ(back.size(), members.size());
    for (std::size_t i = 0; i < members.size(); ++i) EXPECT_EQ(back[i].bytes, members[i].bytes) << members[i].name;
}

TEST(ZipArchive, RejectsGarbage) {
    EXPECT_THROW(zip::read_archive("not a zip"), std::runtime_error);
    EXPECT_THROW(zip::read_archive(""), std::runtime_error);
}

}  // namespace
}  // namespace glossc
