// The host against the corpus of broken plugins (tests/plugins/corpus): each is refused with a
// message naming the plugin, the file and the reason, and afterwards the same registry still loads
// and serves good plugins.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstddef>
#include <fstream>
#include <ostream>

#include "coachkit/plugin/entry_point.hpp"
#include "coachkit/plugin/validate.hpp"
#include "corpus_support.hpp"

using namespace coachkit;
using namespace coachkit::test;
using std::filesystem::path;

namespace {

const std::string kHostAbi =
    std::to_string(COACHKIT_ABI_MAJOR) + "." + std::to_string(COACHKIT_ABI_MINOR);

/// Discovery reported an error about `file` at `pointer` whose message contains `text`.
void expect_discovery_error(const Registry& registry, const path& file, const std::string& pointer,
                            const std::string& text) {
    const Diagnostics problems = registry.problems();  // a copy: keep it while pointing into it
    const Diagnostic* problem = find_problem(problems, file, text);
    ASSERT_NE(problem, nullptr) << "no problem about " << file << " saying \"" << text << "\" in:\n"
                                << describe(problems);
    EXPECT_EQ(problem->severity, Severity::error) << problem->to_string();
    EXPECT_EQ(problem->pointer, pointer) << problem->to_string();
}

/// Every problem the registry has is about `file`: the good plugins gave none.
void expect_problems_only_about(const Registry& registry, const path& file) {
    for (const auto& problem : registry.problems()) {
        EXPECT_EQ(problem.file, file.string()) << problem.to_string();
    }
}

/// What a refused compiled plugin should be reported as.
struct Refusal {
    std::string plugin_id;
    path library;
    std::string reason;  ///< a substring of PluginError::reason()
};

/// The plugin was discovered without complaint (its manifest is fine) and not loaded.
void expect_discovered_not_loaded(const Registry& registry, const std::string& plugin_id) {
    EXPECT_TRUE(registry.problems().empty()) << describe(registry.problems());
    const auto summary = registry.plugin(plugin_id);
    ASSERT_TRUE(summary) << plugin_id << " was not discovered";
    EXPECT_EQ(summary->type, PluginType::compiled);
    EXPECT_FALSE(summary->loaded);
}

/// Creating `component` throws a PluginError naming the plugin, its library and the reason; a
/// second try (and load()) give the same error without retrying; the registry records the failure
/// once, as an error about the library naming the plugin; the plugin stays unloaded.
void expect_refused(Registry& registry, ComponentKind kind, const std::string& component,
                    const Refusal& want) {
    for (int attempt = 1; attempt <= 3; ++attempt) {
        SCOPED_TRACE(attempt == 3 ? "load()" : "create(), attempt " + std::to_string(attempt));
        const auto error = plugin_error_from([&] {
            if (attempt == 3) {
                registry.load(want.plugin_id);
            } else {
                (void)registry.create(kind, component);
            }
        });
        ASSERT_TRUE(error) << "no PluginError for " << to_string(kind) << " '" << component << "'";
        EXPECT_EQ(error->plugin_id(), want.plugin_id);
        EXPECT_EQ(error->file(), want.library);
        EXPECT_TRUE(contains(error->reason(), want.reason))
            << "reason: " << error->reason() << "\nexpected to contain: " << want.reason;
        const std::string what = error->what();
        EXPECT_TRUE(contains(what, "plugin '" + want.plugin_id + "'")) << what;
        EXPECT_TRUE(contains(what, want.library.string())) << what;
        EXPECT_TRUE(contains(what, error->reason())) << what;
    }
    std::size_t recorded = 0;
    for (const auto& problem : registry.problems()) {
        if (problem.file != want.library.string())
            continue;
        ++recorded;
        EXPECT_EQ(problem.severity, Severity::error);
        EXPECT_TRUE(contains(problem.message, "plugin '" + want.plugin_id + "': "))
            << problem.to_string();
        EXPECT_TRUE(contains(problem.message, want.reason)) << problem.to_string();
    }
    EXPECT_EQ(recorded, 1u) << describe(registry.problems());
    expect_problems_only_about(registry, want.library);
    const auto summary = registry.plugin(want.plugin_id);
    ASSERT_TRUE(summary);
    EXPECT_FALSE(summary->loaded);
}

/// The common shape of a load-time case: discover it with the good plugins, create its first
/// component, expect the refusal, then the good plugins.
void expect_compiled_case_refused(const std::string& corpus_case, const std::string& component,
                                  const Refusal& want) {
    Registry registry;
    discover_with_good(registry, {corpus(corpus_case)});
    expect_discovered_not_loaded(registry, want.plugin_id);
    expect_refused(registry, ComponentKind::workflow, component, want);
    expect_host_goes_on(registry);
}

}  // namespace

