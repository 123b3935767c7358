// Private: the shared, immutable state behind a Framework.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "coachkit/framework/framework.hpp"

COACHKIT_NAMESPACE_BEGIN

struct TransparentStringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

/// id -> position in the item vector; looked up with string_view without allocating.
using IdIndex =
    std::unordered_map<std::string, std::size_t, TransparentStringHash, std::equal_to<>>;

struct Framework::Data {
    PackInfo info;
    /// The merged, validated pack as a standalone document: the source of to_json(), so unknown
    /// fields at any depth survive a round trip.
    boost::json::object document;

    std::vector<Principle> principles;
    std::vector<Mode> modes;
    std::vector<FrameworkRole> roles;
    std::vector<Theme> themes;
    std::vector<Skill> skills;
    std::vector<Ability> abilities;
    std::vector<Activity> activities;

    IdIndex principle_index, mode_index, role_index, skill_index, ability_index, activity_index;
    std::unordered_map<int, std::size_t> theme_index;

    /// Fills the indexes from the vectors; called once the vectors are final.
    void build_indexes();
};

COACHKIT_NAMESPACE_END
