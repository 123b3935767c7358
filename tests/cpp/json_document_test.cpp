#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "coachkit/json/document.hpp"
#include "test_support.hpp"

using namespace coachkit;

TEST(ParseJson, ReturnsTheValue) {
    Diagnostics out;
    const auto value = parse_json(R"({"a": [1, 2]})", "t.json", out);
    ASSERT_TRUE(value.has_value()) << test::describe(out);
    EXPECT_EQ(value->at("a").as_array().size(), 2u);
    EXPECT_TRUE(out.empty());
}

TEST(ParseJson, SyntaxErrorNamesLineAndColumn) {
    Diagnostics out;
    EXPECT_FALSE(parse_json("{\n  \"a\": 1,,\n}", "t.json", out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].file, "t.json");
    EXPECT_EQ(out[0].line, 2u);
    EXPECT_EQ(out[0].column, 10u);
}

TEST(ParseJson, TrailingDataIsAnError) {
    Diagnostics out;
    EXPECT_FALSE(parse_json("{} {}", "t.json", out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_NE(out[0].message.find("extra data"), std::string::npos) << out[0].message;
}

TEST(ParseJson, EmptyAndBlankDocumentsSaySo) {
    for (const char* text : {"", "  \n\t "}) {
        Diagnostics out;
        EXPECT_FALSE(parse_json(text, "t.json", out).has_value());
        ASSERT_EQ(out.size(), 1u);
        EXPECT_EQ(out[0].message, "invalid JSON: the document is empty");
    }
}

TEST(ParseJson, InvalidUtf8IsReportedWithItsByteOffset) {
    Diagnostics out;
    EXPECT_FALSE(parse_json("{\"name\": \"caf\xE9\"}", "t.json", out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_NE(out[0].message.find("invalid UTF-8"), std::string::npos) << out[0].message;
    EXPECT_NE(out[0].message.find("byte offset 13"), std::string::npos) << out[0].message;
}

TEST(ReadJsonFile, MissingFileIsADiagnostic) {
    Diagnostics out;
    EXPECT_FALSE(read_json_file(test::data_path("no/such/file.json"), out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].message, "file not found");
}

TEST(PointerAppend, EscapesTildeAndSlash) {
    EXPECT_EQ(pointer_append("/modes", "a/b~c"), "/modes/a~1b~0c");
    EXPECT_EQ(pointer_append("", std::size_t{3}), "/3");
}

TEST(SchemaTag, ParsesFamilyAndVersion) {
    const auto tag = SchemaTag::parse("coachkit.framework/12");
    ASSERT_TRUE(tag.has_value());
    EXPECT_EQ(tag->family, "coachkit.framework");
    EXPECT_EQ(tag->version, 12);
    EXPECT_EQ(tag->to_string(), "coachkit.framework/12");
}

TEST(SchemaTag, RejectsMalformedTags) {
    for (const char* text :
         {"", "coachkit.framework", "coachkit.framework/", "/1", "x/0", "x/1a", "x/-1"}) {
        EXPECT_FALSE(SchemaTag::parse(text).has_value()) << text;
    }
}

TEST(UpgradeDocument, AppliesEachStepInTurn) {
    // A made-up family with two historical versions, to exercise the mechanism packs will use.
    std::map<int, UpgradeStep> steps;
    steps[1] = [](boost::json::object& doc) {
        doc["title"] = doc["name"];
        doc.erase("name");
    };
    steps[2] = [](boost::json::object& doc) { doc["tags"] = boost::json::array{}; };
    boost::json::object doc{{"schema", "test.doc/1"}, {"name", "old"}, {"kept", 7}};
    Diagnostics out;
    ASSERT_TRUE(upgrade_document(doc, "test.doc", 3, steps, "d.json", out)) << test::describe(out);
    EXPECT_EQ(doc.at("schema").as_string(), "test.doc/3");
    EXPECT_EQ(doc.at("title").as_string(), "old");
    EXPECT_FALSE(doc.contains("name"));
    EXPECT_TRUE(doc.at("tags").is_array());
    EXPECT_EQ(doc.at("kept").as_int64(), 7);  // unknown fields survive an upgrade
}

TEST(UpgradeDocument, RefusesNewerForeignMissingAndGaps) {
    const std::map<int, UpgradeStep> no_steps;
    struct Case {
        boost::json::object doc;
        const char* expected;
    };
    const std::vector<Case> cases{
        {{{"schema", "test.doc/4"}}, "upgrade coachkit"},
        {{{"schema", "other.doc/1"}}, "expected 'test.doc/3'"},
        {{{"name", "x"}}, "missing required field 'schema'"},
        {{{"schema", 3}}, "must be a string"},
        {{{"schema", "test.doc/1"}}, "no upgrade from 'test.doc/1'"},
    };
    for (auto c : cases) {
        Diagnostics out;
        EXPECT_FALSE(upgrade_document(c.doc, "test.doc", 3, no_steps, "d.json", out));
        ASSERT_EQ(out.size(), 1u);
        EXPECT_EQ(out[0].pointer, "/schema");
        EXPECT_NE(out[0].message.find(c.expected), std::string::npos) << out[0].message;
    }
}

TEST(ParseJson, AByteOrderMarkIsSkipped) {
    Diagnostics out;
    const auto value = parse_json("\xEF\xBB\xBF{\"a\": 1}", "bom.json", out);
    ASSERT_TRUE(value.has_value()) << test::describe(out);
    EXPECT_EQ(value->at("a").as_int64(), 1);
}

TEST(ParseJson, ValidNonAsciiOutsideQuotesIsNotCalledInvalidUtf8) {
    Diagnostics out;
    EXPECT_FALSE(parse_json("{\"a\": \xC3\xA9}", "t.json", out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].message.find("invalid UTF-8"), std::string::npos) << out[0].message;
    EXPECT_NE(out[0].message.find("unexpected character"), std::string::npos) << out[0].message;
}

TEST(ReadJsonFile, AFolderIsReportedAsNotAFile) {
    Diagnostics out;
    EXPECT_FALSE(read_json_file(test::data_path("packs"), out).has_value());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].message, "cannot read: it is a folder, not a file");
}

TEST(ParseJson, DoublesReadBackExactlyAsTheyWereWritten) {
    // Boost.JSON 1.81's own parser rounds some 16-17 digit doubles one unit in the last place
    // off; parse_json must not, or an export would not import equal.
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 20000; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        const double value =
            static_cast<double>(state % 1000000007ULL) / 9973.0 * (i % 2 ? 1e-7 : 1e7);
        const std::string text = boost::json::serialize(boost::json::value(value));
        Diagnostics out;
        const auto parsed = parse_json(text, "d.json", out);
        ASSERT_TRUE(parsed && parsed->is_double()) << text;
        ASSERT_EQ(parsed->as_double(), value) << text;
    }
}
