// The observation-record source: a paired running record worked by hand (phase times, overlap of
// the two observers' records), the same record as CSV, and bad input.
#include "evidence_support.hpp"
#include "records_support.hpp"

namespace coachkit::testing {
namespace {

class ObservationRecord : public ::testing::Test {
protected:
    std::shared_ptr<EvidenceSource> source = builtin_source("observation-record");

    Ingested json(std::string_view text, boost::json::object options = {}) const {
        return ingest_bytes(*source, text, "json", "record.json", std::move(options));
    }
    Ingested csv(std::string_view text, boost::json::object options = {}) const {
        return ingest_bytes(*source, text, "csv", "record.csv", std::move(options));
    }
};

constexpr std::string_view kTwoObservers = R"({"schema": "coachkit.running-record/1",
  "observers": [{"id": "obs-a", "position": "back"}, {"id": "obs-b", "position": "front"}],
  "notes": [)";

// The worked example of docs/evidence-records.md. Tagged notes on the merged timeline (seconds):
// 60 tt(a), 120 tt(b), 600 wcd(a), 630 wcd(b), 1200 gw(a), 1260 gw(b), 1800 gw(b), 2100 iw(a),
// 2700 tr(a); the lesson ends at 3000. So teacher talk runs 60-600, discussion 600-1200, group work
// 1200-2100, independent work 2100-2700 and the transition 2700-3000: 2940 timed seconds.
void expect_paired_lesson_metrics(const Ingested& result) {
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "notes"), 10);
    EXPECT_EQ(metric(m, "observers"), 2);
    EXPECT_EQ(metric(m, "notes.obs-a"), 5);
    EXPECT_EQ(metric(m, "notes.obs-b"), 5);
    EXPECT_EQ(metric(m, "timed_seconds"), 2940);
    EXPECT_EQ(metric(m, "phase_seconds.teacher-talk"), 540);
    EXPECT_EQ(metric(m, "phase_seconds.whole-class-discussion"), 600);
    EXPECT_EQ(metric(m, "phase_seconds.group-work"), 900);
    EXPECT_EQ(metric(m, "phase_seconds.independent-work"), 600);
    EXPECT_EQ(metric(m, "phase_seconds.transition"), 300);
    EXPECT_DOUBLE_EQ(metric(m, "phase_share.teacher-talk"), 540.0 / 2940);
    EXPECT_DOUBLE_EQ(metric(m, "phase_share.group-work"), 900.0 / 2940);
    EXPECT_DOUBLE_EQ(metric(m, "phase_share.transition"), 300.0 / 2940);
    // P7 in three notes, P12 in two (named twice in one of them: still one note), P3 in one.
    EXPECT_EQ(metric(m, "notes_per_focus.P7"), 3);
    EXPECT_EQ(metric(m, "notes_per_focus.P12"), 2);
    EXPECT_EQ(metric(m, "notes_per_focus.P3"), 1);
    // Spans: a 60-2700 (2640 s), b 120-2400 (2280 s); both cover 120-2400; union 2640 s.
    EXPECT_DOUBLE_EQ(metric(m, "overlap.obs-a~obs-b.time"), 2280.0 / 2640);
    // Within 60 s and the same phase: a's notes at 60, 600, 1200 and b's at 120, 630, 1260 match;
    // a's independent work and transition, b's 1800 group work and untagged 2400 do not.
    EXPECT_DOUBLE_EQ(metric(m, "overlap.obs-a~obs-b.matched_notes"), 6.0 / 10);
}

TEST_F(ObservationRecord, WorkedExampleFromJson) {
    const auto result = json(read_bytes(evidence_data("records/paired_lesson.json")));
    expect_paired_lesson_metrics(result);
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    EXPECT_EQ(result.content.format, "json");
}

TEST_F(ObservationRecord, WorkedExampleFromCsvGivesTheSameMetrics) {
    const auto result = csv(read_bytes(evidence_data("records/paired_lesson.csv")),
                            {{"lesson_starts", "00:00:00"}, {"lesson_ends", "00:50:00"}});
    expect_paired_lesson_metrics(result);
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("schema"), "coachkit.running-record/1");
    const auto& observers = content.at("observers").as_array();
    ASSERT_EQ(observers.size(), 2u);
    EXPECT_EQ(observers[0].at("position"), "back left, by group 3");
    EXPECT_EQ(observers[1].at("position"), "front right, by the door");
    const auto& notes = content.at("notes").as_array();
    EXPECT_EQ(notes[2].at("tags"), "questioning");                  // extra column kept
    EXPECT_EQ(notes[4].at("text"), "Books collected, chairs up.");  // quoted comma
    EXPECT_EQ(content.at("lesson").at("ends").to_number<double>(), 3000);
}

