// Cycles as state machines over test workflows whose rules each test controls: stage order,
// timing, scheduling, record writers, grades, agreements, repetition and alternating roles.
#include "programme_support.hpp"

namespace coachkit::testing {
namespace {

class Cycles : public ProgrammeTest {
protected:
    void add_test_workflows() override {
        // A coaching cycle with every rule: contracting once, a post-lesson meeting at least an
        // hour after the lesson and no later than the next day, at a time and with a record the
        // learner owns, grades only in formal cycles. At most three cycles.
        auto contracting = stage("contracting");
        contracting.first_cycle_only = true;
        contracting.concludes_agreement = true;
        auto pre = stage("pre");
        pre.prompts = {"curee-question-phases"};
        auto lesson = stage("lesson");
        lesson.evidence = {"observation-record"};
        auto post = stage("post");
        post.timing = StageTiming{"lesson", 60, 1, "professional-learner"};
        post.record_writers = {"professional-learner"};
        post.grading = Grading::formal_only;
        CyclePlan three;
        three.max_cycles = 3;
        add_workflow(registry, "test-cycle", "specialist-coaching",
                     {contracting, pre, lesson, post}, three);

        add_workflow(registry, "test-plain", "specialist-coaching", {stage("a"), stage("b")});
        CyclePlan alternate;
        alternate.roles_alternate = true;
        add_workflow(registry, "test-alternating", "co-coaching", {stage("a"), stage("b")},
                     alternate);
        CyclePlan once;
        once.repeats = false;
        add_workflow(registry, "test-once", "mentoring", {stage("only")}, once);
    }

    void SetUp() override {
        ProgrammeTest::SetUp();
        form("p", "specialist-coaching", "test-cycle",
             {Member{"coach", "specialist-coach"}, Member{"amy", "professional-learner"}},
             /*sign=*/false);
    }

    /// Starts a cycle of "p" on `day` and takes it to the start of `post`: contracting (signed),
    /// pre, lesson ending at 10:00.
    std::string to_post(bool formal = false, const std::string& day = "2026-09-07") {
        CycleOptions options;
        options.formal = formal;
        const auto cycle =
            engine->start_cycle("p", options, by("coach", day + "T08:00:00Z")).events[0].cycle;
        if (!engine->state().agreement_signed("p")) {
            engine->sign_agreement("p", by("coach", day + "T08:10:00Z"));
            engine->sign_agreement("p", by("amy", day + "T08:15:00Z"));
            engine->advance(cycle, {}, by("amy", day + "T08:20:00Z"));
        }
        engine->advance(cycle, {}, by("coach", day + "T08:40:00Z"));
        engine->start_stage(cycle, "lesson", by("amy", day + "T09:00:00Z"));
        engine->advance(cycle, {}, by("amy", day + "T10:00:00Z"));
        return cycle;
    }
};

TEST_F(Cycles, ACycleRunsItsStagesInOrderAndCloses) {
    const auto started = engine->start_cycle("p", {}, by("coach", "2026-09-07T08:00:00Z")).events;
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0].type, "cycle.started");
    EXPECT_EQ(started[0].cycle, "p-1");
    const Cycle* c = engine->state().cycle("p-1");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->learner, "amy");
    EXPECT_EQ(c->workflow_version, "0.0.1");
    ASSERT_EQ(c->stages.size(), 4u);
    EXPECT_EQ(c->current_stage()->id, "contracting");

    engine->sign_agreement("p", by("coach", "2026-09-07T08:10:00Z"));
    engine->sign_agreement("p", by("amy", "2026-09-07T08:15:00Z"));
    // advance on a stage not started writes its start and its completion.
    const auto advanced = engine->advance("p-1", {}, by("amy", "2026-09-07T08:20:00Z")).events;
    ASSERT_EQ(advanced.size(), 2u);
    EXPECT_EQ(advanced[0].type, "stage.started");
    EXPECT_EQ(advanced[1].type, "stage.completed");
    engine->advance("p-1", {}, by("coach", "2026-09-07T08:40:00Z"));
    engine->start_stage("p-1", "", by("amy", "2026-09-07T09:00:00Z"));
    engine->attach_evidence(
        "p-1", "", EvidenceRef{"observation-record", "records/p-1.json", "timings", "", "", ""},
        by("coach", "2026-09-07T09:50:00Z"));
    engine->add_note("p-1", "", "the group work ran long", by("coach", "2026-09-07T09:55:00Z"));
    engine->advance("p-1", {}, by("amy", "2026-09-07T10:00:00Z"));
    engine->schedule_stage("p-1", "post", "2026-09-07T15:30:00Z",
                           by("amy", "2026-09-07T10:05:00Z"));
    StageCompletion post;
    post.record = "The pupils talked more when I waited.";
    engine->advance("p-1", post, by("amy", "2026-09-07T15:30:00Z"));
    engine->agree_action("p-1", AgreedAction{"try think-pair-share", "amy", "2026-09-20", "", ""},
                         by("amy", "2026-09-07T16:10:00Z"));
    EXPECT_TRUE(engine->state().cycle("p-1")->all_stages_completed());
    engine->close_cycle("p-1", by("coach", "2026-09-07T16:15:00Z"));

    c = engine->state().cycle("p-1");
    EXPECT_EQ(c->status, CycleStatus::closed);
    EXPECT_EQ(c->ended_at, "2026-09-07T16:15:00Z");
    const StageProgress* lesson = c->stage("lesson");
    ASSERT_EQ(lesson->evidence.size(), 1u);
    EXPECT_EQ(lesson->evidence[0].ref, "records/p-1.json");
    EXPECT_EQ(lesson->evidence[0].by, "coach");
    ASSERT_EQ(lesson->notes.size(), 1u);
    EXPECT_EQ(lesson->started_at, "2026-09-07T09:00:00Z");
    const StageProgress* meeting = c->stage("post");
    EXPECT_EQ(meeting->scheduled_for, "2026-09-07T15:30:00Z");
    EXPECT_EQ(meeting->scheduled_by, "amy");
    EXPECT_EQ(meeting->record, post.record);
    EXPECT_EQ(meeting->record_by, "amy");
    ASSERT_EQ(c->actions.size(), 1u);
    EXPECT_EQ(c->actions[0].due, "2026-09-20");

    expect_refused("cycle-not-open",
                   [&] { engine->add_note("p-1", "", "late", by("amy", "2026-09-08T09:00:00Z")); });
}

