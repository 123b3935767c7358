// The built-in workflows driven through the engine as a school would use them: these are the
// plugins' own tests as much as the engine's (they load through the registry like any plugin).
#include "programme_support.hpp"

namespace coachkit::testing {
namespace {

using BuiltinWorkflows = ProgrammeTest;

TEST_F(BuiltinWorkflows, SwissCottageTwoMentorCoachesAndTheTeacherWhoWritesTheRecord) {
    form("sw", "mentoring", "swiss-cottage-mentor-coaching",
         {Member{"coach", "mentor"}, Member{"deputy", "mentor"},
          Member{"teach", "professional-learner"}},
         /*sign=*/false);
    CycleOptions formal;
    formal.formal = true;
    const auto cycle =
        engine->start_cycle("sw", formal, by("coach", "2026-10-05T08:00:00Z")).events[0].cycle;
    const Cycle* c = engine->state().cycle(cycle);
    ASSERT_EQ(c->stages.size(), 4u);
    EXPECT_EQ(c->stages[0].id, "contracting-conversation");

    // The contract is the agreement: signed by all three before the conversation completes.
    expect_refused("agreement-not-signed",
                   [&] { engine->advance(cycle, {}, by("coach", "2026-10-05T08:30:00Z")); });
    for (const char* who : {"coach", "deputy", "teach"})
        engine->sign_agreement("sw", by(who, "2026-10-05T08:20:00Z"));
    engine->advance(cycle, {}, by("coach", "2026-10-05T08:30:00Z"));
    engine->advance(cycle, {}, by("teach", "2026-10-05T12:30:00Z"));  // pre-lesson dialogue
    engine->start_stage(cycle, "observation", by("coach", "2026-10-06T09:00:00Z"));
    engine->attach_evidence(cycle, "",
                            EvidenceRef{"observation-record", "rr/coach.json", "", "", "", ""},
                            by("coach", "2026-10-06T10:00:00Z"));
    engine->attach_evidence(cycle, "",
                            EvidenceRef{"observation-record", "rr/deputy.json", "", "", "", ""},
                            by("deputy", "2026-10-06T10:00:00Z"));
    engine->advance(cycle, {}, by("coach", "2026-10-06T10:00:00Z"));

    // Not straight after the lesson; the teacher picks the time.
    expect_refused("stage-timing",
                   [&] { engine->start_stage(cycle, "", by("teach", "2026-10-06T10:15:00Z")); });
    expect_refused("scheduled-by", [&] {
        engine->schedule_stage(cycle, "post-lesson-dialogue", "2026-10-06T15:45:00Z",
                               by("coach", "2026-10-06T10:05:00Z"));
    });
    engine->schedule_stage(cycle, "post-lesson-dialogue", "2026-10-07T08:00:00Z",
                           by("teach", "2026-10-06T10:05:00Z"));
    // The mentor-coaches do not write the record.
    StageCompletion record;
    record.record = "We agreed the group tasks need clearer roles.";
    expect_refused("record-writer",
                   [&] { engine->advance(cycle, record, by("deputy", "2026-10-07T08:45:00Z")); });
    // Grades, agreed at the very end, in a formal observation.
    record.grade = "good";
    engine->advance(cycle, record, by("teach", "2026-10-07T08:45:00Z"));
    engine->close_cycle(cycle, by("teach", "2026-10-07T08:50:00Z"));

    const StageProgress* post = engine->state().cycle(cycle)->stage("post-lesson-dialogue");
    EXPECT_EQ(post->record_by, "teach");
    EXPECT_EQ(post->grade, "good");
    EXPECT_EQ(engine->state().cycle(cycle)->stage("observation")->evidence.size(), 2u);

    // The next term's cycle has no contracting conversation, and is informal: no grades.
    const auto next =
        engine->start_cycle("sw", {}, by("coach", "2027-01-11T08:00:00Z")).events[0].cycle;
    EXPECT_EQ(engine->state().cycle(next)->stages.front().id, "pre-lesson-dialogue");
}

TEST_F(BuiltinWorkflows, CureeCoCoachingAlternatesAndWarnsBelowFourCycles) {
    Partnership p;
    p.id = "co";
    p.mode = "co-coaching";
    p.workflow = "curee-co-coaching";
    p.focus = "dialogic talk";
    p.focus_chosen_by = "amy";
    p.specialist_input = "a talk course";
    p.members = {Member{"amy", "co-coach"}, Member{"ben", "co-coach"}};
    EXPECT_TRUE(engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z")).warnings.empty());
    LearningAgreement a;
    a.partnership = "co";
    a.planned_weeks = 12;
    a.planned_cycles = 3;
    const auto drafted = engine->draft_agreement(a, by("amy", "2026-09-02T09:00:00Z"));
    ASSERT_EQ(drafted.warnings.size(), 1u);
    EXPECT_EQ(drafted.warnings[0].rule, "co-coaching-cycles");

    const auto first =
        engine->start_cycle("co", {}, by("amy", "2026-09-07T08:00:00Z")).events[0].cycle;
    EXPECT_EQ(engine->state().cycle(first)->learner, "amy");
    engine->sign_agreement("co", by("amy", "2026-09-07T08:05:00Z"));
    engine->sign_agreement("co", by("ben", "2026-09-07T08:05:00Z"));
    const auto stages = engine->state().cycle(first)->stages.size();
    for (std::size_t i = 0; i < stages; ++i)
        engine->advance(first, {},
                        by("ben", "2026-09-0" + std::to_string(7 + i / 3) + "T1" +
                                      std::to_string(i % 3) + ":00:00Z"));
    engine->close_cycle(first, by("amy", "2026-09-10T12:00:00Z"));
    const auto second =
        engine->start_cycle("co", {}, by("ben", "2026-09-21T08:00:00Z")).events[0].cycle;
    EXPECT_EQ(engine->state().cycle(second)->learner, "ben");
    EXPECT_EQ(engine->state().cycle(second)->stages.size(), stages - 1) << "agreement once";
}

TEST_F(BuiltinWorkflows, InductionMentoringIsACompiledPluginDrivenLikeAnyOther) {
    form("ind", "mentoring", "induction-mentoring",
         {Member{"coach", "mentor"}, Member{"ect", "professional-learner"}}, /*sign=*/false);
    EXPECT_TRUE(registry.plugin("induction-mentoring")->loaded);
    const auto cycle =
        engine->start_cycle("ind", {}, by("coach", "2026-09-07T08:00:00Z")).events[0].cycle;
    const Cycle* c = engine->state().cycle(cycle);
    EXPECT_EQ(c->stages.front().id, "induction-agreement");
    EXPECT_EQ(c->workflow_version, "1.0.0");
    engine->sign_agreement("ind", by("coach", "2026-09-07T08:10:00Z"));
    engine->sign_agreement("ind", by("ect", "2026-09-07T08:10:00Z"));
    StageCompletion graded;
    graded.grade = "meeting the standards";
    int hour = 10;
    while (engine->state().cycle(cycle)->current_stage() != nullptr) {
        const std::string at = "2026-09-07T" + std::to_string(hour++) + ":00:00Z";
        if (engine->state().cycle(cycle)->current_stage()->id == "review-and-action-planning") {
            expect_refused("grades", [&] { engine->advance(cycle, graded, by("coach", at)); });
        }
        engine->advance(cycle, {}, by("coach", at));
    }
    engine->close_cycle(cycle, by("coach", "2026-09-07T20:00:00Z"));
    EXPECT_EQ(engine->state().cycle(cycle)->status, CycleStatus::closed);
}

TEST_F(BuiltinWorkflows, CflatCycleRepeatsAsPlanDoReview) {
    form("sc", "specialist-coaching", "cflat-ideal-cycle",
         {Member{"coach", "specialist-coach"}, Member{"amy", "professional-learner"}});
    for (int week = 0; week < 3; ++week) {
        const std::string day = "2026-09-" + std::to_string(14 + 7 * week);
        const auto c =
            engine->start_cycle("sc", {}, by("coach", day + "T08:00:00Z")).events[0].cycle;
        for (int i = 0; i < 4; ++i)
            engine->advance(c, {}, by("amy", day + "T1" + std::to_string(i) + ":00:00Z"));
        engine->close_cycle(c, by("amy", day + "T15:00:00Z"));
    }
    EXPECT_EQ(engine->state().cycles_of("sc").size(), 3u);
    const ProgrammeSummary summary = summarise(engine->state());
    ASSERT_EQ(summary.partnerships.size(), 1u);
    EXPECT_EQ(summary.partnerships[0].cycles_closed, 3);
    EXPECT_EQ(summary.partnerships[0].agreement, "signed");
    EXPECT_EQ(summary.partnerships[0].planned_cycles, 4);
}

}  // namespace
}  // namespace coachkit::testing