// ---- manifests refused at discovery ---------------------------------------------------------

TEST(BrokenManifest, NotJsonIsReportedWithLineAndColumn) {
    Registry registry;
    EXPECT_NO_THROW(discover_with_good(registry, {corpus("not-json")}));
    const path file = manifest_of("not-json");
    const Diagnostics problems = registry.problems();
    const Diagnostic* problem = find_problem(problems, file, "invalid JSON");
    ASSERT_NE(problem, nullptr) << describe(problems);
    EXPECT_EQ(problem->severity, Severity::error);
    // The comma is missing at the end of line 4; the parser stops at the next key.
    EXPECT_EQ(problem->line, 5u) << problem->to_string();
    EXPECT_EQ(problem->column, 3u) << problem->to_string();
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-not-json"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, MissingFieldsAreEachReported) {
    Registry registry;
    discover_with_good(registry, {corpus("missing-fields")});
    const path file = manifest_of("missing-fields");
    expect_discovery_error(registry, file, "", "missing required field 'version'");
    expect_discovery_error(registry, file, "", "missing required field 'licence'");
    expect_discovery_error(registry, file, "", "missing required field 'provides'");
    EXPECT_EQ(registry.problems().size(), 3u) << describe(registry.problems());
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-missing-fields"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, BadValuesAreReportedAtTheirPointers) {
    Registry registry;
    discover_with_good(registry, {corpus("bad-values")});
    const path file = manifest_of("bad-values");
    expect_discovery_error(registry, file, "/version",
                           "'version' must be a dotted number such as 1.0.0, not 'one'");
    expect_discovery_error(registry, file, "/provides/0/kind", "unknown kind 'widget'");
    expect_discovery_error(registry, file, "/provides/0/id", "invalid id 'Not_A_Slug'");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-bad-values"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, NewerSchemaVersionIsRefused) {
    Registry registry;
    discover_with_good(registry, {corpus("schema-version")});
    const path file = manifest_of("schema-version");
    expect_discovery_error(registry, file, "/schema",
                           "unsupported schema 'coachkit.plugin/2' (this build reads up to "
                           "'coachkit.plugin/1'; upgrade coachkit)");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-schema-version"));
    EXPECT_FALSE(registry.find(ComponentKind::coaching_guide, "corpus-schema-version-guide"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, WrongSchemaFamilyIsRefused) {
    Registry registry;
    discover_with_good(registry, {corpus("schema-family")});
    const path file = manifest_of("schema-family");
    expect_discovery_error(
        registry, file, "/schema",
        "unsupported schema 'coachkit.framework/1' (expected 'coachkit.plugin/1')");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-schema-family"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, RequiresCoreRangeExcludingThisVersionIsRefused) {
    Registry registry;
    discover_with_good(registry, {corpus("requires-core-excluded")});
    const path file = manifest_of("requires-core-excluded");
    expect_discovery_error(
        registry, file, "/requires_core",
        "needs coachkit >=99.0 <100.0; this is coachkit " COACHKIT_VERSION_STRING);
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-requires-core-excluded"));
    expect_host_goes_on(registry);
}

TEST(BrokenManifest, MalformedRequiresCoreRangeIsRefused) {
    Registry registry;
    discover_with_good(registry, {corpus("requires-core-malformed")});
    const path file = manifest_of("requires-core-malformed");
    expect_discovery_error(registry, file, "/requires_core", "malformed version constraint '~0.1'");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-requires-core-malformed"));
    expect_host_goes_on(registry);
}

// ---- a library path leaving the plugin's folder ---------------------------------------------

TEST(LibraryPath, RelativePathLeavingTheFolderIsRefusedUnopened) {
    const path escaped = corpus("libcorpus_escape.so");
    ASSERT_TRUE(std::filesystem::exists(escaped))
        << "the library the manifest points at should exist";
    Registry registry;
    discover_with_good(registry, {corpus("escape-relative")});
    const path file = manifest_of("escape-relative");
    expect_discovery_error(registry, file, "/library",
                           "the library path '../libcorpus_escape.so' leaves the plugin's folder; "
                           "give a path inside it");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-escape-relative"));
    EXPECT_FALSE(registry.find(ComponentKind::workflow, "corpus-escape-flow"));
    EXPECT_THROW((void)registry.create(ComponentKind::workflow, "corpus-escape-flow"),
                 NotFoundError);
    expect_host_goes_on(registry);
    EXPECT_FALSE(is_mapped(escaped));
}

TEST(LibraryPath, AbsolutePathIsRefusedUnopened) {
    const path target = corpus_build("escape/libcorpus_escape.so");
    ASSERT_TRUE(std::filesystem::exists(target));
    Registry registry;
    discover_with_good(registry, {corpus("escape-absolute")});
    const path file = manifest_of("escape-absolute");
    expect_discovery_error(registry, file, "/library",
                           "the library path '" + target.string() + "' leaves the plugin's folder");
    expect_problems_only_about(registry, file);
    EXPECT_FALSE(registry.plugin("corpus-escape-absolute"));
    expect_host_goes_on(registry);
    EXPECT_FALSE(is_mapped(target));
}

TEST(LibraryPath, IsJudgedAfterNormalising) {
    const path folder =
        path(::testing::TempDir()) / ("coachkit-library-path-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder);
    const struct {
        const char* library;
        bool accepted;
    } cases[] = {
        {"sub/../../libx.so", false}, {"../plugin-next-door/libx.so", false},
        {"/usr/lib/libx.so", false},  {"sub/../libx.so", true},
        {"./libx.so", true},          {"lib/libx.so", true},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.library);
        std::ofstream(folder / "plugin.json")
            << R"({"schema": "coachkit.plugin/1", "id": "path-check",
            "version": "1.0.0", "licence": "MIT", "library": ")"
            << c.library << R"(",
            "provides": [{"kind": "workflow", "id": "path-check-flow", "name": "Path check"}]})";
        Diagnostics problems;
        const auto manifest = read_manifest(folder / "plugin.json", problems);
        EXPECT_EQ(manifest.has_value(), c.accepted) << describe(problems);
        if (manifest) {
            EXPECT_EQ(manifest->library, (folder / c.library).lexically_normal());
        } else {
            ASSERT_FALSE(problems.empty());
            EXPECT_EQ(problems.front().pointer, "/library");
        }
    }
    std::filesystem::remove_all(folder);
}

