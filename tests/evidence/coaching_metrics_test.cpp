// The codes of coaching talk (vocabulary, sidecar, CSV columns) and coaching-conversation metrics
// on a worked example computed by hand below.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>
#include <coachkit/evidence/coaching_codes.hpp>

#include "evidence_support.hpp"

using namespace coachkit;
using namespace coachkit::testing;

namespace {

using MetricMap = std::map<std::string, double>;
constexpr double eps = 1e-9;

double at(const MetricMap& metrics, const std::string& key) {
    const auto it = metrics.find(key);
    EXPECT_NE(it, metrics.end()) << "no metric " << key;
    return it == metrics.end() ? -1 : it->second;
}

bool has(const Diagnostics& out, Severity severity, std::string_view pointer,
         std::string_view fragment) {
    for (const auto& d : out) {
        if (d.severity == severity && d.pointer == pointer &&
            d.message.find(fragment) != std::string::npos)
            return true;
    }
    return false;
}

std::string text_of(const Diagnostics& out) {
    std::string all;
    for (const auto& d : out)
        all += d.to_string() + "\n";
    return all;
}

TEST(CoachingCodes, VocabularyHasTheFiveDimensionsWithTheirSource) {
    const auto& dimensions = coaching_dimensions();
    std::vector<std::string> ids;
    for (const auto& d : dimensions) {
        ids.push_back(d.id);
        EXPECT_EQ(d.source, "002_4b16babbfb4ecaf5.txt");
        EXPECT_FALSE(d.values.empty());
        for (const auto& v : d.values) {
            EXPECT_EQ(normalise_code(v.id), v.id) << "values are in normal form";
            EXPECT_FALSE(v.description.empty());
            for (const auto& alias : v.aliases) {
                EXPECT_EQ(normalise_code(alias), alias) << alias;
                EXPECT_EQ(resolve_code(d.id, alias), v.id) << alias << " is no other value's";
            }
        }
    }
    EXPECT_EQ(ids,
              (std::vector<std::string>{"initiation", "stimulus", "scale", "time", "function"}));
    EXPECT_TRUE(is_valid("stimulus", "video"));
    EXPECT_TRUE(is_valid("function", "justify"));
    EXPECT_TRUE(is_valid("scale", "critical-incident"));
    EXPECT_FALSE(is_valid("stimulus", "justify")) << "a value of another dimension";
    EXPECT_FALSE(is_valid("mood", "happy"));
    EXPECT_FALSE(is_valid("function", "Justify")) << "is_valid takes normal forms";
    EXPECT_EQ(find_coaching_dimension("time")->name, "Time");
    EXPECT_EQ(find_coaching_dimension("timing"), nullptr);
}

TEST(CoachingCodes, NormalisesAndSplitsCells) {
    EXPECT_EQ(normalise_code("  Critical incident "), "critical-incident");
    EXPECT_EQ(normalise_code("observation_notes"), "observation-notes");
    EXPECT_EQ(normalise_code("Problem -- Solve"), "problem-solve");
    EXPECT_EQ(split_code_values("explain; Justify|  |suggest"),
              (std::vector<std::string>{"explain", "justify", "suggest"}));
    EXPECT_TRUE(split_code_values(" ; ").empty());
}

TEST(CoachingCodes, ResolvesWhatCodersWriteToTheVocabulary) {
    EXPECT_EQ(resolve_code("function", "Evaluation"), "evaluate");
    EXPECT_EQ(resolve_code("function", "co construction"), "co-construct");
    EXPECT_EQ(resolve_code("initiation", "Coachee"), "learner");
    EXPECT_EQ(resolve_code("scale", "Critical incident"), "critical-incident");
    EXPECT_EQ(resolve_code("scale", "lesson"), "whole-lesson");
    EXPECT_EQ(resolve_code("stimulus", "video"), "video");
    // Negative: unknown words, another dimension's value, an unknown dimension.
    EXPECT_EQ(resolve_code("function", "explian"), "");
    EXPECT_EQ(resolve_code("stimulus", "evaluation"), "");
    EXPECT_EQ(resolve_code("mood", "calm"), "");
}

TEST(CoachingCodes, TheSidecarSchemaListsTheVocabulary) {
    const auto schema = boost::json::parse(
        read_bytes(evidence_data("../../../docs/schemas/turn-codes.schema.json")));
    const auto& properties = schema.at_pointer("/properties/turns/items/properties").as_object();
    for (const auto& dimension : coaching_dimensions()) {
        ASSERT_TRUE(properties.contains(dimension.id)) << dimension.id;
        const auto& listed = properties.at(dimension.id).at_pointer("/oneOf/0/enum").as_array();
        ASSERT_EQ(listed.size(), dimension.values.size()) << dimension.id;
        for (std::size_t i = 0; i < listed.size(); ++i)
            EXPECT_EQ(listed[i].as_string(), dimension.values[i].id);
    }
    EXPECT_EQ(properties.size(), coaching_dimensions().size() + 1);  // and "turn"
}

TEST(TurnCodes, ReadsASidecar) {
    Diagnostics out;
    const auto codes = TurnCodes::read(
        boost::json::parse(read_bytes(evidence_data("coaching/feedback.codes.json"))),
        "feedback.codes.json", "", out);
    EXPECT_TRUE(out.empty()) << text_of(out);
    EXPECT_EQ(codes.size(), 6u);
    ASSERT_NE(codes.codes_for(4), nullptr);
    EXPECT_EQ(codes.codes_for(4)->at("function"), (std::vector<std::string>{"explain", "suggest"}));
    EXPECT_EQ(codes.codes_for(4)->at("time"), (std::vector<std::string>{"present", "future"}));
    EXPECT_EQ(codes.codes_for(5), nullptr);
    codes.check_turns(7, out);
    EXPECT_TRUE(out.empty());
    codes.check_turns(5, out);  // a transcript of 5 turns: turns 6 and 7 are beyond it
    ASSERT_EQ(out.size(), 2u) << text_of(out);
    EXPECT_TRUE(has(out, Severity::warning, "/turns/4/turn", "turn 6 is beyond the transcript"));
    EXPECT_TRUE(has(out, Severity::warning, "/turns/5/turn", "turn 7"));
}

TEST(TurnCodes, WarnsAboutUnknownDimensionsAndValuesAtTheirPointers) {
    Diagnostics out;
    const auto codes = TurnCodes::read(boost::json::parse(R"({
        "schema": "coachkit.turn-codes/1",
        "turns": [
          {"turn": 1, "function": ["explain", "explian"], "mood": "calm"},
          {"turn": 2, "stimulus": "Observation notes; videos", "scale": 3},
          {"turn": 1, "time": "future"}
        ]})"),
                                       "request", "/options/codes", out);
    EXPECT_FALSE(has_errors(out)) << text_of(out);
    EXPECT_TRUE(has(out, Severity::warning, "/options/codes/turns/0/function/1",
                    "unknown function 'explian'"));
    EXPECT_TRUE(
        has(out, Severity::warning, "/options/codes/turns/0/mood", "unknown dimension 'mood'"));
    EXPECT_TRUE(has(out, Severity::warning, "/options/codes/turns/1/stimulus",
                    "unknown stimulus 'videos'"));
    EXPECT_TRUE(has(out, Severity::warning, "/options/codes/turns/1/scale",
                    "must be a string or an array"));
    EXPECT_TRUE(has(out, Severity::warning, "/options/codes/turns/2",
                    "also given at /options/codes/turns/0"));
    // What was valid is kept, and the repeated turn's codes are merged.
    EXPECT_EQ(codes.codes_for(1)->at("function"), (std::vector<std::string>{"explain"}));
    EXPECT_EQ(codes.codes_for(1)->at("time"), (std::vector<std::string>{"future"}));
    EXPECT_EQ(codes.codes_for(2)->at("stimulus"), (std::vector<std::string>{"observation-notes"}));
}

