// Loading packs: a school's pack laid over CUREE, and every kind of bad pack rejected with the
// file, the place and the reason, without crashing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "coachkit/framework/framework.hpp"
#include "test_support.hpp"

using namespace coachkit;

TEST(SchoolPack, ExtendsCureeWithAPrincipleARenamedSkillAndAFourthMode) {
    const Framework school = load_pack(test::source_path("examples/school_pack.json"));
    EXPECT_EQ(school.info().id, "oakfield");
    EXPECT_EQ(school.info().layers, (std::vector<std::string>{"curee", "oakfield"}));
    EXPECT_EQ(school.principles().size(), 11u);
    EXPECT_EQ(school.principle("listening-to-pupils").number, 11);
    // Renamed, but still placed where CUREE put it and still summarised by the base.
    const auto& renamed = school.skill("establish-buffer-zones");
    EXPECT_EQ(renamed.name, "keep coaching apart from appraisal");
    EXPECT_EQ(renamed.modes.at("specialist-coaching").number, 10);
    EXPECT_FALSE(renamed.summary.empty());
    EXPECT_EQ(std::string(renamed.extra.at("oakfield_note").as_string()).substr(0, 14),
              "Our coaches ne");
    // A fourth mode, with shared skills placed on it through "modes" (merged, not replaced).
    ASSERT_EQ(school.modes().size(), 4u);
    EXPECT_EQ(school.skills_of("team-coaching").size(), 5u);
    EXPECT_EQ(school.skill("listen-actively").modes.size(), 4u);
    const auto c = school.compare({"specialist-coaching", "team-coaching"});
    EXPECT_EQ(c.skills.shared_by_all.size(), 4u);
    EXPECT_EQ(c.skills.unique.at("team-coaching").size(), 1u);
    // The built-in framework is untouched by loading a school's pack.
    EXPECT_EQ(Framework::curee().modes().size(), 3u);
    EXPECT_EQ(Framework::curee().skill("establish-buffer-zones").name, "establish buffer zones");
}

TEST(SchoolPack, StandaloneExportLoadsBackAsAnEqualFramework) {
    const Framework school = load_pack(test::source_path("examples/school_pack.json"));
    const Framework again =
        load_pack_text(boost::json::serialize(school.to_json()), "round-trip.json");
    EXPECT_EQ(again.to_json(), school.to_json());
    EXPECT_EQ(again.to_markdown(), school.to_markdown());
    EXPECT_EQ(again.info().layers, std::vector<std::string>{"oakfield"});
}

struct BadPack {
    const char* file;
    const char* pointer;  // expected JSON pointer; empty for syntax errors
    std::size_t line;     // expected line for syntax errors
    const char* message;  // expected part of the message
};

void PrintTo(const BadPack& p, std::ostream* os) {
    *os << p.file;
}

class BadPackTest : public ::testing::TestWithParam<BadPack> {};

TEST_P(BadPackTest, IsRejectedWithFilePlaceAndReason) {
    const BadPack& expected = GetParam();
    const auto path = test::data_path(std::string("packs/bad/") + expected.file);

    const Diagnostics problems = validate_pack(path);
    ASSERT_TRUE(has_errors(problems)) << expected.file << " was accepted";
    const Diagnostic& first = problems.front();
    EXPECT_EQ(first.file, path.string());
    EXPECT_EQ(first.pointer, expected.pointer) << test::describe(problems);
    EXPECT_EQ(first.line, expected.line) << test::describe(problems);
    EXPECT_NE(first.message.find(expected.message), std::string::npos) << test::describe(problems);

    // load_pack throws the same problems; nothing crashes and the built-in framework is intact.
    try {
        (void)load_pack(path);
        FAIL() << "load_pack accepted " << expected.file;
    } catch (const InvalidDocumentError& e) {
        EXPECT_EQ(e.diagnostics().size(), problems.size());
    }
    EXPECT_EQ(Framework::curee().modes().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, BadPackTest,
    ::testing::Values(
        BadPack{"syntax_error.json", "", 7, "invalid JSON: syntax error"},
        BadPack{"empty.json", "", 1, "the document is empty"},
        BadPack{"invalid_utf8.json", "", 1, "invalid UTF-8 (byte 0xE9 at byte offset 58)"},
        BadPack{"root_not_object.json", "", 0, "a pack must be a JSON object"},
        BadPack{"missing_schema.json", "/schema", 0, "missing required field 'schema'"},
        BadPack{"wrong_schema_family.json", "/schema", 0,
                "unsupported schema 'coachkit.manifest/1'"},
        BadPack{"newer_schema_version.json", "/schema", 0, "upgrade coachkit"},
        BadPack{"missing_required_field.json", "/modes/0", 0,
                "missing required field 'definition'"},
        BadPack{"wrong_type.json", "/principles/0/number", 0,
                "must be a whole number, not a string"},
        BadPack{"duplicate_id.json", "/principles/1", 0,
                "duplicate id 'pupil-voice' (first at /principles/0)"},
        BadPack{"bad_id.json", "/skills/0/id", 0, "invalid id 'Team Work'"},
        BadPack{"unknown_mode_in_skill.json", "/skills/0/modes/team-coching", 0,
                "unknown mode 'team-coching' (known: mentoring, specialist-coaching, co-coaching)"},
        BadPack{"unknown_theme_in_activity.json", "/activities/0/theme", 0, "unknown theme 42"},
        BadPack{"unknown_base.json", "/extends", 0, "unknown base pack 'grow-model'"},
        BadPack{"duplicate_skill_number.json", "/skills/0/modes/specialist-coaching/number", 0,
                "duplicate skill number 10 in mode 'specialist-coaching' (also "
                "'establish-buffer-zones')"},
        BadPack{"standalone_incomplete.json", "/modes", 0,
                "a pack without 'extends' must be complete"}),
    [](const ::testing::TestParamInfo<BadPack>& param_info) {
        std::string name = param_info.param.file;
        name = name.substr(0, name.find('.'));
        return name;
    });

TEST(BadPacks, EveryProblemInAFileIsReported) {
    const Diagnostics problems = validate_pack(test::data_path("packs/bad/many_problems.json"));
    ASSERT_EQ(problems.size(), 3u) << test::describe(problems);
    EXPECT_EQ(problems[0].pointer, "/principles/0");
    EXPECT_EQ(problems[1].pointer, "/skills/0/modes/nowhere");
    EXPECT_EQ(problems[2].pointer, "/activities/0/theme");
}

TEST(BadPacks, MissingFileIsReported) {
    const Diagnostics problems = validate_pack(test::data_path("packs/bad/does-not-exist.json"));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "file not found");
}

