// The built-in CUREE pack checked item by item against the framework document
// (001_02d9a7e25f685ada.txt): ten principles, three modes, ten skills and five learner abilities
// per mode, nine mentoring activities and eight for each coaching mode.
#include <gtest/gtest.h>

#include <set>

#include "coachkit/framework/framework.hpp"

using namespace coachkit;

namespace {
const Framework& fw() {
    return Framework::curee();
}

std::vector<std::string> names(const std::vector<Competence>& items, const std::string& mode) {
    std::vector<std::string> out;
    for (const auto& item : items)
        out.push_back(item.label_in(mode));
    return out;
}
}  // namespace

TEST(CureeContent, PackIdentity) {
    EXPECT_EQ(fw().info().id, "curee");
    EXPECT_EQ(fw().info().layers, std::vector<std::string>{"curee"});
    EXPECT_TRUE(fw().info().sources.count("001_02d9a7e25f685ada.txt"));
}

TEST(CureeContent, TenPrinciplesInSourceOrder) {
    const std::vector<std::string> expected{
        "a learning conversation",
        "setting challenging and personal goals",
        "a thoughtful relationship",
        "understanding why different approaches work",
        "a learning agreement",
        "acknowledging the benefits to the mentors and coaches",
        "combining support from fellow professional learners and specialists",
        "experimenting and observing",
        "growing self direction",
        "using resources effectively"};
    ASSERT_EQ(fw().principles().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(fw().principles()[i].number, static_cast<int>(i + 1));
        EXPECT_EQ(fw().principles()[i].name, expected[i]);
        EXPECT_FALSE(fw().principles()[i].summary.empty());
        EXPECT_EQ(fw().principles()[i].source, "001_02d9a7e25f685ada.txt");
    }
}

TEST(CureeContent, ThreeModesWithConceptsAndMentoringPurposes) {
    ASSERT_EQ(fw().modes().size(), 3u);
    EXPECT_EQ(fw().modes()[0].id, "mentoring");
    EXPECT_EQ(fw().modes()[1].id, "specialist-coaching");
    EXPECT_EQ(fw().modes()[2].id, "co-coaching");
    for (const auto& mode : fw().modes()) {
        ASSERT_TRUE(mode.concepts.has_value()) << mode.id;
        EXPECT_FALSE(mode.concepts->why.empty()) << mode.id;
        EXPECT_FALSE(mode.concepts->who.empty()) << mode.id;
        EXPECT_FALSE(mode.concepts->what.empty()) << mode.id;
        EXPECT_FALSE(mode.concepts->where.empty()) << mode.id;
        EXPECT_FALSE(mode.concepts->when.empty()) << mode.id;
        EXPECT_FALSE(mode.definition.empty()) << mode.id;
        EXPECT_EQ(mode.learner_role, "professional-learner");
    }
    const auto& purposes = fw().mode("mentoring").purposes;
    ASSERT_EQ(purposes.size(), 3u);
    EXPECT_EQ(purposes[0].id, "induction");
    EXPECT_EQ(purposes[1].id, "progression");
    EXPECT_EQ(purposes[2].id, "challenge");
    EXPECT_TRUE(fw().mode("specialist-coaching").purposes.empty());
}

TEST(CureeContent, RolesOfTheFramework) {
    for (const char* id : {"mentor", "specialist-coach", "co-coach", "professional-learner",
                           "coaching-co-ordinator", "school-leader"}) {
        EXPECT_NE(fw().find_role(id), nullptr) << id;
    }
    EXPECT_EQ(fw().mode("co-coaching").practitioner_role, "co-coach");
}

TEST(CureeContent, MentorSkillsNumberedAsInTheSource) {
    const auto skills = fw().skills_of("mentoring");
    ASSERT_EQ(skills.size(), 10u);
    EXPECT_EQ(
        names(skills, "mentoring"),
        (std::vector<std::string>{
            "relate sensitively to learners", "model expertise", "relate guidance to evidence",
            "broker access to a range of opportunities", "observe, analyse and reflect",
            "provide information and feedback", "build a learner's control", "use open questions",
            "listen actively", "relate practice to assessment"}));
}