TEST_F(Cycles, StagesRunInTheWorkflowsOrder) {
    const auto cycle = to_post();
    expect_refused(
        "stage-order",
        [&] { engine->start_stage(cycle, "pre", by("amy", "2026-09-07T16:00:00Z")); },
        "'pre' is already complete");
    expect_refused("unknown-stage", [&] {
        engine->start_stage(cycle, "debrief", by("amy", "2026-09-07T16:00:00Z"));
    });
}

TEST_F(Cycles, TheMeetingAfterTheLessonCannotComeBeforeIt) {
    engine->sign_agreement("p", by("coach", "2026-09-07T07:00:00Z"));
    engine->sign_agreement("p", by("amy", "2026-09-07T07:01:00Z"));
    engine->start_cycle("p", {}, by("coach", "2026-09-07T08:00:00Z"));
    engine->advance("p-1", {}, by("amy", "2026-09-07T08:10:00Z"));  // contracting
    engine->advance("p-1", {}, by("amy", "2026-09-07T08:30:00Z"));  // pre
    StageCompletion early;
    early.stage = "post";
    expect_refused(
        "stage-order", [&] { engine->advance("p-1", early, by("amy", "2026-09-07T08:40:00Z")); },
        "'post' cannot start before 'lesson' is complete");
    // Booking the meeting ahead is fine: its timing is checked when it starts.
    engine->schedule_stage("p-1", "post", "2026-09-07T15:00:00Z",
                           by("amy", "2026-09-07T08:40:00Z"));
    EXPECT_EQ(engine->state().cycle("p-1")->stage("post")->status, StageStatus::scheduled);
}

TEST_F(Cycles, TheMeetingIsNotStraightAfterTheLessonNorLaterThanTheNextDay) {
    const auto cycle = to_post();
    expect_refused(
        "stage-timing",
        [&] { engine->start_stage(cycle, "post", by("amy", "2026-09-07T10:30:00Z")); },
        "at least 60 minutes after it ended (2026-09-07T10:00:00Z), so not before "
        "2026-09-07T11:00:00Z");
    expect_refused(
        "stage-timing",
        [&] { engine->start_stage(cycle, "post", by("amy", "2026-09-09T09:00:00Z")); },
        "on the same or next day as 'lesson' (2026-09-07), not 2 days later");
    expect_refused("stage-timing", [&] {
        engine->schedule_stage(cycle, "post", "2026-09-07T10:15:00Z",
                               by("amy", "2026-09-07T10:05:00Z"));
    });
    // Exactly an hour later, and the next day, are both fine.
    engine->schedule_stage(cycle, "post", "2026-09-08T23:59:00Z",
                           by("amy", "2026-09-07T10:05:00Z"));
    engine->start_stage(cycle, "post", by("amy", "2026-09-07T11:00:00Z"));
}

