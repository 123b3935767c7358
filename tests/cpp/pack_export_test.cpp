#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "coachkit/framework/framework.hpp"
#include "test_support.hpp"

using namespace coachkit;

TEST(Export, JsonIsAStandalonePackThatLoadsBackEqual) {
    const auto json = Framework::curee().to_json();
    ASSERT_TRUE(json.is_object());
    EXPECT_EQ(json.at("schema").as_string(), "coachkit.framework/1");
    EXPECT_FALSE(json.as_object().contains("extends"));
    const Framework again = load_pack_text(boost::json::serialize(json), "export.json");
    EXPECT_EQ(again.to_json(), json);
    EXPECT_EQ(again.principles().size(), 10u);
}

TEST(Export, UnknownFieldsSurviveAtEveryDepth) {
    const char* text =
        R"({"schema": "coachkit.framework/1", "id": "s", "name": "S", "extends": "curee",
        "school_motto": "learn together",
        "modes": [{"id": "mentoring", "local_name": "Buddying",
                   "concepts": {"why": "w", "who": "w", "what": "w", "where": "w", "when": "w", "how": "our addition"}}],
        "skills": [{"id": "listen-actively", "modes": {"mentoring": {"number": 9, "weight": 2}}}]})";
    const Framework school = load_pack_text(text, "school.json");
    EXPECT_EQ(school.mode("mentoring").extra.at("local_name").as_string(), "Buddying");
    const auto json = school.to_json();
    EXPECT_EQ(json.at("school_motto").as_string(), "learn together");
    const auto& mentoring = json.at("modes").as_array()[0].as_object();
    EXPECT_EQ(mentoring.at("concepts").at("how").as_string(), "our addition");
    bool found_weight = false;
    for (const auto& skill : json.at("skills").as_array()) {
        if (skill.at("id").as_string() == "listen-actively") {
            found_weight = skill.at("modes").at("mentoring").at("weight").as_int64() == 2;
        }
    }
    EXPECT_TRUE(found_weight);
}

TEST(Export, MarkdownCoversEveryPartOfTheFramework) {
    const std::string md = Framework::curee().to_markdown();
    for (const char* expected :
         {"# National Framework", "## Principles", "1. **a learning conversation**", "## Modes",
          "### Mentoring (`mentoring`)", "Purpose, Induction", "| Why |",
          "**establish buffer zones**", "## Comparing the modes", "| 1. setting learning goals |",
          "## Sources"}) {
        EXPECT_NE(md.find(expected), std::string::npos) << "missing: " << expected;
    }
}