TEST(CureeContent, SpecialistCoachSkillsNumberedAsInTheSource) {
    const auto skills = fw().skills_of("specialist-coaching");
    ASSERT_EQ(skills.size(), 10u);
    EXPECT_EQ(
        names(skills, "specialist-coaching"),
        (std::vector<std::string>{
            "relate sensitively to learners", "model expertise", "facilitate access to research",
            "tailor activities in partnership", "observe, analyse and reflect",
            "provide information", "facilitate growing independence", "use open questions",
            "listen actively", "establish buffer zones"}));
}

TEST(CureeContent, CoCoachSkillsNumberedAsInTheSource) {
    const auto skills = fw().skills_of("co-coaching");
    ASSERT_EQ(skills.size(), 10u);
    EXPECT_EQ(names(skills, "co-coaching"),
              (std::vector<std::string>{
                  "relate sensitively to learners", "draw on specialist resources",
                  "draw on evidence", "understand the goals", "observe, analyse and reflect",
                  "provide information", "learn reciprocally", "use open questions",
                  "listen actively", "set aside existing relationships"}));
}

TEST(CureeContent, FiveLearnerAbilitiesPerMode) {
    const std::map<std::string, std::set<std::string>> expected{
        {"mentoring",
         {"respond proactively to modelled expertise", "respond positively to questions",
          "take an increasingly active role", "observe, analyse and reflect",
          "think and act honestly"}},
        {"specialist-coaching",
         {"respond proactively to specialist expertise", "discuss practice and core concepts",
          "understand their own learning needs", "observe, analyse and reflect",
          "think and act honestly"}},
        {"co-coaching",
         {"seek out specialist expertise", "discuss practice and core concepts",
          "understand their own learning needs", "observe, analyse and reflect",
          "think and act honestly"}}};
    for (const auto& [mode, abilities] : expected) {
        const auto actual = names(fw().abilities_of(mode), mode);
        EXPECT_EQ(std::set<std::string>(actual.begin(), actual.end()), abilities) << mode;
        EXPECT_EQ(actual.size(), 5u) << mode;
    }
}

TEST(CureeContent, NineMentoringActivitiesAndEightForEachCoachingMode) {
    EXPECT_EQ(fw().activities_of("mentoring").size(), 9u);
    EXPECT_EQ(fw().activities_of("specialist-coaching").size(), 8u);
    EXPECT_EQ(fw().activities_of("co-coaching").size(), 8u);
    for (const auto& mode : fw().modes()) {
        int expected_number = 1;
        for (const auto& activity : fw().activities_of(mode.id)) {
            EXPECT_EQ(activity.number, expected_number++) << activity.id;
            EXPECT_EQ(activity.theme, activity.number)
                << "themes line up by number: " << activity.id;
        }
    }
}

TEST(CureeContent, ThemeOneIsSettingLearningGoalsInAllThree) {
    EXPECT_EQ(fw().theme(1).name, "setting learning goals");
    const auto row = fw().follow_theme(1);
    for (const auto& mode : fw().modes()) {
        ASSERT_TRUE(row.activities.at(mode.id).has_value()) << mode.id;
    }
    // Brokering support (theme 9) is mentoring's alone.
    const auto brokering = fw().follow_theme(9);
    EXPECT_TRUE(brokering.activities.at("mentoring").has_value());
    EXPECT_FALSE(brokering.activities.at("specialist-coaching").has_value());
    EXPECT_FALSE(brokering.activities.at("co-coaching").has_value());
}

TEST(CureeContent, EveryItemCitesASourceThePackLists) {
    const auto& sources = fw().info().sources;
    auto check = [&](const FrameworkItem& item) {
        EXPECT_FALSE(item.source.empty()) << item.id;
        EXPECT_TRUE(sources.count(item.source)) << item.id << " cites " << item.source;
    };
    for (const auto& i : fw().principles())
        check(i);
    for (const auto& i : fw().modes())
        check(i);
    for (const auto& i : fw().themes())
        check(i);
    for (const auto& i : fw().skills())
        check(i);
    for (const auto& i : fw().abilities())
        check(i);
    for (const auto& i : fw().activities())
        check(i);
}
