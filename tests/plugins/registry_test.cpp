// The registry with the built-in plugins and good corpus plugins: discovery without loading, lazy
// loading, lifetimes, the built-in components themselves, lookups, in-process components and
// version ranges.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "corpus_support.hpp"

using namespace coachkit;
using namespace coachkit::test;
using std::filesystem::path;

namespace {

/// The in-memory ingestion the tests below use.
EvidenceContent ingest_text(const EvidenceSource& source, std::string_view bytes,
                            std::string format, std::string origin, Diagnostics& problems) {
    MemoryByteSource input(bytes, origin);
    return source.ingest(input, {std::move(format), std::move(origin), {}, true}, problems);
}

bool under(const std::string& file, const path& folder) {
    return file.rfind(std::filesystem::weakly_canonical(folder).string() + "/", 0) == 0;
}

/// Files from the corpus and the built-in plugins that are mapped into this process.
std::set<std::string> mapped_plugin_files() {
    std::set<std::string> out;
    for (const auto& file : mapped_files()) {
        if (under(file, corpus()) || under(file, corpus_build()) ||
            under(file, builtin_plugins())) {
            out.insert(file);
        }
    }
    return out;
}

}  // namespace

// ---- discovery and lazy loading -------------------------------------------------------------

// Libraries are never unloaded, so this test has a plugin of its own (lazy-probe) that no other
// test opens: its library must be mapped only after the first create() of its component.
TEST(Discovery, OpensNoLibraryUntilFirstCreate) {
    const path probe = corpus("lazy-probe") / "libcorpus_lazy_probe.so";
    ASSERT_TRUE(std::filesystem::exists(probe));
    ASSERT_FALSE(is_mapped(probe)) << "another test in this process opened the probe";
    const auto mapped_before = mapped_plugin_files();

    Registry registry;
    // Every manifest there is: the built-ins and the whole corpus, broken ones included.
    EXPECT_NO_THROW(registry.discover({builtin_plugins(), corpus()}));
    EXPECT_GE(registry.plugins().size(), 20u);
    EXPECT_TRUE(has_errors(registry.problems()))
        << "the corpus's broken manifests should be reported";

    EXPECT_EQ(mapped_plugin_files(), mapped_before) << "discovery opened a plugin library";
    EXPECT_FALSE(is_mapped(probe));
    for (const auto& plugin : registry.plugins()) {
        if (plugin.type == PluginType::compiled) {
            EXPECT_FALSE(plugin.loaded) << plugin.id;
        }
    }

    EXPECT_EQ(registry.create<Workflow>("corpus-lazy-probe-cycle")->mode(), "probe");
    EXPECT_TRUE(is_mapped(probe)) << "the probe's library should be open after create()";
    EXPECT_TRUE(registry.plugin("corpus-lazy-probe")->loaded);
}

TEST(Discovery, LoadsLazily) {
    Registry registry;
    registry.discover({builtin_plugins(), corpus("good-compiled")});
    EXPECT_TRUE(registry.problems().empty()) << describe(registry.problems());

    const auto before = registry.plugin("corpus-good");
    ASSERT_TRUE(before);
    EXPECT_EQ(before->type, PluginType::compiled);
    EXPECT_FALSE(before->loaded);
    EXPECT_EQ(before->library, corpus("good-compiled") / "libcorpus_good.so");
    EXPECT_EQ(before->manifest, manifest_of("good-compiled"));
    ASSERT_EQ(before->provides.size(), 1u);
    EXPECT_EQ(before->provides[0].id, "corpus-good-cycle");
    EXPECT_FALSE(registry.plugin("learner-reflection")->loaded);
    // Data-only plugins have nothing to load.
    EXPECT_TRUE(registry.plugin("cflat-coaching-cycle")->loaded);
    EXPECT_EQ(registry.plugin("cflat-coaching-cycle")->type, PluginType::data);

    (void)registry.create<Workflow>("corpus-good-cycle");
    EXPECT_TRUE(registry.plugin("corpus-good")->loaded);
    EXPECT_FALSE(registry.plugin("learner-reflection")->loaded) << "only the plugin used is loaded";
    (void)registry.create<EvidenceSource>("learner-reflection");
    EXPECT_TRUE(registry.plugin("learner-reflection")->loaded);
}