TEST_F(ObservationRecord, ContentNormalisesTimesAndPhasesAndKeepsUnknownFields) {
    const auto result = json(read_bytes(evidence_data("records/paired_lesson.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("school_ref"), "SC-2026-14");
    EXPECT_EQ(content.at("observers").at(0).at("role"), "lead");
    EXPECT_EQ(content.at("lesson").at("focus"), "questioning during group work");
    const auto& notes = content.at("notes").as_array();
    EXPECT_EQ(notes[2].at("tags").as_array().at(0), "questioning");
    EXPECT_EQ(notes[5].at("phase"), "teacher-talk");            // "Teacher talk"
    EXPECT_EQ(notes[6].at("phase"), "whole-class-discussion");  // "whole class"
    EXPECT_EQ(notes[6].at("at").to_number<double>(), 630);      // "10:30"
    EXPECT_EQ(notes[7].at("phase"), "group-work");              // "group_work"
    EXPECT_FALSE(notes[9].as_object().contains("phase"));
    EXPECT_EQ(result.content.details.at("phase_timeline").as_array().size(), 5u);
    EXPECT_EQ(result.content.details.at("overlap").at("obs-a~obs-b").at("matched_notes"), 6);
}

TEST_F(ObservationRecord, MatchWindowOptionNarrowsWhatCountsAsTheSameMoment) {
    // With 30 s only a's 600 and b's 630 discussion notes match each other.
    const auto result = json(read_bytes(evidence_data("records/paired_lesson.json")),
                             {{"match_window_seconds", 30}});
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_DOUBLE_EQ(metric(result.content.metrics, "overlap.obs-a~obs-b.matched_notes"), 0.2);
}

TEST_F(ObservationRecord, LastPhaseRunsToTheLastNoteWithoutALessonEnd) {
    const auto result = json(std::string(kTwoObservers) + R"(
        {"observer": "obs-a", "at": "00:00:00", "phase": "teacher-talk", "text": "a"},
        {"observer": "obs-a", "at": "00:05:00", "phase": "group-work", "text": "b"},
        {"observer": "obs-a", "at": "00:09:00", "text": "c"}]})");
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "phase_seconds.teacher-talk"), 300);
    EXPECT_EQ(metric(m, "phase_seconds.group-work"), 240);
    EXPECT_EQ(metric(m, "notes.obs-b"), 0);
    // b wrote nothing: no shared span, nothing matched.
    EXPECT_EQ(metric(m, "overlap.obs-a~obs-b.time"), 0);
    EXPECT_EQ(metric(m, "overlap.obs-a~obs-b.matched_notes"), 0);
    // Both observers said where they sat and b's silence is not a problem: no diagnostics.
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
}

TEST_F(ObservationRecord, OneObserverHasNoOverlapMetrics) {
    const auto result = json(R"({"schema": "coachkit.running-record/1",
        "observers": [{"id": "solo", "position": "side"}],
        "notes": [{"observer": "solo", "at": 10, "text": "Starts."}]})");
    ASSERT_TRUE(result.ok()) << result.text();
    for (const auto& [name, value] : result.content.metrics) {
        (void)value;
        EXPECT_EQ(name.rfind("overlap.", 0), std::string::npos) << name;
    }
}

TEST_F(ObservationRecord, MalformedJsonNamesLineAndColumn) {
    const auto result = json("{\"schema\": \"coachkit.running-record/1\",\n  \"notes\": [,]}");
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.diagnostics.size(), 1u) << result.text();
    EXPECT_EQ(result.diagnostics[0].file, "record.json");
    EXPECT_EQ(result.diagnostics[0].line, 2u);
    EXPECT_EQ(result.diagnostics[0].column, 13u);
    EXPECT_NE(result.diagnostics[0].message.find("invalid JSON"), std::string::npos);
    EXPECT_TRUE(result.content.content.is_null());
}

TEST_F(ObservationRecord, EmptyInputIsAnError) {
    const auto result = json("");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.text().find("empty"), std::string::npos) << result.text();
}

TEST_F(ObservationRecord, WrongSchemaTagIsRefused) {
    const auto result = json(R"({"schema": "coachkit.video-recording/1", "observers": [],
                                 "notes": []})");
    ASSERT_FALSE(result.ok());
    expect_diagnostic(result, Severity::error, "/schema",
                      "unsupported schema 'coachkit.video-recording/1'");
    const auto missing = json(R"({"observers": [], "notes": []})");
    expect_diagnostic(missing, Severity::error, "/schema", "missing required field 'schema'");
}

