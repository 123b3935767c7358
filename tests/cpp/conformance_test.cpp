// The framework-conformance checks: each rule fires on the case it describes, cites its source,
// and stays quiet on a partnership that follows the framework.
#include "coachkit/programme/conformance.hpp"

#include <gtest/gtest.h>

using namespace coachkit;

namespace {

Person person(std::string id, StaffRole role = StaffRole::teacher, std::string line_manager = "") {
    return Person{std::move(id), "Name", role, std::move(line_manager)};
}

Partnership specialist(std::string coach, std::string learner) {
    Partnership p;
    p.id = "sc-1";
    p.mode = "specialist-coaching";
    p.focus = "questioning";
    p.focus_chosen_by = learner;
    p.members = {{std::move(coach), "specialist-coach"},
                 {std::move(learner), "professional-learner"}};
    return p;
}

Partnership co_coaching() {
    Partnership p;
    p.id = "cc-1";
    p.mode = "co-coaching";
    p.focus = "group talk";
    p.focus_chosen_by = "amy";
    p.specialist_input = "a course on dialogic teaching";
    p.members = {{"amy", "co-coach"}, {"ben", "co-coach"}};
    return p;
}

LearningAgreement agreement_for(const std::string& partnership, std::optional<int> cycles) {
    LearningAgreement a;
    a.partnership = partnership;
    a.planned_cycles = cycles;
    return a;
}

std::vector<std::string> rules(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings)
        out.push_back(f.rule);
    return out;
}

}  // namespace

TEST(Conformance, AWellFormedProgrammeHasNoFindings) {
    Partnership mentoring;
    mentoring.id = "m-1";
    mentoring.mode = "mentoring";
    mentoring.purpose = "induction";
    mentoring.members = {{"sam", "mentor"}, {"eve", "professional-learner"}};
    const ConformanceInput input{
        {person("cara"), person("dan"), person("amy"), person("ben"), person("sam"),
         person("eve", StaffRole::early_career_teacher, "sam")},
        {specialist("cara", "dan"), co_coaching(), mentoring},
        {agreement_for("cc-1", 4)}};
    EXPECT_TRUE(check_conformance(input).empty());
}

TEST(Conformance, ASpecialistCoachWhoIsTheLineManagerBreaksTheBufferZone) {
    const ConformanceInput input{
        {person("cara", StaffRole::middle_leader), person("dan", StaffRole::teacher, "cara")},
        {specialist("cara", "dan")},
        {}};
    const auto findings = check_conformance(input);
    ASSERT_EQ(rules(findings), std::vector<std::string>{"buffer-zones"});
    EXPECT_EQ(findings[0].partnership, "sc-1");
    EXPECT_EQ(findings[0].source, "001_02d9a7e25f685ada.txt");
    EXPECT_NE(findings[0].message.find("line manager"), std::string::npos);
}

TEST(Conformance, AMentorWhoIsTheLineManagerIsNotABufferZoneProblem) {
    // Mentoring may include assessment and line management; the buffer-zone skill is the
    // specialist coach's.
    Partnership p;
    p.id = "m-1";
    p.mode = "mentoring";
    p.purpose = "progression";
    p.members = {{"sam", "mentor"}, {"eve", "professional-learner"}};
    const ConformanceInput input{
        {person("sam"), person("eve", StaffRole::teacher, "sam")}, {p}, {}};
    EXPECT_TRUE(check_conformance(input).empty());
}

TEST(Conformance, CoCoachingUnderFourCyclesOrWithoutPlannedCycles) {
    for (const auto& [cycles, expected] : std::vector<std::pair<std::optional<int>, std::string>>{
             {3, "plans 3 cycles"}, {std::nullopt, "plans no number"}}) {
        const ConformanceInput input{{}, {co_coaching()}, {agreement_for("cc-1", cycles)}};
        const auto findings = check_conformance(input);
        ASSERT_EQ(rules(findings), std::vector<std::string>{"co-coaching-cycles"});
        EXPECT_NE(findings[0].message.find(expected), std::string::npos) << findings[0].message;
        EXPECT_EQ(findings[0].source, "000_03436bf4eb73f4b1.txt");
    }
}

TEST(Conformance, CoCoachingWithoutSpecialistInput) {
    auto p = co_coaching();
    p.specialist_input.clear();
    const auto findings = check_conformance({{}, {p}, {agreement_for("cc-1", 6)}});
    EXPECT_EQ(rules(findings), std::vector<std::string>{"co-coaching-specialist-input"});
}

TEST(Conformance, MentoringWithoutAPurpose) {
    Partnership p;
    p.id = "m-2";
    p.mode = "mentoring";
    p.members = {{"sam", "mentor"}, {"eve", "professional-learner"}};
    const auto findings = check_conformance({{}, {p}, {}});
    ASSERT_EQ(rules(findings), std::vector<std::string>{"mentoring-purpose"});
    EXPECT_EQ(findings[0].partnership, "m-2");
}

TEST(Conformance, CoachingFocusMissingOrChosenBySomeoneElse) {
    auto missing = specialist("cara", "dan");
    missing.focus.clear();
    auto imposed = specialist("cara", "dan");
    imposed.id = "sc-2";
    imposed.focus_chosen_by = "cara";  // the coach chose it
    const auto findings = check_conformance({{}, {missing, imposed}, {}});
    ASSERT_EQ(rules(findings),
              (std::vector<std::string>{"learner-chosen-focus", "learner-chosen-focus"}));
    EXPECT_NE(findings[0].message.find("no focus"), std::string::npos);
    EXPECT_NE(findings[1].message.find("chosen by cara"), std::string::npos);
    EXPECT_EQ(findings[1].source, "002_4b16babbfb4ecaf5.txt");
}

TEST(Conformance, InCoCoachingAnyCoCoachMayChooseTheFocus) {
    auto p = co_coaching();
    p.focus_chosen_by = "ben";
    EXPECT_TRUE(check_conformance({{}, {p}, {agreement_for("cc-1", 4)}}).empty());
}

TEST(StaffRoles, RoundTripThroughTheirNames) {
    for (const auto role : all_staff_roles()) {
        EXPECT_EQ(parse_staff_role(to_string(role)), role);
    }
    EXPECT_EQ(all_staff_roles().size(), 10u);  // nine posts and the integration account
    EXPECT_FALSE(parse_staff_role("headteacher").has_value());
    EXPECT_EQ(parse_confidentiality("summary-to-co-ordinator"),
              Confidentiality::summary_to_coordinator);
}
