// The privacy tests' programme (privacy_programme.hpp). Markers are upper case so that the
// anonymiser, which replaces people's lower-case ids wherever they occur, never touches them, and
// no marker is part of another.
#include "privacy/privacy_programme.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace coachkit::testing {

namespace {

constexpr const char* kTranscript =
    "Lea Learner: What is TRANSCRIPT-SECRET-CONTENT?\n"
    "Pupil 1: A fraction.\n"
    "Lea Learner: Now TRANSCRIPT-SECRET-TURN3.\n";

constexpr const char* kVideo = R"({
  "schema": "coachkit.video-recording/1",
  "location": "school-share://coaching/VIDEO-SECRET-LOCATION.mp4",
  "sha256": "5f2b0c8e4d1a3b6c9e7f0a2d4c6b8e1f3a5c7e9b2d4f6a8c0e2b4d6f8a1c3e5b",
  "duration": "00:45:00",
  "recorded_at": "2026-09-11T09:00:00Z",
  "recorded_by": "lea",
  "pupils_not_filmed": [],
  "clips": [],
  "bookmarks": [{"at": "00:01:00", "tags": ["questioning"], "comment": "VIDEO-SECRET-COMMENT",
                 "by": "coach"}]
})";

}  // namespace

std::string text_of(const boost::json::value& json) {
    return boost::json::serialize(json);
}