TEST(BadPacks, ProblemsInAnOverriddenItemPointIntoTheSchoolsFile) {
    // The school's override breaks a CUREE skill: the error names the school's file and pointer,
    // not the built-in pack.
    const char* text =
        R"({"schema": "coachkit.framework/1", "id": "s", "name": "S", "extends": "curee",
        "skills": [{"id": "listen-actively", "modes": {"mentoring": {"number": "nine"}}}]})";
    try {
        (void)load_pack_text(text, "school.json");
        FAIL() << "accepted";
    } catch (const InvalidDocumentError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u) << e.what();
        EXPECT_EQ(e.diagnostics()[0].file, "school.json");
        EXPECT_EQ(e.diagnostics()[0].pointer, "/skills/0/modes/mentoring/number");
    }
}

TEST(BadPacks, ANewItemMustBeComplete) {
    const char* text =
        R"({"schema": "coachkit.framework/1", "id": "s", "name": "S", "extends": "curee",
        "skills": [{"id": "brand-new"}]})";
    try {
        (void)load_pack_text(text, "school.json");
        FAIL() << "accepted";
    } catch (const InvalidDocumentError& e) {
        ASSERT_EQ(e.diagnostics().size(), 2u) << e.what();
        EXPECT_EQ(e.diagnostics()[0].message, "missing required field 'name'");
        EXPECT_EQ(e.diagnostics()[1].message, "missing required field 'modes'");
    }
}

TEST(BadPacks, GarbageNeverCrashesTheLoader) {
    // Hand-picked shapes that once tripped naive readers: wrong types at every level.
    const std::vector<std::string> inputs{
        "null",
        "42",
        "\"text\"",
        "{}",
        R"({"schema": null})",
        R"({"schema": "coachkit.framework/1"})",
        R"({"schema": "coachkit.framework/1", "id": 7, "name": [], "extends": "curee"})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "skills": {}})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "skills": [1, null, []]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "skills": [{"id": "listen-actively", "modes": []}]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "modes": [{"id": "mentoring", "purposes": [1]}]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "modes": [{"id": "mentoring", "concepts": {"why": 1}}]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "principles": [{"id": "x", "name": "x", "number": 1.5}]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": "curee", "principles": [{"id": "x", "name": "x", "number": 99999999999999999999}]})",
        R"({"schema": "coachkit.framework/1", "id": "a", "name": "A", "extends": 3})",
    };
    for (const auto& input : inputs) {
        EXPECT_THROW((void)load_pack_text(input, "garbage.json"), InvalidDocumentError) << input;
    }
}

TEST(PackWarnings, AnUnlistedSourceIsAWarningAndThePackStillLoads) {
    const auto path = test::data_path("packs/warn/unlisted_source.json");
    const Diagnostics problems = validate_pack(path);
    ASSERT_EQ(problems.size(), 1u) << test::describe(problems);
    EXPECT_EQ(problems[0].severity, Severity::warning);
    EXPECT_EQ(problems[0].pointer, "/principles/0/source");
    EXPECT_FALSE(has_errors(problems));
    EXPECT_EQ(load_pack(path).principle("pupil-voice").source, "our-staff-handbook.pdf");
}

TEST(PackWarnings, TheBuiltInAndExamplePacksAreClean) {
    EXPECT_TRUE(validate_pack(test::source_path("core/data/curee.framework.json")).empty());
    EXPECT_TRUE(validate_pack(test::source_path("examples/school_pack.json")).empty());
}