// `cd my-plugin && coachkit plugins validate plugin.json` (or `validate .`): the manifest's folder
// is then "" (or "."), and a library beside the manifest is of course inside it.
TEST(LibraryPath, ManifestNamedRelativeToTheCurrentFolderMayNameItsLibrary) {
    const path previous = std::filesystem::current_path();
    std::filesystem::current_path(corpus("good-compiled"));
    Diagnostics bare_problems;
    const auto bare = read_manifest("plugin.json", bare_problems);
    Diagnostics dot_problems;
    const auto dot = read_manifest("./plugin.json", dot_problems);
    std::filesystem::current_path(previous);
    EXPECT_TRUE(bare) << describe(bare_problems);
    EXPECT_TRUE(dot) << describe(dot_problems);
}

// ---- data-only definitions ------------------------------------------------------------------

TEST(BrokenDataPlugin, EveryBadDefinitionIsReportedWithFileAndPointer) {
    Registry registry;
    discover_with_good(registry, {corpus("data-broken")});
    const path file = manifest_of("data-broken");
    expect_discovery_error(registry, file, "/provides/0/definition/stages",
                           "'stages' must not be empty");
    expect_discovery_error(registry, file, "/provides/1/definition",
                           "an evidence source cannot be data-only");
    expect_discovery_error(registry, file, "/provides/2/definition/levels/1/value",
                           "duplicate level value 1");
    EXPECT_EQ(registry.problems().size(), 3u) << describe(registry.problems());
    expect_problems_only_about(registry, file);
    // The plugin is refused as a whole, its one correct component with it.
    EXPECT_FALSE(registry.plugin("corpus-data-broken"));
    EXPECT_FALSE(registry.find(ComponentKind::coaching_guide, "corpus-fine-guide"));
    EXPECT_FALSE(registry.find(ComponentKind::workflow, "corpus-no-stages"));
    expect_host_goes_on(registry);
}

