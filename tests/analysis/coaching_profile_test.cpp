// The dimension profile of coded turns: features, runs of co-construction, answers to challenge,
// and reading turns back from content (docs/rubrics.md#the-profile).
#include "coachkit/analysis/coaching_profile.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace {

using coachkit::CodedTurn;
using coachkit::TurnCodeSet;

CodedTurn turn(std::size_t n, std::string role, std::string text, TurnCodeSet codes = {}) {
    return CodedTurn{n, role == "coach" ? "Coach" : "Teacher", std::move(role), std::move(text),
                     std::move(codes)};
}

TEST(CoachingProfile, SharesAreOfTheTurnsCodedOnTheDimension) {
    const std::vector<CodedTurn> turns{
        turn(1, "coach", "How did it go?", {{"function", {"question"}}, {"stimulus", {"recall"}}}),
        turn(2, "learner", "Fine.", {{"function", {"describe", "evaluate"}}}),
        turn(3, "coach", "And the starter?", {{"function", {"question"}}}),
        turn(4, "learner", "Mm."),
    };
    const auto p = coachkit::profile_coaching(turns);
    EXPECT_EQ(p.turns, 4U);
    EXPECT_EQ(p.coded_turns, 3U);
    EXPECT_DOUBLE_EQ(*p.feature("share.function.question"), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(*p.feature("share.function.describe+evaluate"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(*p.feature("turns.function.question"), 2.0);
    EXPECT_DOUBLE_EQ(*p.feature("share.stimulus.recall"), 1.0);
    EXPECT_DOUBLE_EQ(*p.feature("share.scale.episode"), 0.0);  // nothing coded on scale
    EXPECT_DOUBLE_EQ(*p.feature("distinct.function"), 3.0);
    EXPECT_DOUBLE_EQ(*p.feature("coded.share"), 0.75);
    EXPECT_EQ(p.turns_for("turns.function.question"), (std::vector<std::size_t>{1, 3}));
}

TEST(CoachingProfile, UnknownFeaturesHaveNoValue) {
    const coachkit::CoachingProfile p;
    for (const char* name : {"share.function.musing", "share.mood.happy", "turns.function",
                             "distinct.colour", "share.words.pupil", "co-construction.total", ""})
        EXPECT_FALSE(p.feature(name)) << name;
    EXPECT_TRUE(p.feature("share.words.learner"));
}

TEST(CoachingProfile, ARunIsShortAlternatingTurnsThatTakeUpWords) {
    const std::vector<CodedTurn> turns{
        turn(1, "coach", "What if the groups had roles?"),
        turn(2, "learner", "Roles like a scribe and a checker."),
        turn(3, "coach", "A checker could test the scribe's answer."),
        turn(4, "learner", "And the answer goes on the board."),
        turn(5, "coach", "Let's look at something else entirely now."),  // no uptake: ends it
        turn(6, "learner", "Fine."),
    };
    const auto p = coachkit::profile_coaching(turns);
    ASSERT_EQ(p.runs.size(), 1U);
    EXPECT_EQ(p.runs[0].first, 1U);
    EXPECT_EQ(p.runs[0].last, 4U);
    EXPECT_DOUBLE_EQ(*p.feature("co-construction.longest"), 4.0);
    EXPECT_EQ(p.turns_for("co-construction.runs"), (std::vector<std::size_t>{1, 2, 3, 4}));
}

TEST(CoachingProfile, LongTurnsSameSpeakerAndShortRunsAreNotRuns) {
    std::string words;
    for (int i = 0; i < 35; ++i)
        words += "roles ";
    const std::vector<CodedTurn> turns{
        turn(1, "coach", "Roles for the groups?"),
        turn(2, "learner", words),  // 35 words: too long
        turn(3, "coach", "Roles again?"),
        turn(4, "coach", "Roles, roles."),  // same speaker twice
        turn(5, "learner", "Roles indeed."),
    };
    EXPECT_TRUE(coachkit::profile_coaching(turns).runs.empty());
    coachkit::ProfileOptions lenient;
    lenient.run_min_turns = 2;
    EXPECT_EQ(coachkit::profile_coaching(turns, lenient).runs.size(), 1U);  // turns 4-5
}

TEST(CoachingProfile, ACodedCoConstructTurnContinuesARunWithoutSharedWords) {
    const TurnCodeSet co{{"function", {"co-construct"}}};
    const std::vector<CodedTurn> turns{turn(1, "coach", "Try it with the whole class."),
                                       turn(2, "learner", "Then pairs first.", co),
                                       turn(3, "coach", "And a timer.", co),
                                       turn(4, "learner", "Two minutes.", co)};
    ASSERT_EQ(coachkit::profile_coaching(turns).runs.size(), 1U);
}

TEST(CoachingProfile, AnswersToAChallengeComeWithinTheWindow) {
    const TurnCodeSet challenge{{"function", {"challenge"}}};
    const TurnCodeSet defend{{"function", {"defend"}}};
    const std::vector<CodedTurn> turns{
        turn(1, "coach", "Are you sure they understood?", challenge),
        turn(2, "learner", "Yes, because they answered.", defend),
        turn(3, "coach", "Hm."),
        turn(4, "learner", "Well."),
        turn(5, "learner", "I still think so.", defend),  // 4 turns after: outside the window
    };
    const auto p = coachkit::profile_coaching(turns);
    EXPECT_EQ(p.challenge_responses, (std::vector<std::size_t>{2}));
}

TEST(CoachingProfile, ToJsonListsEveryDimension) {
    const auto json =
        coachkit::profile_coaching({turn(1, "coach", "Why?", {{"function", {"question"}}})})
            .to_json();
    ASSERT_TRUE(json.at("dimensions").as_object().contains("stimulus"));
    EXPECT_EQ(json.at("dimensions").at("function").at("values").at("question").at("turns"), 1);
}

TEST(CodedTurnsFromContent, ReadsTurnsAndNamesEveryProblem) {
    const auto content = boost::json::parse(R"({"turns": [
        {"n": 1, "speaker": "Coach", "role": "coach", "text": "Why?", "codes": {"function": ["question"]}},
        {"n": 2, "role": "learner", "text": "Because.", "codes": {"mood": ["happy"], "function": ["wibble"]}},
        "not a turn",
        {"n": 0, "text": "x"},
        {"n": 5}
    ]})");
    coachkit::Diagnostics out;
    const auto turns = coachkit::coded_turns_from_content(content, "talk.json", out);
    ASSERT_EQ(turns.size(), 3U);  // 1, 2 and 5 (whose missing text is an error)
    EXPECT_EQ(turns[0].codes.at("function"), (std::vector<std::string>{"question"}));
    EXPECT_TRUE(turns[1].codes.empty());
    std::vector<std::string> pointers;
    for (const auto& d : out) {
        EXPECT_EQ(d.file, "talk.json");
        pointers.push_back(d.pointer);
    }
    EXPECT_EQ(pointers,
              (std::vector<std::string>{"/turns/1/codes/mood", "/turns/1/codes/function/0",
                                        "/turns/2", "/turns/3/n", "/turns/4"}));
}

TEST(CodedTurnsFromContent, ContentWithoutTurnsIsAnError) {
    for (const char* text : {"[]", "{}", R"({"turns": 3})"}) {
        coachkit::Diagnostics out;
        EXPECT_TRUE(coachkit::coded_turns_from_content(boost::json::parse(text), "x", out).empty());
        EXPECT_TRUE(coachkit::has_errors(out)) << text;
    }
}

}  // namespace
