// The skills-profile rubric and the declarative rubric's aggregation of people's scores, each
// loaded through the registry from the built-in plugins folder, as an application would.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <coachkit/coachkit.hpp>
#include <fstream>
#include <sstream>

namespace {

using namespace coachkit;

boost::json::value read_fixture(const std::string& name) {
    std::ifstream in(std::string(COACHKIT_ANALYSIS_DATA) + "/rubrics/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return boost::json::parse(text.str());
}

std::string describe(const Diagnostics& problems) {
    std::string out;
    for (const auto& p : problems)
        out += p.to_string() + "\n";
    return out;
}

/// The message of the first error at `pointer`, or a text saying there is none.
std::string error_at(const Diagnostics& problems, const std::string& pointer) {
    for (const auto& p : problems) {
        if (p.severity == Severity::error && p.pointer == pointer)
            return p.message;
    }
    return "(no error at " + pointer + ")\n" + describe(problems);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

const CriterionResult* criterion(const Assessment& a, const std::string& id) {
    for (const auto& c : a.criteria) {
        if (c.criterion == id)
            return &c;
    }
    return nullptr;
}

class RubricPlugins : public ::testing::Test {
protected:
    void SetUp() override {
        registry.discover({COACHKIT_BUILTIN_PLUGINS});
        ASSERT_FALSE(has_errors(registry.problems())) << describe(registry.problems());
    }
    Registry registry;
};

// ---- skills profile ----------------------------------------------------------------------------

class SkillsProfile : public RubricPlugins {
protected:
    void SetUp() override {
        RubricPlugins::SetUp();
        rubric = registry.create<Rubric>("skills-profile");
        ratings = read_fixture("mentoring-ratings.json");
    }

    Assessment evaluate(const boost::json::value& input) {
        problems.clear();
        return rubric->evaluate(input, problems);
    }

    /// The fixture with `pointer` replaced by `value` (a JSON text).
    boost::json::value with(const std::string& pointer, const std::string& value) {
        boost::json::value copy = ratings;
        copy.at_pointer(pointer) = boost::json::parse(value);  // replaces an existing field
        return copy;
    }

    std::shared_ptr<Rubric> rubric;
    boost::json::value ratings;
    Diagnostics problems;
};

TEST_F(SkillsProfile, DescribesItselfFromTheFramework) {
    EXPECT_EQ(rubric->applies_to(), "ratings");
    EXPECT_TRUE(rubric->levels().empty()) << "the scale comes with each document";
    const auto criteria = rubric->criteria();
    // Every skill of the three modes, each once: 19 in the CUREE pack.
    ASSERT_EQ(criteria.size(), 19u);
    for (const auto& mode : {"mentoring", "specialist-coaching", "co-coaching"}) {
        for (const auto& skill : Framework::curee().skills_of(mode)) {
            EXPECT_TRUE(std::any_of(criteria.begin(), criteria.end(),
                                    [&](const RubricCriterion& c) { return c.id == skill.id; }))
                << skill.id;
        }
    }
}

TEST_F(SkillsProfile, GivesEachSkillsCurrentRatingGrowthAndGaps) {
    const auto result = evaluate(ratings);
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    EXPECT_EQ(result.rubric, "skills-profile");
    // Three skills rated; the other seven mentoring skills are warnings, not errors.
    ASSERT_EQ(result.criteria.size(), 3u);
    EXPECT_EQ(problems.size(), 7u) << describe(problems);
    EXPECT_EQ(result.criteria[0].criterion, "model-expertise") << "the mode's order: skill 2";
    EXPECT_EQ(result.criteria[1].criterion, "use-open-questions");
    EXPECT_EQ(result.criteria[2].criterion, "listen-actively");

    // listen-actively: self 2 -> 4, partner 2 -> 3, observers 2 -> mean(3, 2) = 2.5 on 12-10.
    const auto* listen = criterion(result, "listen-actively");
    ASSERT_NE(listen, nullptr);
    EXPECT_NEAR(listen->score, (4 + 3 + 2.5) / 3, 1e-9) << "each perspective counts once";
    EXPECT_EQ(listen->level, "3");
    EXPECT_TRUE(contains(listen->rationale, "growth +1.17")) << listen->rationale;
    EXPECT_TRUE(contains(listen->rationale, "self rates 1.50 above observer: worth a conversation"))
        << listen->rationale;
    EXPECT_TRUE(contains(listen->rationale, "self rates 1.00 above partner")) << listen->rationale;
    EXPECT_FALSE(contains(listen->rationale, "partner rates 0.50 above observer"))
        << "half a point on a four-point scale is not worth a conversation";
    ASSERT_EQ(listen->citations.size(), 7u);
    EXPECT_EQ(listen->citations[0].ref, "/ratings/0");
    EXPECT_EQ(listen->citations[0].note, "self rating 2 by kettleby on 2026-09-14");
    EXPECT_EQ(listen->citations[6].ref, "/ratings/6");

    // The rating dated after `to` is left out; model-expertise has one date per perspective.
    const auto* model = criterion(result, "model-expertise");
    ASSERT_NE(model, nullptr);
    EXPECT_DOUBLE_EQ(model->score, 3.0);
    EXPECT_TRUE(contains(model->rationale, "no growth yet")) << model->rationale;
    EXPECT_EQ(model->citations.size(), 2u);

    EXPECT_NEAR(result.overall, ((4 + 3 + 2.5) / 3 + 3 + 3) / 3, 1e-9);
    EXPECT_EQ(result.level, "3");
    EXPECT_TRUE(contains(result.rationale,
                         "3 of 10 mentoring skills rated by self, partner and "
                         "observer on a 1 to 4 scale"))
        << result.rationale;
    EXPECT_TRUE(contains(result.rationale, "(3: secure)")) << result.rationale;
    EXPECT_TRUE(contains(result.rationale,
                         "worth a conversation: use-open-questions (self rates "
                         "2.00 above observer)"))
        << result.rationale;
    // The overall citations are the latest ratings behind each gap worth a conversation.
    EXPECT_TRUE(std::any_of(result.citations.begin(), result.citations.end(),
                            [](const Citation& c) { return c.ref == "/ratings/9"; }));
}

TEST_F(SkillsProfile, DetailsAreATablePerSkillAndPerspective) {
    const auto result = evaluate(ratings);
    const auto& d = result.details;
    EXPECT_EQ(d.at("mode"), "mentoring");
    EXPECT_EQ(d.at("from"), "2026-09-01");
    EXPECT_EQ(d.at("outside_window"), 1);
    EXPECT_DOUBLE_EQ(d.at("gap_threshold").as_double(), 1.0);
    EXPECT_EQ(d.at("unrated").as_array().size(), 7u);
    const auto& listen = d.at("skills").at("listen-actively").as_object();
    EXPECT_EQ(listen.at("number"), 9);
    EXPECT_DOUBLE_EQ(listen.at("self").at("first").to_number<double>(), 2.0);
    EXPECT_DOUBLE_EQ(listen.at("self").at("latest").to_number<double>(), 4.0);
    EXPECT_DOUBLE_EQ(listen.at("self").at("growth").to_number<double>(), 2.0);
    EXPECT_EQ(listen.at("self").at("first_date"), "2026-09-14");
    EXPECT_DOUBLE_EQ(listen.at("observer").at("latest").to_number<double>(), 2.5);
    EXPECT_EQ(listen.at("observer").at("ratings"), 3);
    EXPECT_NEAR(listen.at("combined").at("growth").to_number<double>(), 3.5 / 3, 1e-9);
    const auto& model = d.at("skills").at("model-expertise").as_object();
    EXPECT_TRUE(model.at("self").at("growth").is_null());
    EXPECT_FALSE(model.contains("partner"));
    std::size_t worth = 0;
    for (const auto& gap : d.at("gaps").as_array())
        worth += gap.at("worth_a_conversation").as_bool() ? 1 : 0;
    EXPECT_EQ(worth, 3u) << "listen-actively twice, use-open-questions once";
}

TEST_F(SkillsProfile, GrowthFollowsTheWindow) {
    // Without a window the January self-rating of model-expertise counts, and is growth.
    auto open = ratings;
    open.as_object().erase("from");
    open.as_object().erase("to");
    const auto result = evaluate(open);
    const auto* model = criterion(result, "model-expertise");
    ASSERT_NE(model, nullptr);
    EXPECT_DOUBLE_EQ(model->score, (4 + 3) / 2.0);
    EXPECT_TRUE(contains(model->rationale, "growth +1.00")) << model->rationale;
    EXPECT_EQ(result.details.at("outside_window"), 0);
}

TEST_F(SkillsProfile, NothingInTheWindowMeansNoLevel) {
    auto late = with("/from", R"("2027-02-01")");
    late.as_object().erase("to");
    const auto result = evaluate(late);
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    EXPECT_TRUE(result.criteria.empty());
    EXPECT_EQ(result.level, "");
    EXPECT_EQ(result.rationale, "no skill was rated between 2027-02-01 and now");
    EXPECT_EQ(problems.size(), 10u);
}

TEST_F(SkillsProfile, ReportsBadInputAtItsPointerWithoutThrowing) {
    struct Case {
        std::string pointer, value, at, says;
    };
    const std::vector<Case> cases{
        {"/mode", R"("coaching")", "/mode",
         "unknown mode 'coaching' (known: mentoring, specialist-coaching, co-coaching)"},
        {"/ratings/0/skill", R"("establish-buffer-zones")", "/ratings/0/skill",
         "skill 'establish-buffer-zones' is not one of the mentoring skills (it belongs to another "
         "mode) (known: relate-sensitively-to-learners, model-expertise"},
        {"/ratings/0/skill", R"("juggling")", "/ratings/0/skill",
         "skill 'juggling' is not one of the mentoring skills (known:"},
        {"/ratings/1/value", "5", "/ratings/1/value", "value 5 is off the scale 1 to 4"},
        {"/ratings/1/value", "0.5", "/ratings/1/value", "value 0.5 is off the scale 1 to 4"},
        {"/ratings/1/value", R"("3")", "/ratings/1/value", "expected a number, found a string"},
        {"/ratings/2/date", R"("2026-02-30")", "/ratings/2/date",
         "expected a date written YYYY-MM-DD, found '2026-02-30'"},
        {"/ratings/2/date", R"("14/09/2026")", "/ratings/2/date",
         "expected a date written YYYY-MM-DD, found '14/09/2026'"},
        {"/ratings/3/perspective", R"("line-manager")", "/ratings/3/perspective",
         "unknown perspective 'line-manager' (known: self, partner, observer)"},
        {"/ratings/3/rater", R"("")", "/ratings/3/rater", "expected a non-empty string"},
        {"/ratings/4", R"(3)", "/ratings/4", "expected a rating {skill, rater, perspective"},
        {"/ratings/4", R"({"skill": "listen-actively"})", "/ratings/4",
         "missing required field 'rater'"},
        {"/ratings/5", R"({"skill": "listen-actively", "rater": "hollowell",
                           "perspective": "observer", "date": "2026-09-21", "value": 3})",
         "/ratings/5",
         "a second observer rating of 'listen-actively' by 'hollowell' on 2026-09-21"},
        {"/from", R"("2026-13-01")", "/from", "expected a date written YYYY-MM-DD"},
        {"/to", R"("2026-08-01")", "/to", "'to' (2026-08-01) is before 'from' (2026-09-01)"},
        {"/scale/labels", R"(["low", "high"])", "/scale/labels",
         "give one label per point of the scale (4), not 2"},
        {"/scale/max", "1", "/scale/max", "the scale's max (1) must be greater than its min (1)"},
        {"/scale/min", "1.5", "/scale/min", "expected a whole number"},
        {"/schema", R"("coachkit.skill-ratings/2")", "/schema",
         "unsupported schema 'coachkit.skill-ratings/2' (this build reads up to "
         "'coachkit.skill-ratings/1'; upgrade coachkit)"},
        {"/schema", R"("coachkit.ratings/1")", "/schema",
         "expected 'coachkit.skill-ratings/1', found 'coachkit.ratings/1'"},
        {"/ratings", R"({})", "/ratings", "expected an array of ratings, found an object"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.pointer + " = " + c.value);
        Assessment result;
        ASSERT_NO_THROW(result = evaluate(with(c.pointer, c.value)));
        EXPECT_TRUE(contains(error_at(problems, c.at), c.says)) << error_at(problems, c.at);
    }

    // A bad rating is left out; the rest still count.
    const auto partial = evaluate(with("/ratings/9/value", "7"));
    const auto* questions = criterion(partial, "use-open-questions");
    ASSERT_NE(questions, nullptr);
    EXPECT_DOUBLE_EQ(questions->score, 4.0) << "only the self-ratings are left";

    auto no_schema = ratings;
    no_schema.as_object().erase("schema");
    (void)evaluate(no_schema);
    EXPECT_EQ(error_at(problems, "/schema"),
              "missing required field 'schema' (expected 'coachkit.skill-ratings/1')");
    (void)evaluate(boost::json::parse("[1, 2]"));
    EXPECT_TRUE(contains(error_at(problems, ""), "expected a coachkit.skill-ratings/1 document"));
}

TEST_F(SkillsProfile, AScaleWithoutLabelsNamesItsPointsByNumber) {
    auto plain = with("/scale", R"({"min": 0, "max": 10})");
    const auto result = evaluate(plain);
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    // A quarter of a 0-10 range is 2.5 points: the 1.5 self/observer gap is no longer flagged.
    EXPECT_DOUBLE_EQ(result.details.at("gap_threshold").as_double(), 2.5);
    const auto* listen = criterion(result, "listen-actively");
    ASSERT_NE(listen, nullptr);
    EXPECT_FALSE(contains(listen->rationale, "worth a conversation")) << listen->rationale;
    EXPECT_TRUE(contains(listen->rationale, "(3; ")) << listen->rationale;
    EXPECT_FALSE(result.details.at("scale").as_object().contains("labels"));
}

// ---- declarative rubrics: named raters and their spread ----------------------------------------

class DeclarativeRubric : public RubricPlugins {
protected:
    void SetUp() override {
        RubricPlugins::SetUp();
        rubric = registry.create<Rubric>("principles-review");
    }
    Assessment evaluate(const std::string& json) {
        problems.clear();
        return rubric->evaluate(boost::json::parse(json), problems);
    }
    std::shared_ptr<Rubric> rubric;
    Diagnostics problems;
};

TEST_F(DeclarativeRubric, NamedRatersAreAggregatedAndCited) {
    const auto result = evaluate(R"({"scores": {
        "learning-conversation": [{"rater": "kettleby", "score": 3},
                                  {"rater": "wren", "score": 1, "comment": "no notes yet"}, 2],
        "learning-agreement": [{"rater": "kettleby", "score": 3}, {"rater": "wren", "score": 2}]}})");
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    const auto* conversation = criterion(result, "learning-conversation");
    ASSERT_NE(conversation, nullptr);
    EXPECT_DOUBLE_EQ(conversation->score, 2.0);
    EXPECT_EQ(conversation->rationale, "mean of 3 ratings: 2.00 (emerging)");
    ASSERT_EQ(conversation->citations.size(), 2u) << "the unnamed rating is not cited";
    EXPECT_EQ(conversation->citations[0].ref, "rater:kettleby");
    EXPECT_EQ(conversation->citations[0].note, "scored 3 (established)");
    EXPECT_EQ(conversation->citations[1].ref, "rater:wren");
    EXPECT_EQ(conversation->citations[1].note, "scored 1 (not yet evident): no notes yet");

    const auto& figures = result.details.at("criteria").at("learning-conversation").as_object();
    EXPECT_EQ(figures.at("raters"), 3);
    EXPECT_EQ(figures.at("named"), boost::json::parse(R"(["kettleby", "wren"])"));
    EXPECT_DOUBLE_EQ(figures.at("mean").as_double(), 2.0);
    EXPECT_DOUBLE_EQ(figures.at("median").to_number<double>(), 2.0);
    EXPECT_DOUBLE_EQ(figures.at("min").to_number<double>(), 1.0);
    EXPECT_DOUBLE_EQ(figures.at("max").to_number<double>(), 3.0);
    // An even number of raters: the median is the mean of the middle two.
    const auto& agreement = result.details.at("criteria").at("learning-agreement").as_object();
    EXPECT_DOUBLE_EQ(agreement.at("median").to_number<double>(), 2.5);
    EXPECT_EQ(result.details.at("raters").at("kettleby").at("criteria"), 2);
    EXPECT_EQ(result.details.at("raters").at("wren").at("criteria"), 2);
}