TEST(Discovery, MissingFolderIsAWarning) {
    Registry registry;
    const path nowhere = corpus("no-such-folder");
    registry.discover({nowhere, corpus("good-data")});
    ASSERT_EQ(registry.problems().size(), 1u) << describe(registry.problems());
    EXPECT_EQ(registry.problems()[0].severity, Severity::warning);
    EXPECT_EQ(registry.problems()[0].file, nowhere.string());
    EXPECT_EQ(registry.problems()[0].message, "plugin folder not found");
    EXPECT_TRUE(registry.find(ComponentKind::coaching_guide, "corpus-good-guide"));
}

TEST(Discovery, DefaultSearchPathFindsTheBuiltIns) {
    const auto folders = Registry::default_search_path();
    const auto builtin = std::filesystem::weakly_canonical(builtin_plugins());
    EXPECT_TRUE(std::any_of(folders.begin(), folders.end(), [&](const path& folder) {
        return std::filesystem::weakly_canonical(folder) == builtin;
    })) << "libcoachkit's <libdir>/coachkit/plugins is not on the default path";
}

TEST(Lifetime, InstancesOutliveTheRegistry) {
    std::shared_ptr<EvidenceSource> source;
    std::shared_ptr<Workflow> cycle;
    {
        Registry registry;
        registry.discover({builtin_plugins(), corpus("good-compiled")});
        source = registry.create<EvidenceSource>("learner-reflection");
        cycle = registry.create<Workflow>("corpus-good-cycle");
    }
    ASSERT_TRUE(source);
    ASSERT_TRUE(cycle);
    EXPECT_EQ(cycle->mode(), "corpus-mode");
    EXPECT_EQ(cycle->stages().size(), 2u);
    EXPECT_EQ(source->formats(), std::vector<std::string>{"text"});
    Diagnostics problems;
    const auto content = ingest_text(*source, "Still here?", "text", "after.txt", problems);
    EXPECT_TRUE(problems.empty()) << describe(problems);
    EXPECT_EQ(content.metrics.at("questions"), 1);
}

// ---- the built-in data-only components ------------------------------------------------------

class BuiltIns : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({builtin_plugins()});
        ASSERT_TRUE(registry_.problems().empty()) << describe(registry_.problems());
    }
    Registry registry_;
};

TEST_F(BuiltIns, CflatIdealCycleHasFourStages) {
    const auto cycle = registry_.create<Workflow>("cflat-ideal-cycle");
    EXPECT_EQ(cycle->kind(), ComponentKind::workflow);
    EXPECT_EQ(cycle->mode(), "specialist-coaching");
    const auto stages = cycle->stages();
    ASSERT_EQ(stages.size(), 4u);
    EXPECT_EQ(stages[0].id, "pre-lesson-meeting");
    EXPECT_EQ(stages[1].id, "lesson");
    EXPECT_EQ(stages[2].id, "post-lesson-meeting");
    EXPECT_EQ(stages[3].id, "plan-next-cycle");
    EXPECT_EQ(stages[0].roles,
              (std::vector<std::string>{"specialist-coach", "professional-learner"}));
    const auto& evidence = stages[1].evidence;
    EXPECT_NE(std::find(evidence.begin(), evidence.end(), "learner-reflection"), evidence.end());
    EXPECT_FALSE(stages[0].typical_minutes);
    for (const auto& stage : stages)
        EXPECT_FALSE(stage.name.empty()) << stage.id;
}