TEST_F(ObservationRecord, UnknownObserverIsAnError) {
    const auto result = json(std::string(kTwoObservers) + R"(
        {"observer": "obs-a", "at": "00:01:00", "text": "a"},
        {"observer": "obs-c", "at": "00:02:00", "text": "b"}]})");
    ASSERT_FALSE(result.ok());
    expect_diagnostic(result, Severity::error, "/notes/1/observer",
                      "unknown observer 'obs-c' (listed observers: obs-a, obs-b)");
    EXPECT_TRUE(result.content.metrics.empty());
}

TEST_F(ObservationRecord, UnknownPhaseListsThePhases) {
    const auto result = json(std::string(kTwoObservers) + R"(
        {"observer": "obs-a", "at": "00:01:00", "text": "a"},
        {"observer": "obs-a", "at": "00:02:00", "text": "b"},
        {"observer": "obs-a", "at": "00:03:00", "text": "c"},
        {"observer": "obs-b", "at": "00:04:00", "phase": "groupwork", "text": "d"}]})");
    expect_diagnostic(result, Severity::error, "/notes/3/phase",
                      "unknown phase 'groupwork' (expected one of: teacher-talk, "
                      "whole-class-discussion, group-work, independent-work, transition)");
}

TEST_F(ObservationRecord, NoteWithoutTextOrTimeIsAnError) {
    const auto result = json(std::string(kTwoObservers) + R"(
        {"observer": "obs-a", "at": "00:01:00"},
        {"observer": "obs-a", "at": "00:02:00", "text": "  "},
        {"observer": "obs-b", "at": "1:2:3:4", "text": "x"},
        {"observer": "obs-b", "text": "y"}]})");
    expect_diagnostic(result, Severity::error, "/notes/0", "missing required field 'text'");
    expect_diagnostic(result, Severity::error, "/notes/1/text", "'text' must not be empty");
    expect_diagnostic(result, Severity::error, "/notes/2/at", "invalid time '1:2:3:4'");
    expect_diagnostic(result, Severity::error, "/notes/3", "missing required field 'at'");
}

TEST_F(ObservationRecord, NotesOutOfOrderOrPastTheEndAreWarnings) {
    const auto result = json(R"({"schema": "coachkit.running-record/1",
        "lesson": {"ends": "00:30:00"},
        "observers": [{"id": "obs-a", "position": "back"}, {"id": "obs-b"}],
        "notes": [
          {"observer": "obs-a", "at": "00:10:00", "phase": "teacher-talk", "text": "a"},
          {"observer": "obs-b", "at": "00:05:00", "text": "b"},
          {"observer": "obs-a", "at": "00:08:00", "text": "c"},
          {"observer": "obs-a", "at": "00:31:00", "phase": "transition", "text": "d"}]})");
    ASSERT_TRUE(result.ok()) << result.text();
    expect_diagnostic(result, Severity::warning, "/notes/2/at",
                      "note at 00:08:00 comes after obs-a's note at 00:10:00");
    expect_diagnostic(result, Severity::warning, "/notes/3/at",
                      "note at 00:31:00 is after the lesson ends (00:30:00)");
    expect_diagnostic(result, Severity::warning, "/observers/1", "'obs-b' has no position");
    EXPECT_EQ(result.diagnostics.size(), 3u) << result.text();
    // Time past the end is not counted: teacher talk runs 600-1800, the transition 0 s.
    EXPECT_EQ(metric(result.content.metrics, "phase_seconds.teacher-talk"), 1200);
    EXPECT_EQ(metric(result.content.metrics, "phase_seconds.transition"), 0);
}

TEST_F(ObservationRecord, StructuralProblemsAreReportedAtTheirPointers) {
    const auto result = json(R"({"schema": "coachkit.running-record/1",
        "lesson": {"starts": "00:20:00", "ends": "00:10:00"},
        "observers": [{"id": "obs-a"}, {"id": "obs-a"}, {"id": "obs b"}, "obs-c"],
        "notes": []})");
    expect_diagnostic(result, Severity::error, "/lesson/ends", "the lesson ends (00:10:00) before");
    expect_diagnostic(result, Severity::error, "/observers/1/id", "duplicate observer id 'obs-a'");
    expect_diagnostic(result, Severity::error, "/observers/2/id", "invalid id 'obs b'");
    expect_diagnostic(result, Severity::error, "/observers/3", "expected an object, not a string");
    expect_diagnostic(result, Severity::error, "/notes", "at least one timed note");
    const auto not_object = json("[1, 2]");
    expect_diagnostic(not_object, Severity::error, "", "must be a JSON object, not an array");
}