// ---- libraries refused when first used ------------------------------------------------------

TEST(BrokenLibrary, MissingLibraryFile) {
    expect_compiled_case_refused(
        "library-missing", "corpus-library-missing-flow",
        {"corpus-library-missing", corpus("library-missing") / "libcorpus_library_missing.so",
         "library file not found"});
}

TEST(BrokenLibrary, TextFileNamedLikeALibrary) {
    expect_compiled_case_refused(
        "not-shared-object", "corpus-not-elf-flow",
        {"corpus-not-shared-object", corpus("not-shared-object") / "libcorpus_not_elf.so",
         "cannot open the library: "});
    // The reason says what is wrong with the file, not just that it failed.
    Registry registry;
    registry.discover({corpus("not-shared-object")});
    const auto error = plugin_error_from([&] { registry.load("corpus-not-shared-object"); });
    ASSERT_TRUE(error);
    EXPECT_TRUE(contains(error->reason(), "ELF")) << error->reason();
}

TEST(BrokenLibrary, NoEntryPoint) {
    expect_compiled_case_refused(
        "no-entry-point", "corpus-no-entry-flow",
        {"corpus-no-entry-point", corpus("no-entry-point") / "libcorpus_no_entry_point.so",
         "entry point 'coachkit_plugin_entry' not found (define it with "
         "COACHKIT_PLUGIN in one source file)"});
}

TEST(BrokenLibrary, AbiMajorMismatch) {
    const std::string plugin_abi =
        std::to_string(COACHKIT_ABI_MAJOR + 1) + "." + std::to_string(COACHKIT_ABI_MINOR);
    expect_compiled_case_refused(
        "abi-major", "corpus-abi-major-flow",
        {"corpus-abi-major", corpus("abi-major") / "libcorpus_abi_major.so",
         "built for coachkit ABI " + plugin_abi + "; this host speaks ABI " + kHostAbi +
             " (the major version must match: rebuild the plugin)"});
}

TEST(BrokenLibrary, NewerAbiMinor) {
    const std::string plugin_abi =
        std::to_string(COACHKIT_ABI_MAJOR) + "." + std::to_string(COACHKIT_ABI_MINOR + 1);
    expect_compiled_case_refused(
        "abi-minor", "corpus-abi-minor-flow",
        {"corpus-abi-minor", corpus("abi-minor") / "libcorpus_abi_minor.so",
         "built for coachkit ABI " + plugin_abi + ", newer than this host's " + kHostAbi});
}

// Before 1.0 a minor may break interfaces (0.2 added typed stage rules to WorkflowStage), so an
// older minor is refused like a newer one; from 1.0 an older minor is accepted.
TEST(BrokenLibrary, OlderAbiMinor) {
    const std::string plugin_abi =
        std::to_string(COACHKIT_ABI_MAJOR) + "." +
        std::to_string(COACHKIT_ABI_MINOR > 0 ? COACHKIT_ABI_MINOR - 1 : 0);
    if (COACHKIT_ABI_MAJOR == 0 && COACHKIT_ABI_MINOR > 0) {
        expect_compiled_case_refused(
            "abi-minor-older", "corpus-older-abi-flow",
            {"corpus-abi-minor-older", corpus("abi-minor-older") / "libcorpus_abi_minor_older.so",
             "built for coachkit ABI " + plugin_abi + "; this host speaks ABI " + kHostAbi +
                 " (before 1.0 the minor must match too: rebuild the plugin)"});
        return;
    }
    Registry registry;
    discover_with_good(registry, {corpus("abi-minor-older")});
    std::shared_ptr<Workflow> flow;
    EXPECT_NO_THROW(flow = registry.create<Workflow>("corpus-older-abi-flow"));
    ASSERT_TRUE(flow);
    EXPECT_EQ(flow->mode(), "older-abi");
    EXPECT_TRUE(registry.problems().empty()) << describe(registry.problems());
}