TEST_F(BuiltIns, CureeGuideHasFourPhasesThenPace) {
    const auto guide = registry_.create<CoachingGuide>("curee-question-phases");
    EXPECT_EQ(guide->focus(), "any");
    const auto phases = guide->phases();
    ASSERT_EQ(phases.size(), 5u);
    const std::vector<std::string> sequence{"identify-focus", "explore-why", "explore-alternatives",
                                            "plan-next-steps"};
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        EXPECT_EQ(phases[i].id, sequence[i]);
        EXPECT_FALSE(phases[i].any_time) << phases[i].id;
        EXPECT_EQ(phases[i].prompts.size(), 3u) << phases[i].id;
    }
    EXPECT_EQ(phases[4].id, "pace");
    EXPECT_TRUE(phases[4].any_time);
    EXPECT_FALSE(phases[4].prompts.empty());
}

TEST_F(BuiltIns, PrinciplesReviewDescribesItsScale) {
    const auto rubric = registry_.create<Rubric>("principles-review");
    EXPECT_EQ(rubric->applies_to(), "ratings");
    const auto levels = rubric->levels();
    ASSERT_EQ(levels.size(), 3u);
    EXPECT_EQ(levels[0].value, 1);
    EXPECT_EQ(levels[0].id, "not-yet-evident");
    EXPECT_EQ(levels[1].id, "emerging");
    EXPECT_EQ(levels[2].value, 3);
    EXPECT_EQ(levels[2].id, "established");
    const auto criteria = rubric->criteria();
    ASSERT_EQ(criteria.size(), 10u);
    EXPECT_EQ(criteria[0].id, "learning-conversation");
    for (const auto& criterion : criteria)
        EXPECT_EQ(criterion.descriptors.size(), 3u) << criterion.id;
}

TEST_F(BuiltIns, PrinciplesReviewAveragesRatings) {
    const auto rubric = registry_.create<Rubric>("principles-review");
    Diagnostics problems;
    const auto result = rubric->evaluate(
        boost::json::parse(
            R"({"scores": {"learning-conversation": [1, 2, 3, 3], "thoughtful-relationship": 3}})"),
        problems);
    EXPECT_EQ(result.rubric, "principles-review");
    ASSERT_EQ(result.criteria.size(), 2u);
    EXPECT_EQ(result.criteria[0].criterion, "learning-conversation");
    EXPECT_DOUBLE_EQ(result.criteria[0].score, 2.25);
    EXPECT_EQ(result.criteria[0].level, "emerging");
    EXPECT_EQ(result.criteria[0].rationale, "mean of 4 ratings: 2.25 (emerging)");
    EXPECT_EQ(result.criteria[1].criterion, "thoughtful-relationship");
    EXPECT_DOUBLE_EQ(result.criteria[1].score, 3.0);
    EXPECT_EQ(result.criteria[1].level, "established");
    EXPECT_EQ(result.criteria[1].rationale, "mean of 1 rating: 3.00 (established)");
    EXPECT_DOUBLE_EQ(result.overall, 2.625);
    EXPECT_EQ(result.level, "established");
    EXPECT_TRUE(contains(result.rationale, "2 of 10 criteria scored")) << result.rationale;

    // The eight unscored criteria are warnings, one each, at their pointers; nothing is an error.
    EXPECT_FALSE(has_errors(problems)) << describe(problems);
    ASSERT_EQ(problems.size(), 8u) << describe(problems);
    for (const auto& problem : problems) {
        EXPECT_EQ(problem.severity, Severity::warning);
        EXPECT_EQ(problem.message, "criterion not scored");
    }
    EXPECT_EQ(problems[0].pointer, "/scores/setting-challenging-and-personal-goals");
}