TEST(TurnCodes, ErrorsForASidecarThatIsNotOne) {
    const auto read = [](const char* json) {
        Diagnostics out;
        (void)TurnCodes::read(boost::json::parse(json), "request", "/options/codes", out);
        return out;
    };
    EXPECT_TRUE(has(read("[1, 2]"), Severity::error, "/options/codes", "must be a JSON object"));
    EXPECT_TRUE(has(read(R"({"turns": []})"), Severity::error, "/options/codes",
                    "missing required field 'schema'"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/2", "turns": []})"), Severity::error,
                    "/options/codes/schema", "coachkit.turn-codes/1"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/1", "turns": {}})"), Severity::error,
                    "/options/codes/turns", "must be an array"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/1", "turns": [{"turn": 0}]})"),
                    Severity::error, "/options/codes/turns/0/turn", "whole number from 1"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/1", "turns": [{"turn": 2.5}]})"),
                    Severity::error, "/options/codes/turns/0/turn", "whole number from 1"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/1", "turns": [{"function": "x"}]})"),
                    Severity::error, "/options/codes/turns/0", "missing required field 'turn'"));
    EXPECT_TRUE(has(read(R"({"schema": "coachkit.turn-codes/1", "turns": ["t"]})"), Severity::error,
                    "/options/codes/turns/0", "must be an object"));
    EXPECT_TRUE(read(R"({"schema": "coachkit.turn-codes/1", "turns": [{"turn": 3.0}]})").empty());
}

