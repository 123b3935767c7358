#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

ReadResult text(std::string_view bytes, std::size_t chunk = 0) {
    return read_transcript_bytes(TranscriptFormat::text, bytes, chunk);
}

std::vector<std::string> speakers(const ReadResult& result) {
    std::vector<std::string> names;
    for (const auto& u : result.utterances)
        names.push_back(u.speaker);
    return names;
}

}  // namespace

TEST(TextTranscript, ReadsSpeakerLinesAndContinuations) {
    const auto result = text(
        "Ms Khan: Good morning.\n"
        "Today: fractions.\n"  // "Today" is a capitalised word: a speaker by the rule
        "\n"
        "Amir:\n"
        "I think\n"
        "\n"
        "it is a half.\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 3u);
    EXPECT_EQ(speakers(result), (std::vector<std::string>{"Ms Khan", "Today", "Amir"}));
    EXPECT_EQ(result.utterances[2].text, "I think it is a half.");
    EXPECT_EQ(result.utterances[2].line, 4u);
}

TEST(TextTranscript, ProseWithAColonIsNotASpeaker) {
    const auto result = text(
        "Ms Khan: We looked at three things: halves, thirds and quarters.\n"
        "The answer is: seven.\n"
        "Note: the bell rang here.\n"
        "Remember this, class: always compare.\n"
        "See https://example.org/fractions for more.\n"
        "At 10:30 we stopped.\n"
        "3: a numbered point\n"
        "What did you see? Amir: nothing\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 1u);
    EXPECT_EQ(result.utterances[0].speaker, "Ms Khan");
    EXPECT_NE(result.utterances[0].text.find("The answer is: seven. Note: the bell"),
              std::string::npos);
}

TEST(TextTranscript, AcceptsTheUsualShapesOfSpeakerNames) {
    const auto result = text(
        "T: one\nS1: two\nPupil 3: three\nGroup A: four\nMr. O'Neil: five\nMs van Dijk: six\n"
        "Head of Year: seven\nteacher: eight\nZo\xC3\xAB: nine\nTeacher (Ms Khan): ten\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    EXPECT_EQ(speakers(result), (std::vector<std::string>{
                                    "T", "S1", "Pupil 3", "Group A", "Mr. O'Neil", "Ms van Dijk",
                                    "Head of Year", "teacher", "Zo\xC3\xAB", "Teacher (Ms Khan)"}));
}

TEST(TextTranscript, ALeadingTimeGivesTheStart) {
    const auto result = text(
        "[00:00:05] Ms Khan: one\n"
        "(00:10.5) Amir: two\n"
        "00:00:20 - Bella: three\n"
        "[00:01:00]\n"
        "Ms Khan: four\n"
        "[inaudible] five\n");
    ASSERT_EQ(result.utterances.size(), 4u) << result.text();
    EXPECT_EQ(result.utterances[0].start, 5.0);
    EXPECT_EQ(result.utterances[1].start, 10.5);
    EXPECT_EQ(result.utterances[2].start, 20.0);
    EXPECT_EQ(result.utterances[2].speaker, "Bella");
    EXPECT_EQ(result.utterances[3].start, 60.0) << "a time on its own line times the next";
    EXPECT_EQ(result.utterances[3].text, "four [inaudible] five");
    EXPECT_FALSE(result.utterances[0].end.has_value());
}

TEST(TextTranscript, ATimedLineWithoutASpeakerIsItsOwnUtterance) {
    const auto result = text("Ms Khan: one\n[00:00:09] two\n");
    ASSERT_EQ(result.utterances.size(), 2u);
    EXPECT_EQ(result.utterances[1].speaker, "");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 2, "no speaker"));
}

TEST(TextTranscript, TextBeforeAnySpeakerIsAnUtteranceWithAWarning) {
    const auto result = text("Some words first\nMs Khan: hello\n");
    ASSERT_EQ(result.utterances.size(), 2u);
    EXPECT_EQ(result.utterances[0].speaker, "");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 1,
                               "no speaker: expected 'Speaker: text'"))
        << result.text();
}

TEST(TextTranscript, MalformedTimesAndEmptyTurnsAreWarnings) {
    const auto result = text("[00:7x:00] A: one\nB:\nC: three\n[00:00:01] D: four\n");
    ASSERT_EQ(result.utterances.size(), 3u) << result.text();
    EXPECT_EQ(result.utterances[0].speaker, "A");
    EXPECT_FALSE(result.utterances[0].start.has_value());
    EXPECT_TRUE(
        has_diagnostic(result.diagnostics, Severity::warning, 1, "malformed timing '00:7x:00'"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 2, "'B:' has no text"));
    EXPECT_EQ(result.utterances[1].speaker, "C");
    EXPECT_EQ(result.utterances[1].text, "three");
    EXPECT_EQ(result.utterances[2].start, 1.0) << result.text();
}

TEST(TextTranscript, EmptyOrBlankInputHasNoUtterances) {
    EXPECT_TRUE(has_diagnostic(text("").diagnostics, Severity::error, 1, "empty input"));
    EXPECT_TRUE(has_diagnostic(text(" \n\t\n").diagnostics, Severity::error, 1, "no utterances"));
}

TEST(TextTranscript, ContinuationLinesAreBounded) {
    std::string bytes = "Ms Khan: start\n";
    const std::string line(100000, 'w');
    while (bytes.size() < max_utterance_bytes + 200000)
        bytes += line + "\n";
    const auto result = text(bytes);
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1, "utterance longer than"))
        << result.text();
    EXPECT_TRUE(result.utterances.empty());
}
