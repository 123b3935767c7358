// The programme engine's commands for the programme, people, partnerships and agreements: what
// each writes, what the state then says, and each refusal.
#include "programme_support.hpp"

namespace coachkit::testing {
namespace {

using Engine = ProgrammeTest;

Partnership coaching(std::string id, std::string coach, std::string learner) {
    Partnership p;
    p.id = std::move(id);
    p.mode = "specialist-coaching";
    p.workflow = "cflat-ideal-cycle";
    p.focus = "questioning";
    p.focus_chosen_by = learner;
    p.members = {Member{std::move(coach), "specialist-coach"},
                 Member{std::move(learner), "professional-learner"}};
    return p;
}

TEST_F(Engine, InitWritesTheFirstEventAndRefusesASecondProgramme) {
    const auto first = store->read(0, 1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].type, "programme.created");
    EXPECT_EQ(first[0].programme, "school");
    EXPECT_EQ(engine->state().name(), "Test School");
    EXPECT_EQ(engine->state().created_at(), "2026-09-01T08:00:00Z");
    expect_refused("programme-exists", [&] {
        engine->init("other", "Other School", by("system", "2026-09-01T09:00:00Z"));
    });
}

TEST_F(Engine, CommandsBeforeInitAreRefused) {
    auto empty = make_memory_store();
    ProgrammeEngine fresh(*empty, registry);
    try {
        fresh.add_person(Person{"a", "A", StaffRole::teacher, ""}, by("system", ""));
        FAIL() << "expected no-programme";
    } catch (const RefusedError& e) {
        EXPECT_EQ(e.rule(), "no-programme");
    }
    EXPECT_EQ(empty->last_sequence(), 0);
}

TEST_F(Engine, PeopleAreAddedWithTheirRolesAndLineManagers) {
    const Person* teacher = engine->state().person("teach");
    ASSERT_NE(teacher, nullptr);
    EXPECT_EQ(teacher->role, StaffRole::teacher);
    EXPECT_EQ(teacher->line_manager, "coach");
    EXPECT_EQ(engine->state().people().size(), 8u);
    expect_refused("duplicate-id", [&] { add("teach", "Again", StaffRole::teacher, ""); });
    expect_refused("unknown-person", [&] { add("x", "X", StaffRole::teacher, "nobody"); });
    expect_refused("invalid-input", [&] { add("y", "Y", StaffRole::teacher, "y"); });
    expect_refused("invalid-input", [&] { add("", "No id", StaffRole::teacher, ""); });
    expect_refused("invalid-input", [&] { add("z", "  ", StaffRole::teacher, ""); });
}

TEST_F(Engine, TheContextIsChecked) {
    expect_refused("invalid-input", [&] {
        engine->add_person(Person{"a", "A", StaffRole::teacher, ""},
                           by("", "2026-09-01T08:00:00Z"));
    });
    expect_refused(
        "invalid-input",
        [&] {
            engine->add_person(Person{"a", "A", StaffRole::teacher, ""},
                               by("coord", "2026-09-01 08:00"));
        },
        "invalid time '2026-09-01 08:00'");
    expect_refused(
        "unknown-person",
        [&] {
            engine->add_person(Person{"a", "A", StaffRole::teacher, ""},
                               by("ghost", "2026-09-01T08:00:00Z"));
        },
        "'ghost' is not a person in the programme");
    expect_refused(
        "time-order",
        [&] {
            engine->add_person(Person{"a", "A", StaffRole::teacher, ""},
                               by("coord", "2026-08-31T23:59:59Z"));
        },
        "before it was created (2026-09-01T08:00:00Z)");
    // No time given: now.
    const auto result = engine->add_person(Person{"a", "A", StaffRole::teacher, ""}, {"coord", ""});
    ASSERT_EQ(result.events.size(), 1u);
    EXPECT_TRUE(parse_utc_time(result.events[0].at));
}

TEST_F(Engine, PartnershipsNeedKnownPeopleInRolesTheirModeHas) {
    const auto result = engine->add_partnership(coaching("sc", "coach", "amy"),
                                                by("coord", "2026-09-02T08:00:00Z"));
    ASSERT_EQ(result.events.size(), 1u);
    EXPECT_EQ(result.events[0].type, "partnership.formed");
    EXPECT_EQ(result.events[0].partnership, "sc");
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_NE(engine->state().partnership("sc"), nullptr);

    const auto refused = [&](const std::string& rule, Partnership p, const std::string& says) {
        expect_refused(
            rule, [&] { engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z")); }, says);
    };
    refused("duplicate-id", coaching("sc", "coach", "ben"), "already exists");
    refused("unknown-person", coaching("x", "coach", "nobody"), "nobody");
    auto two_learners = coaching("x", "coach", "amy");
    two_learners.members.push_back(Member{"ben", "professional-learner"});
    refused("partnership-roles", two_learners, "exactly one professional learner");
    auto mentor_in_coaching = coaching("x", "coach", "amy");
    mentor_in_coaching.members[0].role = "mentor";
    refused("partnership-roles", mentor_in_coaching, "no place for a mentor");
    auto twice = coaching("x", "amy", "amy");
    refused("partnership-roles", twice, "named twice");
    auto bad_role = coaching("x", "coach", "amy");
    bad_role.members[0].role = "boss";
    refused("partnership-roles", bad_role, "unknown role 'boss'");
    auto lone = coaching("x", "coach", "amy");
    lone.mode = "co-coaching";
    lone.workflow = "curee-co-coaching";
    lone.members = {Member{"amy", "co-coach"}};
    refused("partnership-roles", lone, "two or more co-coaches");
    auto wrong_flow = coaching("x", "coach", "amy");
    wrong_flow.workflow = "swiss-cottage-mentor-coaching";
    refused("workflow-mode", wrong_flow, "is for mentoring, not specialist-coaching");
    auto no_flow = coaching("x", "coach", "amy");
    no_flow.workflow = "no-such-cycle";
    refused("unknown-workflow", no_flow, "no-such-cycle");
    auto odd_mode = coaching("x", "coach", "amy");
    odd_mode.mode = "supervision";
    refused("invalid-input", odd_mode, "unknown mode 'supervision'");
    auto chooser = coaching("x", "coach", "amy");
    chooser.focus_chosen_by = "head";
    refused("not-a-member", chooser, "choose its focus");
    auto purpose = coaching("x", "coach", "amy");
    purpose.mode = "mentoring";
    purpose.workflow = "induction-mentoring";
    purpose.members = {Member{"coach", "mentor"}, Member{"ect", "professional-learner"}};
    purpose.purpose = "remediation";
    refused("invalid-input", purpose, "unknown purpose 'remediation'");
}

TEST_F(Engine, APartnershipThatDepartsFromTheFrameworkIsFormedWithWarnings) {
    // The specialist coach is the learner's line manager: buffer zones.
    const auto result = engine->add_partnership(coaching("lm", "coach", "teach"),
                                                by("coord", "2026-09-02T08:00:00Z"));
    ASSERT_EQ(result.events.size(), 1u);
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings[0].rule, "buffer-zones");
    EXPECT_EQ(result.warnings[0].partnership, "lm");
    EXPECT_EQ(result.warnings[0].source, "001_02d9a7e25f685ada.txt");
}

TEST_F(Engine, AnAgreementIsDraftedThenSignedByEachMember) {
    engine->add_partnership(coaching("sc", "coach", "amy"), by("coord", "2026-09-02T08:00:00Z"));
    LearningAgreement a;
    a.partnership = "sc";
    a.goals = {Goal{"more pupil talk", "oracy"}};
    a.ground_rules = {"what is said stays between us"};
    a.planned_weeks = 12;
    a.planned_cycles = 4;
    a.review_dates = {"2026-10-20"};
    a.video_consent = true;
    engine->draft_agreement(a, by("coach", "2026-09-02T09:00:00Z"));
    EXPECT_FALSE(engine->state().agreement_signed("sc"));

    expect_refused("not-a-member",
                   [&] { engine->sign_agreement("sc", by("head", "2026-09-02T10:00:00Z")); });
    engine->sign_agreement("sc", by("coach", "2026-09-02T10:00:00Z"));
    expect_refused("already-signed",
                   [&] { engine->sign_agreement("sc", by("coach", "2026-09-02T10:05:00Z")); });
    engine->sign_agreement("sc", by("amy", "2026-09-02T11:00:00Z"));
    EXPECT_TRUE(engine->state().agreement_signed("sc"));
    const LearningAgreement* stored = engine->state().agreement("sc");
    ASSERT_NE(stored, nullptr);
    EXPECT_EQ(stored->goals[0].school_priority, "oracy");
    EXPECT_EQ(stored->ground_rules, a.ground_rules);
    EXPECT_EQ(stored->review_dates, a.review_dates);
    EXPECT_TRUE(stored->video_consent);
    ASSERT_EQ(stored->acknowledgements.size(), 2u);
    EXPECT_EQ(stored->acknowledgements[1].person, "amy");
    EXPECT_EQ(stored->acknowledgements[1].at, "2026-09-02T11:00:00Z");

    // A redraft changes the terms, so every signature must be given again.
    a.planned_cycles = 6;
    engine->draft_agreement(a, by("amy", "2026-09-03T09:00:00Z"));
    EXPECT_FALSE(engine->state().agreement_signed("sc"));
    EXPECT_TRUE(engine->state().agreement("sc")->acknowledgements.empty());
}

TEST_F(Engine, AgreementInputIsChecked) {
    engine->add_partnership(coaching("sc", "coach", "amy"), by("coord", "2026-09-02T08:00:00Z"));
    expect_refused("no-agreement",
                   [&] { engine->sign_agreement("sc", by("amy", "2026-09-02T10:00:00Z")); });
    LearningAgreement a;
    a.partnership = "sc";
    const auto draft = [&](const LearningAgreement& x) {
        return [&, x] { engine->draft_agreement(x, by("amy", "2026-09-02T09:00:00Z")); };
    };
    auto bad_date = a;
    bad_date.review_dates = {"20/10/2026"};
    expect_refused("invalid-input", draft(bad_date), "'20/10/2026' is not a date");
    auto no_cycles = a;
    no_cycles.planned_cycles = 0;
    expect_refused("invalid-input", draft(no_cycles), "planned cycles");
    auto signed_draft = a;
    signed_draft.acknowledgements = {Acknowledgement{"amy", "2026-09-02T09:00:00Z"}};
    expect_refused("invalid-input", draft(signed_draft), "carries no signatures");
    auto nobody = a;
    nobody.partnership = "none";
    expect_refused("unknown-partnership", draft(nobody));
    expect_refused("not-a-member",
                   [&] { engine->draft_agreement(a, by("head", "2026-09-02T09:00:00Z")); });
}

TEST_F(Engine, OnlyTheLearnerLinksRecordsToPerformanceManagement) {
    engine->add_partnership(coaching("sc", "coach", "amy"), by("coord", "2026-09-02T08:00:00Z"));
    LearningAgreement a;
    a.partnership = "sc";
    a.performance_management_link = true;
    expect_refused(
        "pm-link-learner-only",
        [&] { engine->draft_agreement(a, by("coach", "2026-09-02T09:00:00Z")); },
        "only the learner");
    engine->draft_agreement(a, by("amy", "2026-09-02T09:00:00Z"));
    EXPECT_TRUE(engine->state().agreement("sc")->performance_management_link);
    // The coach may redraft keeping the learner's choice.
    engine->draft_agreement(a, by("coach", "2026-09-02T09:30:00Z"));
    EXPECT_TRUE(engine->state().agreement("sc")->performance_management_link);

    expect_refused("pm-link-learner-only", [&] {
        engine->set_performance_management_link("sc", false, by("coach", "2026-09-03T09:00:00Z"));
    });
    engine->set_performance_management_link("sc", false, by("amy", "2026-09-03T09:00:00Z"));
    EXPECT_FALSE(engine->state().agreement("sc")->performance_management_link);
    // Switched off by the learner, the coach cannot switch it back on in a redraft.
    expect_refused("pm-link-learner-only",
                   [&] { engine->draft_agreement(a, by("coach", "2026-09-04T09:00:00Z")); });
}

/// A workflow whose plugin code fails when asked for its stages.
class BrokenWorkflow final : public Workflow {
public:
    [[nodiscard]] std::string mode() const override { return "specialist-coaching"; }
    [[nodiscard]] std::vector<WorkflowStage> stages() const override {
        throw std::runtime_error("the stage table is missing");
    }
};

TEST_F(Engine, AWorkflowThatFailsIsAPluginErrorNamingThePluginAndWritesNothing) {
    ComponentDescriptor descriptor;
    descriptor.kind = ComponentKind::workflow;
    descriptor.id = "broken-cycle";
    descriptor.plugin_id = "school-broken";
    registry.add(descriptor, [] { return std::make_shared<BrokenWorkflow>(); });
    auto p = coaching("sc", "coach", "amy");
    p.workflow = "broken-cycle";
    const auto before = store->last_sequence();
    try {
        engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z"));
        FAIL() << "expected PluginError";
    } catch (const PluginError& e) {
        EXPECT_EQ(e.plugin_id(), "school-broken");
        EXPECT_NE(std::string(e.what()).find("workflow 'broken-cycle' failed: the stage table is "
                                             "missing"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(store->last_sequence(), before);
}

TEST_F(Engine, ASecondEngineOnTheSameStoreSeesTheFirstsEventsBeforeDeciding) {
    ProgrammeEngine other(*store, registry);
    engine->add_person(Person{"new", "New", StaffRole::teacher, ""}, by("coord", ""));
    // `other` has not refreshed, but a command refreshes before it checks.
    try {
        other.add_person(Person{"new", "Again", StaffRole::teacher, ""}, by("coord", ""));
        FAIL() << "expected duplicate-id";
    } catch (const RefusedError& e) {
        EXPECT_EQ(e.rule(), "duplicate-id");
    }
    EXPECT_NE(other.state().person("new"), nullptr);
}

}  // namespace
}  // namespace coachkit::testing