// data/coaching/feedback.csv (and feedback.vtt with feedback.codes.json), seven turns over 90 s:
//
//  #  time    speaker   role      words  questions  codes
//  1  0–10    Coach     coach      7     1          coach recall whole-lesson present evaluate
//  2  11–31   Teacher   learner   12     0          recall episode present describe+evaluate
//  3  32–40   Coach     coach     13     1          coach video episode present
//  4  41–61   Teacher   learner   17     0          learner video critical-incident present+future
//                                                   explain+suggest
//  5  62–66   Observer  observer   4     1          (none)
//  6  67–80   Coach     coach      8     1          coach video critical-incident past challenge
//  7  81–90   Teacher   learner    3     0          justify
//
// Words: coach 7+13+8 = 28, learner 12+17+3 = 32, observer 4; all 64. Seconds: coach 10+8+13 = 31,
// learner 20+20+9 = 49, observer 4; all 84. Coded turns: all but #5, so 6.
void expect_feedback_figures(const MetricMap& m) {
    EXPECT_EQ(at(m, "turns"), 7);
    EXPECT_EQ(at(m, "turns.coach"), 3);
    EXPECT_EQ(at(m, "turns.learner"), 3);
    EXPECT_EQ(at(m, "turns.observer"), 1);
    EXPECT_EQ(at(m, "turns.other"), 0);
    EXPECT_EQ(at(m, "words"), 64);
    EXPECT_EQ(at(m, "words.coach"), 28);
    EXPECT_EQ(at(m, "words.learner"), 32);
    EXPECT_NEAR(at(m, "talk_share_words.coach"), 28.0 / 64, eps);
    EXPECT_NEAR(at(m, "talk_share_words.learner"), 0.5, eps);
    EXPECT_NEAR(at(m, "talk_share_words.observer"), 4.0 / 64, eps);
    EXPECT_NEAR(at(m, "mean_turn_words.coach"), 28.0 / 3, eps);
    EXPECT_NEAR(at(m, "mean_turn_words.learner"), 32.0 / 3, eps);
    EXPECT_FALSE(m.contains("mean_turn_words.other"));
    EXPECT_EQ(at(m, "questions.coach"), 3);
    EXPECT_EQ(at(m, "questions.learner"), 0);
    EXPECT_EQ(at(m, "questions.observer"), 1);
    EXPECT_NEAR(at(m, "duration_seconds"), 90, eps);
    EXPECT_NEAR(at(m, "talk_seconds.coach"), 31, eps);
    EXPECT_NEAR(at(m, "talk_share_time.learner"), 49.0 / 84, eps);
    EXPECT_EQ(at(m, "coded_turns"), 6);
    const std::map<std::string, double> codes{{"codes.initiation.coach", 3},
                                              {"codes.initiation.learner", 1},
                                              {"codes.initiation.shared", 0},
                                              {"codes.stimulus.recall", 2},
                                              {"codes.stimulus.video", 3},
                                              {"codes.stimulus.artefact", 0},
                                              {"codes.scale.whole-lesson", 1},
                                              {"codes.scale.episode", 2},
                                              {"codes.scale.critical-incident", 2},
                                              {"codes.scale.beyond-lesson", 0},
                                              {"codes.time.present", 4},
                                              {"codes.time.future", 1},
                                              {"codes.time.past", 1},
                                              {"codes.function.evaluate", 2},
                                              {"codes.function.describe", 1},
                                              {"codes.function.explain", 1},
                                              {"codes.function.suggest", 1},
                                              {"codes.function.challenge", 1},
                                              {"codes.function.justify", 1},
                                              {"codes.function.co-construct", 0}};
    for (const auto& [key, value] : codes)
        EXPECT_EQ(at(m, key), value) << key;
    // Every value of every dimension has a key once anything is coded.
    std::size_t values = 0;
    for (const auto& d : coaching_dimensions())
        values += d.values.size();
    const auto code_keys = std::count_if(
        m.begin(), m.end(), [](const auto& entry) { return entry.first.starts_with("codes."); });
    EXPECT_EQ(static_cast<std::size_t>(code_keys), values);
}

TEST(CoachingMetrics, CodesFromCsvColumns) {
    const std::string bytes = read_bytes(evidence_data("coaching/feedback.csv"));
    MemoryByteSource input(bytes, "feedback.csv");
    Diagnostics out;
    const auto metrics =
        analyse_coaching(TranscriptFormat::csv, input, SpeakerRoles::coaching(), nullptr, out);
    EXPECT_TRUE(out.empty()) << text_of(out);
    expect_feedback_figures(metrics.metrics());
    const auto details = metrics.details();
    EXPECT_EQ(boost::json::value(details)
                  .at_pointer("/codes_by_role/learner/function/justify")
                  .to_number<int>(),
              1);
    EXPECT_EQ(boost::json::value(details)
                  .at_pointer("/codes_by_role/coach/stimulus/video")
                  .to_number<int>(),
              2);
    EXPECT_EQ(details.at("speakers").as_array().size(), 3u);
}