TEST_F(ObservationRecord, BadOptionsAndFormats) {
    const auto window = json(read_bytes(evidence_data("records/paired_lesson.json")),
                             {{"match_window_seconds", -5}});
    ASSERT_FALSE(window.ok());
    EXPECT_NE(window.text().find("match_window_seconds"), std::string::npos);
    const auto format = ingest_bytes(*source, "x", "webvtt", "record.vtt");
    expect_diagnostic(format, Severity::error, "",
                      "unsupported format 'webvtt' (this source reads: json, csv)");
    const auto unknown =
        json(read_bytes(evidence_data("records/paired_lesson.json")), {{"speakers", "x"}});
    EXPECT_TRUE(unknown.ok());
    expect_diagnostic(unknown, Severity::warning, "", "option 'speakers' is not used");
}

TEST_F(ObservationRecord, DocumentOverTheSizeLimitIsRefusedWithoutParsing) {
    std::string huge = R"({"schema": "coachkit.running-record/1", "padding": ")";
    huge.append((std::size_t{16} << 20), 'x');
    huge += "\"}";
    const auto result = json(huge);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.text().find("larger than 16 MiB"), std::string::npos) << result.text();
}

TEST_F(ObservationRecord, CsvOverTheSizeLimitIsRefused) {
    // Long notes rather than many, so the test stays light: 170 rows of 100 000 bytes.
    std::string huge = "observer,at,text\n";
    const std::string row = "obs-a,00:01:00," + std::string(100'000, 'x') + "\n";
    while (huge.size() <= (std::size_t{16} << 20))
        huge += row;
    const auto result = csv(huge);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.text().find("larger than 16 MiB"), std::string::npos) << result.text();
    const auto under = csv(huge.substr(0, huge.size() - 2 * row.size()));
    EXPECT_TRUE(under.ok()) << under.text().substr(0, 500);
}

TEST_F(ObservationRecord, CsvProblemsNameTheirLines) {
    const auto result =
        csv("observer,at,phase,text\n"
            "obs-a,00:01:00,teacher-talk,Starts\n"
            "obs-a,00:02:00,groupwork,Groups\n"
            "obs-b,soon,,Late\n"
            "obs-b,00:04:00,,\n"
            "obs-b,00:05:00,group-work,Ragged,extra\n");
    ASSERT_FALSE(result.ok());
    expect_line_diagnostic(result, Severity::error, 3, "column 'phase': unknown phase 'groupwork'");
    expect_line_diagnostic(result, Severity::error, 4, "column 'at': invalid time 'soon'");
    expect_line_diagnostic(result, Severity::error, 5, "column 'text' is empty");
    expect_line_diagnostic(result, Severity::warning, 6, "");  // the ragged row
}

TEST_F(ObservationRecord, CsvWithoutRequiredColumnsOrWithUnclosedQuote) {
    const auto columns = csv("observer,time,text\nobs-a,00:01:00,x\n");
    expect_line_diagnostic(columns, Severity::error, 1, "missing column 'at'");
    const auto quote = csv("observer,at,text\nobs-a,00:01:00,\"never closed\n");
    EXPECT_FALSE(quote.ok());
    const auto empty = csv("");
    EXPECT_FALSE(empty.ok());
    const auto header_only = csv("observer,at,text\n");
    EXPECT_FALSE(header_only.ok());
    EXPECT_NE(header_only.text().find("no notes"), std::string::npos) << header_only.text();
}

TEST_F(ObservationRecord, CsvPositionChangeIsAWarningAndTheFirstIsKept) {
    const auto result =
        csv("observer,at,text,position\n"
            "obs-a,00:01:00,One,back\n"
            "obs-a,00:02:00,Two,front\n");
    ASSERT_TRUE(result.ok()) << result.text();
    expect_line_diagnostic(result, Severity::warning, 3, "differs from obs-a's first position");
    EXPECT_EQ(result.content.content.at("observers").at(0).at("position"), "back");
}

TEST_F(ObservationRecord, MeasuresWithoutKeepingContent) {
    const auto result =
        ingest_bytes(*source, read_bytes(evidence_data("records/paired_lesson.json")), "json",
                     "record.json", {}, /*keep_content=*/false);
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.content.content.is_null());
    EXPECT_EQ(metric(result.content.metrics, "notes"), 10);
}

}  // namespace
}  // namespace coachkit::testing
