// The clean sample transcripts: the same lesson extract in each format reads as the same
// utterances, with no diagnostic.
#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

#include "evidence_support.hpp"
#include "reading_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

struct Expected {
    std::string speaker;
    std::string text;
    double start;
    double end;
};

const std::vector<Expected>& lesson() {
    static const std::vector<Expected> utterances{
        {"Ms Khan", "Good morning, Year 5. Today we are going to compare fractions.", 1, 6.5},
        {"Ms Khan", "Who can tell me which is bigger, one half or one third?", 7, 11},
        {"Amir", "One half.", 14, 16},
        {"Ms Khan", "Why do you think one half is bigger?", 16.5, 20},
        {"Amir",
         "Because if you cut a pizza into two pieces, each piece is bigger than if you cut it "
         "into three.",
         23, 31},
        {"Ms Khan", "Lovely reasoning. Bella, do you agree with Amir?", 31.5, 37},
        {"Bella", "Yes.", 38, 40},
        {"Ms Khan",
         "How could we show that on the fraction wall? Talk to your partner for one minute.", 40.5,
         48},
        {"Group 2", "We think the half line is longer than the third line, so it is bigger.", 110,
         118},
        {"Bella", "Is a quarter smaller than a third then?", 118.5, 124},
        {"Ms Khan", "What does everyone think? Put your thumbs up if you agree with Bella.", 124.5,
         132},
        {"Amir", "Yes, because there are more pieces & each one is smaller.", 135, 139},
    };
    return utterances;
}

void expect_lesson(const ReadResult& result, bool has_end) {
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), lesson().size());
    for (std::size_t i = 0; i < lesson().size(); ++i) {
        const Utterance& u = result.utterances[i];
        const Expected& e = lesson()[i];
        EXPECT_EQ(u.index, i);
        EXPECT_EQ(u.speaker, e.speaker) << "utterance " << i;
        EXPECT_EQ(u.text, e.text) << "utterance " << i;
        EXPECT_EQ(u.start, e.start) << "utterance " << i;
        if (has_end)
            EXPECT_EQ(u.end, e.end) << "utterance " << i;
        else
            EXPECT_FALSE(u.end.has_value());
    }
}

ReadResult read_sample(std::string_view name, TranscriptFormat format, std::size_t chunk = 0) {
    const std::string bytes =
        read_bytes(evidence_data(std::string("transcripts/") + std::string(name)));
    return read_transcript_bytes(format, bytes, chunk);
}

}  // namespace

TEST(TranscriptSamples, WebVttReadsAsTheLesson) {
    const auto result = read_sample("lesson.vtt", TranscriptFormat::webvtt);
    expect_lesson(result, true);
    EXPECT_EQ(result.utterances[0].line, 8u);  // the timing line after the identifier
}

TEST(TranscriptSamples, SrtReadsAsTheLesson) {
    expect_lesson(read_sample("lesson.srt", TranscriptFormat::srt), true);
}

TEST(TranscriptSamples, CsvReadsAsTheLessonWithItsPhaseColumn) {
    const auto result = read_sample("lesson.csv", TranscriptFormat::csv);
    expect_lesson(result, true);
    ASSERT_EQ(result.utterances.size(), lesson().size());
    EXPECT_EQ(result.utterances[8].fields.at("phase"), "pair-work");
    EXPECT_EQ(result.utterances[0].line, 2u);
}

TEST(TranscriptSamples, TextReadsAsTheLessonWithStartTimesOnly) {
    const auto result = read_sample("lesson.txt", TranscriptFormat::text);
    expect_lesson(result, false);
}

TEST(TranscriptSamples, ChunkBoundariesChangeNothing) {
    for (const auto& [name, format] : std::vector<std::pair<std::string, TranscriptFormat>>{
             {"lesson.vtt", TranscriptFormat::webvtt},
             {"lesson.srt", TranscriptFormat::srt},
             {"lesson.csv", TranscriptFormat::csv},
             {"lesson.txt", TranscriptFormat::text},
             {"coaching.csv", TranscriptFormat::csv},
             {"coaching.txt", TranscriptFormat::text}}) {
        const auto whole = read_sample(name, format);
        const auto bytewise = read_sample(name, format, 1);
        ASSERT_EQ(whole.utterances.size(), bytewise.utterances.size()) << name;
        for (std::size_t i = 0; i < whole.utterances.size(); ++i)
            EXPECT_TRUE(same_utterance(whole.utterances[i], bytewise.utterances[i]))
                << name << " utterance " << i;
        EXPECT_EQ(whole.text(), bytewise.text()) << name;
    }
}

TEST(TranscriptSamples, TheCoachingConversationCarriesItsCodes) {
    const auto result = read_sample("coaching.csv", TranscriptFormat::csv);
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    ASSERT_EQ(result.utterances.size(), 7u);
    const Utterance& challenge = result.utterances[4];
    EXPECT_EQ(challenge.speaker, "Mr Osei");
    const std::map<std::string, std::string> codes{{"initiation", "coach"},
                                                   {"stimulus", "video"},
                                                   {"scale", "incident"},
                                                   {"time", "past"},
                                                   {"function", "challenge"}};
    EXPECT_EQ(challenge.fields, codes);

    const auto text = read_sample("coaching.txt", TranscriptFormat::text);
    EXPECT_TRUE(text.diagnostics.empty()) << text.text();
    ASSERT_EQ(text.utterances.size(), 7u);
    for (std::size_t i = 0; i < 7; ++i) {
        EXPECT_EQ(text.utterances[i].speaker, result.utterances[i].speaker);
        EXPECT_EQ(text.utterances[i].text, result.utterances[i].text);
    }
}
