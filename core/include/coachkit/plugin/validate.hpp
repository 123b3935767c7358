// Checking a plugin before shipping or installing it.
#pragma once

#include <filesystem>
#include <optional>

#include "coachkit/plugin/registry.hpp"

COACHKIT_NAMESPACE_BEGIN

/// What validate_plugin() found.
struct COACHKIT_API PluginCheck {
    std::optional<PluginSummary> plugin;  ///< absent when the manifest could not be read
    Diagnostics problems;
    [[nodiscard]] bool ok() const { return plugin.has_value() && !has_errors(problems); }
};

enum class Isolation {
    child_process,  ///< open compiled libraries in a child process: a crash is reported, not fatal
    in_process,     ///< open them here (faster; for a plugin already trusted)
};

/// Checks a plugin folder or its plugin.json: the manifest, every data-only definition, and for a
/// compiled plugin the library (the handshake, its components against the manifest, and that each
/// component can be created).
[[nodiscard]] COACHKIT_API PluginCheck
validate_plugin(const std::filesystem::path& folder_or_manifest,
                Isolation isolation = Isolation::child_process);

COACHKIT_NAMESPACE_END