TEST(BrokenLibrary, DescriptorSmallerThanTheHostNeeds) {
    const std::size_t needed =
        offsetof(coachkit_plugin_descriptor, register_components) + sizeof(void*);
    expect_compiled_case_refused(
        "descriptor-too-small", "corpus-small-flow",
        {"corpus-descriptor-too-small",
         corpus("descriptor-too-small") / "libcorpus_descriptor_too_small.so",
         "descriptor is 12 bytes; this host needs at least " + std::to_string(needed)});
}

TEST(BrokenLibrary, EntryPointReturnsNoDescriptor) {
    expect_compiled_case_refused(
        "null-descriptor", "corpus-null-flow",
        {"corpus-null-descriptor", corpus("null-descriptor") / "libcorpus_null_descriptor.so",
         "entry point returned no descriptor"});
}

TEST(BrokenLibrary, ManifestAndBinaryDisagreeOnId) {
    expect_compiled_case_refused(
        "id-mismatch", "corpus-mismatch-flow",
        {"corpus-mismatch-renamed", corpus("id-mismatch") / "libcorpus_mismatch.so",
         "the library says it is plugin 'corpus-mismatch' but its manifest says "
         "'corpus-mismatch-renamed'"});
}

TEST(BrokenLibrary, ManifestAndBinaryDisagreeOnVersion) {
    expect_compiled_case_refused(
        "version-mismatch", "corpus-mismatch-flow",
        {"corpus-mismatch", corpus("version-mismatch") / "libcorpus_mismatch.so",
         "the library says it is version '1.0.0' but its manifest says '1.1.0'"});
}

TEST(BrokenLibrary, ManifestListsAComponentTheLibraryLacks) {
    expect_compiled_case_refused(
        "components-missing", "corpus-mismatch-flow",
        {"corpus-mismatch", corpus("components-missing") / "libcorpus_mismatch.so",
         "the manifest lists coaching-guide 'corpus-mismatch-guide' but the "
         "library does not provide it"});
}

TEST(BrokenLibrary, LibraryProvidesAComponentTheManifestOmits) {
    expect_compiled_case_refused(
        "components-unlisted", "corpus-mismatch-flow",
        {"corpus-mismatch", corpus("components-unlisted") / "libcorpus_mismatch.so",
         "the library provides workflow 'corpus-mismatch-extra' which its "
         "manifest does not list"});
}

// The control for the four cases above: the very same library, with its own manifest, is fine.
TEST(BrokenLibrary, MismatchLibraryLoadsWithItsTrueManifest) {
    Registry registry;
    registry.discover({corpus_build("mismatch")});
    EXPECT_TRUE(registry.problems().empty()) << describe(registry.problems());
    EXPECT_NO_THROW(registry.load("corpus-mismatch"));
    EXPECT_EQ(registry.create<Workflow>("corpus-mismatch-extra")->mode(), "mismatch");
}

TEST(BrokenLibrary, RegisterFunctionThrows) {
    expect_compiled_case_refused(
        "register-throws", "corpus-register-throws-flow",
        {"corpus-register-throws", corpus("register-throws") / "libcorpus_register_throws.so",
         "register function failed: corpus: the licence server is unreachable"});
}

TEST(BrokenLibrary, RegisterFunctionAddsAComponentTwice) {
    expect_compiled_case_refused(
        "register-twice", "corpus-twice-flow",
        {"corpus-register-twice", corpus("register-twice") / "libcorpus_register_twice.so",
         "register function added workflow 'corpus-twice-flow' twice"});
}

// ---- factories failing at create() ----------------------------------------------------------

class BrokenFactory : public ::testing::Test {
protected:
    void SetUp() override {
        discover_with_good(registry_, {corpus("factory-failures")});
        ASSERT_TRUE(registry_.problems().empty()) << describe(registry_.problems());
    }

