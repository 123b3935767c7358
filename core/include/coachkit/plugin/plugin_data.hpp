// Where a compiled plugin's data files are: the folder of the library this header is compiled
// into. coachkit_add_plugin(... DATA file...) copies and installs data files there
// (docs/plugins.md).
#pragma once

#include <boost/dll/runtime_symbol_info.hpp>
#include <filesystem>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The folder holding the calling plugin's library. Inline and, in a plugin (built with hidden
/// visibility), private to it, so the answer is the plugin's folder, never libcoachkit's.
[[nodiscard]] inline std::filesystem::path plugin_folder() {
    return boost::dll::this_line_location().parent_path();
}

COACHKIT_NAMESPACE_END
