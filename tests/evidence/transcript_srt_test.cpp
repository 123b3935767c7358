#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

ReadResult srt(std::string_view text, std::size_t chunk = 0) {
    return read_transcript_bytes(TranscriptFormat::srt, text, chunk);
}

}  // namespace

TEST(Srt, ReadsNumberedBlocksWithTheirSpeakers) {
    const auto result =
        srt("1\n00:00:01,000 --> 00:00:02,500\nMs Khan: Good morning.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000 X1:10 X2:20\n[Amir] <i>Morning</i>, miss.\n\n"
            "3\n00:00:05.000 --> 00:00:06.000\n{\\an8}<v Bella>Hi</v>\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 3u);
    EXPECT_EQ(result.utterances[0].speaker, "Ms Khan");
    EXPECT_EQ(result.utterances[0].text, "Good morning.");
    EXPECT_EQ(result.utterances[0].end, 2.5);
    EXPECT_EQ(result.utterances[0].line, 2u);
    EXPECT_EQ(result.utterances[1].speaker, "Amir");
    EXPECT_EQ(result.utterances[1].text, "Morning, miss.");
    EXPECT_EQ(result.utterances[2].speaker, "Bella");
    EXPECT_EQ(result.utterances[2].text, "Hi");
}

TEST(Srt, ToleratesMissingNumbersAndExtraBlankLines) {
    const auto result =
        srt("\n\n00:00:01,000 --> 00:00:02,000\nA: one\n\n\n\n"
            "00:00:03,000 --> 00:00:04,000\nB: two\n\n\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 2u);
    EXPECT_EQ(result.utterances[1].text, "two");
}

TEST(Srt, AMissingBlankLineLeavesTheNextNumberOutOfTheText) {
    const auto result =
        srt("1\n00:00:01,000 --> 00:00:02,000\nA: one\n2\n00:00:03,000 --> 00:00:04,000\nB: two\n");
    ASSERT_EQ(result.utterances.size(), 2u) << result.text();
    EXPECT_EQ(result.utterances[0].text, "one");
    EXPECT_EQ(result.utterances[1].speaker, "B");
}

TEST(Srt, ASoundInBracketsIsNotASpeaker) {
    const auto result = srt("1\n00:00:01,000 --> 00:00:02,000\n[laughter]\n");
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_EQ(result.utterances[0].speaker, "");
    EXPECT_EQ(result.utterances[0].text, "[laughter]");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 2, "no speaker"));
}

TEST(Srt, ReadsLoneCarriageReturnsAsLineEnds) {
    const auto result =
        srt("1\r00:00:01,000 --> 00:00:02,000\rA: one\r\r2\r00:00:03,000 --> "
            "00:00:04,000\rB: two\r",
            1);
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 2u);
}

TEST(Srt, MalformedBlocksAndTimingsAreWarnings) {
    const auto result =
        srt("1\nnot a timing\ntext\n\n"                      // line 1: no timing line
            "stray words\n\n"                                // line 5: neither number nor timing
            "3\n00:00:01,000 --> 00:0x:02,000\nA: kept\n\n"  // line 8: malformed time
            "4\n");                                          // line 11: number at the end
    ASSERT_EQ(result.utterances.size(), 1u) << result.text();
    EXPECT_FALSE(result.utterances[0].start.has_value());
    EXPECT_TRUE(
        has_diagnostic(result.diagnostics, Severity::warning, 1, "subtitle 1 has no timing line"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 5,
                               "expected a subtitle number or a timing line"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 8,
                               "malformed timing '00:00:01,000 --> 00:0x:02,000'"));
    EXPECT_TRUE(
        has_diagnostic(result.diagnostics, Severity::warning, 11, "subtitle 4 has no timing line"))
        << result.text();
    EXPECT_TRUE(result.ok());
}

TEST(Srt, OnlyNumbersIsNoUtterances) {
    const auto result = srt("1\n\n2\n");
    EXPECT_TRUE(
        has_diagnostic(result.diagnostics, Severity::error, 1, "no utterances: expected SRT"))
        << result.text();
}