    /// create() throws a PluginError naming the plugin and its library; the plugin itself loaded.
    void expect_create_fails(const std::string& component, const std::string& reason) {
        for (int attempt = 1; attempt <= 2; ++attempt) {  // not remembered: a factory may recover
            const auto error =
                plugin_error_from([&] { (void)registry_.create<Workflow>(component); });
            ASSERT_TRUE(error) << component;
            EXPECT_EQ(error->plugin_id(), "corpus-factory-failures");
            EXPECT_EQ(error->file(), corpus("factory-failures") / "libcorpus_factory_failures.so");
            EXPECT_EQ(error->reason(), reason);
            EXPECT_TRUE(contains(error->what(), "plugin 'corpus-factory-failures'"))
                << error->what();
        }
        EXPECT_TRUE(registry_.plugin("corpus-factory-failures")->loaded);
        // The plugin's working component is unaffected, and so is the rest of the host.
        EXPECT_EQ(registry_.create<Workflow>("corpus-factory-fine")->mode(), "factory");
        expect_host_goes_on(registry_);
    }

    Registry registry_;
};

TEST_F(BrokenFactory, ThrowsAtCreate) {
    expect_create_fails("corpus-factory-throws",
                        "creating workflow 'corpus-factory-throws' failed: corpus: no observation "
                        "template is configured");
}

TEST_F(BrokenFactory, ReturnsNothing) {
    expect_create_fails("corpus-factory-null",
                        "creating workflow 'corpus-factory-null' returned nothing");
}

TEST_F(BrokenFactory, ReturnsAnotherKind) {
    expect_create_fails("corpus-factory-wrong-kind",
                        "asked for workflow 'corpus-factory-wrong-kind' but got a coaching-guide");
}

// ---- two plugins wanting the same place -----------------------------------------------------

TEST(Clash, SecondProviderOfAComponentIsReportedAndTheFirstKept) {
    Registry registry;
    discover_with_good(registry, {corpus("duplicate-component")});
    const path first = manifest_of("duplicate-component/first");
    const path second = manifest_of("duplicate-component/second");
    expect_discovery_error(registry, second, "/provides/0",
                           "workflow 'corpus-shared-cycle' is also provided by plugin "
                           "'corpus-duplicate-first' (" +
                               first.string() + "); keeping that one");
    expect_problems_only_about(registry, second);
    EXPECT_EQ(registry.find(ComponentKind::workflow, "corpus-shared-cycle")->plugin_id,
              "corpus-duplicate-first");
    EXPECT_EQ(registry.create<Workflow>("corpus-shared-cycle")->mode(), "first");
    expect_host_goes_on(registry);
}

// The kept component must stay the first plugin's even once the second plugin's library is loaded.
TEST(Clash, LoadingTheLosingCompiledPluginDoesNotReplaceTheKeptComponent) {
    Registry registry;
    registry.discover({corpus("clash-data-first"), corpus_build("mismatch")});
    expect_discovery_error(registry, corpus_build("mismatch") / "plugin.json", "/provides/0",
                           "workflow 'corpus-mismatch-flow' is also provided by plugin "
                           "'corpus-clash-data-first'");
    EXPECT_EQ(registry.create<Workflow>("corpus-mismatch-flow")->mode(), "data-first");
    // Loads corpus-mismatch, whose library also registers corpus-mismatch-flow.
    EXPECT_EQ(registry.create<Workflow>("corpus-mismatch-extra")->mode(), "mismatch");
    EXPECT_EQ(registry.find(ComponentKind::workflow, "corpus-mismatch-flow")->plugin_id,
              "corpus-clash-data-first");
    EXPECT_EQ(registry.create<Workflow>("corpus-mismatch-flow")->mode(), "data-first")
        << "the losing plugin's factory replaced the kept plugin's component when it loaded";
}