TEST_F(BuiltIns, PrinciplesReviewReportsBadScores) {
    const auto rubric = registry_.create<Rubric>("principles-review");
    Diagnostics problems;
    const auto result = rubric->evaluate(boost::json::parse(R"({"scores": {
        "learning-conversation": 4,
        "thoughtful-relationship": [2, 0],
        "growing-self-direction": "high",
        "no-such-principle": 2}})"),
                                         problems);
    auto error_at = [&](const std::string& pointer) -> std::string {
        for (const auto& p : problems) {
            if (p.severity == Severity::error && p.pointer == pointer)
                return p.message;
        }
        return "(no error at " + pointer + ")";
    };
    EXPECT_EQ(error_at("/scores/no-such-principle"), "unknown criterion 'no-such-principle'");
    EXPECT_EQ(error_at("/scores/learning-conversation"), "rating 4.00 is outside the scale 1 to 3");
    EXPECT_EQ(error_at("/scores/thoughtful-relationship/1"),
              "rating 0.00 is outside the scale 1 to 3");
    EXPECT_EQ(error_at("/scores/growing-self-direction"), "a rating must be a number");
    EXPECT_TRUE(std::none_of(
        result.criteria.begin(), result.criteria.end(),
        [](const CriterionResult& r) { return r.criterion == "learning-conversation"; }));

    Diagnostics shape;
    (void)rubric->evaluate(boost::json::parse(R"({"ratings": {}})"), shape);
    ASSERT_TRUE(has_errors(shape));
    EXPECT_EQ(shape[0].pointer, "/scores");
}

// ---- the built-in compiled evidence source --------------------------------------------------

class LearnerReflection : public ::testing::Test {
protected:
    void SetUp() override {
        registry_.discover({builtin_plugins()});
        source_ = registry_.create<EvidenceSource>("learner-reflection");
        ASSERT_TRUE(source_);
    }
    Registry registry_;
    std::shared_ptr<EvidenceSource> source_;
};

TEST_F(LearnerReflection, DescribesItself) {
    EXPECT_EQ(source_->kind(), ComponentKind::evidence_source);
    EXPECT_EQ(source_->formats(), std::vector<std::string>{"text"});
    EXPECT_EQ(source_->privacy(), PrivacyClass::personal_data);
    const auto descriptor = registry_.find(ComponentKind::evidence_source, "learner-reflection");
    ASSERT_TRUE(descriptor);
    EXPECT_EQ(descriptor->metadata.at("privacy"), "personal-data");
}

TEST_F(LearnerReflection, CountsWordsSentencesParagraphsAndQuestions) {
    Diagnostics problems;
    const auto content =
        ingest_text(*source_,
                    "I tried cold calling today. Did it help the quieter pupils? I think so!\n"
                    "\n"
                    "Next time I will wait longer.\n",
                    "text", "reflection.txt", problems);
    EXPECT_TRUE(problems.empty()) << describe(problems);
    EXPECT_EQ(content.format, "text");
    EXPECT_EQ(content.metrics.at("words"), 20);
    EXPECT_EQ(content.metrics.at("sentences"), 4);
    EXPECT_EQ(content.metrics.at("paragraphs"), 2);
    EXPECT_EQ(content.metrics.at("questions"), 1);
    const auto& paragraphs = content.content.at("paragraphs").as_array();
    ASSERT_EQ(paragraphs.size(), 2u);
    EXPECT_EQ(paragraphs[0],
              "I tried cold calling today. Did it help the quieter pupils? I think so!");
    EXPECT_EQ(paragraphs[1], "Next time I will wait longer.");
}

TEST_F(LearnerReflection, EmptyTextIsAnError) {
    for (const std::string_view text : {std::string_view(""), std::string_view(" \n\n\t ")}) {
        Diagnostics problems;
        (void)ingest_text(*source_, text, "text", "empty.txt", problems);
        ASSERT_EQ(problems.size(), 1u) << describe(problems);
        EXPECT_EQ(problems[0].severity, Severity::error);
        EXPECT_EQ(problems[0].file, "empty.txt");
        EXPECT_EQ(problems[0].message, "the reflection is empty");
    }
}

TEST_F(LearnerReflection, InvalidUtf8IsAnErrorWithItsByteOffset) {
    Diagnostics problems;
    (void)ingest_text(*source_, "Fine line.\nBad \xFF byte.", "text", "bad.txt", problems);
    ASSERT_EQ(problems.size(), 1u) << describe(problems);
    EXPECT_EQ(problems[0].severity, Severity::error);
    EXPECT_EQ(problems[0].file, "bad.txt");
    EXPECT_EQ(problems[0].line, 2u);
    EXPECT_EQ(problems[0].message, "invalid UTF-8 at byte offset 15");
}

