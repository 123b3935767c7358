// The practice-records sources (pupil-work, pupil-voice, lesson-plan): worked examples with their
// metrics by hand, attachments kept by reference, and bad input.
#include "evidence_support.hpp"
#include "records_support.hpp"

namespace coachkit::testing {
namespace {

Ingested ingest_json(std::string_view id, std::string_view text) {
    return ingest_bytes(*builtin_source(id), text, "json", std::string(id) + ".json");
}

// --- pupil work ---

TEST(PupilWork, WorkedExample) {
    const auto result =
        ingest_json("pupil-work", read_bytes(evidence_data("records/pupil_work.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "samples"), 3);
    EXPECT_EQ(metric(m, "annotated_samples"), 2);
    EXPECT_EQ(metric(m, "attachments"), 4);  // three samples and the task sheet
    EXPECT_EQ(metric(m, "pupils"), 3);
    EXPECT_EQ(metric(m, "success_criteria"), 3);
    // P3 meets two criteria, P7 one (named twice), P12 none: 3 of 3 x 3.
    EXPECT_DOUBLE_EQ(metric(m, "criteria_met_share"), 3.0 / 9);
    EXPECT_EQ(metric(m, "criteria_met.sc-topic"), 2);
    EXPECT_EQ(metric(m, "criteria_met.sc-evidence"), 1);
    EXPECT_EQ(metric(m, "criteria_met.sc-counter"), 0);
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("samples").at(1).at("criteria_met"), (boost::json::array{"sc-topic"}));
    EXPECT_EQ(content.at("samples").at(2).at("moderated"), true);  // unknown field kept
    EXPECT_EQ(content.at("samples").at(0).at("attachment").at("media_type"), "image/jpeg");
}

TEST(PupilWork, AttachmentsAreByReferenceOnly) {
    const auto result = ingest_json("pupil-work", R"({"schema": "coachkit.pupil-work/1",
        "task": "t", "samples": [
          {"attachment": {"uri": "a.jpg", "data": "/9j/4AAQ"}},
          {"attachment": {"uri": "data:image/png;base64,iVBORw0"}},
          {"attachment": {"uri": "b.jpg", "sha256": "abc", "media_type": "jpeg"}},
          {"attachment": {"description": "no uri"}},
          {"annotation": "no attachment"}]})");
    ASSERT_FALSE(result.ok());
    expect_diagnostic(result, Severity::error, "/samples/0/attachment/data", "by reference");
    expect_diagnostic(result, Severity::error, "/samples/1/attachment/uri", "data: URI");
    expect_diagnostic(result, Severity::error, "/samples/2/attachment/sha256", "invalid SHA-256");
    expect_diagnostic(result, Severity::error, "/samples/2/attachment/media_type",
                      "expected type/subtype");
    expect_diagnostic(result, Severity::error, "/samples/3/attachment",
                      "missing required field 'uri'");
    expect_diagnostic(result, Severity::error, "/samples/4", "missing required field 'attachment'");
}

TEST(PupilWork, CrossReferencesAreChecked) {
    const auto result = ingest_json("pupil-work", R"({"schema": "coachkit.pupil-work/1",
        "task": "t", "date": "2026-02-30", "pupils": ["P1"],
        "success_criteria": [{"id": "sc-a", "text": "a"}, {"id": "sc-a", "text": "again"}],
        "samples": [{"pupil": "P2", "attachment": {"uri": "x"}, "criteria_met": ["sc-b"]}]})");
    expect_diagnostic(result, Severity::error, "/date", "invalid date '2026-02-30'");
    expect_diagnostic(result, Severity::error, "/success_criteria/1/id",
                      "duplicate success criterion 'sc-a'");
    expect_diagnostic(result, Severity::error, "/samples/0/pupil", "'P2' is not in 'pupils'");
    expect_diagnostic(result, Severity::error, "/samples/0/criteria_met",
                      "unknown success criterion 'sc-b'");
    const auto empty = ingest_json("pupil-work", R"({"schema": "coachkit.pupil-work/1",
        "task": "t", "samples": []})");
    expect_diagnostic(empty, Severity::error, "/samples", "at least one sample");
}

TEST(PupilWork, MalformedJsonAndWrongSchema) {
    const auto broken = ingest_json("pupil-work", "{\"schema\": \"coachkit.pupil-work/1\",}");
    ASSERT_EQ(broken.diagnostics.size(), 1u) << broken.text();
    EXPECT_EQ(broken.diagnostics[0].line, 1u);
    EXPECT_EQ(broken.diagnostics[0].column, 36u);  // the "}" after the comma
    const auto wrong = ingest_json("pupil-work", R"({"schema": "coachkit.lesson-plan/1"})");
    expect_diagnostic(wrong, Severity::error, "/schema", "(expected 'coachkit.pupil-work/1')");
}

// --- pupil voice ---

TEST(PupilVoice, WorkedExampleFromJson) {
    const auto result =
        ingest_json("pupil-voice", read_bytes(evidence_data("records/pupil_voice.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "questions"), 3);
    EXPECT_EQ(metric(m, "responses"), 5);
    EXPECT_DOUBLE_EQ(metric(m, "responses_per_question"), 5.0 / 3);
    EXPECT_EQ(metric(m, "responses.q1"), 3);
    EXPECT_EQ(metric(m, "responses.q2"), 2);
    EXPECT_EQ(metric(m, "responses.q3"), 0);
    EXPECT_EQ(metric(m, "anonymous_responses"), 2);
    EXPECT_EQ(metric(m, "pupils"), 2);  // P3 twice, P7
    EXPECT_EQ(metric(m, "themes"), 2);
    EXPECT_EQ(metric(m, "responses_by_theme.feedback"), 2);
    EXPECT_EQ(metric(m, "responses_by_theme.pace"), 1);
    EXPECT_EQ(metric(m, "attachments"), 1);
    // q3 was asked and nobody answered: worth knowing, not wrong.
    expect_diagnostic(result, Severity::warning, "/questions/2", "q3");
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("method"), "focus-group");  // "Focus group"
    EXPECT_EQ(content.at("responses").at(2).at("follow_up"), "Which examples?");
    EXPECT_FALSE(content.at("responses").at(1).as_object().contains("pupil"));
}

TEST(PupilVoice, WorkedExampleFromCsv) {
    const auto result = ingest_bytes(*builtin_source("pupil-voice"),
                                     read_bytes(evidence_data("records/pupil_voice.csv")), "csv",
                                     "voice.csv", {{"method", "survey"}});
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "questions"), 2);
    EXPECT_EQ(metric(m, "responses"), 4);  // the blank response on line 5 is left out
    EXPECT_EQ(metric(m, "responses_per_question"), 2);
    EXPECT_EQ(metric(m, "responses.q1"), 3);
    EXPECT_EQ(metric(m, "responses.q2"), 1);
    EXPECT_EQ(metric(m, "anonymous_responses"), 1);
    EXPECT_EQ(metric(m, "pupils"), 2);
    EXPECT_EQ(metric(m, "responses_by_theme.feedback"), 3);
    EXPECT_EQ(metric(m, "responses_by_theme.pace"), 1);
    expect_line_diagnostic(result, Severity::warning, 5, "column 'response' is empty");
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("method"), "survey");
    EXPECT_EQ(content.at("questions").at(1).at("text"), "When do you find it hard to join in?");
    EXPECT_EQ(content.at("responses").at(0).at("text"),
              "When she tells us what to fix, in our writing.");
    EXPECT_EQ(content.at("responses").at(0).at("year"), "8");  // extra column kept
}

