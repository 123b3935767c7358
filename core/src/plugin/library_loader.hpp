// Private: opening a compiled plugin's library and checking it before trusting it.
#pragma once

#include <map>
#include <utility>

#include "coachkit/plugin/manifest.hpp"
#include "coachkit/plugin/registrar.hpp"

COACHKIT_NAMESPACE_BEGIN

using ComponentKey = std::pair<ComponentKind, std::string>;

/// Opens `manifest.library`, checks the handshake (ABI, struct size, id and version agree with the
/// manifest), calls the register function and checks the components agree with the manifest.
/// Returns factories whose instances keep the library alive. Throws PluginError on any failure.
/// The library is never closed.
std::map<ComponentKey, ComponentFactory> open_plugin_library(const PluginManifest& manifest);

COACHKIT_NAMESPACE_END
