// Lesson talk metrics on a worked example whose every figure is computed by hand below, in each
// timed format, untimed (the per-tenth split falls back to words), and on hand-built utterances.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>

#include "evidence_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

// data/lessons/floating.* — ten utterances, 0 to 100 s (the text version has no times):
//
//  #  time        speaker    role     words  questions (teacher: open/closed)  ends in '?'
//  1  0–8         Ms Khan    teacher   7     1 why… (open)                     yes
//  2  10–14       Student 1  pupil     4
//  3  15–20       Ms Khan    teacher   4     1 is… (closed)                    yes
//  4  24–26       S2         pupil     1
//  5  30–40       Ms Khan    teacher  13     1 what do you think… (open)       no
//  6  41–50       Group 1    group     5
//  7  52–58       Ms Khan    teacher  12     2 how many… / what is… (closed)   yes
//  8  57.5–62     Student 1  pupil     4     1 (a pupil question)
//  9  70–80       Ms Khan    teacher  10     1 can you explain… (open)         yes
// 10  90–100      Class      group     7
//
// Words: teacher 7+4+13+12+10 = 46, pupil 4+1+4 = 9, group 5+7 = 12; all 67.
// Seconds: teacher 8+5+10+6+10 = 39, pupil 4+2+4.5 = 10.5, group 9+10 = 19; all 68.5.
// Wait times after teacher utterances ending in '?': #1→#2 10−8 = 2, #3→#4 24−20 = 4,
// #7→#8 57.5−58 < 0 so 0 (overlap), #9→#10 90−80 = 10. Sorted 0 2 4 10: mean 16/4 = 4,
// median (2+4)/2 = 3, at least 3 s: 4 and 10, 2 of 4 = 0.5.
constexpr double eps = 1e-9;
using MetricMap = std::map<std::string, double>;

MetricMap analyse(const std::string& name, TranscriptFormat format, Diagnostics& out,
                  boost::json::object* details = nullptr) {
    const std::string bytes = read_bytes(evidence_data("lessons/" + name));
    MemoryByteSource input(bytes, name);
    DiagnosticSink sink(out, name);
    const auto metrics = analyse_lesson(format, input, SpeakerRoles::lesson(), sink);
    sink.finish();
    if (details != nullptr)
        *details = metrics.details();
    return metrics.metrics();
}

double at(const MetricMap& metrics, const std::string& key) {
    const auto it = metrics.find(key);
    EXPECT_NE(it, metrics.end()) << "no metric " << key;
    return it == metrics.end() ? -1 : it->second;
}

void expect_word_figures(const MetricMap& m) {
    EXPECT_EQ(at(m, "utterances"), 10);
    EXPECT_EQ(at(m, "words"), 67);
    EXPECT_EQ(at(m, "utterances.teacher"), 5);
    EXPECT_EQ(at(m, "utterances.pupil"), 3);
    EXPECT_EQ(at(m, "utterances.group"), 2);
    EXPECT_EQ(at(m, "utterances.other"), 0);
    EXPECT_EQ(at(m, "words.teacher"), 46);
    EXPECT_EQ(at(m, "words.pupil"), 9);
    EXPECT_EQ(at(m, "words.group"), 12);
    EXPECT_EQ(at(m, "words.other"), 0);
    EXPECT_NEAR(at(m, "talk_share_words.teacher"), 46.0 / 67, eps);
    EXPECT_NEAR(at(m, "talk_share_words.pupil"), 9.0 / 67, eps);
    EXPECT_NEAR(at(m, "talk_share_words.group"), 12.0 / 67, eps);
    EXPECT_EQ(at(m, "talk_share_words.other"), 0);
    EXPECT_NEAR(at(m, "mean_utterance_words.teacher"), 9.2, eps);
    EXPECT_NEAR(at(m, "mean_utterance_words.pupil"), 3.0, eps);
    EXPECT_NEAR(at(m, "mean_utterance_words.group"), 6.0, eps);
    EXPECT_FALSE(m.contains("mean_utterance_words.other")) << "other never spoke";
    EXPECT_EQ(at(m, "questions.teacher"), 6);
    EXPECT_EQ(at(m, "questions.pupil"), 1);
    EXPECT_EQ(at(m, "questions.group"), 0);
    EXPECT_EQ(at(m, "teacher_questions.open"), 3);
    EXPECT_EQ(at(m, "teacher_questions.closed"), 3);
    EXPECT_NEAR(at(m, "teacher_questions.open_share"), 0.5, eps);
}