TEST(PupilVoice, BadInput) {
    const auto result = ingest_json("pupil-voice", R"({"schema": "coachkit.pupil-voice/1",
        "method": "questionnaire by post", "themes": ["pace"],
        "questions": [{"id": "q1", "text": "Why?"}, {"id": "q1", "text": "Again?"}],
        "responses": [{"question": "q9", "text": "x"}, {"question": "q1", "text": ""},
                      {"question": "q1", "text": "y", "themes": ["noise"]}]})");
    expect_diagnostic(result, Severity::error, "/method",
                      "unknown method 'questionnaire by post' (expected one of: survey, "
                      "interview, focus-group)");
    expect_diagnostic(result, Severity::error, "/questions/1/id", "duplicate question id 'q1'");
    expect_diagnostic(result, Severity::error, "/responses/0/question", "unknown question 'q9'");
    expect_diagnostic(result, Severity::error, "/responses/1/text", "must not be empty");
    expect_diagnostic(result, Severity::error, "/responses/2/themes", "unknown theme 'noise'");
}

TEST(PupilVoice, RaggedOrIncompleteCsv) {
    const auto source = builtin_source("pupil-voice");
    const auto ragged = ingest_bytes(*source,
                                     "question,response,pupil\n"
                                     "Why?,Because,P1,surplus\n"
                                     "Why?,Short\n",
                                     "csv", "voice.csv");
    ASSERT_TRUE(ragged.ok()) << ragged.text();
    expect_line_diagnostic(ragged, Severity::warning, 2, "");
    expect_line_diagnostic(ragged, Severity::warning, 3, "");
    EXPECT_EQ(metric(ragged.content.metrics, "responses"), 2);
    const auto columns = ingest_bytes(*source, "q,answer\nWhy?,Because\n", "csv", "voice.csv");
    expect_line_diagnostic(columns, Severity::error, 1, "missing column 'question', 'response'");
    const auto method = ingest_bytes(*source, "question,response\nWhy?,Because\n", "csv",
                                     "voice.csv", {{"method", "poll"}});
    expect_diagnostic(method, Severity::error, "", "option 'method': unknown method 'poll'");
    const auto unclosed =
        ingest_bytes(*source, "question,response\n\"Why?,Because\n", "csv", "voice.csv");
    EXPECT_FALSE(unclosed.ok());
    const auto bad_pupil =
        ingest_bytes(*source, "question,response,pupil\nWhy?,Because,Amy S\n", "csv", "voice.csv");
    expect_line_diagnostic(bad_pupil, Severity::error, 2, "column 'pupil': invalid id 'Amy S'");
}

