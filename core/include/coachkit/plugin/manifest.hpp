// plugin.json: what a plugin is and provides, readable without loading anything.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One entry of a manifest's `provides`.
struct COACHKIT_API ProvidedComponent {
    ComponentDescriptor descriptor;
    /// The inline definition of a data-only component (absent for a compiled one).
    std::optional<boost::json::object> definition;
    std::string pointer;  ///< where in the manifest it is, for diagnostics
};

/// A parsed, shape-checked `coachkit.plugin/1` manifest. See docs/plugins.md.
struct COACHKIT_API PluginManifest {
    std::filesystem::path path;  ///< the plugin.json file
    std::string id;
    std::string version;
    std::string licence;
    std::string description;
    std::string requires_core;  ///< a version range such as ">=0.1 <1.0"; empty means any
    /// The library, resolved against the manifest's folder; empty for a data-only plugin.
    std::filesystem::path library;
    std::vector<ProvidedComponent> provides;

    [[nodiscard]] bool is_compiled() const { return !library.empty(); }
};

/// Reads and checks a manifest (shape, core version range, library path inside the plugin folder,
/// definitions present for data-only components). Returns nothing and fills `out` on error.
[[nodiscard]] COACHKIT_API std::optional<PluginManifest> read_manifest(
    const std::filesystem::path& path, Diagnostics& out);

/// True if `version` (e.g. "0.1.0") satisfies `range` (space- or comma-separated constraints with
/// >=, >, <=, <, ==; empty means any). Throws Error for a malformed range.
[[nodiscard]] COACHKIT_API bool version_satisfies(std::string_view version, std::string_view range);

COACHKIT_NAMESPACE_END