TEST(CoachingMetrics, CodesFromASidecarGiveTheSameFigures) {
    Diagnostics out;
    const auto sidecar = TurnCodes::read(
        boost::json::parse(read_bytes(evidence_data("coaching/feedback.codes.json"))),
        "feedback.codes.json", "", out);
    const std::string bytes = read_bytes(evidence_data("coaching/feedback.vtt"));
    MemoryByteSource input(bytes, "feedback.vtt");
    const auto metrics =
        analyse_coaching(TranscriptFormat::webvtt, input, SpeakerRoles::coaching(), &sidecar, out);
    EXPECT_TRUE(out.empty()) << text_of(out);
    expect_feedback_figures(metrics.metrics());
}

TEST(CoachingMetrics, WarnsAboutUnknownColumnsOnceAndUnknownValuesAtTheirLines) {
    const std::string bytes =
        "speaker,text,function,mood\n"
        "Coach,How did it go?,Evaluate,calm\n"
        "Teacher,Fine.,explian|describe,tense\n"
        "Teacher,Really fine.,justfy,\n";
    MemoryByteSource input(bytes, "typos.csv");
    Diagnostics out;
    const auto metrics =
        analyse_coaching(TranscriptFormat::csv, input, SpeakerRoles::coaching(), nullptr, out);
    EXPECT_FALSE(has_errors(out)) << text_of(out);
    ASSERT_EQ(out.size(), 3u) << text_of(out);
    EXPECT_EQ(out[0].line, 2u);
    EXPECT_NE(out[0].message.find("column 'mood' is not a dimension"), std::string::npos);
    EXPECT_EQ(out[1].line, 3u);
    EXPECT_NE(out[1].message.find("unknown function 'explian'"), std::string::npos);
    EXPECT_EQ(out[2].line, 4u);
    const auto m = metrics.metrics();
    EXPECT_EQ(at(m, "coded_turns"), 2);  // turn 3 had only a typo
    EXPECT_EQ(at(m, "codes.function.evaluate"), 1);
    EXPECT_EQ(at(m, "codes.function.describe"), 1);
}

TEST(CoachingMetrics, SidecarTurnsBeyondTheTranscriptAreWarnings) {
    Diagnostics out;
    const auto sidecar = TurnCodes::read(boost::json::parse(R"({"schema": "coachkit.turn-codes/1",
                               "turns": [{"turn": 2, "function": "explain"},
                                         {"turn": 9, "function": "suggest"}]})"),
                                         "request", "/options/codes", out);
    MemoryByteSource input("Coach: Why?\nTeacher: Because.\n", "short.txt");
    const auto metrics =
        analyse_coaching(TranscriptFormat::text, input, SpeakerRoles::coaching(), &sidecar, out);
    ASSERT_EQ(out.size(), 1u) << text_of(out);
    EXPECT_TRUE(has(out, Severity::warning, "/options/codes/turns/1/turn",
                    "turn 9 is beyond the transcript, which has 2 turns"));
    EXPECT_EQ(at(metrics.metrics(), "codes.function.explain"), 1);
    EXPECT_EQ(at(metrics.metrics(), "codes.function.suggest"), 0);
}

TEST(CoachingMetrics, UncodedConversationHasNoCodeKeysAndWarnsOfUnmappedSpeakers) {
    MemoryByteSource input("Ana: How was it?\nTeacher: Good.\nAna: Why?\n", "names.txt");
    Diagnostics out;
    const auto m =
        analyse_coaching(TranscriptFormat::text, input, SpeakerRoles::coaching(), nullptr, out)
            .metrics();
    ASSERT_EQ(out.size(), 1u) << text_of(out);
    EXPECT_EQ(out[0].line, 1u);
    EXPECT_NE(out[0].message.find("--speaker 'Ana=learner'"), std::string::npos) << out[0].message;
    EXPECT_EQ(at(m, "coded_turns"), 0);
    EXPECT_FALSE(m.contains("codes.function.explain"));
    EXPECT_EQ(at(m, "turns.other"), 2);
    EXPECT_EQ(at(m, "questions.other"), 2);
    EXPECT_FALSE(m.contains("talk_seconds.coach")) << "untimed";
}

TEST(CoachingMetrics, AccumulatorRefusesALessonRole) {
    CoachingTalkMetrics metrics;
    Utterance turn;
    turn.text = "Hello";
    EXPECT_THROW(metrics.add(turn, "teacher", {}), Error);
    metrics.add(turn, "coach", {{"function", {"describe"}}});
    EXPECT_EQ(metrics.turns(), 1u);
    EXPECT_EQ(metrics.metrics().at("codes.function.describe"), 1);
}

}  // namespace