// RFC 3629: overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8 either.
// The JSON reader (core/src/json/document.cpp) refuses them; the plugin's utf8_length() checks only
// the lead byte's range and that continuation bytes are 10xxxxxx, so it accepts all three.
TEST_F(LearnerReflection, IllFormedUtf8SequencesAreErrors) {
    const struct {
        const char* what;
        std::string_view text;
    } cases[] = {
        {"overlong '/' (E0 80 AF)", std::string_view("ab\xE0\x80\xAF")},
        {"surrogate U+D800 (ED A0 80)", std::string_view("ab\xED\xA0\x80")},
        {"above U+10FFFF (F4 90 80 80)", std::string_view("ab\xF4\x90\x80\x80")},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        Diagnostics problems;
        (void)ingest_text(*source_, c.text, "text", "bad.txt", problems);
        // Line 1, column 3: the error names the byte where the bad sequence starts.
        EXPECT_EQ(describe(problems), "bad.txt:1:3: invalid UTF-8 at byte offset 2\n");
    }
}

TEST_F(LearnerReflection, UnsupportedFormatIsAnError) {
    Diagnostics problems;
    (void)ingest_text(*source_, "WEBVTT\n", "webvtt", "lesson.vtt", problems);
    ASSERT_EQ(problems.size(), 1u) << describe(problems);
    EXPECT_EQ(problems[0].severity, Severity::error);
    EXPECT_EQ(problems[0].file, "lesson.vtt");
    EXPECT_EQ(problems[0].message, "unsupported format 'webvtt' (this source reads: text)");
}

// ---- lookups --------------------------------------------------------------------------------

TEST(Lookup, ComponentsAreSortedByKindThenId) {
    Registry registry;
    registry.discover({builtin_plugins(), corpus("good-compiled"), corpus("good-data")});
    ASSERT_TRUE(registry.problems().empty()) << describe(registry.problems());
    std::vector<std::pair<ComponentKind, std::string>> listed;
    for (const auto& d : registry.components())
        listed.emplace_back(d.kind, d.id);
    const std::vector<std::pair<ComponentKind, std::string>> expected{
        {ComponentKind::workflow, "cflat-ideal-cycle"},
        {ComponentKind::workflow, "corpus-good-cycle"},
        {ComponentKind::workflow, "curee-co-coaching"},
        {ComponentKind::workflow, "induction-mentoring"},
        {ComponentKind::workflow, "swiss-cottage-mentor-coaching"},
        {ComponentKind::evidence_source, "coaching-transcript"},
        {ComponentKind::evidence_source, "learner-reflection"},
        {ComponentKind::evidence_source, "lesson-plan"},
        {ComponentKind::evidence_source, "lesson-transcript"},
        {ComponentKind::evidence_source, "observation-record"},
        {ComponentKind::evidence_source, "pupil-voice"},
        {ComponentKind::evidence_source, "pupil-work"},
        {ComponentKind::evidence_source, "video-recording"},
        {ComponentKind::rubric, "coaching-levels"},
        {ComponentKind::rubric, "principles-audit"},
        {ComponentKind::rubric, "principles-review"},
        {ComponentKind::rubric, "skills-profile"},
        {ComponentKind::coaching_guide, "corpus-good-guide"},
        {ComponentKind::coaching_guide, "curee-question-phases"},
    };
    EXPECT_EQ(listed, expected);

    const auto workflows = registry.components(ComponentKind::workflow);
    ASSERT_EQ(workflows.size(), 5u);
    EXPECT_EQ(workflows[0].id, "cflat-ideal-cycle");
    EXPECT_EQ(workflows[4].id, "swiss-cottage-mentor-coaching");
}