// --- lesson plan ---

TEST(LessonPlan, WorkedExample) {
    const auto result =
        ingest_json("lesson-plan", read_bytes(evidence_data("records/lesson_plan.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "objectives"), 2);
    EXPECT_EQ(metric(m, "phases"), 6);
    EXPECT_EQ(metric(m, "planned_minutes"), 60);
    EXPECT_EQ(metric(m, "planned_minutes.teacher-talk"), 15);            // starter, modelling
    EXPECT_EQ(metric(m, "planned_minutes.whole-class-discussion"), 20);  // discussion, plenary
    EXPECT_EQ(metric(m, "planned_minutes.group-work"), 20);
    EXPECT_EQ(metric(m, "planned_minutes.transition"), 5);
    EXPECT_EQ(metric(m, "attachments"), 1);
    EXPECT_EQ(m.count("planned_minutes.independent-work"), 0u);
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("phases").at(3).at("grouping"), "mixed, fours");
    EXPECT_EQ(content.at("phases").at(4).at("kind"), "whole-class-discussion");
    EXPECT_EQ(content.at("resources_booked").at(0), "mini whiteboards");
    EXPECT_EQ(builtin_source("lesson-plan")->privacy(), PrivacyClass::no_personal_data);
}

TEST(LessonPlan, BadInput) {
    const auto result = ingest_json("lesson-plan", R"({"schema": "coachkit.lesson-plan/1",
        "title": "", "pupils": ["Amy"], "duration_minutes": 0, "objectives": "one",
        "phases": [{"name": "Starter", "kind": "chat", "minutes": 5},
                   {"name": "Main", "minutes": -1}, {"minutes": 3}]})");
    expect_diagnostic(result, Severity::error, "/pupils", "names the class or group, not pupils");
    expect_diagnostic(result, Severity::error, "/title", "must not be empty");
    expect_diagnostic(result, Severity::error, "/duration_minutes", "above zero");
    expect_diagnostic(result, Severity::error, "/objectives", "must be an array, not a string");
    expect_diagnostic(result, Severity::error, "/phases/0/kind", "unknown phase 'chat'");
    expect_diagnostic(result, Severity::error, "/phases/1/minutes", "must be at least 0");
    expect_diagnostic(result, Severity::error, "/phases/2", "missing required field 'name'");
}

TEST(LessonPlan, PhasesNotAddingUpToTheLessonIsAWarning) {
    const auto result = ingest_json("lesson-plan", R"({"schema": "coachkit.lesson-plan/1",
        "title": "t", "duration_minutes": 50, "objectives": ["o"],
        "phases": [{"name": "a", "minutes": 20}, {"name": "b", "minutes": 25.5}]})");
    ASSERT_TRUE(result.ok()) << result.text();
    expect_diagnostic(result, Severity::warning, "/duration_minutes",
                      "the phases add up to 45.5 minutes, not the lesson's 50");
    EXPECT_EQ(metric(result.content.metrics, "planned_minutes"), 45.5);
}

TEST(LessonPlan, MalformedJson) {
    const auto result = ingest_json("lesson-plan", "{\"schema\": \"coachkit.lesson-plan/1\"\n");
    ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
    EXPECT_EQ(result.diagnostics[0].line, 2u);
    EXPECT_NE(result.diagnostics[0].message.find("invalid JSON"), std::string::npos);
}

}  // namespace
}  // namespace coachkit::testing