TEST(Clash, SamePluginIdInTwoSearchFoldersIsShadowedAndTheFirstWins) {
    const path first = manifest_of("shadowed/search-1/same-id");
    const path second = manifest_of("shadowed/search-2/same-id");
    for (const bool reversed : {false, true}) {
        SCOPED_TRACE(reversed ? "search-2 first" : "search-1 first");
        const path winner = reversed ? second : first;
        const path loser = reversed ? first : second;
        Registry registry;
        std::vector<path> folders{corpus("shadowed/search-1"), corpus("shadowed/search-2")};
        if (reversed)
            std::swap(folders[0], folders[1]);
        discover_with_good(registry, folders);
        const Diagnostics problems = registry.problems();
        ASSERT_EQ(problems.size(), 1u) << describe(problems);
        const Diagnostic& warning = problems.front();
        EXPECT_EQ(warning.severity, Severity::warning);
        EXPECT_EQ(warning.file, loser.string());
        EXPECT_EQ(warning.pointer, "/id");
        EXPECT_EQ(warning.message, "plugin 'corpus-shadowed' is shadowed by the one at " +
                                       winner.string() + " (the first found wins)");
        EXPECT_FALSE(has_errors(registry.problems()));
        const auto summary = registry.plugin("corpus-shadowed");
        ASSERT_TRUE(summary);
        EXPECT_EQ(summary->manifest, winner);
        EXPECT_EQ(summary->version, reversed ? "2.0.0" : "1.0.0");
        EXPECT_EQ(registry.create<Workflow>("corpus-shadowed-cycle")->mode(),
                  reversed ? "search-2" : "search-1");
        expect_host_goes_on(registry);
    }
}

// ---- a plugin that crashes while loading ----------------------------------------------------

TEST(CrashingPlugin, ValidateReportsTheSignalAndTheHostSurvives) {
    const path library = corpus("crash-on-load") / "libcorpus_crash_on_load.so";
    ASSERT_TRUE(std::filesystem::exists(library));
    const PluginCheck check = validate_plugin(corpus("crash-on-load"));  // in a child process
    EXPECT_FALSE(check.ok());
    ASSERT_TRUE(check.plugin);
    EXPECT_EQ(check.plugin->id, "corpus-crash-on-load");
    EXPECT_FALSE(check.plugin->loaded);
    const Diagnostic* problem =
        find_problem(check.problems, library, "the plugin crashed while loading");
    ASSERT_NE(problem, nullptr) << describe(check.problems);
    EXPECT_EQ(problem->severity, Severity::error);
    EXPECT_TRUE(contains(problem->message, "(signal " + std::to_string(SIGSEGV)))
        << problem->message;
    EXPECT_FALSE(is_mapped(library)) << "the crashing library was opened in the test process";

    // Still here: validation and loading go on in this process.
    const PluginCheck good = validate_plugin(corpus("good-compiled"));
    EXPECT_TRUE(good.ok()) << describe(good.problems);
    Registry registry;
    discover_with_good(registry, {corpus("crash-on-load")});
    expect_discovered_not_loaded(registry, "corpus-crash-on-load");
    expect_host_goes_on(registry);
}

TEST(CrashingPlugin, IsReportedEvenWhenTheHostIgnoresSigchld) {
    // Daemons often ignore SIGCHLD; then waitpid() cannot report the child's status, and a naive
    // check would call a crash a success.
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    ASSERT_EQ(sigaction(SIGCHLD, &ignore, &previous), 0);
    const PluginCheck crashed = validate_plugin(corpus("crash-on-load"));
    const PluginCheck good = validate_plugin(corpus("good-compiled"));
    sigaction(SIGCHLD, &previous, nullptr);
    EXPECT_FALSE(crashed.ok()) << describe(crashed.problems);
    EXPECT_TRUE(good.ok()) << describe(good.problems);
}

TEST(HangingPlugin, ValidateStopsItAfterTheTimeout) {
    const path library = corpus("hangs-on-load") / "libcorpus_hangs_on_load.so";
    const PluginCheck check =
        validate_plugin(corpus("hangs-on-load"), Isolation::child_process, std::chrono::seconds(1));
    EXPECT_FALSE(check.ok());
    const Diagnostic* problem =
        find_problem(check.problems, library, "did not finish loading within 1 s and was stopped");
    ASSERT_NE(problem, nullptr) << describe(check.problems);
    EXPECT_FALSE(is_mapped(library));
}

// ---- validate_plugin on every case ----------------------------------------------------------