TEST_F(Cycles, OnlyTheRoleTheWorkflowNamesSchedulesTheMeeting) {
    const auto cycle = to_post();
    expect_refused(
        "scheduled-by",
        [&] {
            engine->schedule_stage(cycle, "post", "2026-09-07T15:00:00Z",
                                   by("coach", "2026-09-07T10:05:00Z"));
        },
        "chosen by the professional-learner; 'coach' is the specialist-coach in this cycle");
    expect_refused("invalid-input", [&] {
        engine->schedule_stage(cycle, "post", "tomorrow", by("amy", "2026-09-07T10:05:00Z"));
    });
}

TEST_F(Cycles, OnlyTheNamedRolesWriteTheRecord) {
    const auto cycle = to_post();
    StageCompletion by_coach;
    by_coach.record = "You should wait longer.";
    expect_refused(
        "record-writer",
        [&] { engine->advance(cycle, by_coach, by("coach", "2026-09-07T15:30:00Z")); },
        "written by the professional-learner; 'coach' is the specialist-coach in this cycle");
    // Completing without a record is not writing one.
    engine->advance(cycle, {}, by("coach", "2026-09-07T15:30:00Z"));
}

TEST_F(Cycles, GradesOnlyInAFormalCycleAndOnlyWhereTheWorkflowAllows) {
    StageCompletion graded;
    graded.grade = "good";
    const auto informal = to_post(false);
    expect_refused(
        "grades", [&] { engine->advance(informal, graded, by("amy", "2026-09-07T15:00:00Z")); },
        "only in a formal observation");
    engine->abandon_cycle(informal, "a test", by("amy", "2026-09-07T15:00:00Z"));

    expect_refused(
        "time-order", [&] { engine->start_cycle("p", {}, by("coach", "2026-09-07T14:00:00Z")); },
        "before the previous one ended (2026-09-07T15:00:00Z)");
    const auto formal = to_post(true, "2026-09-08");
    engine->start_stage(formal, "post", by("amy", "2026-09-08T15:00:00Z"));
    engine->advance(formal, graded, by("amy", "2026-09-08T15:45:00Z"));
    EXPECT_EQ(engine->state().cycle(formal)->stage("post")->grade, "good");

    form("q", "specialist-coaching", "test-plain",
         {Member{"coach", "specialist-coach"}, Member{"ben", "professional-learner"}});
    const auto plain =
        engine->start_cycle("q", {}, by("coach", "2026-09-08T08:00:00Z")).events[0].cycle;
    expect_refused(
        "grades", [&] { engine->advance(plain, graded, by("ben", "2026-09-08T09:00:00Z")); },
        "records no grades");
}

TEST_F(Cycles, AnUnsignedAgreementStopsACycleUnlessAStageConcludesIt) {
    // test-cycle's contracting stage concludes the agreement: the cycle may start unsigned, but
    // contracting cannot complete until both have signed.
    engine->start_cycle("p", {}, by("coach", "2026-09-07T08:00:00Z"));
    expect_refused(
        "agreement-not-signed",
        [&] { engine->advance("p-1", {}, by("amy", "2026-09-07T08:20:00Z")); },
        "concludes the learning agreement");

    form("q", "specialist-coaching", "test-plain",
         {Member{"coach", "specialist-coach"}, Member{"ben", "professional-learner"}},
         /*sign=*/false);
    expect_refused(
        "agreement-not-signed",
        [&] { engine->start_cycle("q", {}, by("coach", "2026-09-08T08:00:00Z")); },
        "signed by every member");
}

TEST_F(Cycles, ContractingIsHeldInTheFirstCycleOnly) {
    const auto first = to_post();
    engine->advance(first, {}, by("amy", "2026-09-07T15:00:00Z"));
    engine->close_cycle(first, by("amy", "2026-09-07T16:00:00Z"));
    const auto second =
        engine->start_cycle("p", {}, by("coach", "2026-09-14T08:00:00Z")).events[0].cycle;
    const Cycle* c = engine->state().cycle(second);
    ASSERT_EQ(c->stages.size(), 3u);
    EXPECT_EQ(c->stages[0].id, "pre");
    EXPECT_EQ(c->number, 2);
    EXPECT_EQ(second, "p-2");
}