void expect_time_figures(const MetricMap& m) {
    EXPECT_NEAR(at(m, "duration_seconds"), 100, eps);
    EXPECT_NEAR(at(m, "talk_seconds.teacher"), 39, eps);
    EXPECT_NEAR(at(m, "talk_seconds.pupil"), 10.5, eps);
    EXPECT_NEAR(at(m, "talk_seconds.group"), 19, eps);
    EXPECT_EQ(at(m, "talk_seconds.other"), 0);
    EXPECT_NEAR(at(m, "talk_share_time.teacher"), 39 / 68.5, eps);
    EXPECT_NEAR(at(m, "talk_share_time.pupil"), 10.5 / 68.5, eps);
    EXPECT_NEAR(at(m, "talk_share_time.group"), 19 / 68.5, eps);
    EXPECT_EQ(at(m, "wait_time.count"), 4);
    EXPECT_NEAR(at(m, "wait_time.mean_seconds"), 4, eps);
    EXPECT_NEAR(at(m, "wait_time.median_seconds"), 3, eps);
    EXPECT_NEAR(at(m, "wait_time.at_least_3s_share"), 0.5, eps);
}

const boost::json::object& tenth(const boost::json::object& details, std::size_t n) {
    return details.at("segments").at("tenths").at(n - 1).as_object();
}

double segment_metric(const boost::json::object& details, std::size_t n, std::string_view key) {
    const auto* value = tenth(details, n).at("metrics").as_object().if_contains(key);
    EXPECT_NE(value, nullptr) << "tenth " << n << " has no " << key;
    return value ? value->to_number<double>() : -1;
}

/// The parameter is a format's name; the file is floating.<its usual extension>.
class TimedLesson : public ::testing::TestWithParam<std::string> {};

TEST_P(TimedLesson, GivesTheHandComputedFigures) {
    const auto format = parse_transcript_format(GetParam());
    ASSERT_TRUE(format);
    const std::string extension = GetParam() == "webvtt" ? "vtt" : GetParam();
    Diagnostics out;
    const auto m = analyse("floating." + extension, *format, out);
    EXPECT_FALSE(has_errors(out));
    expect_word_figures(m);
    expect_time_figures(m);
}

INSTANTIATE_TEST_SUITE_P(EveryTimedFormat, TimedLesson, ::testing::Values("webvtt", "srt", "csv"));

