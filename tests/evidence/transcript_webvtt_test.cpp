#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

ReadResult vtt(std::string_view text, std::size_t chunk = 0) {
    return read_transcript_bytes(TranscriptFormat::webvtt, text, chunk);
}

}  // namespace

TEST(WebVtt, VoiceTagsNameTheSpeakerAndOtherMarkupIsStripped) {
    const auto result =
        vtt("WEBVTT\n\n"
            "00:01.000 --> 00:04.000 line:0 align:start\n"
            "<v.loud Ms Khan><i>Good</i> <c.yellow>morning</c>, <00:02.000>everyone.</v>\n\n"
            "00:05.000 --> 00:06.000\n"
            "<v Amir>Fish &amp; chips &lt;3&gt;&nbsp;&#233;&#x263A;&bogus;</v>\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 2u);
    EXPECT_EQ(result.utterances[0].speaker, "Ms Khan");
    EXPECT_EQ(result.utterances[0].text, "Good morning, everyone.");
    EXPECT_EQ(result.utterances[0].start, 1.0);
    EXPECT_EQ(result.utterances[0].end, 4.0);
    EXPECT_EQ(result.utterances[1].text, "Fish & chips <3> \xC3\xA9\xE2\x98\xBA&bogus;");
}

TEST(WebVtt, ASpeakerPrefixWorksWithoutVoiceTags) {
    const auto result = vtt("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nMs Khan: Hello\nthere\n");
    ASSERT_EQ(result.utterances.size(), 1u) << result.text();
    EXPECT_EQ(result.utterances[0].speaker, "Ms Khan");
    EXPECT_EQ(result.utterances[0].text, "Hello there");
    EXPECT_EQ(result.utterances[0].line, 4u);
}

TEST(WebVtt, NoteStyleAndRegionBlocksCarryNoTalk) {
    const auto result =
        vtt("\xEF\xBB\xBFWEBVTT - lesson 3\nKind: captions\n\n"
            "STYLE\n::cue { color: red }\n\n"
            "REGION\nid:left\n\n"
            "NOTE this is not talk\nnor is this\n\n"
            "00:00:01.000 --> 00:00:02.000\n<v T>Talk</v>\n\n"
            "NOTE\n00:00:09.000 --> 00:00:10.000 inside a note\n\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_EQ(result.utterances[0].text, "Talk");
}

TEST(WebVtt, AMissingHeaderIsAnError) {
    const auto result = vtt("1\n00:00:01,000 --> 00:00:02,000\nHello\n");
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1,
                               "expected 'WEBVTT' on the first line, found '1' (if this is an "
                               "SRT file, read it as format 'srt')"))
        << result.text();
    EXPECT_FALSE(vtt("WEBVTTX\n").ok());
}

TEST(WebVtt, ACueWithoutTimingIsSkippedWithAWarning) {
    const auto result =
        vtt("WEBVTT\n\nintro\nHello\n\n00:00:01.000 --> 00:00:02.000\n<v A>Kept</v>\n");
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_EQ(result.utterances[0].text, "Kept");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3,
                               "expected a cue timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm' after "
                               "'intro'"))
        << result.text();
}

TEST(WebVtt, AMalformedTimingKeepsTheCueWithoutTimes) {
    const auto result = vtt("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\n<v A>Kept</v>\n");
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_FALSE(result.utterances[0].start.has_value());
    EXPECT_FALSE(result.utterances[0].end.has_value());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3, "malformed timing"))
        << result.text();
}

TEST(WebVtt, TimesOutOfOrderOverlappingOrBackwardsAreWarnings) {
    const auto result =
        vtt("WEBVTT\n\n"
            "00:00:10.000 --> 00:00:20.000\n<v T>one</v>\n\n"        // line 3
            "00:00:15.000 --> 00:00:25.000\n<v P>overlaps</v>\n\n"   // line 6
            "00:00:05.000 --> 00:00:06.000\n<v T>earlier</v>\n\n"    // line 9
            "00:00:30.000 --> 00:00:29.000\n<v T>backwards</v>\n");  // line 12
    ASSERT_EQ(result.utterances.size(), 4u);
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 6,
                               "before the previous utterance (line 3) ends at 00:00:20.000"))
        << result.text();
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 9,
                               "before the previous utterance (line 6) starts at 00:00:15.000"))
        << result.text();
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 12,
                               "ends at 00:00:29.000, before it starts at 00:00:30.000"))
        << result.text();
    EXPECT_FALSE(result.utterances[3].start.has_value());
    EXPECT_TRUE(result.ok());
}

TEST(WebVtt, EmptyCuesAndMissingSpeakersAreWarnings) {
    const auto result =
        vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i></i>\n\n"
            "00:00:03.000 --> 00:00:04.000\nNobody said who\n");
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3, "cue has no text"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 6, "no speaker"))
        << result.text();
}

TEST(WebVtt, SeveralVoicesInOneCueGoToTheFirst) {
    const auto result =
        vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hi</v>\n<v B>Hello</v>\n");
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_EQ(result.utterances[0].speaker, "A");
    EXPECT_EQ(result.utterances[0].text, "Hi Hello");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3, "more than one speaker"));
}

TEST(WebVtt, ACueWithoutABlankLineBeforeTheNextStillEnds) {
    const auto result =
        vtt("WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v A>one</v>\n00:00:03.000 --> 00:00:04.000\n"
            "<v B>two</v>\n");
    ASSERT_EQ(result.utterances.size(), 2u) << result.text();
    EXPECT_EQ(result.utterances[1].speaker, "B");
    EXPECT_EQ(result.utterances[1].line, 4u);
}

TEST(WebVtt, AHeaderAloneHasNoUtterances) {
    const auto result = vtt("WEBVTT\n\nNOTE nothing\n");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1, "no utterances"));
    const auto empty = vtt("");
    EXPECT_TRUE(has_diagnostic(empty.diagnostics, Severity::error, 1, "empty input: no utterances"))
        << empty.text();
}

TEST(WebVtt, ACueLongerThanTheLimitIsAnError) {
    std::string text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n";
    const std::string line(60000, 'w');
    while (text.size() < max_utterance_bytes + 100000)
        text += line + "\n";
    const auto result = vtt(text);
    EXPECT_TRUE(result.utterances.empty());
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 3,
                               "utterance longer than 1048576 bytes"))
        << result.text();
}
