#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

ReadResult csv(std::string_view text, std::size_t chunk = 0) {
    return read_transcript_bytes(TranscriptFormat::csv, text, chunk);
}

}  // namespace

TEST(CsvTranscript, ReadsSpeakerTextTimesAndCodes) {
    const auto result =
        csv("Speaker,Utterance,Start,End,Initiation,Function,,Notes\n"
            "Mr Osei,\"How did it go,\nreally?\",00:00:01.5,4,coach,question,ignored,\n"
            " Ms Khan ,Well.,5,00:00:09,coachee,evaluation,x,brief\n");
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 2u);
    const Utterance& first = result.utterances[0];
    EXPECT_EQ(first.speaker, "Mr Osei");
    EXPECT_EQ(first.text, "How did it go, really?");
    EXPECT_EQ(first.start, 1.5);
    EXPECT_EQ(first.end, 4.0);
    EXPECT_EQ(first.fields, (std::map<std::string, std::string>{{"initiation", "coach"},
                                                                {"function", "question"}}))
        << "unnamed columns and empty cells are left out";
    EXPECT_EQ(result.utterances[1].speaker, "Ms Khan");
    EXPECT_EQ(result.utterances[1].end, 9.0);
    EXPECT_EQ(result.utterances[1].fields.at("notes"), "brief");
    EXPECT_EQ(result.utterances[1].line, 4u);
}

TEST(CsvTranscript, TextMayBeCalledContent) {
    const auto result = csv("speaker,content\nA,hello\n");
    ASSERT_EQ(result.utterances.size(), 1u) << result.text();
    EXPECT_EQ(result.utterances[0].text, "hello");
    EXPECT_FALSE(result.utterances[0].start.has_value());
}

TEST(CsvTranscript, AMissingRequiredColumnIsAnErrorNamingTheColumnsFound) {
    const auto result = csv("who,text,start\nA,hello,1\n");
    EXPECT_TRUE(result.utterances.empty());
    ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
    EXPECT_EQ(result.diagnostics[0].line, 1u);
    EXPECT_EQ(result.diagnostics[0].message,
              "missing required column 'speaker': the header has who, text, start");
    const auto both = csv("a,b\n1,2\n");
    EXPECT_TRUE(has_diagnostic(both.diagnostics, Severity::error, 1,
                               "missing required column 'speaker' and 'text' (or 'utterance' or "
                               "'content')"))
        << both.text();
}

TEST(CsvTranscript, MalformedTimesEmptyTextAndMissingSpeakersAreWarnings) {
    const auto result =
        csv("speaker,text,start,end\n"
            "A,one,1:2,5\n"   // line 2: malformed start
            "B,,3,4\n"        // line 3: no text
            ",three,5,6\n");  // line 4: no speaker
    ASSERT_EQ(result.utterances.size(), 2u) << result.text();
    EXPECT_FALSE(result.utterances[0].start.has_value());
    EXPECT_FALSE(result.utterances[0].end.has_value()) << "both times go with a malformed one";
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 2,
                               "malformed time '1:2' in column 'start'"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 3, "row has no text"));
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 4,
                               "no speaker: expected a name in the 'speaker' column"))
        << result.text();
    EXPECT_TRUE(result.ok());
}

TEST(CsvTranscript, AHeaderAloneHasNoUtterances) {
    const auto result = csv("speaker,text\n");
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::error, 1,
                               "no utterances: expected rows of speaker and text"));
}

TEST(CsvTranscript, WarningsOnEveryRowAreBounded) {
    std::string text = "speaker,text\n";
    for (int i = 0; i < 5000; ++i)
        text += ",words\n";
    const auto result = csv(text);
    EXPECT_EQ(result.utterances.size(), 5000u);
    EXPECT_EQ(result.diagnostics.size(), 21u) << "20 warnings and one summary";
    EXPECT_TRUE(has_diagnostic(result.diagnostics, Severity::warning, 22,
                               "and 4980 more warnings of this kind (missing-speaker)"))
        << result.text();
}