TEST(Lookup, FindDescribesWithoutLoading) {
    Registry registry;
    registry.discover({builtin_plugins()});
    const auto cycle = registry.find(ComponentKind::workflow, "cflat-ideal-cycle");
    ASSERT_TRUE(cycle);
    EXPECT_EQ(cycle->display_name, "CfLaT 'ideal' coaching cycle");
    EXPECT_EQ(cycle->plugin_id, "cflat-coaching-cycle");
    EXPECT_EQ(cycle->plugin_version, "1.0.0");
    EXPECT_EQ(cycle->metadata.at("repeats"), true);
    EXPECT_FALSE(registry.find(ComponentKind::rubric, "cflat-ideal-cycle")) << "ids are per kind";
    EXPECT_FALSE(registry.find(ComponentKind::workflow, "no-such-cycle"));

    const auto reflection = registry.find(ComponentKind::evidence_source, "learner-reflection");
    ASSERT_TRUE(reflection);
    EXPECT_EQ(reflection->metadata.at("formats"), boost::json::array{"text"});
    EXPECT_FALSE(registry.plugin("learner-reflection")->loaded);
}

TEST(Lookup, UnknownIdIsNotFoundAndListsTheKnownOnes) {
    Registry registry;
    registry.discover({builtin_plugins(), corpus("good-compiled")});
    try {
        (void)registry.create(ComponentKind::workflow, "no-such-cycle");
        FAIL() << "expected NotFoundError";
    } catch (const NotFoundError& e) {
        EXPECT_STREQ(
            e.what(),
            "unknown workflow 'no-such-cycle' (known: cflat-ideal-cycle, corpus-good-cycle, "
            "curee-co-coaching, induction-mentoring, swiss-cottage-mentor-coaching)");
    }
    Registry empty;
    try {
        (void)empty.create<Rubric>("anything");
        FAIL() << "expected NotFoundError";
    } catch (const NotFoundError& e) {
        EXPECT_STREQ(e.what(), "unknown rubric 'anything' (known: none)");
    }
    EXPECT_THROW(registry.load("no-such-plugin"), NotFoundError);
}

// ---- components made in this process --------------------------------------------------------

namespace {

class InProcessGuide final : public CoachingGuide {
public:
    [[nodiscard]] std::string focus() const override { return "in-process"; }
    [[nodiscard]] std::vector<PromptGroup> phases() const override {
        PromptGroup group;
        group.id = "only";
        group.name = "Only";
        group.prompts = {"How did that go?"};
        return {group};
    }
};

ComponentDescriptor guide_descriptor(std::string id, std::string plugin_id) {
    ComponentDescriptor d;
    d.kind = ComponentKind::coaching_guide;
    d.id = std::move(id);
    d.display_name = "In-process guide";
    d.plugin_id = std::move(plugin_id);
    d.plugin_version = "2.0.0";
    return d;
}

ComponentFactory guide_factory() {
    return [] { return std::make_shared<InProcessGuide>(); };
}

}  // namespace

TEST(InProcess, AddedComponentIsFoundAndCreated) {
    Registry registry;
    registry.discover({builtin_plugins()});
    registry.add(guide_descriptor("in-process-guide", "test-app"), guide_factory());

    const auto found = registry.find(ComponentKind::coaching_guide, "in-process-guide");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->plugin_id, "test-app");
    EXPECT_EQ(registry.create<CoachingGuide>("in-process-guide")->focus(), "in-process");
    const auto plugin = registry.plugin("test-app");
    ASSERT_TRUE(plugin);
    EXPECT_TRUE(plugin->loaded);
    EXPECT_EQ(plugin->version, "2.0.0");
    ASSERT_EQ(plugin->provides.size(), 1u);

    // A second component of the same in-process plugin joins it; an empty plugin id gets a name.
    registry.add(guide_descriptor("second-guide", "test-app"), guide_factory());
    EXPECT_EQ(registry.plugin("test-app")->provides.size(), 2u);
    registry.add(guide_descriptor("anonymous-guide", ""), guide_factory());
    EXPECT_EQ(registry.find(ComponentKind::coaching_guide, "anonymous-guide")->plugin_id,
              "in-process");
}

