// Checking a plugin before shipping or installing it.
#pragma once

#include <chrono>
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
    /// Open compiled libraries in a separate program (coachkit-plugin-check, installed beside the
    /// built-in plugins): a crash, a hang or an exit is reported, never suffered.
    child_process,
    in_process,  ///< open them here (faster; for a plugin already trusted)
};

/// Checks a plugin folder or its plugin.json: the manifest, every data-only definition, and for a
/// compiled plugin the library (the handshake, its components against the manifest, and that each
/// component can be created). With child_process isolation a library that has not finished within
/// `timeout` is stopped and reported.
[[nodiscard]] COACHKIT_API PluginCheck validate_plugin(
    const std::filesystem::path& folder_or_manifest, Isolation isolation = Isolation::child_process,
    std::chrono::milliseconds timeout = std::chrono::seconds(60));

COACHKIT_NAMESPACE_END