TEST(LessonMetrics, SplitsATimedLessonIntoTenthsByTime) {
    // Span 0–100 s, so tenths of 10 s; each utterance goes to the tenth its start falls in:
    // #1 → 1st, #2 #3 → 2nd, #4 → 3rd, #5 → 4th, #6 → 5th, #7 #8 → 6th, #9 → 8th, #10 → 10th.
    Diagnostics out;
    boost::json::object details;
    (void)analyse("floating.vtt", TranscriptFormat::webvtt, out, &details);
    ASSERT_TRUE(details.contains("segments")) << boost::json::serialize(details);
    EXPECT_EQ(details.at("segments").at("basis"), "time");
    ASSERT_EQ(details.at("segments").at("tenths").as_array().size(), 10u);
    for (std::size_t n = 1; n <= 10; ++n)
        EXPECT_EQ(tenth(details, n).at("tenth"), n);
    const std::size_t per_tenth[] = {1, 2, 1, 1, 1, 2, 0, 1, 0, 1};
    for (std::size_t n = 1; n <= 10; ++n)
        EXPECT_EQ(segment_metric(details, n, "utterances"), per_tenth[n - 1]) << "tenth " << n;
    EXPECT_NEAR(tenth(details, 6).at("from").to_number<double>(), 50, eps);
    EXPECT_NEAR(tenth(details, 6).at("to").to_number<double>(), 60, eps);
    // 2nd tenth: #2 (pupil, 4 words) and #3 (teacher, 4 words, a closed question, waits 4 s).
    EXPECT_NEAR(segment_metric(details, 2, "talk_share_words.teacher"), 0.5, eps);
    EXPECT_NEAR(segment_metric(details, 2, "talk_share_time.teacher"), 5.0 / 9, eps);
    EXPECT_EQ(segment_metric(details, 2, "teacher_questions.closed"), 1);
    EXPECT_EQ(segment_metric(details, 2, "wait_time.count"), 1);
    EXPECT_NEAR(segment_metric(details, 2, "wait_time.mean_seconds"), 4, eps);
    // 1st tenth: the open question #1, whose wait (2 s) belongs where it was asked.
    EXPECT_EQ(segment_metric(details, 1, "teacher_questions.open"), 1);
    EXPECT_NEAR(segment_metric(details, 1, "wait_time.median_seconds"), 2, eps);
    EXPECT_NEAR(segment_metric(details, 1, "wait_time.at_least_3s_share"), 0, eps);
    // 6th tenth: #7's two closed questions, the overlap's wait of 0, and #8's pupil question.
    EXPECT_EQ(segment_metric(details, 6, "teacher_questions.closed"), 2);
    EXPECT_EQ(segment_metric(details, 6, "questions.pupil"), 1);
    EXPECT_NEAR(segment_metric(details, 6, "wait_time.mean_seconds"), 0, eps);
    // 8th tenth: #9, waiting 10 s.
    EXPECT_NEAR(segment_metric(details, 8, "wait_time.at_least_3s_share"), 1, eps);
    // 7th tenth: nobody spoke; counts are 0 and shares are absent.
    EXPECT_EQ(segment_metric(details, 7, "words"), 0);
    const auto& seventh = tenth(details, 7).at("metrics").as_object();
    EXPECT_FALSE(seventh.contains("talk_share_words.teacher"));
    EXPECT_FALSE(seventh.contains("duration_seconds")) << "a tenth has from and to";
}

TEST(LessonMetrics, UntimedLessonHasNoTimeFiguresAndSplitsByWords) {
    Diagnostics out;
    boost::json::object details;
    const auto m = analyse("floating.txt", TranscriptFormat::text, out, &details);
    EXPECT_FALSE(has_errors(out));
    expect_word_figures(m);
    for (const char* key : {"duration_seconds", "talk_seconds.teacher", "talk_share_time.teacher",
                            "wait_time.count", "wait_time.mean_seconds"})
        EXPECT_FALSE(m.contains(key)) << key;
    ASSERT_TRUE(details.contains("segments"));
    EXPECT_EQ(details.at("segments").at("basis"), "words");
    // Words before each utterance: 0 7 11 15 16 29 34 46 50 60 of 67; the tenth is
    // floor(10 × before / 67): 0 1 1 2 2 4 5 6 7 8 (0-based).
    const std::size_t per_tenth[] = {1, 2, 2, 0, 1, 1, 1, 1, 1, 0};
    for (std::size_t n = 1; n <= 10; ++n)
        EXPECT_EQ(segment_metric(details, n, "utterances"), per_tenth[n - 1]) << "tenth " << n;
    EXPECT_NEAR(tenth(details, 1).at("to").to_number<double>(), 6.7, eps);
    EXPECT_NEAR(segment_metric(details, 3, "talk_share_words.teacher"), 13.0 / 14, eps);
}

Utterance said(std::string speaker, std::string text, std::optional<double> start = {},
               std::optional<double> end = {}) {
    static std::size_t line = 0;
    Utterance u;
    u.line = ++line;
    u.speaker = std::move(speaker);
    u.text = std::move(text);
    u.start = start;
    u.end = end;
    return u;
}

std::vector<Utterance> numbered(std::vector<Utterance> utterances) {
    for (std::size_t i = 0; i < utterances.size(); ++i)
        utterances[i].index = i;
    return utterances;
}

