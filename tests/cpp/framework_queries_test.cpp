#include <gtest/gtest.h>

#include <algorithm>

#include "coachkit/framework/framework.hpp"

using namespace coachkit;

namespace {
const Framework& fw() {
    return Framework::curee();
}

bool contains(const std::vector<Competence>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const Competence& c) { return c.id == id; });
}
}  // namespace

TEST(Lookups, FindByIdAndByNumber) {
    EXPECT_EQ(fw().mode("mentoring").name, "Mentoring");
    EXPECT_EQ(fw().skill("establish-buffer-zones").name, "establish buffer zones");
    EXPECT_EQ(fw().principle("learning-agreement").number, 5);
    EXPECT_EQ(fw().theme(7).number, 7);
    EXPECT_EQ(fw().activity("mentoring-9").mode, "mentoring");
    EXPECT_EQ(fw().find_mode("nope"), nullptr);
    EXPECT_EQ(fw().find_theme(99), nullptr);
}

TEST(Lookups, UnknownIdsThrowNamingWhatIsKnown) {
    try {
        (void)fw().mode("team-coaching");
        FAIL() << "expected NotFoundError";
    } catch (const NotFoundError& e) {
        EXPECT_STREQ(
            e.what(),
            "unknown mode 'team-coaching' (known: mentoring, specialist-coaching, co-coaching)");
    }
    EXPECT_THROW((void)fw().theme(0), NotFoundError);
    EXPECT_THROW((void)fw().skill(""), NotFoundError);
    EXPECT_THROW((void)fw().skills_of("coaching"), NotFoundError);
}

TEST(Compare, ThreeModesSplitSharedAndUniqueSkills) {
    const auto c = fw().compare({"mentoring", "specialist-coaching", "co-coaching"});
    std::vector<std::string> shared;
    for (const auto& s : c.skills.shared_by_all)
        shared.push_back(s.id);
    EXPECT_EQ(shared, (std::vector<std::string>{
                          "relate-sensitively-to-learners", "observe-analyse-and-reflect",
                          "provide-information", "use-open-questions", "listen-actively"}));
    ASSERT_EQ(c.skills.shared_by_some.size(), 1u);
    EXPECT_EQ(c.skills.shared_by_some[0].id, "model-expertise");
    EXPECT_TRUE(contains(c.skills.unique.at("specialist-coaching"), "establish-buffer-zones"));
    EXPECT_TRUE(contains(c.skills.unique.at("co-coaching"), "set-aside-existing-relationships"));
    EXPECT_EQ(c.skills.unique.at("mentoring").size(), 4u);
    EXPECT_EQ(c.skills.unique.at("specialist-coaching").size(), 4u);
    EXPECT_EQ(c.skills.unique.at("co-coaching").size(), 5u);
    // Every skill lands in exactly one group.
    std::size_t total = c.skills.shared_by_all.size() + c.skills.shared_by_some.size();
    for (const auto& [mode, items] : c.skills.unique)
        total += items.size();
    EXPECT_EQ(total, fw().skills().size());
}

TEST(Compare, TwoModesHaveNoPartlySharedGroup) {
    const auto c = fw().compare({"specialist-coaching", "co-coaching"});
    EXPECT_TRUE(c.skills.shared_by_some.empty());
    EXPECT_TRUE(contains(c.abilities.shared_by_all, "discuss-practice-and-core-concepts"));
    EXPECT_TRUE(contains(c.abilities.unique.at("co-coaching"), "seek-out-specialist-expertise"));
    // Theme 9 (mentoring's brokering) has no activity in either, so it is left out.
    EXPECT_EQ(c.themes.size(), 8u);
}

TEST(Compare, UnknownRepeatedOrTooFewModesAreRefused) {
    EXPECT_THROW((void)fw().compare({"mentoring", "coaching"}), NotFoundError);
    EXPECT_THROW((void)fw().compare({"mentoring", "mentoring"}), Error);
    EXPECT_THROW((void)fw().compare({"mentoring"}), Error);
}

TEST(Competence, LabelInUsesTheModesOwnWording) {
    const auto& skill = fw().skill("provide-information");
    EXPECT_EQ(skill.label_in("mentoring"), "provide information and feedback");
    EXPECT_EQ(skill.label_in("co-coaching"), "provide information");
}

TEST(Framework, CopiesShareTheSameData) {
    const Framework copy = fw();
    EXPECT_EQ(&copy.principles(), &fw().principles());
}
