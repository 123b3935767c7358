// Shared helpers for the plugin tests: where the corpus is, what a process has mapped, and the
// good plugins each test loads after a broken one to show that the host carries on.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/plugin/registry.hpp"

namespace coachkit::test {

/// A folder (or file) of the corpus in the build tree: corpus("abi-major").
inline std::filesystem::path corpus(const std::string& relative = {}) {
    const std::filesystem::path root(COACHKIT_PLUGIN_CORPUS);
    return relative.empty() ? root : root / relative;
}

/// Where libraries with deliberately wrong manifests are built, beside their true manifests.
inline std::filesystem::path corpus_build(const std::string& relative = {}) {
    const std::filesystem::path root(COACHKIT_PLUGIN_CORPUS_BUILD);
    return relative.empty() ? root : root / relative;
}

inline std::filesystem::path builtin_plugins() {
    return COACHKIT_BUILTIN_PLUGINS;
}

/// The manifest of a corpus case, spelled as discovery spells it (folder / "plugin.json").
inline std::filesystem::path manifest_of(const std::string& corpus_case) {
    return corpus(corpus_case) / "plugin.json";
}

/// All diagnostics as text, for failure messages.
inline std::string describe(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out.empty() ? "(no diagnostics)" : out;
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

/// The first diagnostic about `file` whose message contains `text`, or null.
inline const Diagnostic* find_problem(const Diagnostics& diagnostics,
                                      const std::filesystem::path& file, std::string_view text) {
    for (const auto& d : diagnostics) {
        if (d.file == file.string() && contains(d.message, text))
            return &d;
    }
    return nullptr;
}

/// The files mapped into this process, from /proc/self/maps.
inline std::set<std::string> mapped_files() {
    std::set<std::string> files;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash != std::string::npos)
            files.insert(line.substr(slash));
    }
    return files;
}

inline bool is_mapped(const std::filesystem::path& file) {
    return mapped_files().count(std::filesystem::weakly_canonical(file).string()) > 0;
}

/// Runs `fn`, which should throw PluginError, and returns the error (nothing if it did not throw).
template <typename Fn>
std::optional<PluginError> plugin_error_from(Fn&& fn) {
    try {
        fn();
    } catch (const PluginError& e) {
        return e;
    }
    return std::nullopt;
}

/// The good plugins: one compiled (corpus-good) and one data-only (corpus-good-data).
inline std::vector<std::filesystem::path> good_plugins() {
    return {corpus("good-compiled"), corpus("good-data")};
}

/// Discovers `folders`, then the good plugins, in `registry`.
inline void discover_with_good(Registry& registry, std::vector<std::filesystem::path> folders) {
    for (auto& good : good_plugins())
        folders.push_back(std::move(good));
    registry.discover(folders);
}

/// The host goes on: after whatever failed, the same registry still loads and serves the good
/// compiled plugin and the good data-only one.
inline void expect_host_goes_on(Registry& registry) {
    SCOPED_TRACE("the good plugins, after the broken one");
    std::shared_ptr<Workflow> cycle;
    EXPECT_NO_THROW(cycle = registry.create<Workflow>("corpus-good-cycle"));
    ASSERT_TRUE(cycle);
    EXPECT_EQ(cycle->mode(), "corpus-mode");
    const auto stages = cycle->stages();
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_EQ(stages[1].id, "review");
    EXPECT_EQ(stages[1].typical_minutes, 30);
    const auto summary = registry.plugin("corpus-good");
    ASSERT_TRUE(summary);
    EXPECT_TRUE(summary->loaded);

    std::shared_ptr<CoachingGuide> guide;
    EXPECT_NO_THROW(guide = registry.create<CoachingGuide>("corpus-good-guide"));
    ASSERT_TRUE(guide);
    EXPECT_EQ(guide->focus(), "testing");
}

}  // namespace coachkit::test