TEST_F(DeclarativeRubric, APartOfALevelIsCitedAsPeopleWriteIt) {
    const auto result =
        evaluate(R"({"scores": {"learning-agreement": [{"rater": "ali", "score": 2.5}]}})");
    ASSERT_EQ(result.criteria.size(), 1u);
    ASSERT_EQ(result.criteria[0].citations.size(), 1u);
    EXPECT_EQ(result.criteria[0].citations[0].note, "scored 2.50 (emerging)")
        << "half-way goes to the lower level";
}

TEST_F(DeclarativeRubric, OldInputsGiveTheSameResultWithFiguresAdded) {
    const auto result = evaluate(R"({"scores": {"learning-conversation": [1, 2, 3, 3]}})");
    const auto* conversation = criterion(result, "learning-conversation");
    ASSERT_NE(conversation, nullptr);
    EXPECT_DOUBLE_EQ(conversation->score, 2.25);
    EXPECT_EQ(conversation->rationale, "mean of 4 ratings: 2.25 (emerging)");
    EXPECT_TRUE(conversation->citations.empty());
    const auto& figures = result.details.at("criteria").at("learning-conversation").as_object();
    EXPECT_EQ(figures.at("raters"), 4);
    EXPECT_TRUE(figures.at("named").as_array().empty());
    EXPECT_DOUBLE_EQ(figures.at("median").to_number<double>(), 2.5);
    EXPECT_TRUE(result.details.at("raters").as_object().empty());
}

