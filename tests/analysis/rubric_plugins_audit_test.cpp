// The principles-audit rubric, loaded through the registry and fed what the CLI feeds it: one
// person's view of a programme built with the engine. Besides the findings, these tests hold the
// audit to the privacy model: it cites only records the viewer may see, quotes no content, and
// says that it covers only that viewer's view.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>
#include <coachkit/plugin/assessment_json.hpp>

#include "privacy/privacy_programme.hpp"
#include "programme/programme_support.hpp"

namespace coachkit::testing {
namespace {

std::string describe(const Diagnostics& problems) {
    std::string out;
    for (const auto& p : problems)
        out += p.to_string() + "\n";
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// What `coachkit export --as VIEWER` writes: the view with its schema tag.
boost::json::object view_document(const ProgrammeState& state, const std::string& viewer) {
    boost::json::object out{{"schema", "coachkit.programme-view/1"}};
    for (const auto& member : to_json(view_as(state, viewer)))
        out[member.key()] = member.value();
    return out;
}

const CriterionResult* criterion(const Assessment& a, const std::string& id) {
    for (const auto& c : a.criteria) {
        if (c.criterion == id)
            return &c;
    }
    return nullptr;
}

bool cites(const CriterionResult& c, const std::string& ref) {
    return std::any_of(c.citations.begin(), c.citations.end(),
                       [&](const Citation& citation) { return citation.ref == ref; });
}

std::vector<Citation> all_citations(const Assessment& a) {
    std::vector<Citation> out = a.citations;
    for (const auto& c : a.criteria)
        out.insert(out.end(), c.citations.begin(), c.citations.end());
    return out;
}

/// Every citation names a record of `state` that `viewer` may see (shown or redacted).
void expect_citations_visible(const Assessment& a, const ProgrammeState& state,
                              const std::string& viewer) {
    for (const auto& citation : all_citations(a)) {
        const auto record = find_record(state, citation.ref);
        ASSERT_TRUE(record.has_value()) << viewer << " cites '" << citation.ref
                                        << "', which is no record (" << citation.note << ")";
        EXPECT_NE(decide(state, viewer, *record).access, Access::deny)
            << viewer << " may not see " << citation.ref << ", yet the audit cites it";
    }
}

// ---- a programme of three partnerships ---------------------------------------------------------

/// `sc`: a specialist-coaching triad with everything the audit looks for; `mc`: a mentoring pair
/// with an unsigned agreement and no cycle; `cc`: co-coaching whose co-coaches took turns.
class PrinciplesAudit : public ProgrammeTest {
protected:
    void add_test_workflows() override {
        const std::vector<WorkflowStage> stages{stage("plan"), stage("lesson"), stage("review")};
        add_workflow(registry, "three-stage", "specialist-coaching", stages);
        add_workflow(registry, "mentor-cycle", "mentoring", stages);
        CyclePlan alternate;
        alternate.roles_alternate = true;
        add_workflow(registry, "co-cycle", "co-coaching", stages, alternate);
    }

    void SetUp() override {
        ProgrammeTest::SetUp();
        ASSERT_FALSE(HasFatalFailure());
        add("cat", "Cat", StaffRole::teacher, "deputy");
        add("dan", "Dan", StaffRole::teacher, "deputy");
        build_sc();
        build_mc();
        build_cc();
        rubric = registry.create<Rubric>("principles-audit");
    }

    std::string at() {
        const int m = minutes_++;
        char text[32];
        std::snprintf(text, sizeof text, "2026-09-%02dT%02d:%02d:00Z", 3 + m / 60, 8 + (m / 10) % 6,
                      (m % 10) * 5);
        return text;
    }

    void agreement(const std::string& partnership, const std::string& by_whom,
                   std::vector<Goal> goals, std::vector<std::string> rules, int cycles) {
        LearningAgreement a;
        a.partnership = partnership;
        a.goals = std::move(goals);
        a.ground_rules = std::move(rules);
        a.planned_cycles = cycles;
        engine->draft_agreement(a, by(by_whom, at()));
    }

    void build_sc() {
        Partnership p;
        p.id = "sc";
        p.mode = "specialist-coaching";
        p.workflow = "three-stage";
        p.focus = "questioning";
        p.focus_chosen_by = "teach";
        p.members = {
            {"coach", "specialist-coach"}, {"teach", "professional-learner"}, {"amy", "observer"}};
        engine->add_partnership(p, by("coord", at()));
        agreement("sc", "teach", {Goal{"ask open questions", "literacy"}, Goal{"wait time", ""}},
                  {"what is said stays here"}, 2);
        for (const char* member : {"coach", "teach", "amy"})
            engine->sign_agreement("sc", by(member, at()));
        engine->start_cycle("sc", {}, by("teach", at()));
        engine->schedule_stage("sc-1", "lesson", "2026-09-20T10:00:00Z", by("teach", at()));
        engine->advance("sc-1", StageCompletion{"", "we will look at wait time", ""},
                        by("teach", at()));
        engine->start_stage("sc-1", "lesson", by("teach", "2026-09-20T10:00:00Z"));
        minutes_ = 18 * 60;  // the lesson is on the 20th: later commands follow it
        // The video first, so that an observer (who may not see video) sees the running record
        // first in the stage's list although it is the stage's second piece of evidence.
        engine->attach_evidence("sc-1", "", EvidenceRef{"video", "clip.mp4", "", "", "", ""},
                                by("coach", at()));
        engine->attach_evidence(
            "sc-1", "", EvidenceRef{"observation-record", "running-record.pdf", "", "", "", ""},
            by("amy", at()));
        EvidenceInput reflection;
        reflection.kind = "learner-reflection";
        reflection.id = "coach-reflection";
        reflection.owner = "coach";
        MemoryByteSource text("Coaching Teach made me slow my own questions down.", "r.txt");
        engine->add_evidence("sc-1", "", reflection, text, by("coach", at()));
        engine->add_note("sc-1", "", "long pause after the second question", by("coach", at()));
        engine->advance("sc-1", {}, by("teach", at()));
        engine->advance("sc-1", StageCompletion{"", "wait time rose", ""}, by("coach", at()));
        engine->agree_action("sc-1", AgreedAction{"try think-pair-share", "teach", "", "", ""},
                             by("coach", at()));
        engine->agree_action("sc-1", AgreedAction{"read about wait time", "coach", "", "", ""},
                             by("coach", at()));
        engine->close_cycle("sc-1", by("teach", at()));
        engine->start_cycle("sc", {}, by("teach", at()));
        engine->advance("sc-2", StageCompletion{"", "next: pair talk", ""}, by("teach", at()));
        engine->agree_action("sc-2", AgreedAction{"plan pair talk", "", "", "", ""},
                             by("teach", at()));
    }

    void build_mc() {
        Partnership p;
        p.id = "mc";
        p.mode = "mentoring";
        p.purpose = "induction";
        p.workflow = "mentor-cycle";
        p.members = {{"ben", "mentor"}, {"ect", "professional-learner"}};
        engine->add_partnership(p, by("coord", at()));
        agreement("mc", "ect", {Goal{"settle the class", ""}}, {}, 3);
        engine->sign_agreement("mc", by("ect", at()));
    }

    void build_cc() {
        Partnership p;
        p.id = "cc";
        p.mode = "co-coaching";
        p.workflow = "co-cycle";
        p.focus = "reasoning";
        p.focus_chosen_by = "cat";
        p.specialist_input = "maths hub";
        p.members = {{"cat", "co-coach"}, {"dan", "co-coach"}};
        engine->add_partnership(p, by("coord", at()));
        agreement("cc", "cat", {Goal{"better reasoning talk", ""}}, {"we swap roles"}, 4);
        for (const char* member : {"cat", "dan"})
            engine->sign_agreement("cc", by(member, at()));
        engine->start_cycle("cc", {}, by("cat", at()));
        engine->advance("cc-1", {}, by("cat", at()));
        engine->start_stage("cc-1", "lesson", by("cat", at()));
        engine->attach_evidence("cc-1", "", EvidenceRef{"pupil-work", "books.pdf", "", "", "", ""},
                                by("dan", at()));
        engine->advance("cc-1", {}, by("cat", at()));
        engine->advance("cc-1", {}, by("cat", at()));
        engine->close_cycle("cc-1", by("cat", at()));
        engine->start_cycle("cc", {}, by("dan", at()));
        engine->advance("cc-2", {}, by("dan", at()));
    }

    Assessment audit(const std::string& viewer, const std::string& partnership = "") {
        boost::json::object input{{"programme", view_document(engine->state(), viewer)}};
        if (!partnership.empty())
            input["partnership"] = partnership;
        problems.clear();
        return rubric->evaluate(input, problems);
    }

    std::shared_ptr<Rubric> rubric;
    Diagnostics problems;
    int minutes_ = 0;
};

TEST_F(PrinciplesAudit, DescribesTheTenPrinciplesAndThreeLevels) {
    EXPECT_EQ(rubric->applies_to(), "programme");
    const auto criteria = rubric->criteria();
    ASSERT_EQ(criteria.size(), 10u);
    for (std::size_t i = 0; i < criteria.size(); ++i)
        EXPECT_EQ(criteria[i].id, Framework::curee().principles()[i].id);
    EXPECT_TRUE(criteria[2].descriptors.empty()) << "a thoughtful relationship is not audited";
    EXPECT_TRUE(contains(criteria[2].summary, "needs people's judgement"));
    EXPECT_EQ(criteria[4].descriptors.size(), 3u);
    const auto levels = rubric->levels();
    ASSERT_EQ(levels.size(), 3u);
    EXPECT_EQ(levels[0].id, "not-shown");
    EXPECT_EQ(levels[1].id, "partly-shown");
    EXPECT_EQ(levels[2].id, "shown");
}

TEST_F(PrinciplesAudit, APartnershipWithEverythingShowsEveryPrincipleRecordsCanShow) {
    const auto result = audit("coach", "sc");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    ASSERT_EQ(result.criteria.size(), 8u) << "two principles need people's judgement";
    for (const auto& c : result.criteria)
        EXPECT_EQ(c.level, "shown") << c.criterion << ": " << c.rationale;
    EXPECT_DOUBLE_EQ(result.overall, 3.0);
    EXPECT_EQ(result.level, "shown");
    EXPECT_EQ(criterion(result, "thoughtful-relationship"), nullptr);
    EXPECT_EQ(result.details.at("principles").at("thoughtful-relationship").at("status"),
              "needs-judgement");
    EXPECT_TRUE(contains(result.rationale,
                         "Records cannot show 3 (a thoughtful relationship) and "
                         "4 (understanding why different approaches work)"))
        << result.rationale;
    EXPECT_TRUE(contains(result.rationale, "principles-review")) << result.rationale;
    EXPECT_TRUE(contains(result.rationale, "The audit covers only what coach may see"))
        << result.rationale;

    // Each finding cites the records that show it.
    EXPECT_TRUE(cites(*criterion(result, "learning-agreement"), "agreement:sc"));
    EXPECT_TRUE(
        cites(*criterion(result, "setting-challenging-and-personal-goals"), "partnership:sc"));
    const auto* conversation = criterion(result, "learning-conversation");
    EXPECT_TRUE(cites(*conversation, "stage-record:sc-1/plan"));
    EXPECT_TRUE(cites(*conversation, "note:sc-1/lesson/1"));
    EXPECT_TRUE(cites(*conversation, "evidence:sc-1/lesson/2")) << "the running record";
    EXPECT_TRUE(cites(*criterion(result, "acknowledging-the-benefits-to-mentors-and-coaches"),
                      "evidence:coach-reflection"));
    const auto* observing = criterion(result, "experimenting-and-observing");
    EXPECT_TRUE(cites(*observing, "evidence:sc-1/lesson/1")) << "the video";
    EXPECT_TRUE(cites(*observing, "evidence:sc-1/lesson/2"));
    const auto* direction = criterion(result, "growing-self-direction");
    EXPECT_TRUE(cites(*direction, "action:sc-1/1"));
    EXPECT_TRUE(cites(*direction, "action:sc-2/1")) << "an action with no owner is the learner's";
    EXPECT_FALSE(cites(*direction, "action:sc-1/2")) << "the coach's own action";
    EXPECT_TRUE(cites(*criterion(result, "using-resources-effectively"), "cycle:sc-1"));
    expect_citations_visible(result, engine->state(), "coach");
}

TEST_F(PrinciplesAudit, APartnershipMissingThingsIsToldWhatIsMissing) {
    const auto result = audit("ect", "mc");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    const auto* agreement = criterion(result, "learning-agreement");
    ASSERT_NE(agreement, nullptr);
    EXPECT_EQ(agreement->level, "partly-shown");
    EXPECT_EQ(agreement->rationale,
              "the agreement is not yet signed by ben but sets no ground rules");
    const auto* goals = criterion(result, "setting-challenging-and-personal-goals");
    EXPECT_EQ(goals->level, "partly-shown");
    EXPECT_TRUE(contains(goals->rationale, "the partnership records no focus")) << goals->rationale;
    EXPECT_EQ(criterion(result, "experimenting-and-observing")->level, "not-shown");
    EXPECT_EQ(criterion(result, "combining-support-from-peers-and-specialists")->level,
              "not-shown");
    EXPECT_EQ(criterion(result, "using-resources-effectively")->level, "partly-shown");
    EXPECT_TRUE(contains(criterion(result, "using-resources-effectively")->rationale,
                         "the agreement plans 3 cycles; no stage was scheduled ahead"));
    EXPECT_EQ(criterion(result, "learning-conversation")->level, "not-shown");
    EXPECT_TRUE(criterion(result, "learning-conversation")->citations.empty());
    expect_citations_visible(result, engine->state(), "ect");
}

TEST_F(PrinciplesAudit, CoCoachesTakingTurnsShowTheCoachesOwnLearning) {
    const auto result = audit("cat", "cc");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    const auto* benefits = criterion(result, "acknowledging-the-benefits-to-mentors-and-coaches");
    EXPECT_EQ(benefits->level, "shown") << benefits->rationale;
    EXPECT_TRUE(contains(benefits->rationale, "cat in cc-1 and dan in cc-2"))
        << benefits->rationale;
    const auto* support = criterion(result, "combining-support-from-peers-and-specialists");
    EXPECT_EQ(support->level, "shown") << support->rationale;
    EXPECT_TRUE(contains(support->rationale, "it names specialist input")) << support->rationale;
    EXPECT_EQ(criterion(result, "experimenting-and-observing")->level, "partly-shown")
        << "pupils' work, but no lesson observed";
    expect_citations_visible(result, engine->state(), "cat");
}

TEST_F(PrinciplesAudit, AnObserverIsCitedTheRealNumbersOfWhatTheyMaySee) {
    // The observer may not see the video, so the running record is first in amy's view of the
    // stage; the audit must still cite it by its own number, 2.
    const auto result = audit("amy", "sc");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    const auto* observing = criterion(result, "experimenting-and-observing");
    EXPECT_TRUE(cites(*observing, "evidence:sc-1/lesson/2")) << observing->rationale;
    EXPECT_FALSE(cites(*observing, "evidence:sc-1/lesson/1"));
    expect_citations_visible(result, engine->state(), "amy");
}

TEST_F(PrinciplesAudit, TheCoordinatorsAuditCoversOnlyWhatTheCoordinatorMaySee) {
    const auto result = audit("coord");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    EXPECT_TRUE(contains(result.rationale, "The audit covers only what coord may see: "))
        << result.rationale;
    EXPECT_TRUE(contains(result.rationale, "3 partnerships")) << result.rationale;
    const auto& partnerships = result.details.at("partnerships").as_object();
    ASSERT_EQ(partnerships.size(), 3u);
    // The co-ordinator sees the agreements without goals and ground rules, and no notes.
    const auto& sc = partnerships.at("sc").at("principles").as_object();
    EXPECT_EQ(sc.at("learning-agreement").at("status"), "partly-shown");
    EXPECT_TRUE(contains(std::string(sc.at("learning-agreement").at("rationale").as_string()),
                         "its ground rules are withheld from this viewer"));
    EXPECT_TRUE(contains(
        std::string(sc.at("setting-challenging-and-personal-goals").at("rationale").as_string()),
        "the agreement's goals are withheld from this viewer"));
    EXPECT_EQ(sc.at("learning-conversation").at("status"), "not-shown");
    EXPECT_TRUE(contains(std::string(sc.at("learning-conversation").at("rationale").as_string()),
                         "this viewer may not see"));
    // Time planned and stages scheduled are what a co-ordinator may see.
    EXPECT_EQ(sc.at("using-resources-effectively").at("status"), "shown");

    // Across partnerships a criterion says how many show it.
    const auto* agreement = criterion(result, "learning-agreement");
    ASSERT_NE(agreement, nullptr);
    EXPECT_EQ(agreement->rationale, "partly shown in 3 of 3 partnerships (sc, mc and cc)");
    EXPECT_EQ(result.details.at("principles").at("learning-agreement").at("partly_shown"), 3);
    EXPECT_EQ(result.citations.size(), 3u);
    expect_citations_visible(result, engine->state(), "coord");
    EXPECT_TRUE(result.details.at("partnership").is_null());
    EXPECT_EQ(result.details.at("viewer"), "coord");
}

TEST_F(PrinciplesAudit, AViewerSeesOnlyTheirOwnPartnerships) {
    const auto result = audit("coach");
    ASSERT_FALSE(has_errors(problems)) << describe(problems);
    EXPECT_EQ(result.details.at("partnerships").as_object().size(), 1u)
        << "coach is in sc only; mc and cc are not in coach's view";

    (void)audit("coach", "mc");
    ASSERT_TRUE(has_errors(problems));
    EXPECT_EQ(problems[0].pointer, "/partnership");
    EXPECT_EQ(problems[0].message,
              "unknown partnership 'mc' in this view (known: sc); a partnership the viewer may "
              "not see is not in their view");
}

TEST_F(PrinciplesAudit, ReportsBadInputWithoutThrowing) {
    struct Case {
        boost::json::value input;
        std::string pointer, says;
    };
    boost::json::object journal{{"schema", "coachkit.programme/1"},
                                {"events", boost::json::array{}}};
    boost::json::object no_partnerships{{"schema", "coachkit.programme-view/1"}};
    boost::json::object other{{"schema", "coachkit.framework/1"},
                              {"partnerships", boost::json::array{}}};
    auto bad_cycles = view_document(engine->state(), "coach");
    bad_cycles["cycles"] = "many";
    const std::vector<Case> cases{
        {boost::json::parse("[1]"), "", "expected {\"programme\": one person's view"},
        {boost::json::parse(R"({"state": {}})"), "/programme", "expected {\"programme\""},
        {boost::json::parse(R"({"programme": 3})"), "/programme", "coachkit export --as PERSON"},
        {boost::json::object{{"programme", journal}}, "/programme/schema",
         "this is the whole journal (coachkit.programme/1), which only the custodian holds"},
        {boost::json::object{{"programme", other}}, "/programme/schema",
         "expected 'coachkit.programme-view/1', found 'coachkit.framework/1'"},
        {boost::json::object{{"programme", no_partnerships}}, "/programme/partnerships",
         "missing required field 'partnerships'"},
        {boost::json::object{{"programme", view_document(engine->state(), "coach")},
                             {"partnership", 7}},
         "/partnership", "expected a partnership id (a string)"},
        {boost::json::object{{"programme", bad_cycles}}, "/programme/cycles", "expected an array"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(boost::json::serialize(c.input).substr(0, 80));
        problems.clear();
        Assessment result;
        ASSERT_NO_THROW(result = rubric->evaluate(c.input, problems));
        const auto found = std::find_if(problems.begin(), problems.end(), [&](const Diagnostic& d) {
            return d.severity == Severity::error && d.pointer == c.pointer &&
                   contains(d.message, c.says);
        });
        EXPECT_NE(found, problems.end()) << describe(problems);
    }

    // A view with no partnership in it is nothing to audit: a warning, not an error.
    auto nothing = view_document(engine->state(), "coach");
    nothing["partnerships"] = boost::json::array{};
    problems.clear();
    const auto empty = rubric->evaluate(boost::json::object{{"programme", nothing}}, problems);
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/programme/partnerships");
    EXPECT_EQ(problems[0].message, "no partnership in this view: nothing to audit");
    EXPECT_TRUE(empty.criteria.empty());
    EXPECT_TRUE(contains(empty.rationale, "The audit covers only what coach may see"));
}

// ---- every viewer of the privacy tests' programme ----------------------------------------------

TEST(PrinciplesAuditPrivacy, EachViewersAuditCitesOnlyWhatTheyMaySeeAndQuotesNothing) {
    PrivacyProgramme programme(make_memory_store());
    const auto rubric = programme.registry.create<Rubric>("principles-audit");
    const auto& state = programme.engine->state();
    for (const auto& viewer : PrivacyProgramme::viewers()) {
        SCOPED_TRACE(viewer.id);
        Diagnostics problems;
        const auto result = rubric->evaluate(
            boost::json::object{{"programme", view_document(state, viewer.id)}}, problems);
        ASSERT_FALSE(has_errors(problems)) << describe(problems);
        const std::string text = text_of(assessment_to_json(result));
        for (const auto& marker : PrivacyProgramme::all_markers())
            EXPECT_FALSE(holds(text, marker)) << "the audit quotes " << marker;
        expect_citations_visible(result, state, viewer.id);
        EXPECT_TRUE(
            contains(result.rationale, "The audit covers only what " + viewer.id + " may see"))
            << result.rationale;
        const bool sees_partnership =
            decide(state, viewer.id, *find_record(state, "partnership:pair")).access !=
            Access::deny;
        EXPECT_EQ(result.details.contains("partnerships"), sees_partnership)
            << "a viewer who may not see the partnership has nothing to audit";
    }
}

}  // namespace
}  // namespace coachkit::testing