TEST(LessonMetrics, AccumulatorAgreesWithAnalyseOverUtterancesInMemory) {
    const auto utterances = numbered({said("Teacher", "What is 7 times 8?", 0, 2),
                                      said("Pupil", "56", 3.5, 4), said("Teacher", "Good.", 4, 5)});
    LessonTalkMetrics by_hand;
    const auto roles = SpeakerRoles::lesson();
    for (const auto& u : utterances)
        by_hand.add(u, roles.role_for(u.speaker));
    by_hand.start_segments();
    for (const auto& u : utterances)
        by_hand.add_to_segment(u, roles.role_for(u.speaker));
    Diagnostics out;
    DiagnosticSink sink(out, "memory");
    const auto analysed = analyse_lesson(utterances, roles, sink);
    EXPECT_EQ(by_hand.metrics(), analysed.metrics());
    EXPECT_EQ(by_hand.details(), analysed.details());
    // One closed question, answered after 1.5 s; 5 + 1 + 1 words.
    const auto m = analysed.metrics();
    EXPECT_EQ(at(m, "teacher_questions.closed"), 1);
    EXPECT_NEAR(at(m, "wait_time.mean_seconds"), 1.5, eps);
    EXPECT_EQ(at(m, "words"), 7);
    EXPECT_TRUE(out.empty());
}

TEST(LessonMetrics, WaitTimeNeedsATeacherQuestionAtTheEndAndBothTimes) {
    const auto utterances = numbered({
        said("Teacher", "Why? Think about it.", 0, 1),  // ends in a statement: no wait
        said("Pupil", "Because.", 5, 6),
        said("Teacher", "Is that all?", 6, 7),  // next has no start: not counted
        said("Pupil", "Yes.", std::nullopt, std::nullopt),
        said("Pupil", "Can I go?", 20, 21),  // a pupil's question: no wait
        said("Teacher", "Where?", 30, 31),
        said("Teacher", "Anyone?", 33.5, 34),  // the teacher again, 2.5 s later: counted
        said("Pupil", "Here.", 40, 41),        // 6 s after "Anyone?"
    });
    Diagnostics out;
    DiagnosticSink sink(out, "memory");
    const auto m =
        analyse_lesson(utterances, SpeakerRoles::lesson(), sink, LessonMetricsOptions{2.5})
            .metrics();
    EXPECT_EQ(at(m, "wait_time.count"), 2);
    EXPECT_NEAR(at(m, "wait_time.mean_seconds"), (2.5 + 6) / 2, eps);
    EXPECT_NEAR(at(m, "wait_time.median_seconds"), (2.5 + 6) / 2, eps);
    // The threshold names the key; 2.5 s itself counts.
    EXPECT_NEAR(at(m, "wait_time.at_least_2.5s_share"), 1, eps);
    EXPECT_FALSE(m.contains("wait_time.at_least_3s_share"));
    // The median is the middle one of an odd count: gaps 1, 2, 9 → 2.
    const auto odd =
        numbered({said("T", "A?", 0, 1), said("S", "B", 2, 3), said("T", "C?", 3, 4),
                  said("S", "D", 6, 7), said("T", "E?", 7, 8), said("S", "F", 17, 18)});
    const auto m2 = analyse_lesson(odd, SpeakerRoles::lesson(), sink).metrics();
    EXPECT_NEAR(at(m2, "wait_time.median_seconds"), 2, eps);
    EXPECT_NEAR(at(m2, "wait_time.mean_seconds"), 4, eps);
    EXPECT_NEAR(at(m2, "wait_time.at_least_3s_share"), 1.0 / 3, eps);
}

TEST(LessonMetrics, WarnsOncePerUnmappedSpeakerAtTheFirstLineTheySpeak) {
    const std::string bytes = "Ms Khan: Who is ready?\nSam: Me.\nSam: And me.\nPriya: Me too.\n";
    MemoryByteSource input(bytes, "names.txt");
    Diagnostics out;
    DiagnosticSink sink(out, "names.txt");
    const auto m = analyse_lesson(TranscriptFormat::text, input, SpeakerRoles::lesson(), sink);
    sink.finish();
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].severity, Severity::warning);
    EXPECT_EQ(out[0].line, 2u);
    EXPECT_NE(out[0].message.find("'Sam'"), std::string::npos) << out[0].message;
    EXPECT_NE(out[0].message.find("--speaker 'Sam=pupil'"), std::string::npos);
    EXPECT_NE(out[0].message.find("\"speakers\""), std::string::npos);
    EXPECT_EQ(out[1].line, 4u);
    EXPECT_EQ(at(m.metrics(), "utterances.other"), 3);
    // Mapped, they are pupils and nothing is said.
    auto roles = SpeakerRoles::lesson();
    roles.assign("sam", "pupil");
    roles.assign("PRIYA", "pupil");
    Diagnostics quiet;
    DiagnosticSink quiet_sink(quiet, "names.txt");
    ASSERT_TRUE(input.rewind());
    const auto mapped = analyse_lesson(TranscriptFormat::text, input, roles, quiet_sink);
    EXPECT_TRUE(quiet.empty());
    EXPECT_EQ(at(mapped.metrics(), "utterances.pupil"), 3);
}