TEST_F(DeclarativeRubric, ChecksNamedRatings) {
    (void)evaluate(R"({"scores": {"learning-conversation": [
        {"rater": "kettleby", "score": 3}, {"rater": "kettleby", "score": 1},
        {"rater": "", "score": 2}, {"score": 2}, {"rater": "wren"},
        {"rater": "ali", "score": 5}, {"rater": "bo", "score": "3"},
        {"rater": "cy", "score": 2, "comment": 7}]}})");
    const std::string at = "/scores/learning-conversation/";
    EXPECT_EQ(error_at(problems, at + "1/rater"),
              "rater 'kettleby' already scored this criterion (one score per rater)");
    EXPECT_EQ(error_at(problems, at + "2/rater"),
              "expected the rater's name or id (a non-empty string)");
    EXPECT_TRUE(contains(error_at(problems, at + "3"), "missing required field 'rater'"));
    EXPECT_TRUE(contains(error_at(problems, at + "4"), "missing required field 'score'"));
    EXPECT_EQ(error_at(problems, at + "5/score"), "rating 5.00 is outside the scale 1 to 3");
    EXPECT_EQ(error_at(problems, at + "6/score"), "a rating must be a number");
    EXPECT_EQ(error_at(problems, at + "7/comment"), "expected a string");
}

}  // namespace