bool holds(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

const std::vector<PrivacyViewer>& PrivacyProgramme::viewers() {
    static const std::vector<PrivacyViewer> list{
        {Relation::owner, "lea"},       {Relation::partner, "coach"},
        {Relation::observer, "obs"},    {Relation::coordinator, "coord"},
        {Relation::leader, "head"},     {Relation::leader, "deputy"},
        {Relation::line_manager, "lm"}, {Relation::integration, "mis"},
        {Relation::other, "vv"},        {Relation::other, "ben"},
        {Relation::other, "amy"}};
    return list;
}

const std::vector<MarkedRecord>& PrivacyProgramme::records() {
    static const std::vector<MarkedRecord> list{
        {"partnership:pair", RecordKind::partnership, {"PARTNERSHIP-SECRET-FOCUS"}, {}},
        {"agreement:pair",
         RecordKind::agreement,
         {"AGREEMENT-SECRET-GOAL", "AGREEMENT-SECRET-RULE"},
         {}},
        {"cycle:pair-1", RecordKind::cycle, {"CYCLE-SECRET-REASON"}, {}},
        {"stage-record:pair-1/plan", RecordKind::stage_record, {"STAGE-SECRET-RECORD"}, {}},
        {"note:pair-1/lesson/1", RecordKind::note, {"NOTE-SECRET-1"}, {}},
        {"action:pair-1/1", RecordKind::action, {"ACTION-SECRET-1"}, {}},
        {"assessment:pair-1/1",
         RecordKind::assessment,
         {"ASSESSMENT-SECRET-RATIONALE", "ASSESSMENT-SECRET-CITATION", "ASSESSMENT-SECRET-DETAIL"},
         {}},
        {"evidence:pair-1/lesson/1",
         RecordKind::evidence,
         {"OBSREF-SECRET-PATH", "OBSREF-SECRET-SUMMARY"},
         {}},
        {"evidence:lesson-talk",
         RecordKind::evidence,
         {"TRANSCRIPT-SECRET-CONTENT", "TRANSCRIPT-SECRET-TURN3", "TRANSCRIPT-SECRET-SUMMARY",
          "TRANSCRIPT-SECRET-ORIGIN"},
         {"TRANSCRIPT-SECRET-CONTENT"}},
        {"evidence:lesson-video",
         RecordKind::video,
         {"VIDEO-SECRET-LOCATION", "VIDEO-SECRET-COMMENT", "VIDEO-SECRET-SUMMARY",
          "VIDEO-SECRET-ORIGIN"},
         {}},
        {"evidence:pair-1/lesson/4",
         RecordKind::video,
         {"VIDEOREF-SECRET-PATH", "VIDEOREF-SECRET-SUMMARY"},
         {}},
    };
    return list;
}

const MarkedRecord& PrivacyProgramme::record(const std::string& id) {
    for (const auto& r : records()) {
        if (r.id == id)
            return r;
    }
    throw std::out_of_range("no marked record '" + id + "' in the privacy test programme");
}

std::vector<std::string> PrivacyProgramme::all_markers() {
    std::vector<std::string> out;
    for (const auto& r : records())
        out.insert(out.end(), r.markers.begin(), r.markers.end());
    return out;
}

std::vector<std::string> PrivacyProgramme::names() const {
    std::vector<std::string> out;
    for (const auto& p : engine->state().people())
        out.push_back(p.name);
    return out;
}

ConsentScope PrivacyProgramme::share_with_coordinator() {
    return ConsentScope{ConsentKind::share_with_coordinator, "pair", "", "", ""};
}

ConsentScope PrivacyProgramme::performance_management() {
    return ConsentScope{ConsentKind::performance_management, "pair", "", "", ""};
}

ConsentScope PrivacyProgramme::video_viewer() {
    return ConsentScope{ConsentKind::video_viewer, "pair", "lesson-video", "vv", ""};
}

ConsentScope PrivacyProgramme::training_excerpt() {
    return ConsentScope{ConsentKind::training_excerpt, "", "lesson-talk", "", "1-2"};
}

PrivacyProgramme::PrivacyProgramme(std::unique_ptr<EventStore> store_) : store(std::move(store_)) {
    registry.discover({builtin_plugins()});
    if (has_errors(registry.problems()))
        throw std::runtime_error("the built-in plugins did not load");
    add_workflow(registry, "triad-observe", "specialist-coaching",
                 {stage("plan"), stage("lesson"), stage("review")});
    engine = std::make_unique<ProgrammeEngine>(*store, registry);
    build();
}

std::string PrivacyProgramme::next_time() {
    const int m = minutes_++;
    char text[32];
    std::snprintf(text, sizeof text, "2026-10-%02dT%02d:%02d:00Z", 1 + m / (24 * 60), (m / 60) % 24,
                  m % 60);
    return text;
}

void PrivacyProgramme::add(const std::string& id, const std::string& name, StaffRole role,
                           const std::string& manager) {
    engine->add_person(Person{id, name, role, manager}, by("system", "2026-09-01T08:10:00Z"));
}

void PrivacyProgramme::build() {
    engine->init("school", "Privacy School", by("system", "2026-09-01T08:00:00Z"));
    add("head", "Hana Head", StaffRole::senior_leader, "");
    add("deputy", "Dev Deputy", StaffRole::senior_leader, "head");
    add("coord", "Cora Coordinator", StaffRole::coaching_coordinator, "head");
    add("lm", "Lina Manager", StaffRole::middle_leader, "head");
    add("coach", "Cal Coach", StaffRole::middle_leader, "deputy");
    add("lea", "Lea Learner", StaffRole::teacher, "lm");
    add("obs", "Oscar Observer", StaffRole::teacher, "deputy");
    add("mis", "MIS Link", StaffRole::integration, "");
    add("vv", "Vera Viewer", StaffRole::teacher, "deputy");
    add("ben", "Ben Other", StaffRole::teacher, "deputy");
    add("amy", "Amy Other", StaffRole::early_career_teacher, "deputy");

    Partnership p;
    p.id = "pair";
    p.mode = "specialist-coaching";
    p.workflow = "triad-observe";
    p.focus = "PARTNERSHIP-SECRET-FOCUS";
    p.focus_chosen_by = "lea";
    p.members = {
        {"coach", "specialist-coach"}, {"lea", "professional-learner"}, {"obs", "observer"}};
    engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z"));
    LearningAgreement a;
    a.partnership = "pair";
    a.goals = {Goal{"AGREEMENT-SECRET-GOAL", ""}};
    a.ground_rules = {"AGREEMENT-SECRET-RULE"};
    a.planned_cycles = 2;
    engine->draft_agreement(a, by("lea", "2026-09-02T09:00:00Z"));
    for (const char* member : {"coach", "lea", "obs"})
        engine->sign_agreement("pair", by(member, "2026-09-02T09:30:00Z"));

    engine->start_cycle("pair", {}, by("coach", "2026-09-10T09:00:00Z"));
    engine->advance("pair-1", StageCompletion{"", "STAGE-SECRET-RECORD", ""},
                    by("lea", "2026-09-10T10:00:00Z"));
    engine->start_stage("pair-1", "", by("lea", "2026-09-11T09:00:00Z"));
    engine->add_note("pair-1", "", "NOTE-SECRET-1", by("coach", "2026-09-11T10:00:00Z"));
    AgreedAction action;
    action.text = "ACTION-SECRET-1";
    engine->agree_action("pair-1", action, by("lea", "2026-09-11T10:05:00Z"));
    engine->attach_evidence("pair-1", "",
                            EvidenceRef{"observation-record", "OBSREF-SECRET-PATH",
                                        "OBSREF-SECRET-SUMMARY", "", "", ""},
                            by("obs", "2026-09-11T10:10:00Z"));

    EvidenceInput transcript;
    transcript.kind = "lesson-transcript";
    transcript.format = "text";
    transcript.id = "lesson-talk";
    transcript.summary = "TRANSCRIPT-SECRET-SUMMARY";
    transcript.origin = "TRANSCRIPT-SECRET-ORIGIN.txt";
    transcript.options = {{"speakers", {{"Lea Learner", "teacher"}, {"Pupil 1", "pupil"}}}};
    MemoryByteSource transcript_bytes(kTranscript, "transcript.txt");
    engine->add_evidence("pair-1", "", transcript, transcript_bytes,
                         by("lea", "2026-09-11T10:15:00Z"));

    EvidenceInput video;
    video.kind = "video-recording";
    video.format = "json";
    video.id = "lesson-video";
    video.summary = "VIDEO-SECRET-SUMMARY";
    video.origin = "VIDEO-SECRET-ORIGIN.json";
    MemoryByteSource video_bytes(kVideo, "video.json");
    engine->add_evidence("pair-1", "", video, video_bytes, by("lea", "2026-09-11T10:20:00Z"));

    engine->attach_evidence(
        "pair-1", "",
        EvidenceRef{"video", "VIDEOREF-SECRET-PATH", "VIDEOREF-SECRET-SUMMARY", "", "", ""},
        by("coach", "2026-09-11T10:25:00Z"));
    Assessment assessment;
    assessment.rubric = "coaching-levels";
    assessment.level = "developing";
    assessment.overall = 2;
    assessment.rationale = "ASSESSMENT-SECRET-RATIONALE";
    assessment.citations = {Citation{"turn:1", "ASSESSMENT-SECRET-CITATION"}};
    assessment.details = {{"profile", "ASSESSMENT-SECRET-DETAIL"}};
    engine->record_assessment("pair-1", "lesson-talk", assessment,
                              by("coach", "2026-09-11T10:30:00Z"));
    engine->abandon_cycle("pair-1", "CYCLE-SECRET-REASON", by("lea", "2026-09-12T09:00:00Z"));
}

}  // namespace coachkit::testing