TEST_F(Cycles, OneOpenCycleAtATimeAndNoMoreThanThePlanAllows) {
    const auto first = to_post();
    expect_refused("one-open-cycle",
                   [&] { engine->start_cycle("p", {}, by("coach", "2026-09-08T08:00:00Z")); });
    expect_refused(
        "stages-incomplete",
        [&] { engine->close_cycle(first, by("coach", "2026-09-08T08:00:00Z")); }, "is at 'post'");
    engine->advance(first, {}, by("amy", "2026-09-07T15:00:00Z"));
    expect_refused("cycle-complete",
                   [&] { engine->advance(first, {}, by("amy", "2026-09-07T15:10:00Z")); });
    engine->close_cycle(first, by("amy", "2026-09-07T16:00:00Z"));
    // Cycles 2 and 3 run; a fourth exceeds max_cycles. An abandoned cycle does not count.
    for (const char* day : {"2026-09-14", "2026-09-21", "2026-09-28"}) {
        const auto c = engine->start_cycle("p", {}, by("coach", std::string(day) + "T08:00:00Z"))
                           .events[0]
                           .cycle;
        if (std::string(day) == "2026-09-21") {
            engine->abandon_cycle(c, "amy was ill", by("amy", std::string(day) + "T09:00:00Z"));
            continue;
        }
        for (int i = 0; i < 3; ++i)
            engine->advance(c, {},
                            by("amy", std::string(day) + "T1" + std::to_string(i) + ":00:00Z"));
        engine->close_cycle(c, by("amy", std::string(day) + "T16:00:00Z"));
    }
    expect_refused(
        "cycle-limit", [&] { engine->start_cycle("p", {}, by("coach", "2026-10-05T08:00:00Z")); },
        "at most 3 cycles");
    EXPECT_EQ(engine->state().cycle("p-3")->abandon_reason, "amy was ill");

    form("m", "mentoring", "test-once",
         {Member{"coach", "mentor"}, Member{"ect", "professional-learner"}});
    const auto only =
        engine->start_cycle("m", {}, by("coach", "2026-09-08T08:00:00Z")).events[0].cycle;
    engine->advance(only, {}, by("ect", "2026-09-08T09:00:00Z"));
    engine->close_cycle(only, by("ect", "2026-09-08T09:10:00Z"));
    expect_refused(
        "cycle-limit", [&] { engine->start_cycle("m", {}, by("coach", "2026-09-15T08:00:00Z")); },
        "runs one cycle per partnership");
}

TEST_F(Cycles, CoCoachesTakeTheLearnersRoleInTurn) {
    form("co", "co-coaching", "test-alternating",
         {Member{"amy", "co-coach"}, Member{"ben", "co-coach"}});
    auto run = [&](const std::string& day, const std::string& learner) {
        CycleOptions options;
        options.learner = learner;
        const auto c =
            engine->start_cycle("co", options, by("amy", day + "T08:00:00Z")).events[0].cycle;
        engine->advance(c, {}, by("amy", day + "T09:00:00Z"));
        engine->advance(c, {}, by("ben", day + "T10:00:00Z"));
        engine->close_cycle(c, by("ben", day + "T11:00:00Z"));
        return engine->state().cycle(c)->learner;
    };
    EXPECT_EQ(run("2026-09-07", ""), "amy");
    EXPECT_EQ(run("2026-09-14", ""), "ben") << "the next co-coach in turn";
    expect_refused(
        "roles-alternate",
        [&] {
            CycleOptions again;
            again.learner = "ben";
            engine->start_cycle("co", again, by("amy", "2026-09-21T08:00:00Z"));
        },
        "'ben' was the learner in co-2");
    EXPECT_EQ(run("2026-09-21", "amy"), "amy");
    expect_refused("learner", [&] {
        CycleOptions outsider;
        outsider.learner = "head";
        engine->start_cycle("co", outsider, by("amy", "2026-09-28T08:00:00Z"));
    });
}