TEST(InProcess, DuplicateAddIsAnError) {
    Registry registry;
    registry.discover({builtin_plugins()});
    registry.add(guide_descriptor("in-process-guide", "test-app"), guide_factory());
    try {
        registry.add(guide_descriptor("in-process-guide", "another-app"), guide_factory());
        FAIL() << "expected Error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "coaching-guide 'in-process-guide' is already provided by plugin 'test-app'");
    }
    // Taking a discovered component's place, or a discovered plugin's id, is refused too.
    auto taken = guide_descriptor("curee-question-phases", "test-app");
    EXPECT_THROW(registry.add(taken, guide_factory()), Error);
    try {
        registry.add(guide_descriptor("new-guide", "cflat-coaching-cycle"), guide_factory());
        FAIL() << "expected Error";
    } catch (const Error& e) {
        EXPECT_TRUE(
            contains(e.what(), "plugin id 'cflat-coaching-cycle' belongs to a discovered plugin"))
            << e.what();
    }
    EXPECT_FALSE(registry.find(ComponentKind::coaching_guide, "new-guide"));
    EXPECT_EQ(registry.create<CoachingGuide>("curee-question-phases")->phases().size(), 5u);
}

TEST(InProcess, FactoryOfTheWrongKindIsAPluginError) {
    Registry registry;
    auto descriptor = guide_descriptor("says-workflow", "test-app");
    descriptor.kind = ComponentKind::workflow;
    registry.add(descriptor, guide_factory());
    const auto error = plugin_error_from([&] { (void)registry.create<Workflow>("says-workflow"); });
    ASSERT_TRUE(error);
    EXPECT_EQ(error->plugin_id(), "test-app");
    EXPECT_EQ(error->reason(), "asked for workflow 'says-workflow' but got a coaching-guide");
}

// ---- version ranges -------------------------------------------------------------------------

TEST(VersionRange, Satisfies) {
    EXPECT_TRUE(version_satisfies("0.1.0", ""));
    EXPECT_TRUE(version_satisfies("0.1.0", "   "));
    EXPECT_TRUE(version_satisfies("0.1.0", ">=0.1 <1.0"));
    EXPECT_TRUE(version_satisfies("0.1.0", ">=0.1,<1.0"));
    EXPECT_TRUE(version_satisfies("0.1.0", ">=0.1, <1.0"));
    EXPECT_TRUE(version_satisfies("0.9.9", "<1"));
    EXPECT_FALSE(version_satisfies("1.0.0", "<1.0"));
    EXPECT_TRUE(version_satisfies("1.0.0", "<=1.0"));
    EXPECT_FALSE(version_satisfies("0.1.0", ">0.1"));
    EXPECT_TRUE(version_satisfies("0.1.1", ">0.1"));
    EXPECT_TRUE(version_satisfies("1.0", "==1.0.0"));
    EXPECT_FALSE(version_satisfies("1.0.1", "==1.0"));
    EXPECT_FALSE(version_satisfies("0.1.0", ">=0.2"));
    EXPECT_TRUE(version_satisfies("0.10.0", ">0.9")) << "parts compare as numbers, not text";
    EXPECT_FALSE(version_satisfies("0.1.0", ">=0.1 <1.0 >=0.5")) << "every constraint must hold";
    EXPECT_TRUE(version_satisfies(COACHKIT_VERSION_STRING, ">=0.1 <1.0"));
}

TEST(VersionRange, MalformedIsAnError) {
    for (const char* range : {"~0.1", "^1.0", "=>1.0", "=1.0", "1.0", ">=", ">= 0.1", ">=1..0",
                              ">=1.x", ">=1.0-beta", ">=.1", ">=1.", "<<1.0"}) {
        SCOPED_TRACE(range);
        try {
            (void)version_satisfies("0.1.0", range);
            ADD_FAILURE() << "expected Error";
        } catch (const Error& e) {
            EXPECT_TRUE(contains(e.what(), "malformed version constraint")) << e.what();
        }
    }
    for (const char* version : {"", "one", "1.0.", "1..0", "v1.0"}) {
        SCOPED_TRACE(version);
        EXPECT_THROW((void)version_satisfies(version, ">=0.1"), Error);
    }
}
