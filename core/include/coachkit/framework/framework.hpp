// A loaded framework and the questions users ask of it.
#pragma once

#include <boost/json/value.hpp>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/framework/comparison.hpp"
#include "coachkit/framework/types.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Identity of a model pack (and of the packs it was built from).
struct COACHKIT_API PackInfo {
    std::string id;
    std::string name;
    std::string version;
    std::string description;
    std::vector<std::string> layers;  ///< ids of the packs merged to make this one, base first
    std::map<std::string, std::string> sources;  ///< source file -> title
};

/// An immutable, validated framework. Cheap to copy (it shares its data).
///
/// Obtain one with Framework::curee() (the built-in CUREE pack) or with load_pack() below.
class COACHKIT_API Framework {
public:
    /// The CUREE national framework compiled into the library. Parsed once, on first use.
    [[nodiscard]] static const Framework& curee();

    [[nodiscard]] const PackInfo& info() const;

    [[nodiscard]] const std::vector<Principle>& principles() const;
    [[nodiscard]] const std::vector<Mode>& modes() const;
    [[nodiscard]] const std::vector<FrameworkRole>& roles() const;
    [[nodiscard]] const std::vector<Theme>& themes() const;
    [[nodiscard]] const std::vector<Skill>& skills() const;
    [[nodiscard]] const std::vector<Ability>& abilities() const;
    [[nodiscard]] const std::vector<Activity>& activities() const;

    // Lookups by id (by number for themes). The `find_` forms return nullptr when absent; the
    // others throw NotFoundError naming what is known.
    [[nodiscard]] const Principle* find_principle(std::string_view id) const;
    [[nodiscard]] const Mode* find_mode(std::string_view id) const;
    [[nodiscard]] const FrameworkRole* find_role(std::string_view id) const;
    [[nodiscard]] const Theme* find_theme(int number) const;
    [[nodiscard]] const Skill* find_skill(std::string_view id) const;
    [[nodiscard]] const Ability* find_ability(std::string_view id) const;
    [[nodiscard]] const Activity* find_activity(std::string_view id) const;
    [[nodiscard]] const Principle& principle(std::string_view id) const;
    [[nodiscard]] const Mode& mode(std::string_view id) const;
    [[nodiscard]] const FrameworkRole& role(std::string_view id) const;
    [[nodiscard]] const Theme& theme(int number) const;
    [[nodiscard]] const Skill& skill(std::string_view id) const;
    [[nodiscard]] const Ability& ability(std::string_view id) const;
    [[nodiscard]] const Activity& activity(std::string_view id) const;

    /// The skills of a mode, in that mode's numbered order.
    [[nodiscard]] std::vector<Skill> skills_of(std::string_view mode) const;
    /// What a professional learner develops in a mode.
    [[nodiscard]] std::vector<Ability> abilities_of(std::string_view mode) const;
    /// The activities of a mode, in number order.
    [[nodiscard]] std::vector<Activity> activities_of(std::string_view mode) const;
    /// One theme followed "around the circles": the activity each mode has on it.
    [[nodiscard]] ThemeRow follow_theme(int number) const;

    /// Compares two or more modes: shared and unique skills and abilities, activities by theme.
    [[nodiscard]] ModeComparison compare(const std::vector<std::string>& mode_ids) const;

    /// The framework as a standalone `coachkit.framework/1` pack (unknown fields included), which
    /// load_pack() reads back to an equal framework.
    [[nodiscard]] boost::json::value to_json() const;
    /// A readable reference in Markdown (what docs/framework.md is generated from).
    [[nodiscard]] std::string to_markdown() const;

    struct Data;  // defined in the implementation
    explicit Framework(std::shared_ptr<const Data> data);

private:
    std::shared_ptr<const Data> data_;
};

/// Loads a pack file. A pack that `extends` another is laid over it (today the base is always the
/// built-in `curee`). Throws InvalidDocumentError listing every problem found.
[[nodiscard]] COACHKIT_API Framework load_pack(const std::filesystem::path& path);

/// As load_pack(), from JSON text; `origin` names it in diagnostics.
[[nodiscard]] COACHKIT_API Framework load_pack_text(std::string_view json, std::string_view origin);

/// Checks a pack file and returns every problem found (empty when valid). Never throws for bad
/// content.
[[nodiscard]] COACHKIT_API Diagnostics validate_pack(const std::filesystem::path& path);

COACHKIT_NAMESPACE_END