TEST_F(Cycles, OnlyMembersMoveACycleAndTheCoordinatorMayAbandonIt) {
    const auto cycle = to_post();
    expect_refused("not-a-member",
                   [&] { engine->start_cycle("p", {}, by("head", "2026-09-07T08:00:00Z")); });
    expect_refused("not-a-member",
                   [&] { engine->advance(cycle, {}, by("head", "2026-09-07T15:00:00Z")); });
    expect_refused("not-a-member", [&] {
        engine->abandon_cycle(cycle, "reorganisation", by("head", "2026-09-07T15:00:00Z"));
    });
    expect_refused("invalid-input",
                   [&] { engine->abandon_cycle(cycle, "", by("coord", "2026-09-07T15:00:00Z")); });
    engine->abandon_cycle(cycle, "the teacher left", by("coord", "2026-09-07T15:00:00Z"));
    EXPECT_EQ(engine->state().cycle(cycle)->status, CycleStatus::abandoned);
}

TEST_F(Cycles, NotesEvidenceAndActionsAreChecked) {
    const auto cycle = to_post();
    expect_refused(
        "stage-not-started",
        [&] { engine->add_note(cycle, "", "x", by("amy", "2026-09-07T11:00:00Z")); },
        "'post' of 'p-1' has not started");
    engine->add_note(cycle, "lesson", "looking back", by("amy", "2026-09-07T11:00:00Z"));
    expect_refused("invalid-input", [&] {
        engine->add_note(cycle, "lesson", " ", by("amy", "2026-09-07T11:00:00Z"));
    });
    expect_refused("unknown-stage", [&] {
        engine->add_note(cycle, "nowhere", "x", by("amy", "2026-09-07T11:00:00Z"));
    });
    expect_refused("invalid-input", [&] {
        engine->attach_evidence(cycle, "lesson", EvidenceRef{"video", "", "", "", "", ""},
                                by("amy", "2026-09-07T11:00:00Z"));
    });
    // Evidence the stage does not expect is kept, with a warning.
    const auto video =
        engine->attach_evidence(cycle, "lesson", EvidenceRef{"video", "vid/1", "", "", "", ""},
                                by("amy", "2026-09-07T11:00:00Z"));
    ASSERT_EQ(video.warnings.size(), 1u);
    EXPECT_EQ(video.warnings[0].rule, "stage-evidence");
    expect_refused("not-a-member", [&] {
        engine->agree_action(cycle, AgreedAction{"read", "head", "", "", ""},
                             by("amy", "2026-09-07T11:00:00Z"));
    });
    expect_refused("invalid-input", [&] {
        engine->agree_action(cycle, AgreedAction{"read", "", "next week", "", ""},
                             by("amy", "2026-09-07T11:00:00Z"));
    });
    expect_refused(
        "invalid-input",
        [&] {
            engine->agree_action(cycle, AgreedAction{"read", "", "2026-09-06", "", ""},
                                 by("amy", "2026-09-07T11:00:00Z"));
        },
        "before the day it is agreed (2026-09-07)");
    expect_refused("unknown-cycle",
                   [&] { engine->close_cycle("nope", by("amy", "2026-09-07T11:00:00Z")); });
}

TEST_F(Cycles, TimesRunForwardWithinACycle) {
    const auto cycle = to_post();
    expect_refused("time-order", [&] {
        engine->add_note(cycle, "lesson", "x", by("amy", "2026-09-07T08:59:00Z"));
    });
    expect_refused("time-order", [&] {
        engine->agree_action(cycle, AgreedAction{"x", "", "", "", ""},
                             by("amy", "2026-09-07T07:00:00Z"));
    });
    expect_refused("time-order",
                   [&] { engine->abandon_cycle(cycle, "x", by("amy", "2026-09-07T09:30:00Z")); });
    expect_refused(
        "time-order",
        [&] { engine->start_stage(cycle, "post", by("amy", "2026-09-07T09:30:00Z")); },
        "before what it follows (2026-09-07T10:00:00Z)");
}

TEST_F(Cycles, PromptsComeFromTheCoachingGuidesTheStageNames) {
    const auto cycle = to_post();
    const auto prompts = engine->prompts_for(cycle, "pre");
    EXPECT_FALSE(prompts.empty());
    EXPECT_TRUE(engine->prompts_for(cycle, "lesson").empty());
    EXPECT_THROW((void)engine->prompts_for("nope", "pre"), NotFoundError);
}

}  // namespace
}  // namespace coachkit::testing