namespace {

struct RejectedCase {
    const char* folder;      ///< corpus case
    const char* file;        ///< the file the problem must name, in the case's folder
    const char* reason;      ///< a substring of the problem's message
    bool manifest_readable;  ///< whether the check still describes the plugin
};

const RejectedCase kRejected[] = {
    {"not-json", "plugin.json", "invalid JSON", false},
    {"missing-fields", "plugin.json", "missing required field 'licence'", false},
    {"bad-values", "plugin.json", "unknown kind 'widget'", false},
    {"schema-version", "plugin.json", "unsupported schema 'coachkit.plugin/2'", false},
    {"schema-family", "plugin.json", "unsupported schema 'coachkit.framework/1'", false},
    {"requires-core-excluded", "plugin.json", "needs coachkit >=99.0 <100.0", false},
    {"requires-core-malformed", "plugin.json", "malformed version constraint '~0.1'", false},
    {"escape-relative", "plugin.json", "leaves the plugin's folder", false},
    {"escape-absolute", "plugin.json", "leaves the plugin's folder", false},
    {"data-broken", "plugin.json", "'stages' must not be empty", false},
    {"library-missing", "libcorpus_library_missing.so", "library file not found", true},
    {"not-shared-object", "libcorpus_not_elf.so", "cannot open the library", true},
    {"no-entry-point", "libcorpus_no_entry_point.so",
     "entry point 'coachkit_plugin_entry' not found", true},
    {"abi-major", "libcorpus_abi_major.so", "the major version must match", true},
    {"abi-minor", "libcorpus_abi_minor.so", "newer than this host's", true},
    {"descriptor-too-small", "libcorpus_descriptor_too_small.so", "descriptor is 12 bytes", true},
    {"null-descriptor", "libcorpus_null_descriptor.so", "entry point returned no descriptor", true},
    {"id-mismatch", "libcorpus_mismatch.so", "the library says it is plugin 'corpus-mismatch'",
     true},
    {"version-mismatch", "libcorpus_mismatch.so", "the library says it is version '1.0.0'", true},
    {"components-missing", "libcorpus_mismatch.so",
     "the manifest lists coaching-guide 'corpus-mismatch-guide'", true},
    {"components-unlisted", "libcorpus_mismatch.so",
     "the library provides workflow 'corpus-mismatch-extra'", true},
    {"register-throws", "libcorpus_register_throws.so", "corpus: the licence server is unreachable",
     true},
    {"register-twice", "libcorpus_register_twice.so", "added workflow 'corpus-twice-flow' twice",
     true},
    {"factory-failures", "libcorpus_factory_failures.so",
     "creating workflow 'corpus-factory-throws' failed", true},
    {"crash-on-load", "libcorpus_crash_on_load.so", "the plugin crashed while loading (signal",
     true},
};

// So that test listings (and ctest's names) show the case, not the struct's bytes.
void PrintTo(const RejectedCase& c, std::ostream* out) {
    *out << c.folder;
}

class ValidateRejects : public ::testing::TestWithParam<RejectedCase> {};

std::string case_name(const ::testing::TestParamInfo<RejectedCase>& info) {
    std::string name = info.param.folder;
    for (char& c : name) {
        if (c == '-')
            c = '_';
    }
    return name;
}

}  // namespace

TEST_P(ValidateRejects, NamingTheFileAndTheReason) {
    const RejectedCase& c = GetParam();
    const PluginCheck check = validate_plugin(corpus(c.folder));  // in a child process
    EXPECT_FALSE(check.ok());
    const path file = corpus(c.folder) / c.file;
    const Diagnostic* problem = find_problem(check.problems, file, c.reason);
    ASSERT_NE(problem, nullptr) << "no problem about " << file << " saying \"" << c.reason
                                << "\" in:\n"
                                << describe(check.problems);
    EXPECT_EQ(problem->severity, Severity::error);
    EXPECT_EQ(check.plugin.has_value(), c.manifest_readable);
    if (check.plugin) {
        EXPECT_FALSE(check.plugin->loaded);
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, ValidateRejects, ::testing::ValuesIn(kRejected), case_name);

TEST(Validate, AcceptsTheGoodPlugins) {
    for (const auto& folder :
         {corpus("good-compiled"), corpus("good-data"), corpus_build("mismatch")}) {
        for (const auto isolation : {Isolation::child_process, Isolation::in_process}) {
            SCOPED_TRACE(folder.string() +
                         (isolation == Isolation::in_process ? " in process" : " in a child"));
            const PluginCheck check = validate_plugin(folder, isolation);
            EXPECT_TRUE(check.ok()) << describe(check.problems);
            ASSERT_TRUE(check.plugin);
            EXPECT_TRUE(check.plugin->loaded);
        }
    }
}