/// A pipe: read once, never rewound.
class OnceByteSource final : public ByteSource {
public:
    explicit OnceByteSource(std::string bytes) : bytes_(std::move(bytes)), inner_(bytes_, "pipe") {}
    ~OnceByteSource() override = default;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override {
        return inner_.read(buffer, size);
    }
    [[nodiscard]] bool rewind() override { return false; }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return std::nullopt; }
    [[nodiscard]] const std::string& name() const override { return inner_.name(); }

private:
    std::string bytes_;  // before inner_, which views it
    MemoryByteSource inner_;
};

TEST(LessonMetrics, ASourceThatCannotRewindIsAnErrorButKeepsTheFirstPass) {
    OnceByteSource input(read_bytes(evidence_data("lessons/floating.csv")));
    Diagnostics out;
    DiagnosticSink sink(out, "pipe");
    const auto metrics = analyse_lesson(TranscriptFormat::csv, input, SpeakerRoles::lesson(), sink);
    ASSERT_TRUE(has_errors(out));
    EXPECT_NE(out.back().message.find("two passes"), std::string::npos) << out.back().message;
    expect_word_figures(metrics.metrics());
    EXPECT_FALSE(metrics.details().contains("segments"));
}

TEST(LessonMetrics, AnEmptyTranscriptIsAnErrorWithZeroCounts) {
    MemoryByteSource input("", "empty.vtt");
    Diagnostics out;
    DiagnosticSink sink(out, "empty.vtt");
    const auto metrics =
        analyse_lesson(TranscriptFormat::webvtt, input, SpeakerRoles::lesson(), sink);
    EXPECT_TRUE(has_errors(out));
    const auto m = metrics.metrics();
    EXPECT_EQ(at(m, "utterances"), 0);
    EXPECT_FALSE(m.contains("talk_share_words.teacher"));
    EXPECT_FALSE(metrics.details().contains("segments"));
}

TEST(LessonMetrics, RefusesAThresholdOfZeroAndARoleItDoesNotHave) {
    EXPECT_THROW(LessonTalkMetrics(LessonMetricsOptions{0}), Error);
    EXPECT_THROW(LessonTalkMetrics(LessonMetricsOptions{-1}), Error);
    LessonTalkMetrics metrics;
    EXPECT_THROW(metrics.add(said("Coach", "Hello"), "coach"), Error);
}

TEST(LessonMetrics, SpeakerTableListsEachSpeakerInOrderOfFirstWords) {
    Diagnostics out;
    boost::json::object details;
    (void)analyse("floating.csv", TranscriptFormat::csv, out, &details);
    const auto& speakers = details.at("speakers").as_array();
    ASSERT_EQ(speakers.size(), 5u);  // Ms Khan, Student 1, S2, Group 1, Class
    EXPECT_EQ(speakers[0].at("speaker"), "Ms Khan");
    EXPECT_EQ(speakers[0].at("role"), "teacher");
    EXPECT_EQ(speakers[0].at("utterances").to_number<int>(), 5);
    EXPECT_EQ(speakers[0].at("words").to_number<int>(), 46);
    EXPECT_EQ(speakers[0].at("questions").to_number<int>(), 6);
    EXPECT_NEAR(speakers[0].at("talk_seconds").to_number<double>(), 39, eps);
    EXPECT_EQ(speakers[0].at("first_line").to_number<int>(), 2);
    EXPECT_EQ(speakers[1].at("speaker"), "Student 1");
    EXPECT_EQ(speakers[1].at("utterances").to_number<int>(), 2);
    EXPECT_EQ(speakers[4].at("role"), "group");
}

}  // namespace
