#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "evidence_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

std::string read_everything(ByteSource& source, std::size_t chunk) {
    std::string all;
    std::string buffer(chunk, '\0');
    while (const std::size_t got = source.read(buffer.data(), buffer.size()))
        all.append(buffer, 0, got);
    return all;
}

}  // namespace

TEST(MemoryByteSource, ReadsInChunksRewindsAndKnowsItsSize) {
    const std::string bytes = "Ms Khan: Good morning.\n";
    MemoryByteSource source(bytes, "memory");
    EXPECT_EQ(source.name(), "memory");
    EXPECT_EQ(source.size(), bytes.size());
    EXPECT_EQ(read_everything(source, 5), bytes);
    char c;
    EXPECT_EQ(source.read(&c, 1), 0u);
    ASSERT_TRUE(source.rewind());
    EXPECT_EQ(read_everything(source, 100), bytes);
}

TEST(ByteSource, ReadAllStopsAtTheLimit) {
    const std::string bytes(1000, 'x');
    MemoryByteSource source(bytes, "memory");
    EXPECT_FALSE(source.read_all(999).has_value());
    ASSERT_TRUE(source.rewind());
    const auto all = source.read_all(1000);
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(*all, bytes);
}

TEST(FileByteSource, ReadsAFileAndRewinds) {
    const auto path = evidence_data("transcripts/lesson.vtt");
    FileByteSource source(path);
    EXPECT_EQ(source.name(), path.string());
    const std::string expected = read_bytes(path);
    EXPECT_EQ(source.size(), expected.size());
    EXPECT_EQ(read_everything(source, 7), expected);
    ASSERT_TRUE(source.rewind());
    EXPECT_EQ(read_everything(source, 4096), expected);
}

TEST(FileByteSource, AMissingFileIsNotFoundNamingThePathAndTheReason) {
    const auto path = std::filesystem::temp_directory_path() / "coachkit-no-such-transcript.vtt";
    try {
        FileByteSource source(path);
        FAIL() << "expected NotFoundError";
    } catch (const NotFoundError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path.string()), std::string::npos) << what;
        EXPECT_NE(what.find("No such file"), std::string::npos) << what;
    }
}

TEST(FileByteSource, AFolderIsNotFound) {
    EXPECT_THROW(FileByteSource(evidence_data("transcripts")), NotFoundError);
}
