// The video-recording source: a lesson video's details worked by hand (clip seconds, bookmarks),
// the facts kept for the privacy layer, and bad input.
#include "evidence_support.hpp"
#include "records_support.hpp"

namespace coachkit::testing {
namespace {

constexpr std::string_view kHash =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

class VideoRecording : public ::testing::Test {
protected:
    std::shared_ptr<EvidenceSource> source = builtin_source("video-recording");

    Ingested json(std::string_view text) const {
        return ingest_bytes(*source, text, "json", "video.json");
    }

    /// A valid document of 10 minutes with `more` fields appended.
    static std::string document(std::string_view more) {
        return std::string(R"({"schema": "coachkit.video-recording/1", "location": "v.mp4",
            "sha256": ")") +
               std::string(kHash) + R"(", "duration": 600, "recorded_at": "2026-03-04T10:15:00Z",
            "recorded_by": "t-khan")" +
               std::string(more) + "}";
    }
};

TEST_F(VideoRecording, WorkedExample) {
    const auto result = json(read_bytes(evidence_data("records/lesson_video.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.diagnostics.empty()) << result.text();
    const auto& m = result.content.metrics;
    EXPECT_EQ(metric(m, "duration_seconds"), 2880);  // 00:48:00
    EXPECT_EQ(metric(m, "clips"), 3);
    // c1 05:00-07:30 (150 s), c2 21:00-24:00 (180 s), c3 22:00-23:30 (90 s, inside c2).
    EXPECT_EQ(metric(m, "clip_seconds"), 420);
    EXPECT_DOUBLE_EQ(metric(m, "clip_coverage"), 330.0 / 2880);
    EXPECT_EQ(metric(m, "bookmarks"), 3);
    EXPECT_EQ(metric(m, "critical_incidents"), 2);
    EXPECT_EQ(metric(m, "bookmarks.tag.questioning"), 2);  // twice on one bookmark counts once
    EXPECT_EQ(metric(m, "bookmarks.tag.wait-time"), 1);
    EXPECT_EQ(metric(m, "bookmarks.tag.group-work"), 1);
    EXPECT_EQ(metric(m, "bookmarks.tag.behaviour"), 1);
    EXPECT_EQ(metric(m, "pupils_not_filmed"), 2);
}

TEST_F(VideoRecording, ContentKeepsWhatThePrivacyLayerNeeds) {
    const auto result = json(read_bytes(evidence_data("records/lesson_video.json")));
    ASSERT_TRUE(result.ok()) << result.text();
    const auto& content = result.content.content.as_object();
    EXPECT_EQ(content.at("recorded_by"), "t-khan");
    EXPECT_EQ(content.at("recorded_at"), "2026-03-04T10:15:00Z");
    EXPECT_EQ(content.at("pupils_not_filmed"), (boost::json::array{"P4", "P19"}));
    EXPECT_EQ(content.at("sha256"),
              "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b");  // lower-cased
    EXPECT_EQ(content.at("duration").to_number<double>(), 2880);
    EXPECT_EQ(content.at("camera"), "tripod at the back, facing the board");     // unknown: kept
    EXPECT_EQ(content.at("clips").at(2).at("start").to_number<double>(), 1320);  // "22:00"
    EXPECT_EQ(content.at("bookmarks").at(2).at("critical_incident"), false);     // default
    EXPECT_EQ(source->privacy(), PrivacyClass::pupil_images);
}

TEST_F(VideoRecording, NoPupilsNotFilmedIsStatedAsAnEmptyList) {
    const auto result = json(document(""));
    ASSERT_TRUE(result.ok()) << result.text();
    EXPECT_TRUE(result.content.content.at("pupils_not_filmed").as_array().empty());
    EXPECT_EQ(metric(result.content.metrics, "pupils_not_filmed"), 0);
    EXPECT_EQ(metric(result.content.metrics, "clip_seconds"), 0);
}

TEST_F(VideoRecording, BadHashIsAnError) {
    std::string short_hash = document("");
    short_hash.replace(short_hash.find(kHash), kHash.size(), kHash.substr(1));
    expect_diagnostic(json(short_hash), Severity::error, "/sha256",
                      "expected 64 hexadecimal digits, 63 characters given");
    std::string not_hex = document("");
    not_hex.replace(not_hex.find(kHash), 1, "g");
    expect_diagnostic(json(not_hex), Severity::error, "/sha256", "invalid SHA-256");
}

TEST_F(VideoRecording, MissingHashIsAWarning) {
    std::string text = document("");
    text.replace(text.find("\"sha256\""), std::string("\"sha256\": \"\", ").size() + kHash.size(),
                 "");
    const auto result = json(text);
    ASSERT_TRUE(result.ok()) << result.text();
    expect_diagnostic(result, Severity::warning, "", "no 'sha256'");
}

TEST_F(VideoRecording, ClipPastTheEndOrBackwardsIsAnError) {
    const auto result = json(document(R"(, "clips": [
        {"id": "c1", "start": "00:09:00", "end": "00:10:30"},
        {"id": "c2", "start": "00:05:00", "end": "00:04:00"},
        {"id": "c3", "start": 60, "end": 60}])"));
    ASSERT_FALSE(result.ok());
    expect_diagnostic(result, Severity::error, "/clips/0/end",
                      "end 00:10:30 is after the end of the recording (00:10:00)");
    expect_diagnostic(result, Severity::error, "/clips/1/end", "its end must be after its start");
    expect_diagnostic(result, Severity::error, "/clips/2/end", "its end must be after its start");
    EXPECT_TRUE(result.content.metrics.empty());
}

TEST_F(VideoRecording, DuplicateClipIdsAreAnError) {
    const auto result = json(document(R"(, "clips": [
        {"id": "c1", "start": 0, "end": 10}, {"id": "c1", "start": 20, "end": 30}])"));
    expect_diagnostic(result, Severity::error, "/clips/1/id",
                      "duplicate clip id 'c1' (first at /clips/0)");
}

TEST_F(VideoRecording, BookmarksOutOfOrderWarnPastTheEndFail) {
    const auto unordered = json(document(R"(, "bookmarks": [
        {"at": "00:05:00", "tags": ["a"]}, {"at": "00:02:00", "critical_incident": true}])"));
    ASSERT_TRUE(unordered.ok()) << unordered.text();
    expect_diagnostic(unordered, Severity::warning, "/bookmarks/1/at",
                      "bookmark at 00:02:00 comes after one at 00:05:00");
    EXPECT_EQ(metric(unordered.content.metrics, "critical_incidents"), 1);
    const auto late = json(document(R"(, "bookmarks": [{"at": "00:11:00"}])"));
    expect_diagnostic(late, Severity::error, "/bookmarks/0/at", "after the end of the recording");
}

TEST_F(VideoRecording, FieldProblemsAreReportedAtTheirPointers) {
    const auto result = json(R"({"schema": "coachkit.video-recording/1",
        "sha256": ")" + std::string(kHash) +
                             R"(", "duration": "forty minutes",
        "recorded_at": "2026-03-04 10:15", "pupils_not_filmed": ["P4", "P4", "Amy Smith"],
        "bookmarks": [{"at": 5, "critical_incident": "yes"}]})");
    expect_diagnostic(result, Severity::error, "", "missing required field 'location'");
    expect_diagnostic(result, Severity::error, "", "missing required field 'recorded_by'");
    expect_diagnostic(result, Severity::error, "/duration", "invalid time 'forty minutes'");
    expect_diagnostic(result, Severity::error, "/recorded_at", "expected ISO 8601 UTC");
    expect_diagnostic(result, Severity::error, "/pupils_not_filmed/2", "invalid id 'Amy Smith'");
    expect_diagnostic(result, Severity::warning, "/pupils_not_filmed", "'P4' is listed more");
    expect_diagnostic(result, Severity::error, "/bookmarks/0/critical_incident",
                      "must be true or false, not a string");
}

TEST_F(VideoRecording, ZeroDurationIsAnError) {
    std::string text = document("");
    text.replace(text.find("\"duration\": 600"), 15, "\"duration\": \"00:00:00\"");
    expect_diagnostic(json(text), Severity::error, "/duration", "above zero");
}

TEST_F(VideoRecording, MalformedJsonAndWrongSchema) {
    const auto broken = json("{\n\"schema\": \"coachkit.video-recording/1\"\n\"location\": 1}");
    ASSERT_EQ(broken.diagnostics.size(), 1u) << broken.text();
    EXPECT_EQ(broken.diagnostics[0].line, 3u);
    EXPECT_EQ(broken.diagnostics[0].column, 1u);
    const auto wrong = json(R"({"schema": "coachkit.running-record/1"})");
    expect_diagnostic(wrong, Severity::error, "/schema", "(expected 'coachkit.video-recording/1')");
    const auto newer = json(R"({"schema": "coachkit.video-recording/2"})");
    expect_diagnostic(newer, Severity::error, "/schema", "upgrade coachkit");
}

}  // namespace
}  // namespace coachkit::testing
